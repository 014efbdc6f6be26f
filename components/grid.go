package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// Grid is one section shown as an editable sheet. It keeps the selection and
// the edit in progress; a committed edit leaves as a set_cell op (see
// sendOp), and the page hands back the updated section.
//
// Keys follow the spreadsheet an analyst knows: arrows and Tab move, Enter or
// F2 or a double click edits, typing replaces, Enter and Tab commit, Escape
// cancels, Delete clears.
type Grid struct {
	app.Compo
	Section    model.Section
	References []model.Reference

	row, col int
	editing  bool
	draft    string
}

func (g *Grid) gridID() string { return "grid-" + g.Section.ID }
func (g *Grid) editID() string { return "edit-" + g.Section.ID }

// CellID is the element id of a cell, for tests and links.
func CellID(sheet string, row, col int) string {
	return "cell-" + sheet + "-" + model.Addr(row, col)
}

func (g *Grid) size() (rows, cols int) {
	return max(len(g.Section.Cells), 1), max(g.Section.Width(), 1)
}

// Render draws the formula bar and the sheet.
func (g *Grid) Render() app.UI {
	rows, cols := g.size()
	sel := g.Section.Cell(g.row, g.col)
	raw := sel.Input
	if g.editing {
		raw = g.draft
	}
	return app.Div().Class("card").Body(
		app.H2().Text(g.Section.Title),
		app.If(g.Section.Note != "", func() app.UI { return app.P().Class("muted").Text(g.Section.Note) }),
		app.Div().Class("formula").Body(
			app.Span().Class("addr").Text(model.Addr(g.row, g.col)),
			app.Div().Class("raw").ID("fx-"+g.Section.ID).Text(raw),
		),
		app.Div().Class("grid").ID(g.gridID()).TabIndex(0).OnKeyDown(g.onKey).Body(
			app.Table().Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Class("colhead"),
					app.Range(make([]struct{}, cols)).Slice(func(c int) app.UI {
						return app.Th().Class("colhead").Text(model.ColName(c))
					}),
				)),
				app.TBody().Body(
					app.Range(make([]struct{}, rows)).Slice(func(r int) app.UI {
						return app.Tr().Class(headingClass(r)).Body(
							app.Th().Class("rowhead").Text(strconv.Itoa(r+1)),
							app.Range(make([]struct{}, cols)).Slice(func(c int) app.UI { return g.renderCell(r, c) }),
						)
					}),
				),
			),
		),
	)
}

func headingClass(r int) string {
	if r == 0 {
		return "heading"
	}
	return ""
}

func (g *Grid) renderCell(r, c int) app.UI {
	cell := g.Section.Cell(r, c)
	td := app.Td().ID(CellID(g.Section.ID, r, c)).
		OnClick(func(ctx app.Context, e app.Event) { g.onClick(ctx, r, c) }).
		OnDblClick(func(ctx app.Context, e app.Event) { g.moveTo(ctx, r, c); g.startEdit(ctx, cell.Input) })
	classes := ""
	if cell.Value.Kind == model.KindNumber || cell.Value.Kind == model.KindRange {
		classes += " num"
	}
	if r == g.row && c == g.col {
		classes += " selected"
		if g.editing {
			return td.Class(classes + " editing").Body(
				app.Input().ID(g.editID()).Value(g.draft).
					OnInput(func(ctx app.Context, e app.Event) { g.draft = ctx.JSSrc().Get("value").String() }).
					OnKeyDown(g.onEditKey),
			)
		}
	}
	td = td.Class(classes)
	text := model.Display(cell.Value, cell.Format)
	if cell.Source == 0 {
		return td.Text(text)
	}
	return td.Body(app.Text(text), app.Sup().Class("src").Title(g.sourceTitle(cell.Source)).Text("["+strconv.Itoa(cell.Source)+"]"))
}

func (g *Grid) sourceTitle(num int) string {
	for _, r := range g.References {
		if r.Num == num {
			t := "Source [" + strconv.Itoa(num) + "]: " + r.Title
			if r.AsOf != "" {
				t += ", " + r.AsOf
			}
			return t
		}
	}
	return "Source [" + strconv.Itoa(num) + "]"
}

func (g *Grid) onClick(ctx app.Context, r, c int) {
	if g.editing && r == g.row && c == g.col {
		return
	}
	if g.editing {
		g.commit(ctx)
	}
	g.moveTo(ctx, r, c)
}

func (g *Grid) moveTo(ctx app.Context, r, c int) {
	rows, cols := g.size()
	g.row = min(max(r, 0), rows-1)
	g.col = min(max(c, 0), cols-1)
	g.focusGrid(ctx)
}

func (g *Grid) startEdit(ctx app.Context, text string) {
	g.editing, g.draft = true, text
	ctx.Defer(func(ctx app.Context) {
		in := app.Window().GetElementByID(g.editID())
		if in.Truthy() {
			in.Call("focus")
			n := len([]rune(g.draft))
			in.Set("selectionStart", n)
			in.Set("selectionEnd", n)
		}
	})
}

// commit sends the draft when it differs from the cell's input.
func (g *Grid) commit(ctx app.Context) {
	g.editing = false
	if g.draft == g.Section.Cell(g.row, g.col).Input {
		return
	}
	sendOp(ctx, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(g.row, g.col), Input: g.draft})
}

func (g *Grid) focusGrid(ctx app.Context) {
	ctx.Defer(func(ctx app.Context) {
		if el := app.Window().GetElementByID(g.gridID()); el.Truthy() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

func (g *Grid) onKey(ctx app.Context, e app.Event) {
	if g.editing {
		return
	}
	key := e.Get("key").String()
	shift := e.Get("shiftKey").Bool()
	mod := e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool()
	switch key {
	case "ArrowUp":
		g.moveTo(ctx, g.row-1, g.col)
	case "ArrowDown":
		g.moveTo(ctx, g.row+1, g.col)
	case "ArrowLeft":
		g.moveTo(ctx, g.row, g.col-1)
	case "ArrowRight":
		g.moveTo(ctx, g.row, g.col+1)
	case "Tab":
		if shift {
			g.moveTo(ctx, g.row, g.col-1)
		} else {
			g.moveTo(ctx, g.row, g.col+1)
		}
	case "Enter", "F2":
		g.startEdit(ctx, g.Section.Cell(g.row, g.col).Input)
	case "Delete", "Backspace":
		if g.Section.Cell(g.row, g.col).Input != "" {
			g.draft = ""
			g.commit(ctx)
		}
	default:
		if len([]rune(key)) != 1 || mod {
			return
		}
		g.startEdit(ctx, key)
	}
	e.PreventDefault()
}

func (g *Grid) onEditKey(ctx app.Context, e app.Event) {
	e.Call("stopPropagation")
	key := e.Get("key").String()
	shift := e.Get("shiftKey").Bool()
	switch key {
	case "Enter":
		g.commit(ctx)
		if shift {
			g.moveTo(ctx, g.row-1, g.col)
		} else {
			g.moveTo(ctx, g.row+1, g.col)
		}
	case "Tab":
		g.commit(ctx)
		if shift {
			g.moveTo(ctx, g.row, g.col-1)
		} else {
			g.moveTo(ctx, g.row, g.col+1)
		}
	case "Escape":
		g.editing = false
		g.focusGrid(ctx)
	default:
		return
	}
	e.PreventDefault()
}
