package xlsx

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
)

// readForeign reads a workbook built by excelize (not by thesisboard: no
// metadata sheet), after build has filled its Sheet1.
func readForeign(t *testing.T, build func(f *excelize.File)) *model.Analysis {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return res.Analysis
}

func setRows(f *excelize.File, rows [][]any) {
	for r, row := range rows {
		for c, v := range row {
			addr := model.Addr(r, c)
			if s, ok := v.(string); ok && len(s) > 1 && s[0] == '=' {
				f.SetCellFormula("Sheet1", addr, s[1:])
			} else {
				f.SetCellValue("Sheet1", addr, v)
			}
		}
	}
}

// TestPrefixedFunctionsImport: a workbook saved by Excel spells newer
// functions with _xlfn. (and _xlws., _xlpm.); they import under the names
// calc knows, and compute.
func TestPrefixedFunctionsImport(t *testing.T) {
	a := readForeign(t, func(f *excelize.File) {
		setRows(f, [][]any{
			{"Code", "Price", "Formula"},
			{"CANG", 5.05, `=_xlfn.XLOOKUP("BTCM",A2:A3,B2:B3)`},
			{"BTCM", 3.13, "=ROUND(_xlfn.STDEV.S(B2:B3),4)"},
			{"", "", `=_xlfn.IFS(B2>4,"up",TRUE,"down")`},
			{"", "", `=_xlfn.XMATCH(3.13,B2:B3)`},
			{"", "", `=_xlfn._xlws.SORT(B2:B3)`},
			{"", "", `=_xlfn.LET(_xlpm.x,B2,_xlpm.x*2)`},
		})
	})
	s := &a.Sections[0]
	for _, tt := range []struct {
		addr, input string
		want        any
	}{
		{"C2", `=XLOOKUP("BTCM",A2:A3,B2:B3)`, 3.13},
		{"C3", "=ROUND(STDEV.S(B2:B3),4)", 1.3576},
		{"C4", `=IFS(B2>4,"up",TRUE,"down")`, "up"},
		{"C5", "=XMATCH(3.13,B2:B3)", 2.0},
		// Not computed (yet): bare names, #NAME? with the reason.
		{"C6", "=SORT(B2:B3)", "#NAME?"},
		{"C7", "=LET(x,B2,x*2)", "#NAME?"},
	} {
		r, c, _ := model.ParseAddr(tt.addr)
		cell := s.Cell(r, c)
		if cell.Input != tt.input {
			t.Errorf("%s: input %q, want %q", tt.addr, cell.Input, tt.input)
		}
		v := cell.Value
		switch w := tt.want.(type) {
		case float64:
			if v.Kind != model.KindNumber || v.Num != w {
				t.Errorf("%s = %+v, want %v", tt.addr, v, w)
			}
		case string:
			if v.Text != w {
				t.Errorf("%s = %+v, want %v", tt.addr, v, w)
			}
		}
	}
}

// TestFirstRowFormulasStay: a sheet made elsewhere whose first row holds
// figures and formulas keeps those formulas, on import and when written
// back; a first row with text is the heading row, and keeps its formulas
// too.
func TestFirstRowFormulasStay(t *testing.T) {
	a := readForeign(t, func(f *excelize.File) {
		setRows(f, [][]any{{2, "=A1*3", "=A1+B1"}, {5, "=A2*3"}})
		f.NewSheet("Headed")
		f.SetCellValue("Headed", "A1", "Debt")
		f.SetCellFormula("Headed", "B1", `"FY"&2025`)
	})
	row := a.Sections[0].Cells[0]
	if row[1].Input != "=A1*3" || row[1].Value.Num != 6 || row[2].Input != "=A1+B1" || row[2].Value.Num != 8 {
		t.Fatalf("first row = %+v", row)
	}
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, c := range []struct{ sheet, cell, want string }{
		{a.Sections[0].Title, "B1", "A1*3"}, {a.Sections[0].Title, "C1", "A1+B1"}, {"Headed", "B1", `"FY"&2025`},
	} {
		if got, _ := f.GetCellFormula(c.sheet, c.cell); got != c.want {
			t.Errorf("%s!%s written as %q, want the formula %q", c.sheet, c.cell, got, c.want)
		}
	}
}

// TestSharedFormulasImport: Excel writes a filled-down formula once, as a
// shared formula over a range; each row imports as its own formula.
func TestSharedFormulasImport(t *testing.T) {
	a := readForeign(t, func(f *excelize.File) {
		setRows(f, [][]any{{"Qty", "Price", "Total"}, {2, 10}, {3, 20}, {4, 30}, {5, 40}})
		shared, ref := excelize.STCellFormulaTypeShared, "C2:C5"
		if err := f.SetCellFormula("Sheet1", "C2", "A2*B2", excelize.FormulaOpts{Type: &shared, Ref: &ref}); err != nil {
			t.Fatal(err)
		}
	})
	s := &a.Sections[0]
	for r, want := range []float64{20, 60, 120, 200} {
		c := s.Cell(r+1, 2)
		if in := "=A" + itoa(r+2) + "*B" + itoa(r+2); c.Input != in || c.Value.Num != want {
			t.Errorf("C%d = %q %+v, want %q = %v", r+2, c.Input, c.Value, in, want)
		}
	}
}

func itoa(n int) string { return model.Addr(n-1, 0)[1:] }
