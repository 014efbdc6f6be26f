package components

import (
	"context"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// ListPage is the home page: every analysis, with new, duplicate and delete.
// A deleted analysis goes to the trash, and the page offers to undo it.
//
// Handlers that capture a row's data carry app.EventScope with the row's id:
// go-app keeps an element's old handler when the new one comes from the same
// code, so without a scope a re-ordered list would act on the wrong row.
type ListPage struct {
	app.Compo
	ctx      app.Context // the page's own context, see OnMount
	list     []model.Summary
	trash    []model.Summary
	status   string
	err      string
	newTitle string
	deleted  *model.Summary
	// offline is when the list shown was kept, the server being out of
	// reach (see listoffline.go); zero when it is the server's.
	offline time.Time
	kept    map[int64]int // the analyses the browser keeps, with their edits waiting
	// collided counts, per analysis, the kept edits the server refused for
	// a conflict, which wait for the analysis to be opened (see sendKept).
	collided map[int64]int
	sending  bool // kept edits are on their way
}

// OnMount keeps the page's context. Work started from a button finishes on
// it: a button's own context dies with the button when the list redraws, and
// go-app drops what is dispatched on a context whose element is gone.
func (p *ListPage) OnMount(ctx app.Context) { p.ctx = ctx }

// OnNav loads the list; it runs on each visit.
func (p *ListPage) OnNav(ctx app.Context) {
	if app.IsServer {
		return
	}
	p.reload(ctx)
}

func (p *ListPage) reload(ctx app.Context) {
	ctx.Async(func() {
		list, err := apiClient().List(context.Background())
		trash, _ := apiClient().Trash(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			if signInFirst(ctx, err) {
				return
			}
			if model.ErrorCode(err) == model.EUNAVAILABLE && p.goOffline(ctx) {
				return
			}
			if model.ErrorCode(err) == model.EUNAVAILABLE {
				// goOffline tries again; until then, say why nothing shows.
				p.status, p.err = "error", neverKept
				return
			}
			if err != nil {
				p.status, p.err = "error", model.ErrorMessage(err)
				return
			}
			if p.err == neverKept {
				p.err = ""
			}
			p.list, p.trash, p.status, p.offline = list, trash, "loaded", time.Time{}
			keepList(ctx, list)
			p.kept = keptCopies(ctx.LocalStorage(), list)
			p.sendKept(ctx)
			markReady(ctx, "list")
		})
	})
}

// do runs a call against the server, then reloads the list or shows the error.
func (p *ListPage) do(call func(context.Context) error) {
	ctx := p.ctx
	ctx.Async(func() {
		err := call(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.err = model.ErrorMessage(err)
				return
			}
			p.err = ""
			p.reload(ctx)
		})
	})
}

func (p *ListPage) onCreate(_ app.Context, e app.Event) {
	title := p.newTitle
	ctx := p.ctx
	ctx.Async(func() {
		a, err := apiClient().Create(context.Background(), title)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				p.err = model.ErrorMessage(err)
				return
			}
			ctx.Navigate("/a/" + strconv.FormatInt(a.ID, 10))
		})
	})
}

// Render draws the list.
func (p *ListPage) Render() app.UI {
	return newShell(nil).Body(
		app.H1().Text("Analyses"),
		app.Div().Class("toolbar").Body(
			app.Input().ID("new-title").Placeholder("Title of a new analysis").Value(p.newTitle).
				OnInput(func(ctx app.Context, e app.Event) { p.newTitle = ctx.JSSrc().Get("value").String() }),
			app.Button().Class("primary").ID("new-analysis").Text("New analysis").Disabled(p.isOffline()).OnClick(p.onCreate),
			p.renderFromReport(),
		),
		// Messages sit in fixed slots, so the table below them never moves in
		// the DOM and its buttons keep their handlers.
		app.P().Class("error").ID("list-error").Text(p.err),
		app.Div().Body(app.If(p.isOffline(), p.renderOffline)),
		app.Div().Body(app.If(p.deleted != nil, func() app.UI {
			d := *p.deleted
			return app.P().ID("undo-delete").Body(
				app.Text("Moved “"+d.Title+"” to the trash. "),
				app.Button().Text("Undo").OnClick(func(ctx app.Context, e app.Event) {
					p.deleted = nil
					p.do(func(c context.Context) error { return apiClient().Restore(c, d.ID) })
				}, app.EventScope(d.ID)),
			)
		})),
		app.Div().Class("card list").Body(app.Table().Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Title"), app.Th().Text("Ticker"), app.Th().Text("Verdict"), app.Th().Text("Updated"), app.Th().Body(hidden("Actions")))),
			app.TBody().Body(app.Range(p.list).Slice(func(i int) app.UI {
				s := p.list[i]
				return app.Tr().Class("analysis-row").DataSet("id", s.ID).Body(
					app.Td().Body(p.renderTitle(s)),
					app.Td().Text(s.Ticker),
					app.Td().Text(s.Verdict),
					app.Td().Class("muted").Text(s.Updated.Local().Format("2006-01-02 15:04")),
					app.Td().Body(
						app.Button().Text("Duplicate").Disabled(p.isOffline()).OnClick(func(ctx app.Context, e app.Event) {
							p.do(func(c context.Context) error { _, err := apiClient().Duplicate(c, s.ID); return err })
						}, app.EventScope(s.ID)),
						app.Button().Text("Delete").Disabled(p.isOffline()).OnClick(func(ctx app.Context, e app.Event) {
							p.deleted = &s
							p.do(func(c context.Context) error { return apiClient().Delete(c, s.ID) })
						}, app.EventScope(s.ID)),
					),
				)
			})),
		)),
		app.Div().Body(app.If(len(p.trash) > 0, func() app.UI { return p.renderTrash() })),
	)
}

func (p *ListPage) renderTrash() app.UI {
	return app.Div().Class("card list trash").ID("trash").Body(
		app.H2().Text("Trash"),
		app.P().Class("muted").Text("Deleted analyses can be restored for 30 days."),
		app.Table().Body(app.TBody().Body(app.Range(p.trash).Slice(func(i int) app.UI {
			s := p.trash[i]
			return app.Tr().Class("trash-row").Body(
				app.Td().Text(s.Title),
				app.Td().Text(s.Ticker),
				app.Td().Body(app.Button().Text("Restore").OnClick(func(ctx app.Context, e app.Event) {
					p.do(func(c context.Context) error { return apiClient().Restore(c, s.ID) })
				}, app.EventScope(s.ID))),
			)
		}))),
	)
}
