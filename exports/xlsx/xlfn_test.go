package xlsx

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

func TestFileNamesOfFunctions(t *testing.T) {
	for _, tt := range []struct{ formula, file string }{
		{`CONCAT("a",B2)`, `_xlfn.CONCAT("a",B2)`},
		{`IFS(B2>1,"CONCAT(x)",TRUE,stdev.s(B2:B3))`, `_xlfn.IFS(B2>1,"CONCAT(x)",TRUE,_xlfn.stdev.s(B2:B3))`},
		{`SUM('CONCAT(1)'!B2)+TEXTJOIN(",",TRUE,B2:B3)`, `SUM('CONCAT(1)'!B2)+_xlfn.TEXTJOIN(",",TRUE,B2:B3)`},
		{`XLOOKUP(1,B2:B3,C2:C3)*RRI(2,1,1.21)`, `_xlfn.XLOOKUP(1,B2:B3,C2:C3)*_xlfn.RRI(2,1,1.21)`},
		{`MYCONCAT(1)+SUM(B2)`, `MYCONCAT(1)+SUM(B2)`},
		{`IFNA(SWITCH(B2,1,"a"),CHOOSE(2,ISNA(B3),NA()))`, `_xlfn.IFNA(_xlfn.SWITCH(B2,1,"a"),CHOOSE(2,ISNA(B3),NA()))`},
		{`CEILING.MATH(B2,5)-floor.math(B2)+MROUND(TRUNC(B2),2)`, `_xlfn.CEILING.MATH(B2,5)-_xlfn.floor.math(B2)+MROUND(TRUNC(B2),2)`},
		{`RANK.EQ(B2,B2:B3)+STDEV.P(B2:B3)+VAR.S(B2:B3)+PERCENTILE(B2:B3,0.5)+PERCENTILE.INC(B2:B3,0.5)`,
			`_xlfn.RANK.EQ(B2,B2:B3)+_xlfn.STDEV.P(B2:B3)+_xlfn.VAR.S(B2:B3)+PERCENTILE(B2:B3,0.5)+_xlfn.PERCENTILE.INC(B2:B3,0.5)`},
		{`QUARTILE(B2:B3,1)+QUARTILE.INC(B2:B3,1)+LARGE(B2:B3,1)+CORREL(B2:B3,C2:C3)`,
			`QUARTILE(B2:B3,1)+_xlfn.QUARTILE.INC(B2:B3,1)+LARGE(B2:B3,1)+CORREL(B2:B3,C2:C3)`},
		{`SUMIFS(B2:B3,C2:C3,">1")+COUNTIFS(C2:C3,"x")+MAXIFS(B2:B3,C2:C3,1)-MINIFS(B2:B3,C2:C3,1)`,
			`SUMIFS(B2:B3,C2:C3,">1")+COUNTIFS(C2:C3,"x")+_xlfn.MAXIFS(B2:B3,C2:C3,1)-_xlfn.MINIFS(B2:B3,C2:C3,1)`},
		{`"it''s"&'O''Neil'!A1&"say ""IFS("""`, `"it''s"&'O''Neil'!A1&"say ""IFS("""`},
		{`"unclosed`, `"unclosed`},
	} {
		if got := toFileNames(tt.formula); got != tt.file {
			t.Errorf("toFileNames(%s) = %s, want %s", tt.formula, got, tt.file)
		}
		if got := fromFileNames(tt.file); got != tt.formula {
			t.Errorf("fromFileNames(%s) = %s, want %s", tt.file, got, tt.formula)
		}
	}
}

