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
	"slices"
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

// ApplyUncomputed applies op to a like Apply but computes nothing: formulas
// keep the values they had. It is for a copy nobody looks at until an Engine
// computes it all again (see app/replica).
func ApplyUncomputed(a *model.Analysis, op model.Op) error { return applyOp(a, op) }

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

// cellKey is one cell of the analysis, its section, row and column packed in
// a machine word: the engine's maps are keyed by cells, and a word hashes far
// faster than a struct. Rows and columns beyond what a section may hold never
// get a key (see keyable).
type cellKey uint64

const (
	keyRowBits = 24 // 16,777,216 rows, past Excel's 1,048,576
	keyColBits = 16
)

func keyOf(sheet, row, col int) cellKey {
	return cellKey(uint64(sheet)<<(keyRowBits+keyColBits) | uint64(row)<<keyColBits | uint64(col))
}

// keyable reports whether a cell fits a key.
func keyable(row, col int) bool {
	return row >= 0 && col >= 0 && row < 1<<keyRowBits && col < 1<<keyColBits
}

func (k cellKey) sheet() int { return int(k >> (keyRowBits + keyColBits)) }
func (k cellKey) row() int   { return int(k>>keyColBits) & (1<<keyRowBits - 1) }
func (k cellKey) col() int   { return int(k) & (1<<keyColBits - 1) }

type formula struct {
	key   cellKey
	ast   node
	err   error
	reads []cellKey // every cell it refers to, ranges spelled out
	arith *arith    // the short form of a one-operator formula, or nil

	// State of the recalculation under way, valid while mark is the
	// engine's epoch: kept here rather than in maps, so an edit that
	// reaches 10,000 formulas allocates no map at all.
	mark   uint64
	indeg  int        // dirty formulas it reads that are not computed yet
	outs   []*formula // the formulas that read its cell
	result value
	done   bool
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
	epoch   uint64     // marks the formulas of the recalculation under way
	working bool       // a recalculation is under way
	queue   []*formula // reused between recalculations
	touched []int      // sections changed by the last Apply, each once
	order   []*formula // reused between recalculations
	work    int64      // cells scanned and formulas computed, ever (see Work)
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

// Work is how much the engine has computed since it was made: cells scanned
// by full recalculations plus formulas evaluated. Replaying ops costs what
// applying them did, so the store compares the work since an analysis's
// last snapshot with the analysis's size to decide when a new one pays.
func (e *Engine) Work() int64 { return e.work }

// Touched lists the sections whose cells the last Apply changed, the edited
// one included.
func (e *Engine) Touched() []int {
	return slices.Clone(e.touched)
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
	si, r, c, err := model.SetCell(e.a, op)
	if err != nil {
		return err
	}
	k := keyOf(si, r, c)
	e.unlink(k)
	if input := e.a.Sections[si].Cells[r][c].Input; IsFormula(input) {
		e.link(e.newFormula(k, input))
	}
	e.touched = append(e.touched[:0], si)
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
			e.work += int64(len(row))
			for c, cell := range row {
				if IsFormula(cell.Input) {
					e.link(e.newFormula(keyOf(si, r, c), cell.Input))
				}
			}
		}
	}
	e.touched = e.touched[:0]
	e.epoch++
	all := make([]*formula, 0, len(e.formulas))
	for _, f := range e.formulas {
		f.mark, f.outs = e.epoch, e.readers[f.key]
		all = append(all, f)
	}
	e.recompute(all)
}

func (e *Engine) newFormula(k cellKey, input string) *formula {
	f := &formula{key: k}
	f.ast, f.err = parseCached(input[1:])
	if f.err != nil {
		return f
	}
	f.arith = compileArith(f.ast)
	seen := map[cellKey]bool{}
	walkRefs(f.ast, func(r refNode) {
		si, ok := e.sheet(r.sheet, k.sheet())
		if !ok || (r.r2-r.r1+1)*(r.c2-r.c1+1) > maxAreaCells {
			return
		}
		if !keyable(r.r2, r.c2) {
			return // past any section: nothing there to read or edit
		}
		for row := r.r1; row <= r.r2; row++ {
			for col := r.c1; col <= r.c2; col++ {
				if rk := keyOf(si, row, col); !seen[rk] {
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
// directly or through others, each marked with a new epoch.
func (e *Engine) dependents(k cellKey) []*formula {
	e.epoch++
	out := e.queue[:0]
	if f, ok := e.formulas[k]; ok {
		f.mark = e.epoch
		out = append(out, f)
	}
	visit := func(key cellKey) []*formula {
		rs := e.readers[key]
		for _, g := range rs {
			if g.mark != e.epoch {
				g.mark = e.epoch
				out = append(out, g)
			}
		}
		return rs
	}
	readK := visit(k)
	for i := 0; i < len(out); i++ {
		if f := out[i]; f.key == k {
			f.outs = readK
		} else {
			f.outs = visit(f.key)
		}
	}
	e.queue = out
	return out
}

// recompute evaluates the dirty formulas (those marked with the current
// epoch, each with its readers in outs) in dependency order, Kahn's algorithm
// over them; what is left is a cycle.
func (e *Engine) recompute(dirty []*formula) {
	if len(dirty) == 0 {
		return
	}
	e.work += int64(len(dirty))
	for _, f := range dirty {
		f.indeg, f.done = 0, false
	}
	for _, f := range dirty {
		for _, g := range f.outs {
			if g.mark == e.epoch {
				g.indeg++
			}
		}
	}
	order := e.order[:0]
	for _, f := range dirty {
		if f.indeg == 0 {
			order = append(order, f)
		}
	}
	e.working = true
	for i := 0; i < len(order); i++ {
		f := order[i]
		f.result, f.done = e.evaluate(f), true
		for _, g := range f.outs {
			if g.mark == e.epoch {
				if g.indeg--; g.indeg == 0 {
					order = append(order, g)
				}
			}
		}
	}
	e.working = false
	clear(order) // let the formulas go with the engine, not with this buffer
	e.order = order[:0]
	for _, f := range dirty {
		v := f.result
		if !f.done {
			v = errv(ErrCycle)
		}
		e.store(f.key, v, f.err)
		if !slices.Contains(e.touched, f.key.sheet()) {
			e.touched = append(e.touched, f.key.sheet())
		}
		f.outs, f.result = nil, value{}
	}
}

func (e *Engine) evaluate(f *formula) value {
	if f.err != nil {
		return errv(ErrSyntax)
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
	cell := &e.a.Sections[k.sheet()].Cells[k.row()][k.col()]
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
	cells := e.a.Sections[si].Cells
	if row < 0 || row >= len(cells) || col < 0 || col >= len(cells[row]) {
		return value{}, true // past the section's cells: empty
	}
	c := &cells[row][col] // not a copy: this runs for every reference read
	// Only a formula's cell may be waiting for its new value; a plain
	// value's cell is read without a look in the formula map.
	if IsFormula(c.Input) && keyable(row, col) {
		if f, isFormula := e.formulas[keyOf(si, row, col)]; isFormula && e.working && f.mark == e.epoch {
			if f.done {
				return f.result, true
			}
			return errv(ErrCycle), true
		}
	}
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
