package components

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

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
//
// Typing goes into one text box per grid, the editor, that never leaves the
// DOM: it sits invisibly on the selected cell and keeps the focus while the
// grid is in use. A typed character lands in it natively and switches the
// grid to editing; nothing has to move the focus between keystrokes, so no
// character typed quickly after a click or a move can be lost or doubled.
type Grid struct {
	app.Compo
	Section    model.Section
	References []model.Reference
	Conflicts  []string // addresses of cells whose edit collided with another session's
	Waiting    []string // addresses of cells with an edit the server has not acknowledged

	rowWindow     // the rows drawn
	row, col  int // the active cell
	ar, ac    int // the selection's anchor: the selection spans it and the active cell
	editing   bool
	draft     string
	menu      *gridMenu // the open context menu, if any
	// wholeRows and wholeCols stretch the selection over whole rows or
	// columns (Shift+Space, Ctrl+Space) until the next move.
	wholeRows, wholeCols bool
	// released is set by Escape on a cell not being edited: the next Tab
	// leaves the grid rather than moving within it (see leaves).
	released bool
	listen   listeners // DOM listeners added in OnMount
}

func (g *Grid) gridID() string   { return "grid-" + g.Section.ID }
func (g *Grid) editorID() string { return "editor-" + g.Section.ID }

// CellID is the element id of a cell, for tests and links.
func CellID(sheet string, row, col int) string {
	return "cell-" + sheet + "-" + model.Addr(row, col)
}

// size is the drawn grid: the section plus one empty row and column to type
// into, as a spreadsheet always has room to grow.
func (g *Grid) size() (rows, cols int) {
	return min(len(g.Section.Cells)+1, model.MaxSectionRows), min(g.Section.Width()+1, model.MaxSectionCols)
}

// Render draws the formula bar, the sheet and the editor.
func (g *Grid) Render() app.UI {
	rows, cols := g.size()
	first, last := g.window(rows)
	raw := g.Section.Cell(g.row, g.col).Input
	editing := "0"
	if g.editing {
		raw, editing = g.draft, "1"
	}
	return app.Div().Class("card").Body(
		app.H2().Text(g.Section.Title),
		app.If(g.Section.Note != "", func() app.UI { return app.P().Class("muted").Text(g.Section.Note) }),
		app.Div().Class("formula").Body(
			app.Span().Class("addr").Text(model.Addr(g.row, g.col)),
			app.Div().Class("raw").ID("fx-"+g.Section.ID).Text(raw),
			g.formatPicker(),
			app.Button().Class("small").ID("row-insert-"+g.Section.ID).Title("Insert rows above the selection (Ctrl+Shift+=; right-click for more)").Text("+ row").
				OnClick(func(ctx app.Context, e app.Event) { g.insertRows(ctx, 0) }),
			app.Button().Class("small").ID("row-delete-"+g.Section.ID).Title("Delete the selected rows (Ctrl+-)").Text("− row").
				OnClick(func(ctx app.Context, e app.Event) { g.deleteRows(ctx) }),
		),
		app.Div().Class("grid").ID(g.gridID()).DataSet("sel", g.selAttr()).Body(
			app.Table().Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Class("colhead").Body(hidden("Row")),
					app.Range(make([]struct{}, cols)).Slice(func(c int) app.UI {
						return app.Th().Class("colhead").Text(model.ColName(c))
					}),
				)),
				app.TBody().Body(
					// Only the rows in view (and a margin) are drawn; spacers
					// stand for the others, so a 100,000-row sheet keeps
					// about a hundred rows in the DOM.
					app.If(first > 0, func() app.UI { return g.spacer(first, cols+1) }),
					app.Range(make([]struct{}, last-first)).Slice(func(i int) app.UI {
						r := first + i
						return app.Tr().Class(headingClass(r)).Body(
							app.Th().Class("rowhead").Text(strconv.Itoa(r+1)),
							app.Range(make([]struct{}, cols)).Slice(func(c int) app.UI { return g.renderCell(r, c) }),
						)
					}),
					app.If(last < rows, func() app.UI { return g.spacer(rows-last, cols+1) }),
				),
			),
			// The editor's value is owned by the browser and set from Go only
			// through startEdit and endEdit, never by rendering.
			app.Textarea().ID(g.editorID()).Class("editor").DataSet("editing", editing).
				Aria("label", g.Section.Title+", cell "+model.Addr(g.row, g.col)).
				Attr("spellcheck", "false").Attr("autocomplete", "off").Attr("rows", "1").
				OnKeyDown(g.onKeyDown).
				OnInput(func(ctx app.Context, e app.Event) { g.onTyped(ctx, ctx.JSSrc().Get("value").String()) }),
		),
		app.If(g.menu != nil, func() app.UI { return g.renderMenu() }),
	)
}

