package components

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// HistoryPanel lists an analysis's edits, newest first — when, from which
// session, what changed from what to what — and restores any earlier version
// as new edits, so nothing in the history is ever rewritten.
type HistoryPanel struct {
	app.Compo
	ID int64

	ctx     app.Context
	entries []model.LoggedOp
	err     string
	busy    bool
}

// OnMount loads the history.
func (h *HistoryPanel) OnMount(ctx app.Context) {
	h.ctx = ctx
	h.reload()
}

func (h *HistoryPanel) reload() {
	ctx, id := h.ctx, h.ID
	ctx.Async(func() {
		entries, err := apiClient().History(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			h.entries, h.err = entries, model.ErrorMessage(err)
		})
	})
}

func (h *HistoryPanel) restore(version int64) {
	if h.busy {
		return
	}
	h.busy = true
	ctx, id := h.ctx, h.ID
	ctx.Async(func() {
		_, err := apiClient().RestoreVersion(context.Background(), id, version)
		ctx.Dispatch(func(ctx app.Context) {
			h.busy, h.err = false, model.ErrorMessage(err)
			h.reload()
		})
	})
}

// Render draws the list.
func (h *HistoryPanel) Render() app.UI {
	return app.Div().Class("card history").ID("history").Body(
		app.Div().Class("toolbar").Body(
			app.H2().Text("History"),
			app.Button().Class("small").ID("history-refresh").Text("Refresh").OnClick(func(ctx app.Context, e app.Event) { h.reload() }),
		),
		app.If(h.err != "", func() app.UI { return app.P().Class("error").Text(h.err) }),
		app.If(len(h.entries) == 0 && h.err == "", func() app.UI { return app.P().Class("muted").Text("No edits yet.") }),
		app.Table().Body(app.TBody().Body(app.Range(h.entries).Slice(func(i int) app.UI {
			l := h.entries[i]
			return app.Tr().Class("history-entry").DataSet("version", l.Version).Body(
				app.Td().Class("muted").Text("v"+strconv.FormatInt(l.Version, 10)),
				app.Td().Class("muted").Text(l.Time.Local().Format("Jan 2 15:04:05")),
				app.Td().Class("muted").Text(who(l.Session)),
				app.Td().Text(describe(l)),
				app.Td().Body(app.Button().Class("small restore").Text("Restore this version").Disabled(h.busy).
					OnClick(func(ctx app.Context, e app.Event) { h.restore(l.Version) }, app.EventScope(l.Version))),
			)
		}))),
	)
}

// who names the session that made an edit: this tab, another tab (with the
// start of its name, to tell tabs apart), or what a client of the API
// called itself.
func who(by string) string {
	switch {
	case by == session():
		return "this tab"
	case by == "":
		return "API"
	case strings.HasPrefix(by, "tab-"):
		return "another tab, " + string([]rune(by)[:min(utf8.RuneCountInString(by), 8)])
	}
	return by
}

// describe says what an op changed, old → new.
func describe(l model.LoggedOp) string {
	op := l.Op
	old := ""
	if len(l.Undo) > 0 {
		old = l.Undo[0].Input
		if op.Kind == model.OpSetThesis {
			old = l.Undo[0].Text
		}
	}
	show := func(s string) string {
		if s == "" {
			return "(empty)"
		}
		if utf8.RuneCountInString(s) > 40 {
			return string([]rune(s)[:39]) + "…"
		}
		return s
	}
	switch op.Kind {
	case model.OpSetCell:
		return op.Sheet + "!" + op.Cell + ": " + show(old) + " → " + show(op.Input)
	case model.OpInsertRow:
		return op.Sheet + ": row " + strconv.Itoa(op.Row) + " inserted"
	case model.OpDeleteRow:
		return op.Sheet + ": row " + strconv.Itoa(op.Row) + " deleted"
	case model.OpInsertCol:
		return op.Sheet + ": column " + model.ColName(op.Col-1) + " inserted"
	case model.OpDeleteCol:
		return op.Sheet + ": column " + model.ColName(op.Col-1) + " deleted"
	case model.OpSetThesis:
		return "thesis " + op.Field + ": " + show(old) + " → " + show(op.Text)
	case model.OpAddWatch:
		if op.Watch != nil {
			return "watchlist: " + op.Watch.Code + " added"
		}
	case model.OpRemoveWatch:
		return "watchlist: " + op.Code + " removed"
	}
	return string(op.Kind)
}
