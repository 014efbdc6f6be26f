package calc

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// DefaultBudget is the work one recalculation may do unless Options say
// otherwise, in the units Engine.Work counts: a cell read through a range,
// a formula computed (one more per 64 bytes of its text), 16 bytes of text
// built, and the steps of matching text against a wildcard criterion (16
// to a unit).
//
// A 100,000-row section with a formula on every row summing a window of 20
// cells, and a few totals of its columns, costs about 3 million units; with
// simpler formulas (=B2*C2) a tenth of that. The rest is room for the other
// sections. A unit costs a few nanoseconds natively (a cell read in a
// compact section) to 150 (a cell of a wide section, out of cache), so a
// hostile recalculation (sixteen ranges of 65,536 rows over a full section,
// copied down a column) stops within about a second rather than holding
// the server or the page for longer.
//
// Parsing is not charged: it is linear in the formula text the analysis
// holds, which the model bounds, where the budget bounds what formulas
// multiply out of it.
const DefaultBudget = 10_000_000

// DefaultTimeLimit is how long one recalculation may run unless Options say
// otherwise: a backstop for what the budget prices too low on a slow
// machine. A phone computing a large analysis in the browser may need a few
// seconds; the server, which must not keep other edits waiting, may set less.
const DefaultTimeLimit = 5 * time.Second

// clockEvery is how much work passes between looks at the clock: often
// enough to stop within milliseconds of the time limit, seldom enough that
// an edit that recalculates a few formulas never reads the clock at all.
const clockEvery = 1 << 14

// Options bound each recalculation of an Engine. The zero value means the
// defaults.
//
// A recalculation that reaches either bound stops: the formulas it has not
// computed show #BUSY! with a note saying which bound, until a later
// recalculation computes them. Given the same analysis and edit, the budget
// stops at the same formula on every machine, so the browser and the server
// agree; the time limit depends on the machine and is there for what the
// budget misjudges.
type Options struct {
	// Budget is the most work one recalculation may do (see
	// DefaultBudget). 0 means DefaultBudget; a negative budget means none.
	Budget int64
	// TimeLimit is the longest one recalculation may run. 0 means
	// DefaultTimeLimit; a negative limit means none.
	TimeLimit time.Duration
}

// SetOptions bounds the engine's recalculations from the next one on. The
// store calls it, or passes the Options to NewEngine so that the first full
// recalculation is bounded too.
func (e *Engine) SetOptions(o Options) {
	if o.Budget == 0 {
		o.Budget = DefaultBudget
	}
	if o.TimeLimit == 0 {
		o.TimeLimit = DefaultTimeLimit
	}
	e.opts = o
}

// begin starts the budget and the clock of a recalculation.
func (e *Engine) begin() {
	e.halt, e.deadline = "", time.Time{}
	e.limit = math.MaxInt64
	if e.opts.Budget > 0 && e.work < math.MaxInt64-e.opts.Budget {
		e.limit = e.work + e.opts.Budget
	}
	e.checkAt = min(e.limit, e.work+clockEvery)
}

// spend charges the recalculation under way units of work; false once it
// has reached its budget or time limit, and from then on.
func (e *Engine) spend(units int64) bool {
	e.work += units
	return e.work < e.checkAt || e.check()
}

// check is spend's slow road: the budget, then the clock. The clock starts
// at the first look, clockEvery units into the recalculation, so an edit
// that does little never reads it; what went before is not counted.
func (e *Engine) check() bool {
	switch {
	case e.halt != "":
		return false
	case e.work >= e.limit:
		e.halt = fmt.Sprintf("not computed: the recalculation reached its budget of %s units of work (cells read through ranges, formulas computed, text built)", grouped(e.opts.Budget))
	case e.opts.TimeLimit > 0 && e.deadline.IsZero():
		e.deadline = time.Now().Add(e.opts.TimeLimit)
	case e.opts.TimeLimit > 0 && time.Now().After(e.deadline):
		e.halt = fmt.Sprintf("not computed: the recalculation ran past its time limit of %v", e.opts.TimeLimit)
	}
	if e.halt != "" {
		e.checkAt = math.MinInt64
		return false
	}
	e.checkAt = min(e.limit, e.work+clockEvery)
	return true
}

// grouped writes n with thousands separators, as a note reads best.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// busy is the value of a formula the recalculation stopped before or
// while computing.
func (e *Engine) busy() value { return errNote(ErrBusy, e.halt) }
