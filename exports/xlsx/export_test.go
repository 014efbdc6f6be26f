package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

func exportSample(t *testing.T) (*model.Analysis, *excelize.File) {
	t.Helper()
	a := sample.Lumen(time.Date(2025, 8, 25, 0, 0, 0, 0, time.UTC))
	a.ID = 1
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return a, f
}

func TestExportSample(t *testing.T) {
	a, f := exportSample(t)
	want := []string{"Thesis", "Fiber network", "Partners", "Financial health", "Market sentiment", "AI demand and the share price", "Watchlist", "Sources", "Charts", "thesisboard"}
	if got := f.GetSheetList(); !equal(got, want) {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	cells := []struct{ sheet, cell, value string }{
		{"Thesis", "B7", a.Thesis.Verdict},
		{"Thesis", "B6", a.Thesis.Question},
		{"Financial health", "A2", "Total debt"},
		{"Financial health", "B3", "1300000000"}, // the guidance range's midpoint
		{"Watchlist", "A5", "COIN"},
		{"Watchlist", "C11", "Strategy"},
		{"Sources", "A2", "1"},
	}
	for _, c := range cells {
		if got, err := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true}); err != nil || got != c.value {
			t.Errorf("%s!%s = %q (%v), want %q", c.sheet, c.cell, got, err, c.value)
		}
	}
	raw, _ := f.GetCellValue("Financial health", "B2", excelize.Options{RawCellValue: true})
	if n, err := strconv.ParseFloat(raw, 64); err != nil || n != 18.3e9 {
		t.Errorf("debt cell holds %q, want the number 18300000000", raw)
	}
	if typ, _ := f.GetCellType("Financial health", "B2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("debt cell type = %v, want a number", typ)
	}
	style, _ := f.GetCellStyle("Financial health", "B2")
	st, _ := f.GetStyle(style)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != `"$"#,##0.0#,,,"B"` {
		t.Errorf("debt number format = %v", st.CustomNumFmt)
	}
	panes, _ := f.GetPanes("Watchlist")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("watchlist panes = %+v, want the header frozen", panes)
	}
	comments, _ := f.GetComments("Financial health")
	found, rangeNoted := false, false
	for _, c := range comments {
		if c.Cell == "B2" && bytes.Contains([]byte(c.Text), []byte("Source [1]")) {
			found = true
		}
		if c.Cell == "B3" && strings.Contains(c.Text, "$1.2–$1.4B (low 1200000000, high 1400000000)") {
			rangeNoted = true
		}
	}
	if !found || !rangeNoted {
		t.Errorf("no source note on the debt cell, or no range in the guidance's note: %+v", comments)
	}
	// excelize's formatter scales by two commas at most: the format, not
	// excelize's reading of it, is what Excel shows.
	style, _ = f.GetCellStyle("Financial health", "B3")
	if st, _ := f.GetStyle(style); st.CustomNumFmt == nil || *st.CustomNumFmt != `"$"#,##0.0#,,,"B"` {
		t.Errorf("guidance number format = %v, want the debt's", st.CustomNumFmt)
	}
	if visible, _ := f.GetSheetVisible("thesisboard"); visible {
		t.Error("the metadata sheet is visible")
	}
	if tables, _ := f.GetTables("Watchlist"); len(tables) != 1 || tables[0].Range != "A1:H11" {
		t.Errorf("watchlist tables = %+v", tables)
	}
	if cf, _ := f.GetConditionalFormats("Watchlist"); len(cf["E2:E11"]) != 2 {
		t.Errorf("conditional formats = %+v", cf)
	}
	// Native charts: the debt column follows the section's cell by formula.
	if formula, _ := f.GetCellFormula("Charts", "B2"); formula != "'Financial health'!B2/1e9" {
		t.Errorf("chart data debt formula = %q", formula)
	}
	if v, _ := f.GetCellValue("Charts", "D2"); v != "1.40" { // shown to two decimals
		t.Errorf("chart data FCF high = %q", v)
	}
	props, _ := f.GetDocProps()
	if props.Title != a.Title || props.Creator != "thesisboard" {
		t.Errorf("doc props = %+v", props)
	}
}

