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
		return rebaseOnMove(a, op, past.Sheet, rowAxis, past.Row-1, moveDelta(past.Kind), version)
	case model.OpInsertCol, model.OpDeleteCol:
		return rebaseOnMove(a, op, past.Sheet, colAxis, past.Col-1, moveDelta(past.Kind), version)
	}
	return op, nil
}

func moveDelta(kind model.OpKind) int {
	if kind == model.OpDeleteRow || kind == model.OpDeleteCol {
		return -1
	}
	return +1
}

// rebaseOnMove carries op over an insert (delta +1) or a delete (delta -1) of
// the row or column at index at of section sheet.
func rebaseOnMove(a *model.Analysis, op model.Op, sheet string, ax axis, at, delta int, version int64) (model.Op, error) {
	what := func(i int) string {
		if ax == colAxis {
			return "column " + model.ColName(i)
		}
		return fmt.Sprintf("row %d", i+1)
	}
	gone := func(i int, cell string) error {
		return &model.Error{
			Code:     model.ECONFLICT,
			Message:  fmt.Sprintf("%s of %s was deleted by another session after you loaded it", what(i), sheet),
			Conflict: &model.Conflict{Sheet: op.Sheet, Cell: cell, Yours: op.Input, Version: version, Gone: true},
		}
	}
	// index moves an op's own row or column along ax; false when it was
	// deleted. An insert at the deleted index stays where it is.
	index := func(i int, inserting bool) (int, bool) {
		if delta < 0 && i == at {
			return i, inserting
		}
		return move(i, at, delta), true
	}
	switch op.Kind {
	case model.OpSetCell:
		if op.Sheet == sheet {
			r, c, err := model.ParseAddr(op.Cell)
			if err != nil {
				return op, nil // model.Apply refuses it
			}
			i := r
			if ax == colAxis {
				i = c
			}
			moved, ok := index(i, false)
			if !ok {
				return op, gone(i, strings.ToUpper(op.Cell))
			}
			if ax == colAxis {
				c = moved
			} else {
				r = moved
			}
			op.Cell = model.Addr(r, c)
		}
		if IsFormula(op.Input) {
			names := sheetNames(a)
			if target, ok := names[sheet]; ok {
				if on, ok := names[op.Sheet]; ok {
					op.Input = shiftFormula(op.Input, on, names, target, ax, at, delta)
				}
			}
		}
	case model.OpInsertRow, model.OpDeleteRow:
		if ax == rowAxis && op.Sheet == sheet {
			moved, ok := index(op.Row-1, op.Kind == model.OpInsertRow)
			if !ok {
				return op, gone(op.Row-1, "")
			}
			op.Row = moved + 1
		}
	case model.OpInsertCol, model.OpDeleteCol:
		if ax == colAxis && op.Sheet == sheet {
			moved, ok := index(op.Col-1, op.Kind == model.OpInsertCol)
			if !ok {
				return op, gone(op.Col-1, "")
			}
			op.Col = moved + 1
		}
	}
	return op, nil
}
