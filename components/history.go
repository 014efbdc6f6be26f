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
// as new edits, so nothing in the history is ever rewritten. The edits of
// one change (a restore, an import) are one entry, which can be undone
// whole; the analysis as created is the last entry. A restore is asked for
// first, saying how many edits it undoes.
type HistoryPanel struct {
	app.Compo
	ID int64

	ctx     app.Context
	entries []model.LoggedOp
	err     string
	busy    bool
	confirm int64 // the version a restore of which waits for a yes, or 0
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
	h.busy, h.confirm = true, 0
	ctx, id := h.ctx, h.ID
	ctx.Async(func() {
		_, err := apiClient().RestoreVersion(context.Background(), id, version)
		ctx.Dispatch(func(ctx app.Context) {
			h.busy, h.err = false, model.ErrorMessage(err)
			h.reload()
		})
	})
}

// head is the latest version the list shows.
func (h *HistoryPanel) head() int64 {
	if len(h.entries) == 0 {
		return 1
	}
	return h.entries[0].Version
}

// historyEntry is one row of the list: an edit alone, or the edits of one
// change, newest first.
type historyEntry struct {
	ops []model.LoggedOp
}

func (e historyEntry) top() model.LoggedOp { return e.ops[0] }

// grouped gathers the consecutive edits of each change into one entry.
func grouped(ops []model.LoggedOp) []historyEntry {
	var out []historyEntry
	for i := 0; i < len(ops); {
		j := i + 1
		for c := ops[i].Change; c != 0 && j < len(ops) && ops[j].Change == c; j++ {
		}
		out = append(out, historyEntry{ops: ops[i:j]})
		i = j
	}
	return out
}

// Render draws the list.
func (h *HistoryPanel) Render() app.UI {
	entries := grouped(h.entries)
	// The analysis as created is listed once the list reaches back to it.
	created := len(h.entries) > 0 && h.entries[len(h.entries)-1].Version == 2
	return app.Div().Class("card history").ID("history").Body(
		app.Div().Class("toolbar").Body(
			app.H2().Text("History"),
			app.Button().Class("small").ID("history-refresh").Text("Refresh").OnClick(func(ctx app.Context, e app.Event) { h.reload() }),
		),
		app.If(h.err != "", func() app.UI { return app.P().Class("error").Text(h.err) }),
		app.If(h.confirm != 0, func() app.UI { return h.renderConfirm() }),
		app.If(len(h.entries) == 0 && h.err == "", func() app.UI { return app.P().Class("muted").Text("No edits yet.") }),
		app.Table().Body(app.TBody().Body(
			app.Range(entries).Slice(func(i int) app.UI { return h.renderEntry(entries[i]) }),
			app.If(created, func() app.UI {
				return app.Tr().Class("history-entry created").DataSet("version", 1).Body(
					app.Td().Class("muted").Text("v1"),
					app.Td(), app.Td(),
					app.Td().Text("the analysis as created"),
					app.Td().Body(h.restoreButton(1, "restore", "Restore this version")),
				)
			}),
		)),
	)
}

func (h *HistoryPanel) renderEntry(e historyEntry) app.UI {
	l := e.top()
	version := "v" + strconv.FormatInt(l.Version, 10)
	what := app.UI(app.Text(describe(l)))
	var undo app.UI = app.Text("")
	if len(e.ops) > 1 {
		version = "v" + strconv.FormatInt(e.ops[len(e.ops)-1].Version, 10) + "–" + strconv.FormatInt(l.Version, 10)
		what = app.Details().Body(
			app.Summary().Text(describeChange(e)),
			app.Ul().Body(app.Range(e.ops).Slice(func(i int) app.UI { return app.Li().Text(describe(e.ops[i])) })),
		)
	}
	if l.Change != 0 {
		undo = h.restoreButton(l.Change-1, "undo-change", "Undo this")
	}
	return app.Tr().Class("history-entry").DataSet("version", l.Version).Body(
		app.Td().Class("muted").Text(version),
		app.Td().Class("muted").Text(l.Time.Local().Format("Jan 2 15:04:05")),
		app.Td().Class("muted").Text(who(l.Session)),
		app.Td().Body(what),
		app.Td().Body(h.restoreButton(l.Version, "restore", "Restore this version"), undo),
	)
}

// restoreButton asks to restore version: the restore waits for a yes.
func (h *HistoryPanel) restoreButton(version int64, class, label string) app.UI {
	return app.Button().Class("small "+class).Text(label).Disabled(h.busy || version >= h.head()).
		OnClick(func(ctx app.Context, e app.Event) { h.confirm = version }, app.EventScope(version))
}

// undoneShown is how many of the edits a restore undoes its question lists.
const undoneShown = 8

// renderConfirm says what a restore will do, the edits it undoes listed,
// and waits for a yes.
func (h *HistoryPanel) renderConfirm() app.UI {
	n := h.head() - h.confirm
	var undone []model.LoggedOp
	for _, l := range h.entries {
		if l.Version > h.confirm {
			undone = append(undone, l)
		}
	}
	shown := undone[:min(len(undone), undoneShown)]
	return app.Div().Class("confirm").ID("restore-ask").Body(
		app.P().Text("Restore version "+strconv.FormatInt(h.confirm, 10)+"? The "+edits(int(n))+" after it are undone, as new edits: the restore can be undone in turn."),
		app.Ul().Class("undone").Body(app.Range(shown).Slice(func(i int) app.UI {
			return app.Li().Text("undo " + describe(shown[i]))
		})),
		app.If(len(undone) > len(shown), func() app.UI {
			return app.P().Class("muted").Text("… and " + edits(len(undone)-len(shown)) + " more")
		}),
		app.Div().Class("toolbar").Body(
			app.Button().Class("primary").ID("restore-confirm").Text("Restore").Disabled(h.busy).
				OnClick(func(ctx app.Context, e app.Event) { h.restore(h.confirm) }),
			app.Button().ID("restore-cancel").Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { h.confirm = 0 }),
		),
	)
}

// describeChange says what a change of several edits was.
func describeChange(e historyEntry) string {
	l := e.top()
	if strings.HasPrefix(l.Session, "restore to version ") {
		return "restored version " + strings.TrimPrefix(l.Session, "restore to version ") + ": " + edits(len(e.ops))
	}
	return edits(len(e.ops)) + " at once"
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