// TestFutureFunctionsBothWays writes CONCAT and STDEV.S with the prefix the
// file format wants, and reads them back without it, from a cell typed
// in Excel too.
func TestFutureFunctionsBothWays(t *testing.T) {
	a := &model.Analysis{Title: "Future", Sections: []model.Section{{ID: "m", Title: "M"}}}
	for _, op := range []model.Op{
		{Kind: model.OpSetCell, Sheet: "m", Cell: "B2", Input: "2"},
		{Kind: model.OpSetCell, Sheet: "m", Cell: "B3", Input: "3"},
		{Kind: model.OpSetCell, Sheet: "m", Cell: "C2", Input: `=CONCAT("n=",B2)`},
		{Kind: model.OpSetCell, Sheet: "m", Cell: "C3", Input: `=STDEV.S(B2:B3)`},
	} {
		if err := calc.Apply(a, op); err != nil {
			t.Fatal(err)
		}
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
	for cell, want := range map[string]string{"C2": `_xlfn.CONCAT("n=",B2)`, "C3": `_xlfn.STDEV.S(B2:B3)`} {
		if got, _ := f.GetCellFormula("M", cell); got != want {
			t.Errorf("%s: formula %q, want %q", cell, got, want)
		}
	}
	f.SetCellFormula("M", "D2", `_xlfn.CONCAT("m=",B3)`) // typed in Excel
	var edited bytes.Buffer
	f.WriteTo(&edited)
	res, err := Read(context.Background(), edited.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	m := res.Analysis.Section("m")
	if c := m.Cell(1, 3); c.Input != `=CONCAT("m=",B3)` || c.Value.Text != "m=3" {
		t.Errorf("D2, typed in Excel = %+v", c)
	}
	if c := m.Cell(2, 2); c.Input != `=STDEV.S(B2:B3)` {
		t.Errorf("C3 = %+v", c)
	}
}

// excel2007Functions are the functions of runnableFunctions that Excel 2007
// already had (with the Analysis ToolPak's, which it took in), so the file
// spells them bare; thesisboard's RANGE.* never reach a file as calls.
// Every runnable function is either here or in futureFunctions: a function
// added to one list and not classified fails TestEveryFunctionIsClassified.
var excel2007Functions = setOf(
	"SUM", "PRODUCT", "AVERAGE", "MIN", "MAX", "MEDIAN", "COUNT", "COUNTA",
	"ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "SQRT", "EXP", "LN", "LOG10", "INT", "POWER", "MOD",
	"IF", "IFERROR", "AND", "OR", "NOT", "CONCATENATE", "LEN", "UPPER", "LOWER", "TRIM", "LEFT", "RIGHT", "MID", "TEXT",
	"SUMIF", "COUNTIF", "AVERAGEIF", "SUMPRODUCT", "INDEX", "MATCH", "VLOOKUP", "HLOOKUP",
	"NPV", "IRR", "PMT", "FV", "PV", "RATE", "DATE", "YEAR", "MONTH", "DAY", "EDATE",
	"ISBLANK", "ISNUMBER", "ISTEXT", "ISERROR", "ISERR", "ISNA", "ISLOGICAL", "ISEVEN", "ISODD", "NA", "CHOOSE",
	"SIGN", "TRUNC", "MROUND", "LARGE", "SMALL", "PERCENTILE", "QUARTILE", "CORREL", "SLOPE", "INTERCEPT",
	"SUMIFS", "COUNTIFS", "AVERAGEIFS", "VALUE", "SUBSTITUTE", "FIND", "SEARCH", "REPT", "PROPER", "EXACT",
	"EOMONTH", "NETWORKDAYS", "WORKDAY", "YEARFRAC", "DATEDIF", "WEEKDAY", "TODAY", "NOW",
	"XNPV", "XIRR", "NPER", "IPMT", "PPMT", "CUMIPMT", "EFFECT", "NOMINAL", "SLN", "DB",
	"RANGE.LOW", "RANGE.HIGH", "RANGE.MID",
)

// TestEveryFunctionIsClassified keeps the lists honest: every function calc
// computes is written live (runnableFunctions), and every live function is
// known to need the _xlfn. prefix or not.
func TestEveryFunctionIsClassified(t *testing.T) {
	for _, name := range calc.FunctionNames() {
		if !runnableFunctions[name] {
			t.Errorf("calc computes %s, but workbooks get it as text: add it to runnableFunctions", name)
		}
	}
	for name := range runnableFunctions {
		if futureFunctions[name] == excel2007Functions[name] {
			t.Errorf("%s: say whether Excel 2007 had it (excel2007Functions) or it needs _xlfn. (futureFunctions)", name)
		}
	}
}

// TestNewFunctionsWrittenLive: the date, lookup and finance functions reach
// the workbook as formulas, XMATCH with its prefix.
func TestNewFunctionsWrittenLive(t *testing.T) {
	a := &model.Analysis{Title: "Live", Sections: []model.Section{{ID: "m", Title: "M"}}}
	inputs := map[string]string{
		"A2": "2025-01-31", "B2": "-1000", "B3": "600", "B4": "600", "A3": "2025-07-31", "A4": "2026-01-31",
		"C2": "=EOMONTH(A2,1)", "C3": "=XMATCH(600,B2:B4)", "C4": "=ROUND(XIRR(B2:B4,A2:A4),6)",
		"C5": "=NETWORKDAYS(A2,A3)", "C6": `=TEXT(A2,"mmm d, yyyy")`, "C7": "=HLOOKUP(600,B3:B4,1,FALSE)",
	}
	for cell, in := range inputs {
		if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "m", Cell: cell, Input: in}); err != nil {
			t.Fatal(err)
		}
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
	for cell, want := range map[string]string{
		"C2": "EOMONTH(A2,1)", "C3": "_xlfn.XMATCH(600,B2:B4)", "C4": "ROUND(XIRR(B2:B4,A2:A4),6)",
		"C5": "NETWORKDAYS(A2,A3)", "C6": `TEXT(A2,"mmm d, yyyy")`, "C7": "HLOOKUP(600,B3:B4,1,FALSE)",
	} {
		if got, _ := f.GetCellFormula("M", cell); got != want {
			t.Errorf("%s: formula %q, want %q", cell, got, want)
		}
	}
}
