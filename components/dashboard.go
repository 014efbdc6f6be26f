package components

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/calc"
	"thesisboard/app/client"
	"thesisboard/app/model"
)

// Dashboard is the page of one analysis at /a/{id}: the thesis, a grid per
// section, the charts, the watchlist and the sources.
//
// Edits arrive as actionOp from the child components. The page applies each
// op to its copy at once, through a calc.Engine (the server computes the
// same formulas the same way), so grids and charts redraw without waiting,
// then sends the ops to the server one at a time, in order. A rejected op
// reloads the analysis from the server, so the page never shows what the
// server does not hold.
type Dashboard struct {
	app.Compo

	id      int64
	a       *model.Analysis
	status  string // loading, loaded, error
	loadErr string

	engine      *calc.Engine // d.a's formulas, recalculated edit by edit
	queue       []model.Op   // applied here, not yet acknowledged by the server
	sending     bool
	saveErr     string
	csvNote     string // what the last CSV upload did
	offline     bool   // the server cannot be reached; edits wait in the browser
	showHistory bool   // the history panel is open
	ctx         app.Context
	live        *liveStream // other sessions' ops, as they are committed
	// undo and redo hold, per edit of this tab, the ops that reverse it.
	undo, redo [][]model.Op
	// conflicts are this tab's edits the server refused because another
	// session changed the same cell first; each waits for the person's pick.
	conflicts []model.Conflict
}

// OnMount runs in the browser once the page is in the DOM.
func (d *Dashboard) OnMount(ctx app.Context) {
	d.ctx = ctx
	ctx.Handle(actionOp, d.onOp)
	ctx.Handle(actionOps, d.onOps)
	ctx.Handle(actionUndo, func(ctx app.Context, _ app.Action) { d.history(ctx, &d.undo, &d.redo) })
	ctx.Handle(actionRedo, func(ctx app.Context, _ app.Action) { d.history(ctx, &d.redo, &d.undo) })
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
	d.load(ctx)
}

func (d *Dashboard) load(ctx app.Context) {
	id := d.id
	ctx.Async(func() {
		a, err := apiClient().Get(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				if model.ErrorCode(err) == model.EUNAVAILABLE && d.restore(ctx) {
					d.goOffline(ctx)
					return
				}
				d.status, d.loadErr = "error", model.ErrorMessage(err)
				return
			}
			d.a, d.status, d.offline = a, "loaded", false
			d.engine = calc.NewEngine(a)
			ctx.Page().SetTitle(a.Title + " · thesisboard")
			d.live.close()
			d.live = openLive(d.ctx, a.ID, a.Version, d.onRemoteOp)
			// Edits made before a reload (offline, or not yet sent) are in
			// the browser's storage: apply them again and send them.
			if len(d.queue) == 0 {
				if saved, ok := d.saved(ctx); ok && len(saved.Queue) > 0 {
					d.queue = saved.Queue
					for _, op := range d.queue {
						d.engine.Apply(op)
					}
				}
			}
			d.persist(ctx)
			d.sendNext(ctx)
			markReady(ctx, "dashboard")
		})
	})
}

// OnDismount stops following the analysis.
func (d *Dashboard) OnDismount() {
	d.live.close()
	d.live = nil
}