// window is the range of rows to draw.
func (g *Grid) window(rows int) (first, last int) { return g.bounds(rows) }

func headingClass(r int) string {
	if r == 0 {
		return "heading"
	}
	return ""
}

func (g *Grid) renderCell(r, c int) app.UI {
	cell := g.Section.Cell(r, c)
	td := app.Td().ID(CellID(g.Section.ID, r, c)).
		OnClick(func(ctx app.Context, e app.Event) { g.onClick(ctx, r, c, e.Get("shiftKey").Bool()) }).
		OnDblClick(func(ctx app.Context, e app.Event) { g.moveTo(ctx, r, c); g.startEdit(ctx, g.Section.Cell(r, c).Input) })
	classes := ""
	if cell.Value.Kind == model.KindNumber || cell.Value.Kind == model.KindRange {
		classes += " num"
	}
	if r == g.row && c == g.col {
		classes += " selected"
	} else if r1, c1, r2, c2 := g.selection(); r >= r1 && r <= r2 && c >= c1 && c <= c2 {
		classes += " inrange"
	}
	if slices.Contains(g.Conflicts, model.Addr(r, c)) {
		classes += " conflict"
	}
	if slices.Contains(g.Waiting, model.Addr(r, c)) {
		classes += " waiting"
		td = td.Title("Edited here, waiting to be saved")
	}
	if cell.Value.Kind == model.KindError {
		// Excel's error code in the cell, what it means on hover.
		td = td.Title(cell.Value.Text + ": " + cell.Value.Note)
		classes += " err"
	}
	text := model.Display(cell.Value, cell.Format)
	if cell.Value.Kind != model.KindError && !strings.Contains(classes, "waiting") && utf8.RuneCountInString(text) > 40 {
		td = td.Title(text) // cut short in the cell: whole on hover (a fact's sentence)
	}
	td = td.Class(classes).DataSet("show", text) // what a copy puts on the clipboard
	if cell.Source == 0 {
		return td.Text(text)
	}
	src := app.Sup().Class("src").Title(g.sourceTitle(cell.Source)).Text("[" + strconv.Itoa(cell.Source) + "]")
	if cell.Said != "" {
		// Edited since: the source is not credited with the edit. (The
		// mark is drawn by the style sheet, so a copy takes the figure
		// alone.)
		src = src.Class("edited").Title(g.sourceTitle(cell.Source) + " — edited; the source said " + cell.Said)
	}
	return td.Body(app.Text(text), src)
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

func (g *Grid) onClick(ctx app.Context, r, c int, shift bool) {
	if g.editing && r == g.row && c == g.col {
		return
	}
	if g.editing {
		g.commit(ctx)
	}
	g.selectTo(ctx, r, c, shift)
}

func (g *Grid) moveTo(ctx app.Context, r, c int) { g.selectTo(ctx, r, c, false) }

// selectTo makes (r, c) the active cell; extend keeps the anchor, so the
// selection stretches as with Shift in a spreadsheet.
func (g *Grid) selectTo(ctx app.Context, r, c int, extend bool) {
	g.released = false
	rows, cols := g.size()
	g.row = min(max(r, 0), rows-1)
	g.col = min(max(c, 0), cols-1)
	if !extend {
		g.ar, g.ac = g.row, g.col
	}
	g.wholeRows, g.wholeCols = false, false
	g.show(g.row, rows)
	g.placeEditor(ctx)
}

// selection is the selected rectangle, top-left to bottom-right.
func (g *Grid) selection() (r1, c1, r2, c2 int) {
	r1, c1, r2, c2 = min(g.ar, g.row), min(g.ac, g.col), max(g.ar, g.row), max(g.ac, g.col)
	rows, cols := g.size()
	if g.wholeCols {
		r1, r2 = 0, rows-1
	}
	if g.wholeRows {
		c1, c2 = 0, cols-1
	}
	return r1, c1, r2, c2
}

func (g *Grid) selAttr() string {
	r1, c1, r2, c2 := g.selection()
	return strconv.Itoa(r1) + "," + strconv.Itoa(c1) + "," + strconv.Itoa(r2) + "," + strconv.Itoa(c2)
}

// editor returns the grid's editor element.
func (g *Grid) editor() app.Value { return app.Window().GetElementByID(g.editorID()) }

// startEdit opens the selected cell for editing with text in the editor and
// the caret at its end.
func (g *Grid) startEdit(ctx app.Context, text string) {
	g.editing, g.draft = true, text
	if ed := g.editor(); ed.Truthy() {
		ed.Set("value", text)
		ed.Call("focus", map[string]any{"preventScroll": true})
		n := len(utf16.Encode([]rune(text))) // the DOM counts UTF-16 units
		ed.Call("setSelectionRange", n, n)
	}
	g.placeEditor(ctx)
}

// endEdit leaves editing and empties the editor for the next keystroke.
func (g *Grid) endEdit(ctx app.Context) {
	g.editing = false
	if ed := g.editor(); ed.Truthy() {
		ed.Set("value", "")
	}
	g.placeEditor(ctx)
}

// commit sends the draft when it differs from the cell's input.
func (g *Grid) commit(ctx app.Context) {
	draft := g.draft
	g.endEdit(ctx)
	if draft == g.Section.Cell(g.row, g.col).Input {
		return
	}
	sendOp(ctx, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(g.row, g.col), Input: draft})
}

