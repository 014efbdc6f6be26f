//go:build !wasm

package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// sectionSheet writes a section through a StreamWriter, which keeps memory
// flat however many rows it has. Everything that is not a cell (notes, the
// conditional formats of the watchlist) is set on the sheet before the
// stream starts: the StreamWriter writes those parts of the sheet as it finds
// them when it flushes.
func (b *book) sectionSheet(s *model.Section, sheet string) {
	notes, longest, asText := b.sectionNotes(s)
	for addr, texts := range notes {
		b.check(b.f.AddComment(sheet, excelize.Comment{Author: "thesisboard", Cell: addr, Text: strings.Join(texts, "\n")}))
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	b.streamLayout(sw, longest)
	for r, row := range s.Cells {
		out := make([]any, len(row), max(len(row), len(longest)))
		for c, cell := range row {
			x, numFmt := b.cell(cell, s, asText[[2]int{r, c}])
			if needsMeta(cell, x.Formula, numFmt) {
				b.metaCellRow(sheet+"!"+model.Addr(r, c), metaCell{Input: cell.Input, Value: cell.Value, Format: cell.Format, Raw: rawOf(x)})
			}
			out[c] = x
		}
		if r == 0 && holdsText(row) { // the headings, styled across the sheet's width
			out = out[:cap(out)]
			for c := range out {
				v, _ := out[c].(excelize.Cell)
				out[c] = excelize.Cell{StyleID: b.header, Value: v.Value, Formula: v.Formula}
			}
		}
		b.check(sw.SetRow(model.Addr(r, 0), out))
	}
	b.check(sw.Flush())
}

// sectionNotes is one pass over a section for what must be known before its
// cells stream: each cell's notes (its source, why a formula is written as
// text, what a range cell holds), the longest text shown in each column,
// and the formula cells written as text (few, so a map).
func (b *book) sectionNotes(s *model.Section) (notes map[string][]string, longest []int, asText map[[2]int]bool) {
	notes, longest, asText = map[string][]string{}, make([]int, s.Width()), map[[2]int]bool{}
	for r, row := range s.Cells {
		for c, cell := range row {
			shown := model.Display(cell.Value, cell.Format)
			var texts []string
			if cell.Source != 0 {
				texts = append(texts, b.sourceNote(cell.Source)+editedNote(cell))
			}
			switch {
			case calc.IsFormula(cell.Input):
				if why := b.textReason(cell); why != "" {
					asText[[2]int{r, c}] = true
					shown = cell.Input
					texts = append(texts, textNote(why, cell))
				} else if strings.Contains(strings.ToUpper(cell.Input), "RANGE.") {
					if _, ok := b.formula(cell.Input, s); ok {
						texts = append(texts, "In thesisboard: "+cell.Input+". Excel has no range values, so the range's bounds are written here as numbers.")
					} else {
						texts = append(texts, "Computed in thesisboard with "+cell.Input+" (RANGE.LOW, RANGE.HIGH and RANGE.MID have no Excel equivalent)")
					}
				}
			case cell.Value.Kind == model.KindRange:
				texts = append(texts, rangeNote(cell))
			}
			longest[c] = max(longest[c], utf8.RuneCountInString(shown))
			if len(texts) > 0 { // the address only where a note goes
				addr := model.Addr(r, c)
				notes[addr] = append(notes[addr], texts...)
			}
		}
	}
	return notes, longest, asText
}

// streamLayout sets a streamed sheet's column widths, from the longest text
// shown in each column, and freezes its header row.
func (b *book) streamLayout(sw *excelize.StreamWriter, longest []int) {
	for c, n := range longest {
		b.check(sw.SetColWidth(c+1, c+1, float64(min(max(n+2, 8), 60))))
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// cell is one cell for the StreamWriter, and the number format it is given
// ("" for none). Numbers are numbers with a matching number format, and so
// are a range's ("$1.2–$1.4B"), a bound's ("<5 ms") and a ratio's ("21:1"),
// so that a formula reading them computes in Excel what it computes in the
// dashboard; everything else is a typed string, so text that looks like a
// formula is never run as one. A formula is written as a formula with its
// computed value cached, its sheet and function names as the file spells
// them, unless asText (see textReason): then it is its input, as text.
func (b *book) cell(c model.Cell, on *model.Section, asText bool) (excelize.Cell, string) {
	if asText {
		return excelize.Cell{Value: c.Input}, ""
	}
	var out excelize.Cell
	numFmt := ""
	v := c.Value
	switch v.Kind {
	case model.KindEmpty:
	case model.KindNumber:
		if numFmt = NumFmt(v, c.Format); calc.IsFormula(c.Input) {
			numFmt = b.resultNumFmt(c, on)
		}
		out = excelize.Cell{StyleID: b.numStyle(numFmt), Value: v.Num}
	case model.KindRange:
		mid := midpoint(v)
		numFmt = NumFmt(mid, c.Format)
		out = excelize.Cell{StyleID: b.numStyle(numFmt), Value: mid.Num}
	case model.KindBool:
		out.Value = v.Bool
	default:
		// Dates and text keep the text the dashboard shows.
		out.Value = model.Display(v, c.Format)
	}
	if calc.IsFormula(c.Input) {
		if formula, ok := b.formula(c.Input, on); ok {
			out.Formula = toFileNames(formula[1:])
		}
	}
	return out, numFmt
}

// holdsText reports whether a first row is a heading row: one that holds
// text. A first row of figures and formulas (a sheet made elsewhere) is
// data, and keeps its number formats; a formula is never dropped either way.
func holdsText(row []model.Cell) bool {
	for _, c := range row {
		if c.Value.Kind == model.KindText && !calc.IsFormula(c.Input) {
			return true
		}
	}
	return false
}

// midpoint is a range as the one number the dashboard's formulas read from
// it (see model.Value.Number), with the range's bound, unit and note: Excel
// has no range values, and a cell holding the range's text would make every
// formula that reads it #VALUE!.
func midpoint(v model.Value) model.Value {
	n, _ := v.Number()
	return model.Value{Kind: model.KindNumber, Num: n, Unit: v.Unit, Bound: v.Bound, Note: v.Note}
}

// editedNote says, after a source note, that the figure was edited since
// and what the source said (see model.Cell.Said); read back by readSaid.
func editedNote(c model.Cell) string {
	if c.Said == "" {
		return ""
	}
	return editedMark + c.Said
}

// editedMark starts what editedNote adds to a source note.
const editedMark = ". Edited; the source said "

// readSaid is what the source said, from a note editedNote wrote, or "".
func readSaid(note string) string {
	_, said, _ := strings.Cut(note, editedMark)
	return said
}

// rangeNote keeps a range cell's low and high in view, since the cell shows
// its midpoint.
func rangeNote(c model.Cell) string {
	mid := midpoint(c.Value)
	return "In thesisboard: " + model.Display(c.Value, c.Format) +
		" (low " + strconv.FormatFloat(c.Value.Low, 'f', -1, 64) + ", high " + strconv.FormatFloat(c.Value.High, 'f', -1, 64) +
		"). Excel has no range values, so the cell holds the midpoint, " + model.Display(mid, c.Format) +
		": the number thesisboard's formulas compute with."
}
