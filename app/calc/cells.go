package calc

import (
	"math"
	"strings"

	"thesisboard/app/model"
)

func (e *Engine) evaluate(f *formula) value {
	if f.err != nil {
		return errNote(ErrSyntax, f.err.Error())
	}
	e.current = f.key.sheet()
	if f.arith != nil {
		if v, ok := f.arith.eval(e); ok {
			return v
		}
	}
	v := eval(f.ast, e).scalar()
	if v.k == kEmpty {
		return num(0)
	}
	return v
}

// errorNotes explain error values where the cell shows them, unless the
// value carries a note of its own.
var errorNotes = map[string]string{
	ErrDiv0:   "division by zero",
	ErrValue:  "a value of the wrong type",
	ErrRef:    "a reference to a sheet or cell that does not exist",
	ErrName:   "an unknown function or name",
	ErrNA:     "no value available",
	ErrNum:    "a number out of range",
	ErrCycle:  "a circular reference: the formula depends on itself",
	ErrSyntax: "the formula cannot be read",
	ErrBusy:   "not computed: the recalculation stopped before it",
}

// store writes a formula's result into its cell. It is the last guard
// before a value leaves the engine: a number that is not finite becomes
// #NUM!, since it could not be sent as JSON nor saved.
func (e *Engine) store(k cellKey, v value) {
	cell := &e.a.Sections[k.sheet()].Cells[k.row()][k.col()]
	if v.k == kNum && (math.IsNaN(v.n) || math.IsInf(v.n, 0)) {
		v = errv(ErrNum)
	}
	switch v.k {
	case kNum:
		cell.Value = model.Value{Kind: model.KindNumber, Num: v.n}
	case kStr:
		cell.Value = model.Value{Kind: model.KindText, Text: v.s}
	case kBool:
		cell.Value = model.Value{Kind: model.KindBool, Bool: v.b}
	case kErr:
		note := v.note
		if note == "" {
			note = errorNotes[v.s]
		}
		cell.Value = model.Value{Kind: model.KindError, Text: v.s, Note: note}
	default:
		cell.Value = model.Value{Kind: model.KindNumber}
	}
}

func (e *Engine) sheet(name string, current int) (int, bool) {
	if name == "" {
		return current, true
	}
	i, ok := e.sheets[name]
	if !ok {
		i, ok = e.sheets[strings.ToLower(name)]
	}
	return i, ok
}

// cell gives a formula a cell's value (see valueOf); ok is false when the
// sheet does not exist.
func (e *Engine) cell(sheet string, row, col int) (value, bool) {
	si, ok := e.sheet(sheet, e.current)
	if !ok {
		return value{}, false
	}
	cells := e.a.Sections[si].Cells
	if row < 0 || row >= len(cells) || col < 0 || col >= len(cells[row]) {
		return value{}, true // past the section's cells: empty
	}
	return e.valueOf(&cells[row][col]), true
}

// number is the value of a cell holding a number, as cell would give it,
// without building a value; false for any other cell, which the caller
// reads through cell.
func (e *Engine) number(sheet string, row, col int) (float64, bool) {
	si, ok := e.sheet(sheet, e.current)
	if !ok {
		return 0, false
	}
	cells := e.a.Sections[si].Cells
	if row < 0 || row >= len(cells) || col < 0 || col >= len(cells[row]) {
		return 0, false
	}
	n, ok := cells[row][col].Value.Number()
	return n, ok && !math.IsNaN(n) && !math.IsInf(n, 0)
}

// valueOf is the value of cell c, its stored value. A formula being
// recalculated has its new one stored already: a formula is computed only
// once every formula it reads is (recompute), and its result is stored at
// once, so what it reads is never stale. c is not a copy: this runs for
// every cell a formula reads, and reads nothing else, neither the formula
// map nor the input's text, which for a large range would be a cache miss a
// cell.
func (e *Engine) valueOf(c *model.Cell) value {
	switch c.Value.Kind {
	case model.KindNumber, model.KindRange:
		n, _ := c.Value.Number()
		return num(n)
	case model.KindText, model.KindDate:
		if IsFormula(c.Input) && c.Value.Text == c.Input {
			return errv(ErrCycle) // never computed
		}
		return str(c.Value.Text)
	case model.KindBool:
		return boolean(c.Value.Bool)
	case model.KindError:
		return errNote(c.Value.Text, c.Value.Note)
	}
	return value{}
}

func (e *Engine) bounds(sheet string, row, col int) (float64, float64, bool) {
	si, ok := e.sheet(sheet, e.current)
	if !ok {
		return 0, 0, false
	}
	return e.a.Sections[si].Cell(row, col).Value.Bounds()
}
