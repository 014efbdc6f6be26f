package components

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/client"
	"thesisboard/app/model"
	"thesisboard/app/replica"
)

// Dashboard is the page of one analysis at /a/{id}: the thesis, a grid per
// section, the charts, the watchlist and the sources.
//
// Edits arrive as actionOp from the child components. The page keeps the
// analysis in a replica.Replica: each op applies there at once (the engine
// computes formulas as the server does), so grids and charts redraw without
// waiting, and goes to the server one at a time, in order. Other sessions'
// ops arrive from the event stream and apply on top, carried over this
// tab's edits still on their way; a refused edit is taken out again, so the
// page ends holding what the server holds.
type Dashboard struct {
	app.Compo

	id      int64
	a       *model.Analysis
	status  string // loading, loaded, error
	loadErr string

	rep         *replica.Replica // d.a is rep.Analysis(): the server's and this tab's pending edits
	sending     bool
	saveErr     string
	csvNote     string    // what the last CSV upload did
	offline     bool      // the server cannot be reached; edits wait in the browser
	baseSaved   bool      // the browser holds this load's base (see persist)
	showHistory bool      // the history panel is open
	listen      listeners // DOM listeners added in OnMount
	ctx         app.Context
	live        *liveStream // other sessions' ops, as they are committed
	// undo and redo hold, per edit of this tab, the ops that reverse it.
	undo, redo [][]model.Op
	// conflicts are this tab's edits the server refused because another
	// session changed the same cell first; each waits for the person's pick.
	conflicts []model.Conflict
	// orphaned counts the edits kept by tabs that are gone, which this one
	// sends (see orphans.go).
	orphaned       int
	sendingOrphans bool
	// retryQueued, trying and checking keep one try of the server at a
	// time (see connection.go).
	retryQueued, trying, checking bool
}

// OnMount runs in the browser once the page is in the DOM.
func (d *Dashboard) OnMount(ctx app.Context) {
	d.ctx = ctx
	ctx.Handle(actionOp, d.onOp)
	ctx.Handle(actionOps, d.onOps)
	ctx.Handle(actionUndo, func(ctx app.Context, _ app.Action) { d.history(ctx, &d.undo, &d.redo) })
	ctx.Handle(actionRedo, func(ctx app.Context, _ app.Action) { d.history(ctx, &d.redo, &d.undo) })
	d.keepOnHide(ctx)
	d.watchConnection(ctx)
}

// history replays the last entry of from (undo or redo) as new edits and
// records their own reverse in to, so undo and redo alternate as in Excel.
func (d *Dashboard) history(ctx app.Context, from, to *[][]model.Op) {
	if d.a == nil || len(*from) == 0 {
		return
	}
	ops := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	if reverse := d.edit(ctx, ops...); len(reverse) > 0 {
		*to = append(*to, reverse)
	}
}

// onWatchCSV sends a picked CSV file to the server, which adds its rows as
// ops, then reloads the analysis.
func (d *Dashboard) onWatchCSV(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 || d.a == nil {
		return
	}
	page, id := d.ctx, d.a.ID
	input := ctx.JSSrc()
	files.Index(0).Call("text").Then(func(v app.Value) {
		text := v.String()
		input.Set("value", "")
		page.Async(func() {
			res, err := apiClient().ImportWatchlistCSV(context.Background(), id, text)
			page.Dispatch(func(ctx app.Context) {
				if err != nil {
					d.csvNote = "CSV not imported: " + model.ErrorMessage(err)
					return
				}
				d.csvNote = strconv.Itoa(res.Added) + " added"
				if len(res.Skipped) > 0 {
					d.csvNote += "; not added: " + strings.Join(res.Skipped, "; ")
				}
				d.load(ctx)
			})
		})
	})
}

