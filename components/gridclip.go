package components

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// listenClipboard answers the browser's copy, cut and paste events on the
// grid's editor with the selection as tab-separated text, the format Excel
// and Google Sheets exchange. The copy listener must fill clipboardData
// during the event, so it reads the selection (data-sel) and the section as
// they stand, rows out of view included. While a cell is being edited the
// events are the text box's own.
func (g *Grid) listenClipboard(ctx app.Context, ed app.Value) {
	grid := app.Window().GetElementByID(g.gridID())
	copySel := func(e app.Value) bool {
		if ed.Get("dataset").Get("editing").String() == "1" {
			return false
		}
		r1, c1, r2, c2, ok := parseSel(grid.Get("dataset").Get("sel").String())
		if !ok {
			return false
		}
		var rows [][]string
		for r := r1; r <= r2; r++ {
			var row []string
			for c := c1; c <= c2; c++ {
				cell := g.Section.Cell(r, c)
				row = append(row, model.Display(cell.Value, cell.Format))
			}
			rows = append(rows, row)
		}
		e.Get("clipboardData").Call("setData", "text/plain", writeTSV(rows))
		e.Call("preventDefault")
		return true
	}
	g.on(ed, "copy", func(e app.Value) { copySel(e) }, false)
	g.on(ed, "cut", func(e app.Value) {
		if copySel(e) {
			ctx.Dispatch(func(ctx app.Context) { g.clearSelection(ctx) })
		}
	}, false)
	g.on(ed, "paste", func(e app.Value) {
		if ed.Get("dataset").Get("editing").String() == "1" {
			return
		}
		text := e.Get("clipboardData").Call("getData", "text/plain").String()
		e.Call("preventDefault")
		ctx.Dispatch(func(ctx app.Context) { g.paste(ctx, readTSV(text)) })
	}, false)
}

func parseSel(s string) (r1, c1, r2, c2 int, ok bool) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return 0, 0, 0, 0, false
	}
	var n [4]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return 0, 0, 0, 0, false
		}
		n[i] = v
	}
	return n[0], n[1], n[2], n[3], true
}

// paste writes a block of text from its top-left at the selection's top-left,
// growing the sheet as needed, as one undoable edit.
func (g *Grid) paste(ctx app.Context, rows [][]string) {
	r0, c0, _, _ := g.selection()
	var ops []model.Op
	for dr, row := range rows {
		for dc, text := range row {
			r, c := r0+dr, c0+dc
			if r >= model.MaxSectionRows || c >= model.MaxSectionCols {
				continue
			}
			if g.Section.Cell(r, c).Input != text {
				ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(r, c), Input: text})
			}
		}
	}
	if len(rows) > 0 {
		g.ar, g.ac = r0, c0
		g.row, g.col = r0+len(rows)-1, c0+len(rows[0])-1
	}
	sendOps(ctx, ops)
}

// clearSelection empties every selected cell.
func (g *Grid) clearSelection(ctx app.Context) {
	r1, c1, r2, c2 := g.selection()
	var ops []model.Op
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			if g.Section.Cell(r, c).Input != "" {
				ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(r, c), Input: ""})
			}
		}
	}
	sendOps(ctx, ops)
}

// fillDown copies the selection's top row into the rows below it, moving
// relative references in formulas, as Ctrl+D does.
func (g *Grid) fillDown(ctx app.Context) {
	r1, c1, r2, c2 := g.selection()
	var ops []model.Op
	for c := c1; c <= c2; c++ {
		top := g.Section.Cell(r1, c)
		for r := r1 + 1; r <= r2; r++ {
			input := top.Input
			if calc.IsFormula(input) {
				input = calc.Offset(input, r-r1, 0)
			}
			f := top.Format
			ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(r, c), Input: input, Format: &f})
		}
	}
	sendOps(ctx, ops)
}

// writeTSV writes rows as spreadsheets put them on the clipboard: tabs
// between cells, CRLF between rows, a cell holding a tab, a line break or a
// quote in quotes with its quotes doubled.
func writeTSV(rows [][]string) string {
	var b strings.Builder
	for i, row := range rows {
		if i > 0 {
			b.WriteString("\r\n")
		}
		for j, cell := range row {
			if j > 0 {
				b.WriteByte('\t')
			}
			if strings.ContainsAny(cell, "\t\r\n\"") {
				cell = `"` + strings.ReplaceAll(cell, `"`, `""`) + `"`
			}
			b.WriteString(cell)
		}
	}
	return b.String()
}

// readTSV reads clipboard text from Excel, Google Sheets or another
// thesisboard tab.
func readTSV(s string) [][]string {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	var rows [][]string
	var row []string
	var cell strings.Builder
	inQuotes := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case inQuotes && ch == '"' && i+1 < len(s) && s[i+1] == '"':
			cell.WriteByte('"')
			i++
		case ch == '"' && (inQuotes || cell.Len() == 0):
			inQuotes = !inQuotes
		case !inQuotes && ch == '\t':
			row = append(row, cell.String())
			cell.Reset()
		case !inQuotes && (ch == '\n' || ch == '\r'):
			if ch == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			rows = append(rows, append(row, cell.String()))
			row, cell = nil, strings.Builder{}
		default:
			cell.WriteByte(ch)
		}
	}
	return append(rows, append(row, cell.String()))
}