// onRemoteOp applies an op committed by another session (or learns the
// version of one of ours). d.a.Version is the last version whose ops this
// tab has applied, in order; it is the base every edit is sent with, so the
// server can tell an edit made without seeing another session's change. A
// gap in the versions, or an op that does not apply, means the two have
// drifted: the analysis is loaded again and the queued edits re-applied.
func (d *Dashboard) onRemoteOp(ctx app.Context, lo model.LoggedOp) {
	if d.a == nil || lo.Version <= d.a.Version {
		return
	}
	if lo.Version > d.a.Version+1 {
		d.rebase(ctx)
		return
	}
	if lo.Session == sessionID {
		d.a.Version = lo.Version
		return
	}
	next, err := d.apply(lo.Op)
	if err != nil {
		d.rebase(ctx)
		return
	}
	next.Version = lo.Version
	d.a = next
	d.persist(ctx)
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
// them for the server, each made on the version this tab has seen, which the
// server checks for conflicts. It stops at the first op that does not apply
// and returns the ops that reverse the applied ones, newest first.
func (d *Dashboard) edit(ctx app.Context, ops ...model.Op) []model.Op {
	next := d.a.Clone()
	d.engine.Use(next)
	var reverse []model.Op
	applied := 0
	d.saveErr = ""
	for _, op := range ops {
		op.BaseVersion = d.a.Version
		inv := model.Inverse(next, op)
		if err := d.engine.Apply(op); err != nil {
			d.saveErr = model.ErrorMessage(err)
			break
		}
		reverse = append(inv, reverse...)
		d.queue = append(d.queue, op)
		applied++
	}
	if applied == 0 {
		d.engine.Use(d.a)
		return nil
	}
	d.a = next
	d.persist(ctx)
	d.sendNext(ctx)
	return reverse
}

// offlineCopy is what the browser keeps of an analysis: the last state this
// tab showed and the edits not yet on the server. It survives a reload and
// a browser restart (localStorage).
type offlineCopy struct {
	Analysis *model.Analysis `json:"analysis"`
	Queue    []model.Op      `json:"queue"`
}

func (d *Dashboard) storageKey() string { return "thesisboard/analysis/" + strconv.FormatInt(d.id, 10) }

func (d *Dashboard) persist(ctx app.Context) {
	if d.a == nil || app.IsServer {
		return
	}
	if err := ctx.LocalStorage().Set(d.storageKey(), offlineCopy{Analysis: d.a, Queue: d.queue}); err != nil {
		app.Log("keeping the analysis in the browser failed:", err)
	}
}

func (d *Dashboard) saved(ctx app.Context) (offlineCopy, bool) {
	var c offlineCopy
	err := ctx.LocalStorage().Get(d.storageKey(), &c)
	return c, err == nil && c.Analysis != nil
}

// restore shows the copy kept in the browser when the server cannot be
// reached.
func (d *Dashboard) restore(ctx app.Context) bool {
	c, ok := d.saved(ctx)
	if !ok {
		return false
	}
	d.a, d.queue, d.status = c.Analysis, c.Queue, "loaded"
	d.engine = calc.NewEngine(d.a)
	markReady(ctx, "dashboard")
	return true
}

// goOffline marks the page offline and tries the server again shortly:
// sending the waiting edits, or loading the analysis when none wait.
func (d *Dashboard) goOffline(ctx app.Context) {
	d.offline = true
	d.persist(ctx)
	d.ctx.After(2*time.Second, func(ctx app.Context) {
		if !d.offline {
			return
		}
		if len(d.queue) > 0 {
			d.sendNext(ctx)
		} else {
			d.load(ctx)
		}
	})
}

// apply applies op to a copy of the analysis through the engine, which
// recalculates only the formulas the edit reaches. The copy matters: go-app
// redraws a grid when its section differs from the one it drew, so the old
// one must stay as it was.
func (d *Dashboard) apply(op model.Op) (*model.Analysis, error) {
	next := d.a.Clone()
	d.engine.Use(next)
	if err := d.engine.Apply(op); err != nil {
		d.engine.Use(d.a)
		return nil, err
	}
	return next, nil
}

// sendNext sends the oldest unacknowledged op unless one is in flight.
func (d *Dashboard) sendNext(ctx app.Context) {
	if d.sending || len(d.queue) == 0 {
		return
	}
	d.sending = true
	op := d.queue[0]
	id := d.id
	ctx.Async(func() {
		_, err := apiClient().Apply(context.Background(), id, op)
		ctx.Dispatch(func(ctx app.Context) {
			d.sending = false
			if model.ErrorCode(err) == model.EUNAVAILABLE {
				// Offline: the edit waits, in order, and is tried again.
				d.goOffline(ctx)
				return
			}
			var me *model.Error
			if errors.As(err, &me) && me.Conflict != nil {
				d.conflicts = append(d.conflicts, *me.Conflict)
				d.queue = d.queue[1:]
				d.rebase(ctx)
				return
			}
			if err != nil {
				d.queue = nil
				d.saveErr = model.ErrorMessage(err)
				d.load(ctx)
				return
			}
			// The ack's version is not d.a.Version: other sessions' ops may
			// come before it; the event stream brings them, in order.
			d.queue = d.queue[1:]
			d.persist(ctx)
			if d.offline && len(d.queue) == 0 {
				d.load(ctx) // back online: catch up and follow again
				return
			}
			d.sendNext(ctx)
		})
	})
}

// rebase loads the server's analysis and applies the edits still queued on
// top of it, then goes on sending them: a refused edit costs no other one.
func (d *Dashboard) rebase(ctx app.Context) {
	id := d.id
	ctx.Async(func() {
		a, err := apiClient().Get(context.Background(), id)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				d.saveErr = model.ErrorMessage(err)
				return
			}
			d.engine = calc.NewEngine(a)
			for _, op := range d.queue {
				d.engine.Apply(op) // refused ones come back as errors when sent
			}
			d.a = a
			d.sendNext(ctx)
		})
	})
}

func (d *Dashboard) saveState() *SaveState {
	switch {
	case d.offline:
		return &SaveState{State: stateOffline, Pending: len(d.queue)}
	case len(d.conflicts) > 0:
		return &SaveState{State: stateConflict, Pending: len(d.conflicts), Message: "another session changed the same thing"}
	case d.saveErr != "":
		return &SaveState{State: stateError, Message: d.saveErr, Pending: len(d.queue)}
	case len(d.queue) > 0:
		return &SaveState{State: stateSaving, Pending: len(d.queue)}
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
			app.A().Class("button").ID("export").Href(client.ExportURL(a.ID)).Attr("download", "").Text("Download Excel"),
			app.Button().ID("undo").Title("Undo (Ctrl+Z)").Text("Undo").Disabled(len(d.undo) == 0).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionUndo) }),
			app.Button().ID("redo").Title("Redo (Ctrl+Y)").Text("Redo").Disabled(len(d.redo) == 0).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actionRedo) }),
			app.Button().ID("history-toggle").Text("History").OnClick(func(ctx app.Context, e app.Event) { d.showHistory = !d.showHistory }),
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
				return &Grid{Section: a.Sections[i], References: a.References, Conflicts: d.conflictCells(a.Sections[i].ID)}
			}),
		),
		&Watchlist{Rows: a.Watchlist},
		app.Div().Class("toolbar").Body(
			app.A().Class("button").ID("watch-csv").Href(client.WatchlistCSVURL(a.ID)).Attr("download", "").Text("Watchlist as CSV"),
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
			if strings.HasPrefix(r.URL, "https://") || strings.HasPrefix(r.URL, "http://") {
				return li.Body(app.A().Href(r.URL).Target("_blank").Rel("noopener").Text(label))
			}
			return li.Text(label)
		})),
	)
}