// OnNav runs on every navigation to the page; it loads the analysis.
func (d *Dashboard) OnNav(ctx app.Context) {
	if app.IsServer {
		return
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(ctx.Page().URL().Path, "/a/"), 10, 64)
	if err != nil {
		d.status, d.loadErr = "error", "This address does not name an analysis."
		return
	}
	d.id, d.status = id, "loading"
	// The waiting edits kept in the browser are found by session: the tab
	// makes sure it is the only one with its session first.
	claimSession(func() { ctx.Dispatch(d.load) })
}

func (d *Dashboard) load(ctx app.Context) {
	id := d.id
	ctx.Async(func() {
		a, err := apiClient().Get(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			d.trying = false
			if signInFirst(ctx, err) {
				return
			}
			if err != nil {
				// Offline: go on with the copy the page has, else the one
				// the browser kept.
				kept := d.rep != nil && d.rep.Base().ID == id
				if model.ErrorCode(err) == model.EUNAVAILABLE && (kept || d.restore(ctx)) {
					d.goOffline(ctx)
					return
				}
				d.status, d.loadErr = "error", model.ErrorMessage(err)
				if model.ErrorCode(err) == model.EUNAVAILABLE {
					// Never opened in this browser: nothing to work on
					// until the server answers, which is tried again.
					d.loadErr = "The server cannot be reached, and this analysis has not been opened in this browser, so there is no copy of it here. It opens when the server is back."
					ctx.After(2*time.Second, d.load)
				}
				return
			}
			d.rep = d.copyFor(ctx, a)
			d.baseSaved = false
			d.a, d.status, d.offline = d.rep.Analysis(), "loaded", false
			ctx.Page().SetTitle(a.Title + " · thesisboard")
			d.live.close()
			d.live = openLive(d.ctx, a.ID, d.rep.Version(), d.onRemoteOp, d.onLink)
			d.persist(ctx)
			d.sendNext(ctx)
			d.sendOrphans(ctx)
			markReady(ctx, "dashboard")
		})
	})
}

// maxCatchUp bounds how many ops behind the server a copy the page has may
// be and still be brought up to date by the event stream; further behind,
// loading the analysis is cheaper.
const maxCatchUp = 2000

// copyFor is the copy of the analysis the page goes on with once the server
// answered with a. Edits not on the server yet, this page's or kept in the
// browser from before a reload, stay on the copy they were made on, this
// page's or the browser's, when the stream can bring it up to date: the ops
// others committed meanwhile are then carried over them here exactly as the
// server carries them, so the page never shows them where they no longer
// belong. Otherwise they go on top of a, for the server to carry over.
func (d *Dashboard) copyFor(ctx app.Context, a *model.Analysis) *replica.Replica {
	near := func(v int64) bool { return v <= a.Version && a.Version-v <= maxCatchUp }
	if d.rep != nil && d.rep.Base().ID == a.ID {
		if !near(d.rep.Version()) {
			d.rep.Reset(a)
		}
		return d.rep
	}
	saved, ok := d.saved(ctx)
	if ok && saved.Base != nil && saved.Base.ID == a.ID && near(saved.Base.Version) && len(saved.Queue) > 0 {
		return replica.Resume(saved.Base, nil, saved.Queue)
	}
	return replica.New(a, saved.Queue)
}

// OnDismount stops following the analysis.
func (d *Dashboard) OnDismount() {
	d.live.close()
	d.live = nil
	d.listen.removeAll()
}

// onRemoteOp takes an op from the event stream (see replica.Remote): one of
// this tab's edits coming back, or another session's, applied on top. An
// edit of this tab it makes impossible is shown as a conflict. If the page
// cannot follow (a version missing), it loads the analysis again.
func (d *Dashboard) onRemoteOp(ctx app.Context, lo model.LoggedOp) {
	if d.rep == nil {
		return
	}
	lost, ok := d.rep.Remote(lo)
	if !ok {
		d.rebase(ctx)
		return
	}
	d.conflicts = append(d.conflicts, lost...)
	d.a = d.rep.Analysis()
	d.persist(ctx)
	d.sendNext(ctx) // the edit after one that just came back may go
}

