package components

import (
	"context"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// ImportPage makes an analysis from a deep-research report or a workbook:
// paste a report or pick a .md, .txt or .xlsx file, preview what the importer
// found (and what it could not read), then create it.
type ImportPage struct {
	app.Compo
	ctx     app.Context // the page's own context, see ListPage.OnMount
	text    string
	book    []byte // a picked workbook, sent instead of the text
	result  *model.ImportResult
	err     string
	working bool
}

// OnMount keeps the page's context for work that outlives a button, and
// marks the page ready: the server's prerendered form is inert until then.
func (p *ImportPage) OnMount(ctx app.Context) {
	p.ctx = ctx
	markReady(ctx, "import")
}

// onFile reads the chosen file in the browser and puts its text in the box.
func (p *ImportPage) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	page := p.ctx
	file := files.Index(0)
	if strings.HasSuffix(strings.ToLower(file.Get("name").String()), ".xlsx") {
		file.Call("arrayBuffer").Then(func(v app.Value) {
			arr := app.Window().Get("Uint8Array").New(v)
			book := make([]byte, arr.Length())
			app.CopyBytesToGo(book, arr)
			name := file.Get("name").String()
			page.Dispatch(func(ctx app.Context) {
				p.book, p.result, p.err = book, nil, ""
				p.text = "(workbook " + name + ")"
			})
		})
		return
	}
	file.Call("text").Then(func(v app.Value) {
		text := v.String()
		page.Dispatch(func(ctx app.Context) {
			p.text, p.book, p.result, p.err = text, nil, nil, ""
			if box := app.Window().GetElementByID("import-text"); box.Truthy() {
				box.Set("value", text)
			}
		})
	})
}

// send asks the server to read the text; create stores it and opens it.
func (p *ImportPage) send(create bool) {
	if p.working {
		return
	}
	p.working, p.err = true, ""
	ctx, body := p.ctx, []byte(p.text)
	if p.book != nil {
		body = p.book
	}
	ctx.Async(func() {
		res, err := apiClient().Import(context.Background(), body, !create)
		ctx.Dispatch(func(ctx app.Context) {
			p.working = false
			if err != nil {
				p.err, p.result = model.ErrorMessage(err), nil
				return
			}
			if create {
				ctx.Navigate("/a/" + strconv.FormatInt(res.Analysis.ID, 10))
				return
			}
			p.result = res
		})
	})
}

// Render draws the form and the preview.
func (p *ImportPage) Render() app.UI {
	return newShell(nil).Body(
		app.H1().Text("New analysis from a report"),
		app.Div().Class("card").Body(
			app.P().Class("muted").Text("Paste a deep-research report or a news article (markdown or plain text), or pick a .md, .txt or .xlsx file. Tables become grids, the ticker table becomes the watchlist, figures in the text are listed with their sentence; a workbook downloaded from thesisboard comes back whole."),
			app.Textarea().ID("import-text").Class("import-text").Placeholder("Paste the report here").
				OnInput(func(ctx app.Context, e app.Event) {
					p.text, p.book, p.result = ctx.JSSrc().Get("value").String(), nil, nil
				}),
			app.Div().Class("toolbar").Body(
				app.Input().Type("file").ID("import-file").Accept(".md,.markdown,.txt,.xlsx,text/markdown,text/plain").OnChange(p.onFile),
				app.Button().ID("import-preview").Text("Preview").Disabled(p.text == "" || p.working).
					OnClick(func(ctx app.Context, e app.Event) { p.send(false) }),
				app.Button().Class("primary").ID("import-create").Text("Create analysis").Disabled(p.result == nil || p.working).
					OnClick(func(ctx app.Context, e app.Event) { p.send(true) }),
			),
			app.P().Class("error").ID("import-error").Text(p.err),
		),
		app.If(p.result != nil, func() app.UI { return p.renderPreview() }),
	)
}

// previewRows is how many rows of each grid the preview shows.
const previewRows = 12

// previewGrid shows a grid the import found with its values, as the
// dashboard will show them, its first rows only: enough to see that the
// figures were read right before creating anything.
func previewGrid(s *model.Section) app.UI {
	rows := s.Cells[:min(len(s.Cells), previewRows+1)]
	more := len(s.Cells) - len(rows)
	return app.Div().Class("preview-grid").ID("preview-"+s.ID).Body(
		app.H2().Text(s.Title+" ("+strconv.Itoa(max(len(s.Cells)-1, 0))+" rows)"),
		app.Div().Class("watchscroll").Body(app.Table().Body(app.TBody().Body(
			app.Range(rows).Slice(func(r int) app.UI {
				return app.Tr().Class(headingClass(r)).Body(app.Range(rows[r]).Slice(func(c int) app.UI {
					cell := rows[r][c]
					td := app.Td().Text(model.Display(cell.Value, cell.Format))
					if cell.Value.Kind == model.KindError {
						td = td.Class("err")
					}
					return td
				}))
			}),
		))),
		app.If(more > 0, func() app.UI { return app.P().Class("muted").Text("… and " + strconv.Itoa(more) + " more rows") }),
	)
}

func (p *ImportPage) renderPreview() app.UI {
	r := p.result
	a := r.Analysis
	count := func(n int, what string) string { return strconv.Itoa(n) + " " + what }
	return app.Div().Class("card").ID("import-found").Body(
		app.H2().Text(a.Thesis.Question),
		app.P().Body(
			app.Span().Class("badge "+verdictClass(a.Thesis.Verdict)).Text("Verdict: "+orDash(a.Thesis.Verdict)),
			app.Text(" "),
			app.Span().Class("muted").Text("as of "+orDash(a.AsOf)),
		),
		app.P().ID("import-counts").Text(
			count(r.Found.Sections, "grids")+", "+count(r.Found.Figures, "figures")+", "+
				count(r.Found.Watchlist, "watchlist rows")+", "+count(r.Found.References, "references")),
		app.Range(a.Sections).Slice(func(i int) app.UI { return previewGrid(&a.Sections[i]) }),
		app.If(len(r.Skipped) > 0, func() app.UI {
			return app.Div().ID("import-skipped").Body(
				app.H2().Text("Could not be read"),
				app.Ul().Body(app.Range(r.Skipped).Slice(func(i int) app.UI { return app.Li().Class("error").Text(r.Skipped[i]) })),
			)
		}),
	)
}
