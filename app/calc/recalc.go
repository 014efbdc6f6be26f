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
	"sync"

	"thesisboard/app/model"
)

// Apply applies op to a (see model.Apply) and recalculates all its
// formulas. The server uses it on each stored snapshot; an editing session
// keeps an Engine, which recalculates only what an edit changes.
func Apply(a *model.Analysis, op model.Op) error {
	if err := applyOp(a, op); err != nil {
		return err
	}
	Recalc(a)
	return nil
}

// applyOp is model.Apply plus what rows or columns moving means for
// formulas.
func applyOp(a *model.Analysis, op model.Op) error {
	if err := model.Apply(a, op); err != nil {
		return err
	}
	switch op.Kind {
	case model.OpInsertRow:
		shiftRows(a, op.Sheet, op.Row-1, +1)
	case model.OpDeleteRow:
		shiftRows(a, op.Sheet, op.Row-1, -1)
	case model.OpInsertCol:
		shiftCols(a, op.Sheet, op.Col-1, +1)
	case model.OpDeleteCol:
		shiftCols(a, op.Sheet, op.Col-1, -1)
	}
	return nil
}

// Recalc computes every formula cell of a and stores the results as the
// cells' values.
func Recalc(a *model.Analysis) { NewEngine(a) }

// IsFormula reports whether a cell's input is a formula.
func IsFormula(input string) bool { return len(input) > 1 && input[0] == '=' }

type cellKey struct {
	sheet    int // index into Analysis.Sections
	row, col int
}

type formula struct {
	key   cellKey
	ast   node
	err   error
	reads []cellKey // every cell it refers to, ranges spelled out
}

// Engine keeps an analysis's formulas parsed, with for every cell the
// formulas that read it, so an edit recalculates just the cells that depend
// on it, in dependency order.
//
// An Engine owns its analysis: apply edits through Engine.Apply only.
type Engine struct {
	a        *model.Analysis
	sheets   map[string]int // section id and lower-case title -> index
	formulas map[cellKey]*formula
	readers  map[cellKey][]*formula

	// state of one recalculation
	current int
	dirty   map[*formula]bool
	results map[cellKey]value
	touched map[int]bool
}

// NewEngine parses a's formulas and computes them all.
func NewEngine(a *model.Analysis) *Engine {
	e := &Engine{a: a}
	e.rebuild()
	return e
}

// Use points the engine at a copy of its analysis (from Analysis.Clone):
// same sections, same cells. A page that must hand its view new values, not
// mutated ones, clones, uses the clone, then applies.
func (e *Engine) Use(a *model.Analysis) { e.a = a }

// Analysis is the analysis the engine computes.
func (e *Engine) Analysis() *model.Analysis { return e.a }

// Touched lists the sections whose cells the last Apply changed, the edited
// one included.
func (e *Engine) Touched() []int {
	out := make([]int, 0, len(e.touched))
	for i := range e.touched {
		out = append(out, i)
	}
	return out
}

// Apply applies op (see model.Apply; on error nothing changes) and
// recalculates: after a cell edit only the formulas that depend on the cell,
// after anything else all of them.
func (e *Engine) Apply(op model.Op) error {
	if op.Kind != model.OpSetCell {
		if err := applyOp(e.a, op); err != nil {
			return err
		}
		e.rebuild()
		return nil
	}
	if err := model.Apply(e.a, op); err != nil {
		return err
	}
	si := e.sheets[op.Sheet]
	r, c, _ := model.ParseAddr(op.Cell)
	k := cellKey{si, r, c}
	e.unlink(k)
	if input := e.a.Sections[si].Cells[r][c].Input; IsFormula(input) {
		e.link(e.newFormula(k, input))
	}
	e.touched = map[int]bool{si: true}
	e.recompute(e.dependents(k))
	return nil
}

// rebuild parses every formula again and computes them all.
func (e *Engine) rebuild() {
	e.sheets = map[string]int{}
	e.formulas = map[cellKey]*formula{}
	e.readers = map[cellKey][]*formula{}
	for i, s := range e.a.Sections {
		e.sheets[strings.ToLower(s.Title)] = i
		e.sheets[s.ID] = i
	}
	for si, s := range e.a.Sections {
		for r, row := range s.Cells {
			for c, cell := range row {
				if IsFormula(cell.Input) {
					e.link(e.newFormula(cellKey{si, r, c}, cell.Input))
				}
			}
		}
	}
	e.touched = map[int]bool{}
	all := make(map[*formula]bool, len(e.formulas))
	for _, f := range e.formulas {
		all[f] = true
	}
	e.recompute(all)
}

func (e *Engine) newFormula(k cellKey, input string) *formula {
	f := &formula{key: k}
	f.ast, f.err = parseCached(input[1:])
	if f.err != nil {
		return f
	}
	seen := map[cellKey]bool{}
	walkRefs(f.ast, func(r refNode) {
		si, ok := e.sheet(r.sheet, k.sheet)
		if !ok || (r.r2-r.r1+1)*(r.c2-r.c1+1) > maxAreaCells {
			return
		}
		for row := r.r1; row <= r.r2; row++ {
			for col := r.c1; col <= r.c2; col++ {
				if rk := (cellKey{si, row, col}); !seen[rk] {
					seen[rk] = true
					f.reads = append(f.reads, rk)
				}
			}
		}
	})
	return f
}

