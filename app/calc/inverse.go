package calc

import (
	"strings"

	"thesisboard/app/model"
)

// Inverse is model.Inverse with what a deleted row or column does to the
// formulas that read it: they turn to #REF!, which inserting the row back
// does not mend, so the undo also puts those formulas back as they were, as
// Excel's undo does. Formulas that only read around the deleted row come
// back by themselves: the insert moves their references back.
func Inverse(a *model.Analysis, op model.Op) []model.Op {
	inv := model.Inverse(a, op)
	if len(inv) == 0 {
		return inv
	}
	var ax axis
	var at int
	switch op.Kind {
	case model.OpDeleteRow:
		ax, at = rowAxis, op.Row-1
	case model.OpDeleteCol:
		ax, at = colAxis, op.Col-1
	default:
		return inv
	}
	names := sheetNames(a)
	target, ok := names[op.Sheet]
	if !ok {
		return inv
	}
	for si, s := range a.Sections {
		for r, row := range s.Cells {
			for c, cell := range row {
				if si == target && (ax == rowAxis && r == at || ax == colAxis && c == at) {
					continue // in what is deleted: model.Inverse puts it back
				}
				if !IsFormula(cell.Input) || strings.Contains(cell.Input, "#REF!") {
					continue
				}
				if strings.Contains(shiftFormula(cell.Input, si, names, target, ax, at, -1), "#REF!") {
					f, src := cell.Format, cell.Source
					inv = append(inv, model.Op{Kind: model.OpSetCell, Sheet: s.ID, Cell: model.Addr(r, c), Input: cell.Input, Format: &f, Source: &src})
				}
			}
		}
	}
	return inv
}
