package calc

import (
	"fmt"
	"strings"

	"thesisboard/app/model"
)

// Rebase carries op, made on a version of an analysis from before past was
// committed by another session, over past, so that it means on the analysis
// now (a) what it meant where it was made. Rows moved by past move op's cell
// or row, and the references of a formula op writes, as they moved every
// formula already in a. It refuses, with ECONFLICT and a model.Conflict, an
// op that would overwrite past without its author having seen it: the same
// cell or thesis field, or a cell or row past deleted. version is the
// version past produced. Ops on different things come back unchanged.
func Rebase(a *model.Analysis, op, past model.Op, version int64) (model.Op, error) {
	switch past.Kind {
	case model.OpSetCell:
		if op.Kind == model.OpSetCell && op.Sheet == past.Sheet && strings.EqualFold(op.Cell, past.Cell) {
			return op, &model.Error{
				Code:     model.ECONFLICT,
				Message:  fmt.Sprintf("%s!%s was changed by another session to %q after you loaded it", op.Sheet, strings.ToUpper(op.Cell), past.Input),
				Conflict: &model.Conflict{Sheet: op.Sheet, Cell: strings.ToUpper(op.Cell), Theirs: past.Input, Yours: op.Input, Version: version},
			}
		}
	case model.OpSetThesis:
		if op.Kind == model.OpSetThesis && op.Field == past.Field {
			return op, &model.Error{
				Code:     model.ECONFLICT,
				Message:  fmt.Sprintf("the thesis %s was changed by another session after you loaded it", op.Field),
				Conflict: &model.Conflict{Field: op.Field, Theirs: past.Text, Yours: op.Text, Version: version},
			}
		}
	case model.OpInsertRow, model.OpDeleteRow:
		delta := +1
		if past.Kind == model.OpDeleteRow {
			delta = -1
		}
		return rebaseOnRows(a, op, past.Sheet, past.Row-1, delta, version)
	}
	return op, nil
}

// rebaseOnRows carries op over an insert (delta +1) or a delete (delta -1) of
// row index at on section sheet.
func rebaseOnRows(a *model.Analysis, op model.Op, sheet string, at, delta int, version int64) (model.Op, error) {
	gone := func(what string, cell string) error {
		return &model.Error{
			Code:     model.ECONFLICT,
			Message:  fmt.Sprintf("%s of %s was deleted by another session after you loaded it", what, sheet),
			Conflict: &model.Conflict{Sheet: op.Sheet, Cell: cell, Yours: op.Input, Version: version, Gone: true},
		}
	}
	switch op.Kind {
	case model.OpSetCell:
		if op.Sheet == sheet {
			r, c, err := model.ParseAddr(op.Cell)
			if err != nil {
				return op, nil // model.Apply refuses it
			}
			if delta < 0 && r == at {
				return op, gone(fmt.Sprintf("row %d", r+1), strings.ToUpper(op.Cell))
			}
			op.Cell = model.Addr(move(r, at, delta), c)
		}
		if IsFormula(op.Input) {
			names := sheetNames(a)
			if target, ok := names[sheet]; ok {
				if on, ok := names[op.Sheet]; ok {
					op.Input = shiftFormula(op.Input, on, names, target, at, delta)
				}
			}
		}
	case model.OpInsertRow:
		if op.Sheet == sheet && (delta > 0 && op.Row-1 >= at || delta < 0 && op.Row-1 > at) {
			op.Row += delta
		}
	case model.OpDeleteRow:
		if op.Sheet == sheet {
			if delta < 0 && op.Row-1 == at {
				return op, gone(fmt.Sprintf("row %d", op.Row), "")
			}
			op.Row = move(op.Row-1, at, delta) + 1
		}
	}
	return op, nil
}
