package xlsx

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// tool returns a program the real-client tests need; make test installs
// them (Debian's libreoffice-calc-nogui and python3-openpyxl).
func tool(t *testing.T, env, path string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		path = p
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s is missing (make test installs it): %v", path, err)
	}
	return path
}

// withFormulas is the sample with formulas of several kinds on three
// sections.
func withFormulas(t *testing.T) *model.Analysis {
	a := sample.Lumen(time.Now())
	for _, op := range []model.Op{
		{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "D2", Input: "=B2/1e9"},
		{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "D5", Input: "=ROUND(B5*1.05/1e9,3)"},
		{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "D3", Input: "=ROUND(B2/RANGE.MID(B3),2)"},
		{Kind: model.OpSetCell, Sheet: "ai-demand", Cell: "D2", Input: "=SUM(B2:B3)/1e9"},
		{Kind: model.OpSetCell, Sheet: "ai-demand", Cell: "D4", Input: `=IF(B4>B5,"beats","lags")`},
		{Kind: model.OpSetCell, Sheet: "market-sentiment", Cell: "D2", Input: "='Financial health'!B2/1e9+B2"},
		{Kind: model.OpSetCell, Sheet: "market-sentiment", Cell: "D3", Input: "=MAX(B3:B4)-MIN(B3:B4)"},
	} {
		if err := calc.Apply(a, op); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// TestLibreOfficeRecalculates opens an exported workbook in LibreOffice,
// which recalculates every formula itself, and compares each formula cell
// with thesisboard's value. To be sure LibreOffice computed rather than
// copied the cached values, the debt is changed in the file first (as a
// person would in Excel), and the same edit is made in thesisboard.
func TestLibreOfficeRecalculates(t *testing.T) {
	soffice := tool(t, "SOFFICE", "/usr/bin/soffice")
	a := withFormulas(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellFloat("Financial health", "B2", 10e9, -1, 64)
	book := filepath.Join(dir, "lumen.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B2", Input: "$10B"}); err != nil {
		t.Fatal(err)
	}

	out := recalcWithLibreOffice(t, soffice, book)
	if compared := sameAsLibreOffice(t, a, out, "lumen"); compared != 7 { // RANGE.MID's included: Excel gets the range's midpoint
		t.Errorf("compared %d formula cells, want 7", compared)
	}
	if got := readCSV(t, filepath.Join(out, "lumen-Financial health.csv"))[1][3]; got != "10" {
		t.Errorf("LibreOffice shows D2 = %q after the debt changed to 10e9: it did not recalculate", got)
	}
}

// rangesBoundsRatios is an analysis whose formulas, of every kind, read a
// range ($1.2–$1.4B, 800–1,700 strands), a bound (<5 ms, >1,000 customers)
// and a ratio (21-to-1), on their sheet and from another. XLOOKUP is left
// out: LibreOffice 7.4 lacks it.
func rangesBoundsRatios(t *testing.T) *model.Analysis {
	t.Helper()
	a := &model.Analysis{Title: "Ranges", Sections: []model.Section{{ID: "inputs", Title: "Inputs"}, {ID: "model", Title: "Model"}}}
	set := func(sheet, cell, input string) {
		if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: sheet, Cell: cell, Input: input}); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
	}
	for i, in := range []string{"Value", "$1.2–$1.4B", "<5 ms", "21-to-1", "$18.3B", "800–1,700 strands", ">1,000 customers"} {
		set("inputs", model.Addr(i, 1), in)
	}
	for i, f := range []string{
		"Formula",
		"=B5/B2", "=B3*2", "=B4/3", "=B2/1e9+B3+B4", "=SUM(B2:B4)", "=AVERAGE(B2:B4)", "=MIN(B2:B4)", "=MAX(B2:B4)",
		`=IF(B2>1250000000,"above","below")`, `=IF(B3<5,"fast","slow")`, "=IF(B4>=21,B4*2,0)",
		"=B6/100", "=B7+B6", "=ROUND(B2/1e9,2)", "=RANGE.MID(B2)/1e9", "=SUM(B2,B6)",
		// Functions Excel added after 2007, which the file spells "_xlfn.…".
		`=CONCAT("FCF ",B2/1e9)`, `=IFS(B3>6,"slow",TRUE,"fast")`, "=STDEV.S(B3:B4)",
		`=TEXTJOIN("-",TRUE,B4,B3)`, "=RRI(2,B5,B5*1.21)",
	} {
		set("inputs", model.Addr(i, 3), f)
	}
	for i, f := range []string{
		"Formula",
		"=Inputs!B5/Inputs!B2", "=SUM(Inputs!B2:B4)", "=IF(Inputs!B3<10,Inputs!B4,Inputs!B2)",
		"=MAX(Inputs!B2,Inputs!B3)-MIN(Inputs!B4,Inputs!B3)", "=AVERAGE(Inputs!B6,Inputs!B7)", "='Inputs'!D2*2",
	} {
		set("model", model.Addr(i, 1), f)
	}
	return a
}

