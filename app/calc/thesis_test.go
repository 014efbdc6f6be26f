package calc

import (
	"strconv"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// TestThesisAndWatchlistSkipTheEngine edits the thesis and the watchlist of
// a sheet of formulas: the edits apply, and the engine computes nothing.
func TestThesisAndWatchlistSkipTheEngine(t *testing.T) {
	a := calctest.Independent(1000)
	e := NewEngine(a)
	before := e.Work()
	for _, op := range []model.Op{
		{Kind: model.OpSetThesis, Field: "verdict", Text: "Yes"},
		{Kind: model.OpAddWatch, Watch: &model.WatchRow{Code: "LUMN"}},
		{Kind: model.OpRemoveWatch, Code: "LUMN"},
	} {
		if err := e.Apply(op); err != nil {
			t.Fatal(err)
		}
	}
	if got := e.Work() - before; got != 0 {
		t.Errorf("thesis and watchlist edits cost %d units of work, want none", got)
	}
	if a.Thesis.Verdict != "Yes" || len(a.Watchlist) != 0 {
		t.Errorf("the edits did not apply: %q, %v", a.Thesis.Verdict, a.Watchlist)
	}
	// The engine still follows cell edits afterwards.
	if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "21"}); err != nil {
		t.Fatal(err)
	}
	if v := a.Sections[0].Cells[1][1].Value.Num; v != 42 {
		t.Errorf("B2 = %v after A2 = 21, want 42", v)
	}
}

// BenchmarkThesisEdit50k edits the thesis of an analysis with 50,000
// formulas (it took 120–150 ms under the store's turn when every edit that
// was not a cell edit rebuilt the engine).
func BenchmarkThesisEdit50k(b *testing.B) {
	e := NewEngine(calctest.Independent(50000))
	i := 0
	for b.Loop() {
		i++
		if err := e.Apply(model.Op{Kind: model.OpSetThesis, Field: "summary", Text: strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
	}
}
