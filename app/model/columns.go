package model

import "slices"

// applyCol inserts a blank column at op.Col of a section, or deletes that
// column, in every row that reaches it. A section keeps at least one column.
func applyCol(a *Analysis, op Op) error {
	s, err := section(a, op.Sheet)
	if err != nil {
		return err
	}
	width := s.Width()
	last := width
	if op.Kind == OpInsertCol {
		last++
	}
	if op.Col < 1 || op.Col > last {
		return Errorf(EINVALID, "column %d is outside sheet %q (columns 1 to %d)", op.Col, op.Sheet, last)
	}
	i := op.Col - 1
	if op.Kind == OpInsertCol {
		if width >= MaxSectionCols {
			return Errorf(EINVALID, "sheet %q already has the most columns a section can hold (%d)", op.Sheet, MaxSectionCols)
		}
		for r, row := range s.Cells {
			if len(row) > i {
				s.Cells[r] = slices.Insert(row, i, Cell{})
			}
		}
		shiftSeries(a, op.Sheet, i, +1, true)
		return nil
	}
	if width <= 1 {
		return Errorf(EINVALID, "sheet %q has one column left; a section keeps at least one", op.Sheet)
	}
	for r, row := range s.Cells {
		if len(row) > i {
			s.Cells[r] = slices.Delete(row, i, i+1)
		}
	}
	shiftSeries(a, op.Sheet, i, -1, true)
	return nil
}

// inverseCol is Inverse for column ops: a deleted column comes back with its
// cells.
func inverseCol(a *Analysis, op Op) []Op {
	if op.Kind == OpInsertCol {
		return []Op{{Kind: OpDeleteCol, Sheet: op.Sheet, Col: op.Col}}
	}
	s := a.Section(op.Sheet)
	if s == nil || op.Col < 1 || op.Col > s.Width() {
		return nil
	}
	ops := []Op{{Kind: OpInsertCol, Sheet: op.Sheet, Col: op.Col}}
	for r, row := range s.Cells {
		if op.Col <= len(row) {
			if cell := row[op.Col-1]; cell.Input != "" || cell.Source != 0 || cell.Format != "" {
				ops = append(ops, restoreCell(op.Sheet, Addr(r, op.Col-1), cell))
			}
		}
	}
	return ops
}
