package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// actionOp carries a model.Op from any part of the dashboard (a grid, the
// thesis card, the watchlist) to the page, which applies and sends it.
const actionOp = "thesisboard/op"

// actionUndo and actionRedo ask the page to undo or redo this tab's last
// edit.
const (
	actionUndo = "thesisboard/undo"
	actionRedo = "thesisboard/redo"
)

// sendOp asks the page to apply op.
func sendOp(ctx app.Context, op model.Op) {
	ctx.NewActionWithValue(actionOp, op)
}