func TestSheetNamesAreValidAndUnique(t *testing.T) {
	a := &model.Analysis{Sections: []model.Section{
		{ID: "a", Title: "Cash / debt: [2025]?"},
		{ID: "b", Title: "Cash / debt: [2025]?"},
		{ID: "c", Title: "A title that is much longer than thirty-one characters"},
		{ID: "d", Title: "watchlist"},
	}}
	f, err := Build(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Thesis", "Cash - debt- -2025--", "Cash - debt- -2025-- (2)", "A title that is much longer tha", "watchlist", "Watchlist (2)", "Sources", "thesisboard"}
	if got := f.GetSheetList(); !equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func BenchmarkExportSample(b *testing.B) {
	a := sample.Lumen(time.Now())
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func TestExportHasNativeCharts(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample.Lumen(time.Now())); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var charts []string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			charts = append(charts, string(b))
		}
	}
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2", len(charts))
	}
	all := strings.Join(charts, "")
	for _, want := range []string{"Debt &amp; free cash flow", "lineChart", "Charts!$E$2:$E$2", "Watchlist moves", "Charts!$B$21:$B$30", "Charts!$C$21:$C$30", "C53030", "1A8F4C"} {
		if !strings.Contains(all, want) {
			t.Errorf("charts lack %q", want)
		}
	}
}

// bigWatchlist is 100,000 tickers: ten columns per row on the sheet.
func bigWatchlist() *model.Analysis {
	a := &model.Analysis{Title: "Big watchlist"}
	for i := range 100000 {
		code := fmt.Sprintf("T%05d", i)
		a.Watchlist = append(a.Watchlist, model.WatchRow{Code: code, StockCode: code + ".N", Name: "Company " + code,
			LastPrice: float64(i%500) + 0.25, ChangePct: float64(i%7) - 3, Theme: "AI", Reason: "test", MarketCode: "185"})
	}
	return a
}

// BenchmarkExportWatchlist100k writes a 100,000-row watchlist and, in the
// same iteration, excelize's StreamWriter writing the same cells and nothing
// else; it reports the ratio of the two times (run side by side, so drift
// in the machine's speed affects both) and the export's peak heap.
func BenchmarkExportWatchlist100k(b *testing.B) {
	a := bigWatchlist()
	var ours, bare time.Duration
	for b.Loop() {
		// Each run starts from a collected heap, and neither is timed
		// with the heap sampler running.
		runtime.GC()
		start := time.Now()
		if err := Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		runtime.GC()
		start = time.Now()
		bareStreamWriter(a)
		bare += time.Since(start)
	}
	peak := peakHeap(func() {
		if err := Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(float64(ours.Milliseconds())/float64(b.N), "ms-export")
	b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "ms-bare-streamwriter")
	b.ReportMetric(float64(ours)/float64(bare), "×bare")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	peakRSS(b) // run this benchmark alone for a figure of its own
}

// bareStreamWriter writes a's watchlist cells with excelize's StreamWriter
// and nothing else: the floor for BenchmarkExportWatchlist100k.
func bareStreamWriter(a *model.Analysis) {
	f := excelize.NewFile()
	defer f.Close()
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Code", "Stock code", "Name", "Last price", "Change %", "Theme", "Inclusion reason", "Market code"})
	for i, w := range a.Watchlist {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{w.Code, w.StockCode, w.Name, w.LastPrice, w.ChangePct, w.Theme, w.Reason, w.MarketCode})
	}
	sw.Flush()
	f.WriteTo(io.Discard)
}

// BenchmarkImportWatchlist100k reads back the 100,000-row workbook.
func BenchmarkImportWatchlist100k(b *testing.B) {
	var buf bytes.Buffer
	if err := Write(&buf, bigWatchlist()); err != nil {
		b.Fatal(err)
	}
	var peak uint64
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			res, err := Read(context.Background(), buf.Bytes())
			if err != nil || len(res.Analysis.Watchlist) != 100000 {
				b.Fatalf("read: %v", err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// peakRSS reports the process's peak resident memory, in MB, from Linux.
func peakRSS(b *testing.B) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
		}
	}
}