func (e *Engine) link(f *formula) {
	e.formulas[f.key] = f
	for _, k := range f.reads {
		e.readers[k] = append(e.readers[k], f)
	}
}

// unlink forgets the formula at k, if there is one.
func (e *Engine) unlink(k cellKey) {
	f, ok := e.formulas[k]
	if !ok {
		return
	}
	delete(e.formulas, k)
	for _, rk := range f.reads {
		rs := e.readers[rk]
		for i, x := range rs {
			if x == f {
				rs = append(rs[:i], rs[i+1:]...)
				break
			}
		}
		if len(rs) == 0 {
			delete(e.readers, rk)
		} else {
			e.readers[rk] = rs
		}
	}
}

// dependents is the formula at k, if any, and every formula that reads k
// directly or through others.
func (e *Engine) dependents(k cellKey) map[*formula]bool {
	out := map[*formula]bool{}
	if f, ok := e.formulas[k]; ok {
		out[f] = true
	}
	queue := []cellKey{k}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, f := range e.readers[cur] {
			if !out[f] {
				out[f] = true
				queue = append(queue, f.key)
			}
		}
	}
	return out
}

// recompute evaluates the dirty formulas in dependency order (Kahn's
// algorithm over the dirty ones); what is left is a cycle.
func (e *Engine) recompute(dirty map[*formula]bool) {
	if len(dirty) == 0 {
		return
	}
	e.dirty, e.results = dirty, make(map[cellKey]value, len(dirty))
	indegree := make(map[*formula]int, len(dirty))
	for f := range dirty {
		for _, k := range f.reads {
			if g, ok := e.formulas[k]; ok && dirty[g] {
				indegree[f]++
			}
		}
	}
	queue := make([]*formula, 0, len(dirty))
	for f := range dirty {
		if indegree[f] == 0 {
			queue = append(queue, f)
		}
	}
	for i := 0; i < len(queue); i++ {
		f := queue[i]
		e.results[f.key] = e.evaluate(f)
		for _, g := range e.readers[f.key] {
			if dirty[g] {
				if indegree[g]--; indegree[g] == 0 {
					queue = append(queue, g)
				}
			}
		}
	}
	for f := range dirty {
		v, done := e.results[f.key]
		if !done {
			v = errv(ErrCycle)
		}
		e.store(f.key, v, f.err)
		e.touched[f.key.sheet] = true
	}
	e.dirty, e.results = nil, nil
}

func (e *Engine) evaluate(f *formula) value {
	if f.err != nil {
		return errv(ErrSyntax)
	}
	e.current = f.key.sheet
	v := eval(f.ast, e).scalar()
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

func (e *Engine) store(k cellKey, v value, parseErr error) {
	cell := &e.a.Sections[k.sheet].Cells[k.row][k.col]
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

// cell gives a formula a cell's value: a formula being recalculated gives
// its new result (or #CYCLE! if it is waiting on itself); any other cell its
// stored value.
func (e *Engine) cell(sheet string, row, col int) (value, bool) {
	si, ok := e.sheet(sheet, e.current)
	if !ok {
		return value{}, false
	}
	k := cellKey{si, row, col}
	if f, isFormula := e.formulas[k]; isFormula && e.dirty[f] {
		if v, done := e.results[k]; done {
			return v, true
		}
		return errv(ErrCycle), true
	}
	c := e.a.Sections[si].Cell(row, col)
	switch c.Value.Kind {
	case model.KindNumber, model.KindRange:
		n, _ := c.Value.Number()
		return num(n), true
	case model.KindText, model.KindDate:
		if IsFormula(c.Input) && c.Value.Text == c.Input {
			return errv(ErrCycle), true // never computed
		}
		return str(c.Value.Text), true
	case model.KindBool:
		return boolean(c.Value.Bool), true
	case model.KindError:
		return errv(c.Value.Text), true
	}
	return value{}, true
}

func (e *Engine) bounds(sheet string, row, col int) (float64, float64, bool) {
	si, ok := e.sheet(sheet, e.current)
	if !ok {
		return 0, 0, false
	}
	return e.a.Sections[si].Cell(row, col).Value.Bounds()
}

var (
	parseMu    sync.Mutex
	parseCache = map[string]parsed{}
)

type parsed struct {
	ast node
	err error
}

// parseCached parses a formula once per process: sheets repeat formulas, and
// a rebuild should not pay for the tokenizer again.
func parseCached(formula string) (node, error) {
	parseMu.Lock()
	p, ok := parseCache[formula]
	parseMu.Unlock()
	if ok {
		return p.ast, p.err
	}
	ast, err := parse(formula)
	parseMu.Lock()
	if len(parseCache) > 100000 {
		clear(parseCache)
	}
	parseCache[formula] = parsed{ast, err}
	parseMu.Unlock()
	return ast, err
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
