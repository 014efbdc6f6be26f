package components

import (
	"context"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// ImportInto updates the open analysis from a workbook or report: the
// person picks the file, sees cell by cell what would change (old → new)
// and what could not be read, and only then applies it. The server commits
// the change as one (history shows it as one entry); the cells reach the
// page through its event stream like any other edit.
type ImportInto struct {
	app.Compo
	ID int64

	ctx     app.Context
	file    []byte
	name    string
	preview *model.ImportResult
	note    string // what the last step did, or why it failed
	working bool
}

// OnMount keeps the component's context for the answers of the server.
func (p *ImportInto) OnMount(ctx app.Context) { p.ctx = ctx }

// onFile reads the picked file and asks the server what it would change.
func (p *ImportInto) onFile(ctx app.Context, e app.Event) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	file := files.Index(0)
	name, page := file.Get("name").String(), p.ctx
	file.Call("arrayBuffer").Then(func(v app.Value) {
		arr := app.Window().Get("Uint8Array").New(v)
		body := make([]byte, arr.Length())
		app.CopyBytesToGo(body, arr)
		input.Set("value", "") // the same file can be picked again
		page.Dispatch(func(ctx app.Context) {
			p.file, p.name, p.preview, p.note = body, name, nil, ""
			p.send(true)
		})
	})
}

// send asks for the preview, or applies the import.
func (p *ImportInto) send(preview bool) {
	if p.working || p.file == nil {
		return
	}
	p.working = true
	ctx, id, body := p.ctx, p.ID, p.file
	ctx.Async(func() {
		res, err := apiClient().ImportInto(context.Background(), id, body, preview)
		ctx.Dispatch(func(ctx app.Context) {
			p.working = false
			switch {
			case err != nil:
				p.preview, p.note = nil, "Not imported: "+model.ErrorMessage(err)
			case preview:
				p.preview = res
			default:
				p.preview, p.file = nil, nil
				p.note = "Imported " + p.name + ": " + cells(len(res.Changes)) + " updated"
				if len(res.Skipped) > 0 {
					p.note += "; not imported: " + strconv.Itoa(len(res.Skipped))
				}
			}
		})
	})
}

// Render draws the button and, once a file is read, what it would change.
func (p *ImportInto) Render() app.UI {
	return app.Div().Class("import-into").Body(
		app.Label().Class("button").Body(
			app.Text("Import into this analysis…"),
			app.Input().Type("file").ID("import-into-file").Accept(".xlsx,.md,.markdown,.txt").Style("display", "none").OnChange(p.onFile),
		),
		app.Span().ID("import-into-note").Class("muted").Text(p.note),
		app.If(p.preview != nil, func() app.UI { return p.renderPreview() }),
	)
}

func (p *ImportInto) renderPreview() app.UI {
	res := p.preview
	return app.Div().Class("card import-preview").ID("import-preview").Body(
		app.H2().Text("Import "+p.name+" into this analysis?"),
		app.If(len(res.Changes) == 0, func() app.UI {
			return app.P().Class("muted").Text("Nothing would change: the file's cells are those of this analysis.")
		}),
		app.Table().Body(app.TBody().Body(app.Range(res.Changes).Slice(func(i int) app.UI {
			c := res.Changes[i]
			return app.Tr().Class("import-change").Body(
				app.Td().Class("muted").Text(c.Sheet+"!"+c.Cell),
				app.Td().Class("old").Text(orEmpty(c.Old)),
				app.Td().Text("→"),
				app.Td().Class("new").Text(orEmpty(c.New)),
			)
		}))),
		app.If(len(res.Skipped) > 0, func() app.UI {
			return app.Div().Body(
				app.P().Class("muted").Text("Not imported:"),
				app.Ul().ID("import-skipped").Body(app.Range(res.Skipped).Slice(func(i int) app.UI { return app.Li().Text(res.Skipped[i]) })),
			)
		}),
		app.Div().Class("toolbar").Body(
			app.Button().Class("primary").ID("import-apply").Text("Apply "+cells(len(res.Changes))).
				Disabled(p.working || len(res.Changes) == 0).OnClick(func(ctx app.Context, e app.Event) { p.send(false) }),
			app.Button().ID("import-cancel").Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { p.preview, p.file = nil, nil }),
		),
	)
}

// cells words a count of cells.
func cells(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return strconv.Itoa(n) + " cells"
}

func orEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}
