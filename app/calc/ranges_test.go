package calc

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// TestRangesCostWhatTheSectionHolds computes a formula naming 16 ranges of
// 65,536 rows over a section of 10: what it allocates and the work it counts
// follow the 160 cells there are, not the million it names.
func TestRangesCostWhatTheSectionHolds(t *testing.T) {
	a := calctest.Ranges(16)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	e := NewEngine(a)
	runtime.ReadMemStats(&after)
	if v := a.Sections[0].Cells[0][25].Value; v.Kind != model.KindNumber || v.Num != 159*160/2 {
		t.Fatalf("Z1 = %+v, want %d", v, 159*160/2)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("computing it allocated %d bytes, want under 1 MB", got)
	}
	if got := e.Work(); got > 10000 {
		t.Errorf("computing it took %d units of work, want about the section's size", got)
	}
}

// TestRangesFollowEdits edits cells inside long ranges, within the
// section's grid and far past it, through an Engine, and checks every cell
// against a full recalculation after each edit.
func TestRangesFollowEdits(t *testing.T) {
	a := sheet(
		[]string{"1", "2", "=SUM(A1:A65536)", "=COUNTIF(A1:A1000,\"\")", "=SUM(other!B1:B5000)"},
		[]string{"3", "x", "=SUMPRODUCT(A1:A100,B1:B100)", "=MATCH(9,A1:A2000,0)", "=VLOOKUP(9,A1:B5000,2,FALSE)"},
		[]string{"5", "", "=INDEX(A1:A5000,4000)", "=TEXTJOIN(\",\",TRUE,A1:A5000)", "=COUNTA(A1:B5000)+C1"},
	)
	e := NewEngine(a)
	edits := []struct{ sheet, cell, input string }{
		{"s", "A50000", "5"},        // far past the grid: C1 must follow
		{"s", "A4000", "9"},         // MATCH, INDEX, VLOOKUP find it
		{"s", "B4000", "found"},     // VLOOKUP's answer
		{"s", "A999", "text"},       // COUNTIF's empty cells: one fewer
		{"other", "B4999", "$2B"},   // another section's range
		{"s", "A20", "=C1"},         // a cycle through a range
		{"s", "A20", "=SUM(B1:B2)"}, // broken again
		{"s", "A4000", ""},
		{"s", "A65537", "7"}, // just past the range: nothing reads it
	}
	check := func(step string) {
		t.Helper()
		full := a.Clone()
		Recalc(full)
		for si := range full.Sections {
			for r, row := range full.Sections[si].Cells {
				for c, want := range row {
					if got := a.Sections[si].Cells[r][c].Value; got != want.Value {
						t.Fatalf("%s: %s!%s = %+v, full recalc %+v", step, a.Sections[si].ID, model.Addr(r, c), got, want.Value)
					}
				}
			}
		}
	}
	for _, ed := range edits {
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: ed.sheet, Cell: ed.cell, Input: ed.input}); err != nil {
			t.Fatal(err)
		}
		check(ed.sheet + "!" + ed.cell + " := " + ed.input)
	}
	if v := a.Sections[0].Cells[0][2].Value; v.Num != 1+3+5+2+5 {
		t.Errorf("C1 = %+v, want the sum with A20 and A50000", v)
	}
	if v := a.Sections[0].Cells[19][0].Value; v.Num != 2 {
		t.Errorf("A20 = %+v, want 2 once the cycle is broken", v)
	}
	for _, op := range []model.Op{
		{Kind: model.OpInsertRow, Sheet: "s", Row: 2},
		{Kind: model.OpDeleteRow, Sheet: "s", Row: 3},
		{Kind: model.OpInsertCol, Sheet: "s", Col: 1},
	} {
		if err := e.Apply(op); err != nil {
			t.Fatal(err)
		}
		check(string(op.Kind))
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "B30000", Input: "100"}); err != nil {
			t.Fatal(err)
		}
		check(string(op.Kind) + ", then B30000")
	}
}