// onOp is a person's edit: it is applied, sent, and can be undone.
func (d *Dashboard) onOp(ctx app.Context, action app.Action) {
	op, ok := action.Value.(model.Op)
	if ok && d.a != nil {
		d.recordUndo(d.edit(ctx, op))
	}
}

// onOps is an edit made of several ops (a paste, a fill): one undo entry.
func (d *Dashboard) onOps(ctx app.Context, action app.Action) {
	ops, ok := action.Value.([]model.Op)
	if ok && d.a != nil {
		d.recordUndo(d.edit(ctx, ops...))
	}
}

func (d *Dashboard) recordUndo(reverse []model.Op) {
	if len(reverse) > 0 {
		d.undo = append(d.undo, reverse)
		d.redo = nil
	}
}

// edit applies ops here at once, as one change of the page (one copy of the
// analysis, one save to the browser's storage, however many ops), and queues
// them for the server. It stops at the first op that does not apply and
// returns the ops that reverse the applied ones, newest first.
func (d *Dashboard) edit(ctx app.Context, ops ...model.Op) []model.Op {
	if len(ops) > 1 {
		// One edit of several ops: history shows it as one entry.
		group := newGroup()
		for i := range ops {
			ops[i].Group = group
		}
	}
	reverse, err := d.rep.Edit(ops...)
	d.saveErr = ""
	if err != nil {
		d.saveErr = model.ErrorMessage(err)
	}
	if len(reverse) == 0 {
		return nil
	}
	d.a = d.rep.Analysis()
	d.persist(ctx)
	d.sendNext(ctx)
	return reverse
}

// rebase loads the server's analysis when the page lost its way in the
// stream, and puts the edits still waiting on top of it.
func (d *Dashboard) rebase(ctx app.Context) {
	id := d.id
	ctx.Async(func() {
		a, err := apiClient().Get(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				d.saveErr = model.ErrorMessage(err)
				return
			}
			d.rep.Reset(a)
			d.a = d.rep.Analysis()
			d.sendNext(ctx)
		})
	})
}

// waiting is how many edits this tab has to send: its own not on the
// server yet, and those of gone tabs (see orphans.go).
func (d *Dashboard) waiting() int {
	if d.rep == nil {
		return d.orphaned
	}
	return d.rep.Waiting() + d.orphaned
}

func (d *Dashboard) saveState() *SaveState {
	switch {
	case d.offline:
		return &SaveState{State: stateOffline, Pending: d.waiting()}
	case len(d.conflicts) > 0:
		return &SaveState{State: stateConflict, Pending: len(d.conflicts), Message: "another session changed the same thing"}
	case d.saveErr != "":
		return &SaveState{State: stateError, Message: d.saveErr, Pending: d.waiting()}
	case d.waiting() > 0:
		return &SaveState{State: stateSaving, Pending: d.waiting()}
	}
	return &SaveState{State: stateSaved}
}

// Render draws the page for the current status.
func (d *Dashboard) Render() app.UI {
	var body app.UI
	switch d.status {
	case "loaded":
		body = d.renderAnalysis()
	case "error":
		body = app.Div().Class("card").Body(
			app.P().Class("error").ID("load-error").Text(d.loadErr),
			app.A().Href("/").Text("Back to all analyses"),
		)
	default:
		body = app.P().Class("muted").Text("Loading analysis…")
	}
	return newShell(d.saveState()).Body(body)
}

