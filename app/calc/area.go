package calc

import "iter"

// area is a range's cells as a formula reads them, in place rather than
// copied: rows × cols as written, of which only the top-left rectangle of
// hrows × hcols can hold anything, the part inside the section's grid. Every
// cell past it is empty and is never visited, so A1:A65536 over a section of
// ten rows costs ten cells, and a range written far past a section's end
// costs nothing.
//
// An area lives while one formula is evaluated: the engine is not edited in
// the meantime, so reading in place is safe.
type area struct {
	e            *Engine
	si, r1, c1   int // section and top-left cell
	rows, cols   int // the size written
	hrows, hcols int // the part the section's grid reaches
}

// area evaluates a range reference: its sheet must exist, and reading it
// charges the recalculation's budget the cells its held part spans (see
// Engine.spend); past the budget it is #BUSY!.
func (e *Engine) area(n refNode) value {
	si, ok := e.sheet(n.sheet, e.current)
	if !ok {
		return errv(ErrRef)
	}
	a := &area{e: e, si: si, r1: n.r1, c1: n.c1, rows: n.r2 - n.r1 + 1, cols: n.c2 - n.c1 + 1}
	cells := e.a.Sections[si].Cells
	if a.hrows = max(0, min(len(cells)-n.r1, a.rows)); a.hrows > 0 {
		for _, row := range cells[n.r1 : n.r1+a.hrows] {
			a.hcols = max(a.hcols, min(len(row)-n.c1, a.cols))
		}
	}
	if !e.spend(int64(a.hrows) * int64(max(a.hcols, 1))) {
		return e.busy()
	}
	return value{k: kArea, area: a}
}

// at is the cell at row r, column c of the range, counted from 0.
func (a *area) at(r, c int) value {
	if r < 0 || c < 0 || r >= a.hrows || c >= a.hcols {
		return value{}
	}
	row := a.e.a.Sections[a.si].Cells[a.r1+r]
	if a.c1+c >= len(row) {
		return value{}
	}
	return a.e.valueOf(&row[a.c1+c])
}

// held yields the cells of the held part, row by row, each with its
// position in the whole range (r×cols + c).
func (a *area) held() iter.Seq2[int, value] {
	return func(yield func(int, value) bool) {
		cells := a.e.a.Sections[a.si].Cells
		for r := range a.hrows {
			row := cells[a.r1+r]
			for c := range max(0, min(a.hcols, len(row)-a.c1)) {
				if !yield(r*a.cols+c, a.e.valueOf(&row[a.c1+c])) {
					return
				}
			}
		}
	}
}

// span is one past the last position held yields (0 when it yields
// nothing): past it, every position of the range is empty.
func (a *area) span() int {
	if a.hrows == 0 || a.hcols == 0 {
		return 0
	}
	return (a.hrows-1)*a.cols + a.hcols
}

// column is column c of the range, as a range of its own.
func (a *area) column(c int) *area {
	col := *a
	col.c1, col.cols = a.c1+c, 1
	col.hcols = max(0, min(1, a.hcols-c))
	return &col
}

// span is one past the last position of v that may hold something.
func (v value) span() int {
	if v.k == kArea {
		return v.area.span()
	}
	return 1
}