// TestRangesMatchFullRecalc makes random edits to a sheet of formulas over
// long ranges that overlap, read each other and sometimes themselves, and
// checks every cell against a full recalculation.
func TestRangesMatchFullRecalc(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	a := sheet([]string{"1"})
	e := NewEngine(a)
	// Values go to columns A to C and formulas to D and E, E reading A to
	// C, D reading E too: formulas read each other through long ranges.
	// Now and then a formula lands in A to C, and may make a cycle.
	var cols []int
	col := func() int { return cols[rng.IntN(len(cols))] }
	ref := func() string { return model.Addr(rng.IntN(40), col()) }
	area := func() string {
		r1, c1 := rng.IntN(40), col()
		return model.Addr(r1, c1) + ":" + model.Addr(r1+rng.IntN(3000), c1)
	}
	values := []func() string{
		func() string { return strconv.Itoa(rng.IntN(10)) },
		func() string { return "" },
		func() string { return "x" },
	}
	formulas := []func() string{
		func() string { return "=SUM(" + area() + ")" },
		func() string { return "=COUNTIF(" + area() + ",\">3\")+" + ref() },
		func() string { return "=" + ref() + "*2" },
		func() string { return "=MAX(" + area() + "," + area() + ")" },
		func() string { return "=IFERROR(SUM(Data!" + area() + ")-SUM(" + ref() + ":" + ref() + "),-1)" },
		func() string { return "=SUMPRODUCT(A1:A3000," + area() + ")" },
	}
	for i := range 400 {
		r, c := rng.IntN(40), rng.IntN(3)
		if rng.IntN(10) == 0 {
			r = rng.IntN(3000) // past the grid
		}
		in := values[rng.IntN(len(values))]()
		switch n := rng.IntN(40); {
		case n < 16:
			c, cols = 3+n%2, []int{0, 1, 2, 4}[:4-n%2]
			in = formulas[rng.IntN(len(formulas))]()
		case n == 16:
			cols = []int{0, 1, 2, 3, 4}
			in = formulas[rng.IntN(len(formulas))]()
		}
		cell := model.Addr(r, c)
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: in}); err != nil {
			t.Fatal(err)
		}
		full := a.Clone()
		Recalc(full)
		for r, row := range full.Sections[0].Cells {
			for c, want := range row {
				if got := a.Sections[0].Cells[r][c].Value; got != want.Value {
					t.Fatalf("edit %d (%s := %q): %s = %+v, full recalc %+v", i, cell, in, model.Addr(r, c), got, want.Value)
				}
			}
		}
	}
}

// TestRangeIndex checks the ranges found for cells against every range
// tested one by one, as ranges come and go.
func TestRangeIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var x rangeIndex
	type entry struct {
		r rect
		f *formula
	}
	var live []entry
	for step := range 3000 {
		if len(live) > 0 && rng.IntN(3) == 0 {
			i := rng.IntN(len(live))
			x.remove(live[i].r, live[i].f)
			live = append(live[:i], live[i+1:]...)
		} else {
			r1, c1 := rng.IntN(5000), rng.IntN(30)
			r := rect{rng.IntN(3), r1, c1, r1 + rng.IntN(1<<rng.IntN(14)), c1 + rng.IntN(4)}
			f := &formula{key: cellKey(step)}
			x.add(r, f)
			live = append(live, entry{r, f})
		}
		k := keyOf(rng.IntN(3), rng.IntN(6000), rng.IntN(35))
		var want []*formula
		for _, en := range live {
			if r := en.r; r.si == k.sheet() && r.r1 <= k.row() && k.row() <= r.r2 && r.c1 <= k.col() && k.col() <= r.c2 {
				want = append(want, en.f)
			}
		}
		var got []*formula
		if x.any(k.sheet()) {
			got = x.appendReaders(nil, k)
		}
		key := func(f *formula) cellKey { return f.key }
		if !slices.Equal(sortedKeys(got, key), sortedKeys(want, key)) {
			t.Fatalf("step %d: readers of %v = %d, want %d", step, k, len(got), len(want))
		}
	}
}

func sortedKeys(fs []*formula, key func(*formula) cellKey) []cellKey {
	ks := make([]cellKey, len(fs))
	for i, f := range fs {
		ks[i] = key(f)
	}
	slices.Sort(ks)
	return ks
}

// TestReadingACycle checks that formulas reading a cycle through functions
// that skip errors get the same value from a full recalculation as from an
// edit of them alone, and that a long cycle with a long tail costs no stack
// and no quadratic time.
func TestReadingACycle(t *testing.T) {
	a := sheet(
		[]string{"=B1+1", "=A1+1", "=IFERROR(A1,5)", "=COUNT(A1:B1,1)", "=C1*2", "=D1"},
	)
	Recalc(a)
	want := []any{ErrCycle, ErrCycle, 5.0, 1.0, 10.0, 1.0}
	for c, w := range want {
		if got := a.Sections[0].Cells[0][c].Value; !matches(got, w) {
			t.Errorf("%s = %+v, want %v", model.Addr(0, c), got, w)
		}
	}
	const n = 100000
	rows := make([][]string, n)
	rows[0] = []string{fmt.Sprintf("=A%d", n/2)}
	for i := 1; i < n; i++ {
		rows[i] = []string{fmt.Sprintf("=A%d+1", i)}
	}
	long := sheet(rows...)
	Recalc(long)
	for _, r := range []int{0, n/2 - 1, n / 2, n - 1} {
		if v := long.Sections[0].Cells[r][0].Value; v.Text != ErrCycle {
			t.Errorf("A%d = %+v, want #CYCLE!", r+1, v)
		}
	}
}
