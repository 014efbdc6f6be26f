package components

import (
	"math/rand/v2"
	"strconv"

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

// actionOps carries several ops that make one edit (a paste, a fill), undone
// together.
const actionOps = "thesisboard/ops"

// sendOps asks the page to apply ops as one edit.
func sendOps(ctx app.Context, ops []model.Op) {
	if len(ops) > 0 {
		ctx.NewActionWithValue(actionOps, ops)
	}
}

// sendOp asks the page to apply op.
func sendOp(ctx app.Context, op model.Op) {
	ctx.NewActionWithValue(actionOp, op)
}

// newGroup names one edit made of several ops (model.Op.Group): random, so
// that no two edits of any tab share a name.
func newGroup() string { return "g" + strconv.FormatUint(rand.Uint64(), 36) }

// hidden is text for screen readers only: the name of a column whose
// heading shows nothing (the row numbers, the buttons).
func hidden(text string) app.UI { return app.Span().Class("sr-only").Text(text) }
