package calc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// runningTotals is n rows of a number and its running total,
// =SUM($A$1:An): quadratic work, n²/2 cells read.
func runningTotals(n int) *model.Analysis {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{"1", fmt.Sprintf("=SUM($A$1:A%d)", i+1)}
	}
	return calctest.Sheet(rows...)
}

// TestBudgetStopsARecalculation runs running totals that need ten times the
// budget: the first rows are computed, the rest are #BUSY! saying why, the
// same ones on every run; without a budget, an edit computes them all.
func TestBudgetStopsARecalculation(t *testing.T) {
	const n = 300
	a, b := runningTotals(n), runningTotals(n)
	e := NewEngine(a, Options{Budget: 5000})
	NewEngine(b, Options{Budget: 5000})
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs stopped at different formulas")
	}
	computed := 0
	for r, row := range a.Sections[0].Cells {
		switch v := row[1].Value; {
		case v.Kind == model.KindNumber && v.Num == float64(r+1):
			computed++
		case v.Kind == model.KindError && v.Text == ErrBusy && strings.Contains(v.Note, "budget of 5,000 units"):
		default:
			t.Fatalf("B%d = %+v, want %d or #BUSY! saying the budget", r+1, v, r+1)
		}
	}
	if computed < 50 || computed > n/2 {
		t.Errorf("%d of %d totals computed within the budget", computed, n)
	}
	e.SetOptions(Options{Budget: -1})
	if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A1", Input: "2"}); err != nil {
		t.Fatal(err)
	}
	if v := a.Sections[0].Cells[n-1][1].Value; v.Num != n+1 {
		t.Errorf("B%d after an edit without a budget = %+v, want %d", n, v, n+1)
	}
	e.SetOptions(Options{Budget: 1000})
	if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A1", Input: "3"}); err != nil {
		t.Fatal(err)
	}
	if v := a.Sections[0].Cells[n-1][1].Value; v.Text != ErrBusy {
		t.Errorf("B%d after an edit over the budget = %+v, want #BUSY!", n, v)
	}
}

// TestTimeLimitStopsARecalculation gives a long recalculation no budget and
// a nanosecond: it stops at its first look at the clock.
func TestTimeLimitStopsARecalculation(t *testing.T) {
	a := runningTotals(2000)
	NewEngine(a, Options{Budget: -1, TimeLimit: time.Nanosecond})
	v := a.Sections[0].Cells[1999][1].Value
	if v.Text != ErrBusy || !strings.Contains(v.Note, "time limit of 1ns") {
		t.Errorf("B2000 = %+v, want #BUSY! saying the time limit", v)
	}
}

// TestDefaultBudgetFitsALargeSection computes 100,000 rows, each with a
// formula summing a window of 20 cells, and four totals of whole columns:
// all of it within half the default budget.
func TestDefaultBudgetFitsALargeSection(t *testing.T) {
	const n = 100000
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{fmt.Sprint(i % 7), fmt.Sprintf("=SUM(A%d:A%d)*2", i+1, i+20), ""}
	}
	for i := range 4 {
		rows[i][2] = fmt.Sprintf("=SUM(B1:B%d)-SUM(A1:A%d)", n, n)
	}
	a := calctest.Sheet(rows...)
	// The budget alone: under the race detector, on a machine running
	// other tests, the time limit is no measure of the work.
	e := NewEngine(a, Options{TimeLimit: -1})
	scanned := int64(3 * n)
	t.Logf("%d units of work", e.Work()-scanned)
	if got := e.Work() - scanned; got > DefaultBudget/2 {
		t.Errorf("the section took %d units of work, over half the budget", got)
	}
	for r, row := range a.Sections[0].Cells {
		for c, cell := range row {
			if cell.Value.Kind == model.KindError {
				t.Fatalf("%s = %+v", model.Addr(r, c), cell.Value)
			}
		}
	}
}