// placeEditor moves the editor onto the selected cell once the DOM is drawn,
// and gives it the focus.
func (g *Grid) placeEditor(ctx app.Context) { g.place(ctx, true) }

// place moves the editor onto the selected cell, taking the focus only when
// asked and when the grid or its menu has it: a grid that has just mounted,
// or whose edit was saved as the focus left it, must not steal it from the
// page.
func (g *Grid) place(ctx app.Context, focus bool) {
	ctx.Defer(func(ctx app.Context) {
		ed := g.editor()
		grid := app.Window().GetElementByID(g.gridID())
		td := app.Window().GetElementByID(CellID(g.Section.ID, g.row, g.col))
		if !ed.Truthy() || !grid.Truthy() || !td.Truthy() {
			return
		}
		// The grid keeps the focus it has (a click on a cell gives it at
		// once, see OnMount) and takes it back from its own context menu;
		// it never takes it from elsewhere, nor from nowhere: the focus
		// may have left for the next control, which a render has just
		// replaced, while this grid saved the edit it left.
		if active := app.Window().Get("document").Get("activeElement"); focus &&
			!(active.Truthy() && (grid.Call("contains", active).Bool() || active.Call("closest", ".ctxmenu").Truthy())) {
			focus = false
		}
		if focus {
			td.Call("scrollIntoView", map[string]any{"block": "nearest", "inline": "nearest"})
		}
		gr, tr := grid.Call("getBoundingClientRect"), td.Call("getBoundingClientRect")
		style := ed.Get("style")
		px := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "px" }
		style.Set("left", px(tr.Get("left").Float()-gr.Get("left").Float()+grid.Get("scrollLeft").Float()))
		style.Set("top", px(tr.Get("top").Float()-gr.Get("top").Float()+grid.Get("scrollTop").Float()))
		style.Set("width", px(tr.Get("width").Float()))
		style.Set("height", px(tr.Get("height").Float()))
		if focus {
			ed.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// OnMount adds two DOM listeners of the grid's own. go-app runs its event
// handlers later, on the UI goroutine, when it is too late to call
// preventDefault; a grid must stop the browser from scrolling on arrows or
// leaving on Tab. So a plain listener decides that at once, from the event and
// the editor's data-editing flag, and the go-app handler (onKeyDown) then acts
// on exactly the keys it stopped.
func (g *Grid) OnMount(ctx app.Context) {
	ed, grid := g.editor(), app.Window().GetElementByID(g.gridID())
	if !ed.Truthy() || !grid.Truthy() {
		return
	}
	// Capture phase on the grid: it runs before go-app's own listener on the
	// editor, whose Go handler may run inside that listener's call.
	g.on(grid, "keydown", func(e app.Value) {
		if e.Get("target").Get("id").String() != g.editorID() {
			return
		}
		k, editing := keyOf(e), ed.Get("dataset").Get("editing").String() == "1"
		switch {
		case g.leaves(k, editing):
			// The browser moves the focus on, out of the grid; focusout
			// commits an edit in progress.
		case k.name == "F6":
			e.Call("preventDefault")
			focusBeyond(grid.Call("closest", ".card"), !k.shift)
		case k.handled(editing):
			e.Call("preventDefault")
		}
	}, true)
	// Leaving the grid, by Tab or a click elsewhere, saves what was being
	// typed, as a spreadsheet does.
	g.on(grid, "focusout", func(e app.Value) {
		if e.Get("target").Get("id").String() == g.editorID() && !grid.Call("contains", e.Get("relatedTarget")).Bool() {
			ctx.Dispatch(func(ctx app.Context) {
				g.released = false
				if g.editing {
					g.commit(ctx)
				}
			})
		}
	}, false)
	// Keep the focus in the editor when a cell is pressed, before the click
	// is handled, so keys typed right after a click reach it.
	g.on(grid, "mousedown", func(e app.Value) {
		if e.Get("target").Get("id").String() != g.editorID() {
			e.Call("preventDefault")
			ed.Call("focus", map[string]any{"preventScroll": true})
		}
	}, false)
	// The context menu: preventDefault must run at once, like the keys'.
	g.on(grid, "contextmenu", func(e app.Value) {
		td := e.Get("target").Call("closest", "td")
		if !td.Truthy() {
			return
		}
		r, c, ok := g.cellAt(td.Get("id").String())
		if !ok {
			return
		}
		e.Call("preventDefault")
		x, y := e.Get("clientX").Float(), e.Get("clientY").Float()
		ctx.Dispatch(func(ctx app.Context) { g.onContextMenu(ctx, r, c, x, y) })
	}, false)
	// A press anywhere but on the menu closes it.
	g.on(app.Window(), "mousedown", func(e app.Value) {
		if g.menu != nil && !e.Get("target").Call("closest", ".ctxmenu").Truthy() {
			ctx.Dispatch(func(ctx app.Context) { g.menu = nil })
		}
	}, true)
	g.on(grid, "scroll", func(e app.Value) {
		top := grid.Get("scrollTop").Float()
		ctx.Dispatch(func(ctx app.Context) { g.scrolled(ctx, top) })
	}, false)
	g.listenClipboard(ctx, ed)
	g.measure(ctx, func() string {
		rows, _ := g.size()
		first, _ := g.window(rows)
		return CellID(g.Section.ID, first, 0)
	})
	g.place(ctx, false)
}

func (g *Grid) on(target app.Value, event string, fn func(e app.Value), capture bool) {
	g.listen.on(target, event, fn, capture)
}

// OnDismount removes the listeners OnMount added.
func (g *Grid) OnDismount() { g.listen.removeAll() }
