package calc

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// peakHeap samples the live heap every millisecond while a benchmark runs
// and reports the highest figure seen, in MB: what a hostile formula costs
// the process at its worst, which allocated bytes per op (a sum over time)
// does not say.
func peakHeap(b *testing.B) (stop func()) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}

// BenchmarkSixteenRanges computes a formula summing 16 ranges of 65,536
// rows over a section of 10 rows: one 126-byte formula that must cost what
// the section holds, not what it names.
func BenchmarkSixteenRanges(b *testing.B) { benchRanges(b, 16) }

func benchRanges(b *testing.B, n int) {
	a := calctest.Ranges(n)
	b.ReportAllocs()
	stop := peakHeap(b)
	for b.Loop() {
		NewEngine(a)
	}
	stop()
	if v := a.Sections[0].Cells[0][25].Value; v.Kind != model.KindNumber {
		b.Fatalf("the sum = %+v", v)
	}
}

// BenchmarkDoublingChain computes a section whose A1 holds 32,767
// characters under a chain of twelve =Ax&Ax formulas, each doubling the text
// of the one above: 134 MB at the end of the chain unless text stops at a
// cell's limit. It times a full recalculation, not an edit of A1, whose
// time goes to model.ParseInput reading 32 KB of text.
func BenchmarkDoublingChain(b *testing.B) {
	a := calctest.Doubling(12)
	b.ReportAllocs()
	stop := peakHeap(b)
	for b.Loop() {
		NewEngine(a)
	}
	stop()
}

// BenchmarkEditWindows10k is one edit among 10,000 formulas each summing a
// window of 20 rows (=SUM(A5:A24)), ranges kept whole in the range index:
// the edit reaches the 20 windows holding the cell.
func BenchmarkEditWindows10k(b *testing.B) {
	rows := make([][]string, benchCells)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i), fmt.Sprintf("=SUM(A%d:A%d)", i+1, i+20)}
	}
	a := calctest.Sheet(rows...)
	benchEdit(b, a, "A5000", func(a *model.Analysis, i int) bool {
		return a.Sections[0].Cells[4999][1].Value.Num > float64(i)
	})
}
