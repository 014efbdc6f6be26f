// Package calc is thesisboard's formula engine, shared by the browser and the
// server so both compute the same numbers. Formulas use Excel's syntax
// (tokenized by github.com/xuri/efp): numbers, text, booleans, errors, the
// usual operators, A1 and $A$1 references, ranges and references to other
// sections by title or id ('Financial health'!B2). Unknown functions give
// #NAME?; circular references give #CYCLE! on every cell of the cycle.
//
// Recalc orders formula cells by their dependencies with Kahn's algorithm and
// evaluates each once, in that order, without recursion from cell to cell, so
// a chain of 100,000 formulas costs no stack.
package calc

import (
	"strings"

	"thesisboard/app/model"
)

// Apply applies op to a (see model.Apply) and recalculates its formulas.
func Apply(a *model.Analysis, op model.Op) error {
	if err := model.Apply(a, op); err != nil {
		return err
	}
	Recalc(a)
	return nil
}

// IsFormula reports whether a cell's input is a formula.
func IsFormula(input string) bool { return len(input) > 1 && input[0] == '=' }

type cellKey struct {
	sheet    int // index into Analysis.Sections
	row, col int
}

type formula struct {
	key  cellKey
	ast  node
	err  error
	deps []cellKey // the formula cells it reads
}

// book is the evaluation environment over one analysis.
type book struct {
	a        *model.Analysis
	sheets   map[string]int // id and lower-case title -> index
	current  int
	formulas map[cellKey]*formula
	results  map[cellKey]value
}

// Recalc computes every formula cell of a and stores the results as the
// cells' values.
func Recalc(a *model.Analysis) {
	b := &book{a: a, sheets: map[string]int{}, formulas: map[cellKey]*formula{}, results: map[cellKey]value{}}
	for i, s := range a.Sections {
		b.sheets[strings.ToLower(s.Title)] = i
		b.sheets[s.ID] = i
	}
	var order []*formula
	for si, s := range a.Sections {
		for r, row := range s.Cells {
			for c, cell := range row {
				if !IsFormula(cell.Input) {
					continue
				}
				f := &formula{key: cellKey{si, r, c}}
				f.ast, f.err = parse(cell.Input[1:])
				b.formulas[f.key] = f
				order = append(order, f)
			}
		}
	}
	if len(order) == 0 {
		return
	}
	// Dependencies between formula cells, then Kahn's algorithm.
	dependents := map[cellKey][]*formula{}
	indegree := map[*formula]int{}
	for _, f := range order {
		if f.err != nil {
			continue
		}
		seen := map[cellKey]bool{}
		walkRefs(f.ast, func(r refNode) {
			si, ok := b.sheet(r.sheet, f.key.sheet)
			if !ok || (r.r2-r.r1+1)*(r.c2-r.c1+1) > maxAreaCells {
				return
			}
			for row := r.r1; row <= r.r2; row++ {
				for col := r.c1; col <= r.c2; col++ {
					k := cellKey{si, row, col}
					if _, isFormula := b.formulas[k]; isFormula && !seen[k] {
						seen[k] = true
						dependents[k] = append(dependents[k], f)
						indegree[f]++
					}
				}
			}
		})
	}
	queue := make([]*formula, 0, len(order))
	for _, f := range order {
		if indegree[f] == 0 {
			queue = append(queue, f)
		}
	}
	for i := 0; i < len(queue); i++ {
		f := queue[i]
		b.results[f.key] = b.evaluate(f)
		for _, d := range dependents[f.key] {
			if indegree[d]--; indegree[d] == 0 {
				queue = append(queue, d)
			}
		}
	}
	for _, f := range order {
		v, done := b.results[f.key]
		if !done {
			v = errv(ErrCycle)
		}
		b.store(f.key, v, f.err)
	}
}

func (b *book) evaluate(f *formula) value {
	if f.err != nil {
		return errv(ErrSyntax)
	}
	b.current = f.key.sheet
	v := eval(f.ast, b).scalar()
	if v.k == kEmpty {
		return num(0)
	}
	return v
}

// errorNotes explain error values where the cell shows them.
var errorNotes = map[string]string{
	ErrDiv0:   "division by zero",
	ErrValue:  "a value of the wrong type",
	ErrRef:    "a reference to a sheet or cell that does not exist",
	ErrName:   "an unknown function or name",
	ErrNA:     "no value available",
	ErrNum:    "a number out of range",
	ErrCycle:  "a circular reference: the formula depends on itself",
	ErrSyntax: "the formula cannot be read",
}

func (b *book) store(k cellKey, v value, parseErr error) {
	cell := &b.a.Sections[k.sheet].Cells[k.row][k.col]
	switch v.k {
	case kNum:
		cell.Value = model.Value{Kind: model.KindNumber, Num: v.n}
	case kStr:
		cell.Value = model.Value{Kind: model.KindText, Text: v.s}
	case kBool:
		cell.Value = model.Value{Kind: model.KindBool, Bool: v.b}
	case kErr:
		note := errorNotes[v.s]
		if parseErr != nil {
			note = parseErr.Error()
		}
		cell.Value = model.Value{Kind: model.KindError, Text: v.s, Note: note}
	default:
		cell.Value = model.Value{Kind: model.KindNumber}
	}
}

func (b *book) sheet(name string, current int) (int, bool) {
	if name == "" {
		return current, true
	}
	i, ok := b.sheets[name]
	if !ok {
		i, ok = b.sheets[strings.ToLower(name)]
	}
	return i, ok
}

func (b *book) cell(sheet string, row, col int) (value, bool) {
	si, ok := b.sheet(sheet, b.current)
	if !ok {
		return value{}, false
	}
	k := cellKey{si, row, col}
	if _, isFormula := b.formulas[k]; isFormula {
		if v, done := b.results[k]; done {
			return v, true
		}
		return errv(ErrCycle), true
	}
	c := b.a.Sections[si].Cell(row, col)
	switch c.Value.Kind {
	case model.KindNumber, model.KindRange:
		n, _ := c.Value.Number()
		return num(n), true
	case model.KindText, model.KindDate:
		return str(c.Value.Text), true
	case model.KindBool:
		return boolean(c.Value.Bool), true
	case model.KindError:
		return errv(c.Value.Text), true
	}
	return value{}, true
}

func (b *book) bounds(sheet string, row, col int) (float64, float64, bool) {
	si, ok := b.sheet(sheet, b.current)
	if !ok {
		return 0, 0, false
	}
	return b.a.Sections[si].Cell(row, col).Value.Bounds()
}

// walkRefs calls fn for every reference in a formula.
func walkRefs(n node, fn func(refNode)) {
	switch n := n.(type) {
	case refNode:
		fn(n)
	case unaryNode:
		walkRefs(n.x, fn)
	case binNode:
		walkRefs(n.l, fn)
		walkRefs(n.r, fn)
	case callNode:
		for _, a := range n.args {
			walkRefs(a, fn)
		}
	}
}
