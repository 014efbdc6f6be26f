package xlsx

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// loSkipped are the functions the differential test leaves out, each with
// why: LibreOffice itself differs from Excel's documented behaviour there.
var loSkipped = map[string]string{
	"XMATCH": "LibreOffice 7.4 lacks XMATCH (it came in 24.8); TestXMatchAndHLookup checks Excel's documented examples",
}

// diffDates are Excel serials from 2015 to 2030, the dates the generated
// formulas read.
func diffDate(rng *rand.Rand) int { return 42005 + rng.IntN(5479) }

// diffFormula is one random formula over the functions of issue 17's date,
// lookup and finance lists, with valid arguments, reading the Data
// section's cash flows (B2:B11), their dates (C2:C11), holidays (D2:D6)
// and a lookup table (E13:J15).
func diffFormula(rng *rand.Rand) string {
	d, n := func() int { return diffDate(rng) }, func(lo, hi int) int { return lo + rng.IntN(hi-lo+1) }
	rate := func() string { return strconv.FormatFloat(float64(n(1, 240))/1000, 'f', -1, 64) }
	d1, d2 := d(), d()
	lo, hi := min(d1, d2), max(d1, d2)
	switch rng.IntN(19) {
	case 0:
		return fmt.Sprintf("EOMONTH(%d,%d)", d1, n(-30, 30))
	case 1:
		return fmt.Sprintf("NETWORKDAYS(%d,%d%s)", d1, d2, []string{"", ",Data!D2:D6"}[n(0, 1)])
	case 2:
		return fmt.Sprintf("WORKDAY(%d,%d%s)", d1, n(-400, 400), []string{"", ",Data!D2:D6"}[n(0, 1)])
	case 3:
		return fmt.Sprintf("YEARFRAC(%d,%d,%d)", d1, d2, n(0, 4))
	case 4:
		return fmt.Sprintf(`DATEDIF(%d,%d,"%s")`, lo, hi, []string{"Y", "M", "D", "YM", "YD", "MD"}[n(0, 5)])
	case 5:
		return fmt.Sprintf("WEEKDAY(%d,%d)", d1, []int{1, 2, 3, 11, 12, 13, 14, 15, 16, 17}[n(0, 9)])
	case 6:
		k := n(2, 10)
		return fmt.Sprintf("XNPV(%s,Data!B2:B%d,Data!C2:C%d)", rate(), k+1, k+1)
	case 7:
		k := n(3, 10)
		return fmt.Sprintf("XIRR(Data!B2:B%d,Data!C2:C%d)", k+1, k+1)
	case 8:
		return fmt.Sprintf("NPER(%s/12,%d,%d,%d,%d)", rate(), -n(50, 900), n(1000, 50000), n(0, 1)*n(0, 20000), n(0, 1))
	case 9, 10:
		fn := []string{"IPMT", "PPMT"}[n(0, 1)]
		periods := n(2, 360)
		return fmt.Sprintf("%s(%s/12,%d,%d,%d,%d,%d)", fn, rate(), n(1, periods), periods, n(1000, 500000), -n(0, 1)*n(0, 9000), n(0, 1))
	case 11:
		periods := n(2, 360)
		a := n(1, periods)
		return fmt.Sprintf("CUMIPMT(%s/12,%d,%d,%d,%d,%d)", rate(), periods, n(1000, 500000), a, n(a, periods), n(0, 1))
	case 12:
		return fmt.Sprintf("EFFECT(%s,%d)", rate(), n(1, 365))
	case 13:
		return fmt.Sprintf("NOMINAL(%s,%d)", rate(), n(1, 365))
	case 14:
		return fmt.Sprintf("SLN(%d,%d,%d)", n(1000, 900000), n(0, 900), n(1, 40))
	case 15:
		life, month := n(1, 20), n(1, 12)
		last := life
		if month < 12 {
			last++
		}
		return fmt.Sprintf("DB(%d,%d,%d,%d,%d)", n(10000, 2000000), n(1, 9000), life, n(1, last), month)
	case 16:
		return fmt.Sprintf("HLOOKUP(%d,Data!E13:J15,%d%s)", n(0, 70), n(1, 3), []string{"", ",TRUE", ",FALSE"}[n(0, 2)])
	case 17:
		x := strconv.FormatFloat(float64(n(-2000000, 2000000))/float64([]int{1, 7, 100, 1000}[n(0, 3)]), 'f', -1, 64)
		f := []string{"0", "0.00", "#,##0", "#,##0.00", "0%", "0.0%", "$#,##0", "0.00E+00", "0.00;(0.00)", "#,##0;(#,##0);\"-\""}[n(0, 9)]
		return fmt.Sprintf("TEXT(%s,%s)", x, excelString(f))
	}
	f := []string{"yyyy-mm-dd", "mmm d, yyyy", "dd/mm/yyyy", "mmmm", "ddd", "dddd", "hh:mm", "h:mm AM/PM", "yy"}[n(0, 8)]
	return fmt.Sprintf(`TEXT(%d.%d,%s)`, d1, n(0, 99), excelString(f))
}