// TestLibreOfficeReadsRangesBoundsRatios: every formula that reads a range, a
// bound or a ratio computes in LibreOffice what it computes in the
// dashboard. The bound is changed in the file (and in thesisboard), so
// LibreOffice must compute rather than copy the cached values.
func TestLibreOfficeReadsRangesBoundsRatios(t *testing.T) {
	soffice := tool(t, "SOFFICE", "/usr/bin/soffice")
	a := rangesBoundsRatios(t)
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellFloat("Inputs", "B3", 7, -1, 64)
	book := filepath.Join(t.TempDir(), "ranges.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "inputs", Cell: "B3", Input: "<7 ms"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range a.Sections {
		for r, row := range s.Cells {
			for c, cell := range row {
				if calc.IsFormula(cell.Input) && cell.Value.Kind == model.KindError {
					t.Errorf("%s!%s %s is %s in thesisboard: not a useful comparison", s.Title, model.Addr(r, c), cell.Input, cell.Value.Text)
				}
			}
		}
	}
	out := recalcWithLibreOffice(t, soffice, book)
	if compared := sameAsLibreOffice(t, a, out, "ranges"); compared != 27 {
		t.Errorf("compared %d formula cells, want 27", compared)
	}
	if got := readCSV(t, filepath.Join(out, "ranges-Inputs.csv"))[2][3]; got != "14" {
		t.Errorf("LibreOffice shows D3 = B3*2 = %q after the bound changed to <7: it did not recalculate", got)
	}
}

// recalcWithLibreOffice has LibreOffice open book, recalculate every formula
// and write each sheet as CSV (raw values, not as shown) into the folder it
// returns: "<book's name>-<sheet>.csv".
func recalcWithLibreOffice(t *testing.T, soffice, book string) string {
	t.Helper()
	dir := t.TempDir()
	// A profile that makes LibreOffice recalculate every OOXML file on load.
	profile := filepath.Join(dir, "profile")
	os.MkdirAll(filepath.Join(profile, "user"), 0o755)
	os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(`<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`), 0o644)
	out := filepath.Join(dir, "csv")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+profile, "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, book)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, msg)
	}
	return out
}

// sameAsLibreOffice compares every formula cell of a's sections with what
// LibreOffice computed for it (the CSVs in out, of the book named base) and
// returns how many it compared.
func sameAsLibreOffice(t *testing.T, a *model.Analysis, out, base string) (compared int) {
	t.Helper()
	for _, s := range a.Sections {
		rows := readCSV(t, filepath.Join(out, base+"-"+s.Title+".csv"))
		for r, row := range s.Cells {
			for c, cell := range row {
				if !calc.IsFormula(cell.Input) {
					continue
				}
				got := ""
				if r < len(rows) && c < len(rows[r]) {
					got = rows[r][c]
				}
				compared++
				switch cell.Value.Kind {
				case model.KindNumber:
					// LibreOffice gives a formula on percent cells the percent
					// format, and writes it with its sign even as a raw value.
					n, err := strconv.ParseFloat(strings.TrimSuffix(got, "%"), 64)
					if strings.HasSuffix(got, "%") {
						n /= 100
					}
					if err != nil || math.Abs(n-cell.Value.Num) > 1e-9*math.Max(1, math.Abs(cell.Value.Num)) {
						t.Errorf("%s!%s %s: LibreOffice %q, thesisboard %v", s.Title, model.Addr(r, c), cell.Input, got, cell.Value.Num)
					}
				default:
					if got != model.Display(cell.Value, cell.Format) {
						t.Errorf("%s!%s %s: LibreOffice %q, thesisboard %q", s.Title, model.Addr(r, c), cell.Input, got, model.Display(cell.Value, cell.Format))
					}
				}
			}
		}
	}
	return compared
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", filepath.Base(path), err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// openpyxlCheck reads a workbook with Python's openpyxl and reports what a
// modeller relies on.
const openpyxlCheck = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fh, wl, ch = wb["Financial health"], wb["Watchlist"], wb["Charts"]
print(json.dumps({
  "sheets": wb.sheetnames,
  "charts": len(ch._charts),
  "tables": list(wl.tables.keys()),
  "note": fh["B2"].comment.text if fh["B2"].comment else "",
  "freeze": [wb[n].freeze_panes for n in ("Financial health", "Watchlist")],
  "format": fh["B2"].number_format,
  "formula": fh["D2"].value,
  "conditional": len(wl.conditional_formatting),
  "hidden": wb["thesisboard"].sheet_state,
}))
`

// TestOpenpyxlReadsTheModel checks with openpyxl that the exported workbook
// has its charts, the watchlist table, notes, frozen panes, number formats
// and formulas.
func TestOpenpyxlReadsTheModel(t *testing.T) {
	python := tool(t, "PYTHON", "/usr/bin/python3")
	var buf bytes.Buffer
	if err := Write(&buf, withFormulas(t)); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "lumen.xlsx")
	os.WriteFile(book, buf.Bytes(), 0o644)
	out, err := exec.Command(python, "-c", openpyxlCheck, book).CombinedOutput()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	var got struct {
		Sheets      []string
		Charts      int
		Tables      []string
		Note        string
		Freeze      []string
		Format      string
		Formula     string
		Conditional int
		Hidden      string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("openpyxl said %s", out)
	}
	if got.Charts != 2 || len(got.Tables) != 1 || got.Tables[0] != "Watchlist" || got.Conditional == 0 {
		t.Errorf("charts %d, tables %v, conditional formats %d", got.Charts, got.Tables, got.Conditional)
	}
	if got.Note == "" || got.Freeze[0] != "A2" || got.Freeze[1] != "A2" {
		t.Errorf("note %q, freeze %v", got.Note, got.Freeze)
	}
	if got.Format != `"$"#,##0.0#,,,"B"` || got.Formula != "=B2/1e9" || got.Hidden != "veryHidden" {
		t.Errorf("format %q, formula %q, metadata sheet %q", got.Format, got.Formula, got.Hidden)
	}
}
