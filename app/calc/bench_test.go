package calc

import (
	"strconv"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

const benchCells = 10000

// independent is 10,000 rows of "input, =A*2".
func independent() *model.Analysis {
	a := calctest.Independent(benchCells)
	Recalc(a)
	return a
}

// chain is 10,000 formulas, each the one above plus one.
func chain() *model.Analysis {
	a := calctest.Chain(benchCells)
	Recalc(a)
	return a
}

// benchEdit times one edit through an Engine, as the dashboard makes it.
func benchEdit(b *testing.B, a *model.Analysis, cell string, check func(*model.Analysis, int) bool) {
	e := NewEngine(a)
	i := 0
	for b.Loop() {
		i++
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: strconv.Itoa(i)}); err != nil {
			b.Fatal(err)
		}
	}
	if !check(a, i) {
		b.Fatal("wrong result after the edits")
	}
}

// BenchmarkEditIndependent10k is one edit to a sheet of 10,000 independent
// formulas, recalculated by thesisboard.
func BenchmarkEditIndependent10k(b *testing.B) {
	benchEdit(b, independent(), "A5000", func(a *model.Analysis, i int) bool {
		return a.Sections[0].Cells[4999][1].Value.Num == float64(2*i)
	})
}

// BenchmarkFullRecalc10k is a recalculation of all 10,000 formulas, what the
// server does for each stored edit.
func BenchmarkFullRecalc10k(b *testing.B) {
	a := independent()
	for b.Loop() {
		Recalc(a)
	}
}

// BenchmarkEditChain10k is one edit at the head of a 10,000-formula chain.
func BenchmarkEditChain10k(b *testing.B) {
	benchEdit(b, chain(), "A1", func(a *model.Analysis, i int) bool {
		return a.Sections[0].Cells[benchCells-1][0].Value.Num == float64(i+benchCells-1)
	})
}

// The same workloads through excelize: set the input, then compute what the
// edit changes (the one formula; the end of the chain).
func BenchmarkExcelizeEditIndependent10k(b *testing.B) {
	f := calctest.Workbook(calctest.Independent(benchCells))
	defer f.Close()
	i := 0
	for b.Loop() {
		i++
		f.SetCellFloat("Sheet1", "A5000", float64(i), -1, 64)
		if v, err := f.CalcCellValue("Sheet1", "B5000"); err != nil || v != strconv.Itoa(2*i) {
			b.Fatalf("B5000 = %q, %v", v, err)
		}
	}
}

func BenchmarkExcelizeEditChain10k(b *testing.B) {
	f := calctest.Workbook(calctest.Chain(benchCells))
	defer f.Close()
	last := model.Addr(benchCells-1, 0)
	i := 0
	for b.Loop() {
		i++
		f.SetCellFloat("Sheet1", "A1", float64(i), -1, 64)
		if v, err := f.CalcCellValue("Sheet1", last); err != nil || v != strconv.Itoa(i+benchCells-1) {
			b.Fatalf("%s = %q, %v", last, v, err)
		}
	}
}