// excelString is s as a string literal in a formula: quotes doubled.
func excelString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// TestLibreOfficeDifferential generates 1,200 formulas over the date, lookup
// and finance functions with random valid arguments, writes them to a
// workbook, lets LibreOffice recalculate it headless, and compares each
// result with thesisboard's within 1e-9 relative (see sameAsLibreOffice).
//
// The workbook is written before thesisboard computes anything, so its
// cached values are the formulas' text: only LibreOffice's own
// recalculation can give the numbers compared.
func TestLibreOfficeDifferential(t *testing.T) {
	soffice := tool(t, "SOFFICE", "/usr/bin/soffice")
	const formulas = 1200
	uncomputed, a := differentialBook(t, formulas), differentialBook(t, formulas)
	calc.Recalc(a)
	var buf bytes.Buffer
	if err := Write(&buf, uncomputed); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "diff.xlsx")
	if err := os.WriteFile(book, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := recalcWithLibreOffice(t, soffice, book)
	if compared := sameAsLibreOffice(t, a, out, "diff"); compared < formulas {
		t.Errorf("compared %d formulas, want %d", compared, formulas)
	}
	for name, why := range loSkipped {
		t.Logf("%s left out: %s", name, why)
	}
}

// differentialBook is the differential test's analysis, the same every
// time: a Data section of inputs and a section F of n formulas, left
// uncomputed.
func differentialBook(t *testing.T, n int) *model.Analysis {
	rng := rand.New(rand.NewPCG(17, 2026))
	a := &model.Analysis{Title: "Differential", Sections: []model.Section{{ID: "data", Title: "Data"}, {ID: "f", Title: "F"}}}
	set := func(sheet, cell, input string) {
		if err := calc.ApplyUncomputed(a, model.Op{Kind: model.OpSetCell, Sheet: sheet, Cell: cell, Input: input}); err != nil {
			t.Fatalf("%s: %v", input, err)
		}
	}
	set("data", "A1", "Inputs")
	day := diffDate(rng)
	for r := range 10 {
		flow := -rng.IntN(20000) - 1000
		if r > 0 {
			flow = rng.IntN(9000) + 500
			day += rng.IntN(200) + 1
		}
		set("data", model.Addr(r+1, 1), strconv.Itoa(flow))
		set("data", model.Addr(r+1, 2), strconv.Itoa(day))
	}
	for r := range 5 {
		set("data", model.Addr(r+1, 3), strconv.Itoa(diffDate(rng)))
	}
	for c := range 6 {
		set("data", model.Addr(12, 4+c), strconv.Itoa(c*10+rng.IntN(10)))
		set("data", model.Addr(13, 4+c), strconv.Itoa(rng.IntN(1000)))
		set("data", model.Addr(14, 4+c), strconv.Itoa(rng.IntN(1000)))
	}
	set("f", "A1", "Formula")
	for i := range n {
		set("f", model.Addr(i+1, 0), "="+diffFormula(rng))
	}
	return a
}
