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
//
// Hostile input is bounded where it would multiply: text a formula builds
// stops at a cell's 32,767 bytes (#VALUE!), a range costs the cells its
// section holds, not those it names, and each recalculation runs under a
// work budget and a time limit (Options) past which formulas show #BUSY!.
package calc

import (
	"slices"
	"strings"
	"time"

	"thesisboard/app/model"
)

// Apply applies op to a (see model.Apply) and recalculates all its
// formulas: for an op applied once to a copy (tests, tools). The store and
// an editing session keep an Engine, which recalculates only what an edit
// changes.
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
// cells' values, within the default Options.
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
	cost  int64     // the work of computing it once (see DefaultBudget)
	reads []cellKey // the cells it refers to one by one, small ranges spelled out
	areas []rect    // its larger ranges, kept whole (see rangeIndex)
	arith *arith    // the short form of a one-operator formula, or nil

	// State of the recalculation under way, valid while mark is the
	// engine's epoch: kept here rather than in maps, so an edit that
	// reaches 10,000 formulas allocates no map at all.
	mark  uint64
	indeg int        // dirty formulas it reads that are not computed yet
	outs  []*formula // the formulas that read its cell
	done  bool
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
	readers  map[cellKey][]*formula // by cell, the formulas reading it one by one
	ranges   rangeIndex             // the formulas reading it through a large range
	opts     Options

	// state of one recalculation
	current int
	epoch   uint64     // marks the formulas of the recalculation under way
	queue   []*formula // reused between recalculations
	touched []int      // sections changed by the last Apply, each once
	order   []*formula // reused between recalculations
	outs    []*formula // reused: the readers of dirty cells that ranges add
	work    int64      // the work done, ever (see Work)
	limit   int64      // work at which the recalculation stops (see spend)
	checkAt int64      // work at which spend next looks at the budget or clock
	halt    string     // why the recalculation stopped; "" while it runs
	// deadline is when the recalculation must stop; zero until the clock
	// is first read
	deadline time.Time
}

// NewEngine parses a's formulas and computes them all, within opts (at most
// one; none means the defaults, see Options).
func NewEngine(a *model.Analysis, opts ...Options) *Engine {
	e := &Engine{a: a}
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	e.SetOptions(o)
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
// by full recalculations plus the units each recalculation's budget counts
// (cells read through ranges, formulas evaluated, text built; see
// DefaultBudget). Replaying ops costs what applying them did, so the store
// compares the work since an analysis's last snapshot with the analysis's
// size to decide when a new one pays.
func (e *Engine) Work() int64 { return e.work }

// Touched lists the sections whose cells the last Apply changed, the edited
// one included.
func (e *Engine) Touched() []int {
	return slices.Clone(e.touched)
}

// Apply applies op (see model.Apply; on error nothing changes) and
// recalculates: after a cell edit only the formulas that depend on the cell,
// after a row or column moved all of them, after a thesis or watchlist edit
// none.
func (e *Engine) Apply(op model.Op) error {
	switch op.Kind {
	case model.OpSetThesis, model.OpAddWatch, model.OpRemoveWatch:
		// No formula reads the thesis or the watchlist: nothing to
		// recompute (a thesis edit on a 50,000-formula sheet took 120–150
		// ms when it rebuilt the engine).
		if err := applyOp(e.a, op); err != nil {
			return err
		}
		e.touched = e.touched[:0]
		return nil
	case model.OpSetCell:
	default:
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
	e.begin()
	e.recompute(e.dependents(k))
	return nil
}

// rebuild parses every formula again and computes them all.
func (e *Engine) rebuild() {
	e.sheets = map[string]int{}
	e.formulas = map[cellKey]*formula{}
	e.readers = map[cellKey][]*formula{}
	e.ranges = rangeIndex{}
	for i, s := range e.a.Sections {
		e.sheets[strings.ToLower(s.Title)] = i
		e.sheets[s.ID] = i
	}
	// all lists the formulas in the grid's order, not the map's, so that a
	// recalculation stopped by its budget stops at the same formula on
	// every machine.
	var all []*formula
	for si, s := range e.a.Sections {
		for r, row := range s.Cells {
			e.work += int64(len(row))
			for c, cell := range row {
				if IsFormula(cell.Input) {
					f := e.newFormula(keyOf(si, r, c), cell.Input)
					e.link(f)
					all = append(all, f)
				}
			}
		}
	}
	e.touched = e.touched[:0]
	e.epoch++
	e.outs = e.outs[:0]
	for _, f := range all {
		f.mark, f.outs = e.epoch, e.readersOf(f.key)
	}
	e.begin()
	e.recompute(all)
}

func (e *Engine) newFormula(k cellKey, input string) *formula {
	f := &formula{key: k, cost: 1 + int64(len(input)/64)}
	f.ast, f.err = parseCached(input[1:])
	if f.err != nil {
		return f
	}
	f.arith = compileArith(f.ast)
	walkRefs(f.ast, func(r refNode) {
		si, ok := e.sheet(r.sheet, k.sheet())
		if !ok || (r.r2-r.r1+1)*(r.c2-r.c1+1) > maxAreaCells {
			return
		}
		if !keyable(r.r2, r.c2) {
			return // past any section: nothing there to read or edit
		}
		if (r.r2-r.r1+1)*(r.c2-r.c1+1) > spellOut {
			f.areas = append(f.areas, rect{si, r.r1, r.c1, r.r2, r.c2})
			return
		}
		for row := r.r1; row <= r.r2; row++ {
			for col := r.c1; col <= r.c2; col++ {
				f.reads = append(f.reads, keyOf(si, row, col))
			}
		}
	})
	if len(f.reads) > 1 {
		slices.Sort(f.reads)
		f.reads = slices.Compact(f.reads)
	}
	return f
}

func (e *Engine) link(f *formula) {
	e.formulas[f.key] = f
	for _, k := range f.reads {
		e.readers[k] = append(e.readers[k], f)
	}
	for _, r := range f.areas {
		e.ranges.add(r, f)
	}
}

// unlink forgets the formula at k, if there is one.
func (e *Engine) unlink(k cellKey) {
	if f, ok := e.formulas[k]; ok {
		e.forget(f)
	}
}

// forget takes formula f out of the formula map and the readers.
func (e *Engine) forget(f *formula) {
	delete(e.formulas, f.key)
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
	for _, r := range f.areas {
		e.ranges.remove(r, f)
	}
}

// readersOf is the formulas that read cell k: those reading it one by one,
// then those with a large range holding it (one entry per range, so a
// formula may come more than once). The second kind is gathered in e.outs,
// kept until the recalculation ends.
func (e *Engine) readersOf(k cellKey) []*formula {
	rs := e.readers[k]
	if !e.ranges.any(k.sheet()) {
		return rs
	}
	start := len(e.outs)
	e.outs = append(e.outs, rs...)
	e.outs = e.ranges.appendReaders(e.outs, k)
	return e.outs[start:len(e.outs):len(e.outs)]
}

// dependents is the formula at k, if any, and every formula that reads k
// directly or through others, each marked with a new epoch.
func (e *Engine) dependents(k cellKey) []*formula {
	e.epoch++
	e.outs = e.outs[:0]
	out := e.queue[:0]
	if f, ok := e.formulas[k]; ok {
		f.mark = e.epoch
		out = append(out, f)
	}
	visit := func(key cellKey) []*formula {
		rs := e.readersOf(key)
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
