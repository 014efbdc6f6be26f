package components

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// Rows and columns: inserting and deleting them from the keyboard
// (Ctrl+Shift+= and Ctrl+-, which act on columns when whole columns are
// selected, as in Excel), from the buttons by the formula bar, and from the
// context menu a right click opens. Each is sent as row or column ops, one
// per row or column, so a multi-row insert is one undo step.

// gridMenu is an open context menu, at a point of the window.
type gridMenu struct{ x, y float64 }

// insertRows inserts as many rows as are selected, above the selection
// (below when after), never above the heading row.
func (g *Grid) insertRows(ctx app.Context, after int) {
	r1, _, r2, _ := g.selection()
	at := max(r1+1, 2)
	if after > 0 {
		at = min(r2+2, len(g.Section.Cells)+1)
	}
	var ops []model.Op
	for range r2 - r1 + 1 {
		ops = append(ops, model.Op{Kind: model.OpInsertRow, Sheet: g.Section.ID, Row: max(at, 2)})
	}
	sendOps(ctx, ops)
}

// deleteRows deletes the selected rows that exist; the heading row stays.
func (g *Grid) deleteRows(ctx app.Context) {
	r1, _, r2, _ := g.selection()
	var ops []model.Op
	for r := min(r2, len(g.Section.Cells)-1); r >= max(r1, 1); r-- {
		ops = append(ops, model.Op{Kind: model.OpDeleteRow, Sheet: g.Section.ID, Row: r + 1})
	}
	sendOps(ctx, ops)
}

// insertCols inserts as many columns as are selected, left of the selection
// (right when after).
func (g *Grid) insertCols(ctx app.Context, after int) {
	_, c1, _, c2 := g.selection()
	width := g.Section.Width()
	at := min(c1+1, width+1)
	if after > 0 {
		at = min(c2+2, width+1)
	}
	var ops []model.Op
	for range c2 - c1 + 1 {
		ops = append(ops, model.Op{Kind: model.OpInsertCol, Sheet: g.Section.ID, Col: at})
	}
	sendOps(ctx, ops)
}

// deleteCols deletes the selected columns that exist.
func (g *Grid) deleteCols(ctx app.Context) {
	_, c1, _, c2 := g.selection()
	var ops []model.Op
	for c := min(c2, g.Section.Width()-1); c >= c1; c-- {
		ops = append(ops, model.Op{Kind: model.OpDeleteCol, Sheet: g.Section.ID, Col: c + 1})
	}
	sendOps(ctx, ops)
}

// selectColumns selects the whole columns of the selection (Ctrl+Space).
func (g *Grid) selectColumns(ctx app.Context) {
	g.wholeCols, g.wholeRows = true, false
	g.placeEditor(ctx)
}

// selectRows selects the whole rows of the selection (Shift+Space).
func (g *Grid) selectRows(ctx app.Context) {
	g.wholeRows, g.wholeCols = true, false
	g.placeEditor(ctx)
}

// onContextMenu opens the menu on the cell right-clicked, selecting it first
// unless it is in the selection.
func (g *Grid) onContextMenu(ctx app.Context, r, c int, x, y float64) {
	if g.editing {
		g.commit(ctx)
	}
	if r1, c1, r2, c2 := g.selection(); r < r1 || r > r2 || c < c1 || c > c2 {
		g.moveTo(ctx, r, c)
	}
	g.menu = &gridMenu{x: x, y: y}
}

// cellAt is the row and column of a cell element's id, for this grid.
func (g *Grid) cellAt(id string) (r, c int, ok bool) {
	addr, found := strings.CutPrefix(id, "cell-"+g.Section.ID+"-")
	if !found {
		return 0, 0, false
	}
	r, c, err := model.ParseAddr(addr)
	return r, c, err == nil
}

func (g *Grid) renderMenu() app.UI {
	px := func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) + "px" }
	r1, c1, r2, c2 := g.selection()
	rows, cols := "row", "column"
	if r2 > r1 {
		rows = strconv.Itoa(r2-r1+1) + " rows"
	}
	if c2 > c1 {
		cols = strconv.Itoa(c2-c1+1) + " columns"
	}
	item := func(id, label, keys string, act func(ctx app.Context)) app.UI {
		return app.Button().Class("item").ID("menu-"+g.Section.ID+"-"+id).Body(
			app.Span().Text(label), app.If(keys != "", func() app.UI { return app.Span().Class("keys").Text(keys) }),
		).OnClick(func(ctx app.Context, e app.Event) {
			g.menu = nil
			act(ctx)
			g.placeEditor(ctx)
		})
	}
	return app.Div().Class("ctxmenu").ID("menu-"+g.Section.ID).Style("left", px(g.menu.x)).Style("top", px(g.menu.y)).Body(
		item("insert-row-above", "Insert "+rows+" above", "Ctrl+Shift+=", func(ctx app.Context) { g.insertRows(ctx, 0) }),
		item("insert-row-below", "Insert "+rows+" below", "", func(ctx app.Context) { g.insertRows(ctx, 1) }),
		item("delete-row", "Delete "+rows, "Ctrl+-", g.deleteRows),
		app.Hr(),
		item("insert-col-left", "Insert "+cols+" left", "", func(ctx app.Context) { g.insertCols(ctx, 0) }),
		item("insert-col-right", "Insert "+cols+" right", "", func(ctx app.Context) { g.insertCols(ctx, 1) }),
		item("delete-col", "Delete "+cols, "Ctrl+Space, Ctrl+-", g.deleteCols),
		app.Hr(),
		item("clear", "Clear contents", "Delete", g.clearSelection),
		item("fill-down", "Fill down", "Ctrl+D", g.fillDown),
	)
}
