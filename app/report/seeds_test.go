package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thesisboard/app/model"
)

// seedDir is where the project's reference inputs live, beside the repository.
var seedDir = filepath.Join("..", "..", "..", "shared", "seeds")

// TestSeedReport parses the reference report and finds every figure the
// design lists for it, with its value and unit.
func TestSeedReport(t *testing.T) {
	path := filepath.Join(seedDir, "000_04a9aae6d98e9d48.txt")
	if _, err := os.Stat(path); err != nil {
		t.Logf("seed report not present at %s; nothing to check", path)
		return
	}
	r := parseFile(t, path, false)
	a := r.Analysis
	if a.Ticker != "LUMN" || a.Company != "Lumen Technologies" {
		t.Errorf("company %q ticker %q", a.Company, a.Ticker)
	}
	if a.Thesis.Verdict != "Yes" || a.AsOf != "2025-08-25" || a.Thesis.Conviction != "High" {
		t.Errorf("verdict %q as of %q conviction %q", a.Thesis.Verdict, a.AsOf, a.Thesis.Conviction)
	}
	checks := []struct {
		label     string
		kind      string
		num       float64
		low, high float64
		unit      string
		bound     string
	}{
		{"Fiber Expansion", model.KindNumber, 20000, 0, 0, "miles", ""},
		{"Latency Target", model.KindNumber, 5, 0, 0, "ms", "<"},
		{"Customer Base", model.KindNumber, 1000, 0, 0, "customers", ">="},
		{"Debt", model.KindNumber, 18.3e9, 0, 0, "USD", ""},
		{"Free Cash Flow", model.KindRange, 0, 1.2e9, 1.4e9, "USD", ""},
		{"Z-Score", model.KindNumber, -0.18, 0, 0, "", ""},
		{"Options Activity", model.KindNumber, 21, 0, 0, "", ""},
	}
	for _, c := range checks {
		v := cell(t, a, c.label).Value
		if v.Kind != c.kind || !near(v.Num, c.num) || !near(v.Low, c.low) || !near(v.High, c.high) || v.Unit != c.unit || v.Bound != c.bound {
			t.Errorf("%s = %+v, want %s %v [%v, %v] %q %q", c.label, v, c.kind, c.num, c.low, c.high, c.unit, c.bound)
		}
	}
	if v := cell(t, a, "Z-Score").Value; v.Note != "distress zone" {
		t.Errorf("Z-score note = %q", v.Note)
	}
	if got := cell(t, a, "Options Activity").Format; got != model.FormatRatio {
		t.Errorf("call/put format = %q, want ratio", got)
	}
	// Figures stated only in prose or in the reasoning.
	for _, f := range []struct {
		num  float64
		unit string
	}{{2e9, "USD"}, {400, "Gbps"}, {800, "glass strands"}} {
		if !fact(a, f.num, f.unit) {
			t.Errorf("facts lack %v %s", f.num, f.unit)
		}
	}
	if n := len(a.References); n != 23 || a.References[n-1].Num != 26 {
		t.Errorf("references: %d, last %d; want 23 cited, numbered up to 26", n, a.References[n-1].Num)
	}
	want := []struct {
		code   string
		price  float64
		change float64
		market string
	}{
		{"CANG", 5.05, 3.0612239999999997, "169"}, {"BTCM", 3.13, -0.318471, "169"}, {"CAN", 0.7419, -1.3824269999999999, "185"},
		{"COIN", 314.425, -1.696108, "185"}, {"HUT", 22.9401, -1.839538, "185"}, {"RIOT", 12.975, -1.8532529999999998, "186"},
		{"BTDR", 13.09, -1.947566, "186"}, {"BTBT", 2.82, -2.083333, "186"}, {"FLD", 3.67, -2.393617, "186"},
		{"MSTR", 348.32, -2.739229, "185"},
	}
	if len(a.Watchlist) != len(want) {
		t.Fatalf("watchlist has %d rows", len(a.Watchlist))
	}
	for i, w := range want {
		g := a.Watchlist[i]
		if g.Code != w.code || g.LastPrice != w.price || g.ChangePct != w.change || g.MarketCode != w.market {
			t.Errorf("watchlist[%d] = %+v, want %+v", i, g, w)
		}
	}
	if a.Notes == "" || len(a.Series) != 2 {
		t.Errorf("notes %d bytes, series %+v", len(a.Notes), a.Series)
	}
	if len(r.Skipped) != 0 {
		t.Errorf("skipped = %q", r.Skipped)
	}
}

// TestSeedArticle parses the news article and finds its figures.
func TestSeedArticle(t *testing.T) {
	path := filepath.Join(seedDir, "001_2c6c0cae9b1bdc71.txt")
	if _, err := os.Stat(path); err != nil {
		t.Logf("seed article not present at %s; nothing to check", path)
		return
	}
	a := parseFile(t, path, false).Analysis
	for _, f := range []struct {
		num  float64
		unit string
	}{{5e9, "USD"}, {7e9, "USD"}, {0.9305, ""}, {0.0104, ""}, {0.14, ""}, {0.18, ""}, {0.10, ""}} {
		if !fact(a, f.num, f.unit) {
			t.Errorf("facts lack %v %s", f.num, f.unit)
		}
	}
	// A month is a date, not a figure: the deal in July is in the Dates grid.
	july := false
	for _, row := range a.Section("dates").Cells[1:] {
		if row[0].Input == "July" && strings.Contains(row[1].Input, "deal with Microsoft") {
			july = true
		}
	}
	if !july {
		t.Error("the Microsoft deal in July is not among the dates")
	}
}