func (d *Dashboard) renderAnalysis() app.UI {
	a := d.a
	return app.Div().ID("dashboard").Body(
		app.Div().Class("toolbar").Body(
			app.H1().ID("analysis-title").Text(a.Title),
			app.Span().Class("badge").Text(a.Ticker),
			app.Span().Class("muted").Text("as of "+a.AsOf),
			// A download link needs a non-empty download attribute: go-app
			// drops an empty one, and then routes the click inside the app.
			app.A().Class("button").ID("export").Href(client.ExportURL(a.ID)).Download(a.FileName(".xlsx")).Text("Download Excel"),
			app.Button().ID("undo").Title("Undo (Ctrl+Z)").Text("Undo").Disabled(len(d.undo) == 0).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionUndo) }),
			app.Button().ID("redo").Title("Redo (Ctrl+Y)").Text("Redo").Disabled(len(d.redo) == 0).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionRedo) }),
			app.Button().ID("history-toggle").Text("History").OnClick(func(ctx app.Context, e app.Event) { d.showHistory = !d.showHistory }),
			&ImportInto{ID: a.ID},
		),
		app.Div().Body(app.If(d.showHistory, func() app.UI { return &HistoryPanel{ID: a.ID} })),
		app.If(len(d.conflicts) > 0, func() app.UI { return d.renderConflicts() }),
		&ThesisCard{Thesis: a.Thesis},
		app.Div().Class("cards").Body(
			app.If(hasSeries(a, "debt", "fcf"), func() app.UI {
				return app.Div().Class("card").Body(NewChart("chart-debt-fcf", DebtFCFOption(a)))
			}),
			app.If(len(a.Watchlist) > 0, func() app.UI {
				return app.Div().Class("card").Body(NewChart("chart-moves", MovesOption(a.Watchlist)))
			}),
			app.If(hasSeries(a, "relative"), func() app.UI {
				return app.Div().Class("card").Body(NewChart("chart-relative", RelativeOption(a)))
			}),
		),
		app.Div().Class("cards wide").Body(
			app.Range(a.Sections).Slice(func(i int) app.UI {
				return &Grid{Section: a.Sections[i], References: a.References, Conflicts: d.conflictCells(a.Sections[i].ID), Waiting: d.waitingCells(a.Sections[i].ID)}
			}),
		),
		&Watchlist{Rows: a.Watchlist},
		app.Div().Class("toolbar").Body(
			app.A().Class("button").ID("watch-csv").Href(client.WatchlistCSVURL(a.ID)).Download(a.FileName(" watchlist.csv")).Text("Watchlist as CSV"),
			app.Label().Class("button").Body(
				app.Text("Add tickers from CSV…"),
				app.Input().Type("file").ID("watch-csv-file").Accept(".csv,text/csv").Style("display", "none").OnChange(d.onWatchCSV),
			),
			app.Span().ID("watch-csv-result").Class("muted").Text(d.csvNote),
		),
		d.renderReferences(),
		app.If(a.Notes != "", func() app.UI {
			return app.Details().Class("card notes").ID("notes").Body(
				app.Summary().Text("Notes and reasoning"),
				app.Pre().Text(a.Notes),
			)
		}),
	)
}

// conflictCells lists the cells of a section with an unsettled conflict.
// hasSeries reports whether a has a series with one of the ids and points.
func hasSeries(a *model.Analysis, ids ...string) bool {
	for _, s := range a.Series {
		if len(s.Points) > 0 && slices.Contains(ids, s.ID) {
			return true
		}
	}
	return false
}

func (d *Dashboard) renderReferences() app.UI {
	refs := d.a.References
	return app.Div().Class("card refs").ID("references").Body(
		app.H2().Text("Sources"),
		app.Ol().Body(app.Range(refs).Slice(func(i int) app.UI {
			r := refs[i]
			li := app.Li().Value(r.Num)
			label := r.Title
			if r.AsOf != "" {
				label += " (" + r.AsOf + ")"
			}
			var shown app.UI = app.Text(label)
			if strings.HasPrefix(r.URL, "https://") || strings.HasPrefix(r.URL, "http://") {
				shown = app.A().Href(r.URL).Target("_blank").Rel("noopener noreferrer").Text(label)
			}
			return li.Body(shown, app.If(len(r.Cited) > 0, func() app.UI {
				// Known only by its number: what the report said citing it.
				return app.Ul().Class("cited muted").Body(app.Range(r.Cited).Slice(func(j int) app.UI {
					return app.Li().Text("cited for: “" + r.Cited[j] + "”")
				}))
			}))
		})),
	)
}
