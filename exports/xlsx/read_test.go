package xlsx

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
	"thesisboard/app/report"
	"thesisboard/app/sample"
)

func roundTrip(t *testing.T, a *model.Analysis) (*model.Analysis, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return res.Analysis, buf.Bytes()
}

// sameContent compares what a workbook must carry: thesis, sections (every
// cell's input, value, format and source), series, watchlist, references.
func sameContent(t *testing.T, got, want *model.Analysis) {
	t.Helper()
	if !reflect.DeepEqual(got.Thesis, want.Thesis) || got.Title != want.Title || got.Ticker != want.Ticker || got.Company != want.Company || got.AsOf != want.AsOf || got.Notes != want.Notes {
		t.Errorf("thesis/header:\n got %+v\nwant %+v", got.Thesis, want.Thesis)
	}
	if len(got.Sections) != len(want.Sections) {
		t.Fatalf("%d sections, want %d", len(got.Sections), len(want.Sections))
	}
	for i, ws := range want.Sections {
		gs := got.Sections[i]
		if gs.ID != ws.ID || gs.Title != ws.Title || gs.Note != ws.Note {
			t.Errorf("section %d: %q %q, want %q %q", i, gs.ID, gs.Title, ws.ID, ws.Title)
		}
		for r := range max(len(gs.Cells), len(ws.Cells)) {
			for c := range max(len(gs.Cell0(r)), len(ws.Cell0(r))) {
				g, w := gs.Cell(r, c), ws.Cell(r, c)
				if isBlank(g) && isBlank(w) {
					continue
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s!%s:\n got %+v\nwant %+v", ws.ID, model.Addr(r, c), g, w)
				}
			}
		}
	}
	if !reflect.DeepEqual(got.Series, want.Series) {
		t.Errorf("series:\n got %+v\nwant %+v", got.Series, want.Series)
	}
	// Excel keeps 15 significant digits; the seed's 3.0612239999999997 comes
	// back as 3.06122399999999.
	if len(got.Watchlist) != len(want.Watchlist) {
		t.Errorf("watchlist has %d rows, want %d", len(got.Watchlist), len(want.Watchlist))
	}
	for i := range min(len(got.Watchlist), len(want.Watchlist)) {
		g, w := got.Watchlist[i], want.Watchlist[i]
		if !closeTo(g.ChangePct, w.ChangePct) || !closeTo(g.LastPrice, w.LastPrice) {
			t.Errorf("watchlist[%d] numbers %v %v, want %v %v", i, g.LastPrice, g.ChangePct, w.LastPrice, w.ChangePct)
		}
		g.ChangePct, g.LastPrice = w.ChangePct, w.LastPrice
		if g != w {
			t.Errorf("watchlist[%d] = %+v, want %+v", i, g, w)
		}
	}
	if !reflect.DeepEqual(got.References, want.References) {
		t.Errorf("references:\n got %+v\nwant %+v", got.References, want.References)
	}
}

func isBlank(c model.Cell) bool {
	return c.Input == "" && (c.Value.Kind == "" || c.Value.Kind == model.KindEmpty) && c.Source == 0
}

func closeTo(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-13*max(1, b, -b)
}

func TestRoundTripSample(t *testing.T) {
	a := sample.Lumen(time.Now())
	got, _ := roundTrip(t, a)
	sameContent(t, got, a)
	again, _ := roundTrip(t, got)
	sameContent(t, again, a)
}

