package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// bigSection is a section of rows×10 cells: text, numbers with formats, a
// formula per row reading the row's numbers, and a sourced cell per 1,000
// rows.
func bigSection(rows int) *model.Analysis {
	s := model.Section{ID: "big", Title: "Big model"}
	s.Cells = append(s.Cells, []model.Cell{{Input: "Item"}, {Input: "Revenue"}, {Input: "Cost"}, {Input: "Margin"},
		{Input: "E"}, {Input: "F"}, {Input: "G"}, {Input: "H"}, {Input: "I"}, {Input: "J"}})
	for r := 2; r <= rows; r++ {
		row := []model.Cell{{Input: fmt.Sprint("Item ", r)}, {Input: fmt.Sprint(r * 10), Format: "money:M"}, {Input: fmt.Sprint(r * 7)},
			{Input: fmt.Sprintf("=(B%d-C%d)/B%d", r, r, r), Format: "percent"}}
		for c := 4; c < 10; c++ {
			row = append(row, model.Cell{Input: fmt.Sprint(r + c)})
		}
		if r%1000 == 0 {
			row[1].Source = 1
		}
		s.Cells = append(s.Cells, row)
	}
	a := &model.Analysis{Title: "Big", Sections: []model.Section{s}, References: []model.Reference{{Num: 1, Title: "Annual report", AsOf: "2025"}}}
	for i := range rows {
		code := fmt.Sprintf("T%05d", i)
		a.Watchlist = append(a.Watchlist, model.WatchRow{Code: code, Name: "Company " + code, LastPrice: 10, ChangePct: float64(i%5) - 2})
	}
	for r := range s.Cells {
		for c := range s.Cells[r] {
			cell := &a.Sections[0].Cells[r][c]
			cell.Value, _ = model.ParseInput(cell.Input, "")
		}
	}
	calc.Recalc(a)
	return a
}

// TestLargeSheetsKeepTheirFormats exports a 5,000-row section and watchlist
// (both streamed) and finds in the file what the small sample has: formulas
// with cached values, number formats, notes far down the sheet, the frozen
// header, the table, and the green/red conditional formats over the whole
// change column.
func TestLargeSheetsKeepTheirFormats(t *testing.T) {
	const rows = 5000
	var buf bytes.Buffer
	if err := Write(&buf, bigSection(rows)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	last := fmt.Sprint(rows)
	if got, _ := f.GetCellFormula("Big model", "D"+last); got != fmt.Sprintf("(B%s-C%s)/B%s", last, last, last) {
		t.Errorf("D%s formula = %q", last, got)
	}
	if got, _ := f.GetCellValue("Big model", "D"+last); got != "30%" {
		t.Errorf("D%s shows %q, want the cached 30%%", last, got)
	}
	if got, _ := f.GetCellValue("Big model", "B"+last); got != "$0.05M" {
		t.Errorf("B%s shows %q, want $0.05M", last, got)
	}
	comments, _ := f.GetComments("Big model")
	if len(comments) != rows/1000 || comments[len(comments)-1].Text == "" {
		t.Errorf("%d notes, want %d", len(comments), rows/1000)
	}
	for _, sheet := range []string{"Big model", "Watchlist"} {
		if panes, _ := f.GetPanes(sheet); !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", sheet, panes)
		}
	}
	cf, _ := f.GetConditionalFormats("Watchlist")
	if rules := cf["E2:E"+fmt.Sprint(rows+1)]; len(rules) != 2 {
		t.Errorf("watchlist conditional formats = %+v", cf)
	}
	if tables, _ := f.GetTables("Watchlist"); len(tables) != 1 || tables[0].Range != "A1:H"+fmt.Sprint(rows+1) {
		t.Errorf("watchlist tables = %+v", tables)
	}
}

// BenchmarkExportSection100k writes a 100,000-row × 10-column section with a
// formula on every row, streamed. It reports the live heap the export itself
// adds at its peak, above the analysis it writes (which the process holds
// anyway).
func BenchmarkExportSection100k(b *testing.B) {
	a := bigSection(100000)
	a.Watchlist = nil
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			if err := Write(io.Discard, a); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// peakHeap runs fn and returns the most live heap it held above what was
// live before: the heap each garbage collection found in use, sampled every
// 5 ms (garbage not yet collected is not counted; it depends on GOGC, not on
// what the export keeps).
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	done := make(chan struct{})
	result := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > base {
				peak = max(peak, v-base)
			}
			select {
			case <-done:
				result <- peak
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	return <-result
}