func TestRoundTripImportedReport(t *testing.T) {
	res, err := report.Parse([]byte(strings.Join([]string{
		"## Will Corning grow?", "2025-09-30", "", "### Verdict", "**Likely**, a medium-conviction call [2]; debt is a risk.", "",
		"### I. Demand", "| Metric | 2024 | 2025 |", "|---|---|---|", "| Sales | $4.0B | $5.1B |", "| Share | 31% | 36% |", "| Latency | <5 milliseconds at the edge | ~10x |", "",
		"| Ticker | Price | Change % |", "|---|---|---|", "| GLW | 48.2 | -1.25 |",
	}, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := roundTrip(t, res.Analysis)
	sameContent(t, got, res.Analysis)
}

// TestExcelEditsWin changes cells the way a person does in Excel and checks
// the import reads the new values, not the metadata's old inputs.
func TestExcelEditsWin(t *testing.T) {
	_, f := exportSample(t)
	f.SetCellFloat("Financial health", "B2", 17.9e9, -1, 64) // keeps the $B format
	f.SetCellStr("Partners", "B2", "Joint AI build-out")
	f.SetCellFormula("Financial health", "D2", "B2/2")
	var out bytes.Buffer
	f.WriteTo(&out)
	res, err := Read(context.Background(), out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := res.Analysis
	if c := got.Section("financial-health").Cell(1, 1); c.Value.Num != 17.9e9 || c.Input != "$17.9B" || c.Format != "money:B" || c.Source != 1 {
		t.Errorf("edited debt = %+v", c)
	}
	if c := got.Section("partners").Cell(1, 1); c.Input != "Joint AI build-out" {
		t.Errorf("edited role = %+v", c)
	}
	if c := got.Section("financial-health").Cell(1, 3); c.Input != "=B2/2" || c.Value.Num != 17.9e9/2 {
		t.Errorf("formula cell = %+v", c)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped = %q", res.Skipped)
	}
}

func TestFromNumFmt(t *testing.T) {
	for _, tt := range []struct {
		n       float64
		format  string
		display string
	}{
		{18.3e9, `"$"#,##0.0#,,,"B"`, "$18.3B"},
		{0.9305, `0.00%`, "93.05%"},
		{21, `0":1"`, "21:1"},
		{5, `"<"General" ms"`, "<5 ms"},
		{-0.18, `General" (distress zone)"`, "-0.18 (distress zone)"},
		{20000, `#,##0" miles"`, "20,000 miles"},
		{1234.5, `#,##0.00`, "1,234.5"},
		{45900, `yyyy-mm-dd`, "2025-08-31"},
		{2025, ``, "2025"},
	} {
		v, f := FromNumFmt(tt.n, tt.format)
		if got := model.Display(v, f); got != tt.display {
			t.Errorf("FromNumFmt(%v, %q) shows %q, want %q", tt.n, tt.format, got, tt.display)
		}
	}
}

// TestFormulasBothWays writes formulas as Excel formulas with cached values
// and the sheet names Excel knows, and reads them back as formulas.
func TestFormulasBothWays(t *testing.T) {
	a := sample.Lumen(time.Now())
	for _, op := range []model.Op{
		{Kind: model.OpSetCell, Sheet: "ai-demand", Cell: "D2", Input: "=B2+B3"},
		{Kind: model.OpSetCell, Sheet: "market-sentiment", Cell: "D2", Input: "='financial-health'!B2/1e9"},
		{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "D3", Input: "=ROUND(B2/RANGE.MID(B3),2)"},
	} {
		if err := calc.Apply(a, op); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ sheet, cell, formula, cached string }{
		{"AI demand and the share price", "D2", "B2+B3", "12000000000"},
		{"Market sentiment", "D2", "'Financial health'!B2/1e9", "18.3"},
		{"Financial health", "D3", "ROUND(B2/1300000000,2)", "14.08"}, // the range's midpoint, frozen
	} {
		got, _ := f.GetCellFormula(c.sheet, c.cell)
		cached, _ := f.GetCellValue(c.sheet, c.cell, excelize.Options{RawCellValue: true})
		if got != c.formula || cached != c.cached {
			t.Errorf("%s!%s: formula %q cached %q, want %q %q", c.sheet, c.cell, got, cached, c.formula, c.cached)
		}
	}
	f.Close()
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	sameContent(t, res.Analysis, a)
}

// TestReadsMetadataFormat1 rewrites an export's metadata sheet the way
// thesisboard wrote it before format 2 (the whole JSON in column A chunks)
// and reads the workbook back whole.
func TestReadsMetadataFormat1(t *testing.T) {
	a, f := exportSample(t)
	m := readMeta(f)
	if m == nil || len(m.Cells) == 0 {
		t.Fatal("no metadata in format 2")
	}
	m.Version = 1
	data, _ := json.Marshal(m)
	rows, _ := f.GetRows(metaSheet)
	for range rows {
		f.RemoveRow(metaSheet, 1)
	}
	for row, s := 1, string(data); len(s) > 0; row++ {
		n := min(len(s), 1000)
		f.SetCellStr(metaSheet, "A"+strconv.Itoa(row), s[:n])
		s = s[n:]
	}
	var old bytes.Buffer
	if _, err := f.WriteTo(&old); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), old.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	sameContent(t, res.Analysis, a)
}
