package calc

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// sheet builds an analysis with one section "s" (title "Data") from inputs in
// row-major order, plus a second section "other" (title "Financial health").
func sheet(rows ...[]string) *model.Analysis {
	a := calctest.Sheet(rows...)
	other := calctest.Sheet([]string{"Metric", "Value"}, []string{"Debt", "$18.3B"}, []string{"FCF", "$1.2–$1.4B"}).Sections[0]
	other.ID, other.Title = "other", "Financial health"
	a.Sections = append(a.Sections, other)
	return a
}

// calc evaluates one formula in cell Z1 of sheet s next to the given rows.
func calc(t *testing.T, formula string, rows ...[]string) model.Value {
	t.Helper()
	a := sheet(rows...)
	s := &a.Sections[0]
	for len(s.Cells) < 1 {
		s.Cells = append(s.Cells, nil)
	}
	for len(s.Cells[0]) < 26 {
		s.Cells[0] = append(s.Cells[0], model.Cell{})
	}
	s.Cells[0][25] = model.Cell{Input: formula}
	Recalc(a)
	return s.Cells[0][25].Value
}

var data = [][]string{
	{"1", "2", "3", "text", "TRUE"},
	{"4", "", "6", "", "x"},
	{"-2", "0.5", "10", "7", ""},
}

func TestFunctions(t *testing.T) {
	tests := []struct {
		formula string
		want    any // float64, string, bool or an error code like "#DIV/0!"
	}{
		{"=1+2*3", 7.0}, {"=(1+2)*3", 9.0}, {"=-2^2", 4.0}, {"=2^3^2", 64.0}, {"=10/4", 2.5},
		{"=5%", 0.05}, {"=50%*200", 100.0}, {`="a"&"b"&1`, "ab1"}, {"=1=1", true}, {`="A"="a"`, true},
		{"=2<>2", false}, {"=3>=3", true}, {`=1<"a"`, true}, {"=1/0", ErrDiv0}, {`="x"+1`, ErrValue},
		{`="3"+1`, 4.0}, {"=TRUE+1", 2.0}, {"=#N/A", ErrNA}, {"=NOPE(1)", ErrName}, {"=foo", ErrName},
		{"=SUM(A1:C3)", 24.5}, {"=SUM(A1:E3)", 31.5}, {"=SUM(1,2,TRUE)", 4.0}, {"=SUM(A1,,2)", 3.0},
		{"=AVERAGE(A1:C1)", 2.0}, {"=AVERAGE(D2)", ErrDiv0}, {"=MIN(A1:C3)", -2.0}, {"=MAX(A1:C3)", 10.0},
		{"=COUNT(A1:E3)", 9.0}, {"=COUNT(A1,1/0,\"3\",\"x\")", 2.0}, {"=COUNTA(A1:E3)", 12.0}, {"=PRODUCT(A1:C1)", 6.0}, {"=MEDIAN(A1:C1,10)", 2.5},
		{"=ROUND(2.345,2)", 2.35}, {"=ROUND(-2.5,0)", -3.0}, {"=ROUND(1234,-2)", 1200.0}, {"=ROUNDUP(2.301,1)", 2.4},
		{"=ROUNDDOWN(-2.39,1)", -2.3}, {"=ABS(-3)", 3.0}, {"=SQRT(16)", 4.0}, {"=SQRT(-1)", ErrNum},
		{"=POWER(2,10)", 1024.0}, {"=EXP(0)", 1.0}, {"=LN(1)", 0.0}, {"=LOG10(1000)", 3.0}, {"=LN(0)", ErrNum},
		{"=MOD(7,3)", 1.0}, {"=MOD(-7,3)", 2.0}, {"=MOD(1,0)", ErrDiv0}, {"=INT(-1.5)", -2.0},
		{"=IF(A1>0,\"pos\",\"neg\")", "pos"}, {"=IF(A3>0,1)", false}, {"=IF(1/0,1,2)", ErrDiv0},
		{"=IFERROR(1/0,\"none\")", "none"}, {"=IFERROR(5,0)", 5.0}, {"=AND(TRUE,A1>0)", true}, {"=OR(FALSE,A3>0)", false},
		{"=NOT(0)", true}, {"=AND(E1:E2)", true}, {`=CONCAT("a",A1:B1)`, "a12"}, {"=LEN(\"héllo\")", 5.0},
		{`=LEFT("thesis",3)`, "the"}, {`=RIGHT("thesis",2)`, "is"}, {`=MID("thesis",2,3)`, "hes"}, {`=UPPER("lumn")`, "LUMN"},
		{`=LOWER("LUMN")`, "lumn"}, {`=TRIM("  a   b ")`, "a b"}, {"=B2", 0.0}, {"=B2+1", 1.0}, {"=D1&\"!\"", "text!"},
		{"='Financial health'!B2/1e9", 18.3}, {"=other!B2/1e9", 18.3}, {"=Missing!A1", ErrRef},
		{"='Financial health'!B3/1e9", 1.3}, {"=RANGE.LOW('Financial health'!B3)/1e9", 1.2},
		{"=RANGE.HIGH(other!B3)/1e9", 1.4}, {"=RANGE.MID(other!B3)/1e9", 1.3}, {"=RANGE.LOW(A1:A2)", ErrValue},
		{"=SUM(A1:A3", ErrSyntax}, {"=1+", ErrSyntax}, {"=)", ErrSyntax},
	}
	for _, tt := range tests {
		got := calc(t, tt.formula, data...)
		if !matches(got, tt.want) {
			t.Errorf("%s = %+v, want %v", tt.formula, got, tt.want)
		}
	}
}

func matches(v model.Value, want any) bool {
	switch w := want.(type) {
	case float64:
		return v.Kind == model.KindNumber && math.Abs(v.Num-w) <= 1e-12*math.Max(1, math.Abs(w))
	case bool:
		return v.Kind == model.KindBool && v.Bool == w
	case string:
		if len(w) > 0 && w[0] == '#' {
			return v.Kind == model.KindError && v.Text == w && v.Note != ""
		}
		return v.Kind == model.KindText && v.Text == w
	}
	return false
}

func TestCyclesAreMarked(t *testing.T) {
	a := sheet([]string{"=B1+1", "=C1+1", "=A1+1", "=5", "=D1*2", "=A1"})
	Recalc(a)
	row := a.Sections[0].Cells[0]
	for c := 0; c < 3; c++ {
		if row[c].Value.Kind != model.KindError || row[c].Value.Text != ErrCycle {
			t.Errorf("%s = %+v, want %s", model.Addr(0, c), row[c].Value, ErrCycle)
		}
	}
	if row[4].Value.Num != 10 {
		t.Errorf("E1 = %+v, want 10 (outside the cycle)", row[4].Value)
	}
	if row[5].Value.Text != ErrCycle {
		t.Errorf("F1 reads a cycle cell: %+v", row[5].Value)
	}
	self := sheet([]string{"=A1"})
	Recalc(self)
	if v := self.Sections[0].Cells[0][0].Value; v.Text != ErrCycle {
		t.Errorf("=A1 in A1 = %+v", v)
	}
}

// TestLongChain recalculates 100,000 formulas each reading the one above:
// no recursion from cell to cell, so no stack overflow.
func TestLongChain(t *testing.T) {
	const n = 100000
	rows := make([][]string, n)
	rows[0] = []string{"1"}
	for i := 1; i < n; i++ {
		rows[i] = []string{fmt.Sprintf("=A%d+1", i)}
	}
	a := sheet(rows...)
	Recalc(a)
	if v := a.Sections[0].Cells[n-1][0].Value; v.Num != n {
		t.Errorf("A%d = %+v, want %d", n, v, n)
	}
}

func TestApplyRecalculates(t *testing.T) {
	a := sheet([]string{"Debt", "=other!B2/RANGE.MID(other!B3)"})
	Recalc(a)
	if v := a.Sections[0].Cells[0][1].Value; math.Abs(v.Num-14.0769230769) > 1e-9 {
		t.Fatalf("payback = %+v", v)
	}
	if err := Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "other", Cell: "B2", Input: "$13B"}); err != nil {
		t.Fatal(err)
	}
	if v := a.Sections[0].Cells[0][1].Value; v.Num != 10 {
		t.Errorf("payback after edit = %+v, want 10", v)
	}
	if got := model.Display(a.Sections[0].Cells[0][1].Value, ""); got != "10" {
		t.Errorf("shows %q", got)
	}
}

func FuzzFormula(f *testing.F) {
	for _, s := range []string{"=EDATE(A1,1e15)", "=INDEX(A1:C3,1e300,2)", "=DATE(1e9,1,1)", "=TEXT(1e308,\"#,##0.00\")", "=VLOOKUP(1,A1:C3,2)", "=IRR(A1:C3)", "=RATE(1e9,1,1)", "=1+2", "=SUM(A1:C3)*-2%", `=IF(A1>0,"a",B2)&"x"`, "='Financial health'!B2", "=((((1))))", "=A1:B2",
		`=TEXTJOIN(",",FALSE,A1:A100000)`, `=SUMIF(A1:A65536,"",B1:B65536)`, `=COUNTIF(A1:C65536,"<>x")`, "=SUMPRODUCT(A1:A9999,B1:B9999)",
		"=VLOOKUP(1,A1:C99999,3)", "=INDEX(A1:C65536,65536,3)", "=A1&A1&A1&A1", `=MATCH("*a*",D1:D70000,0)`, `=TEXT(1E+300,"#,##0."&D1)`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, formula string) {
		a := sheet(append([][]string{{formula}}, data...)...)
		Recalc(a) // must not panic or hang
		if v := a.Sections[0].Cells[0][0].Value; IsFormula(formula) && v.Kind == "" {
			t.Fatalf("%q left no value", formula)
		}
	})
}

func TestRewrite(t *testing.T) {
	names := map[string]string{"other": "Financial health", "s": "Data"}
	sheetName := func(s string) string {
		if n, ok := names[s]; ok {
			return n
		}
		return s
	}
	for _, tt := range []struct {
		in, out string
		excel   bool
	}{
		{"=other!B2/2", "='Financial health'!B2/2", true},
		{`=IF(A1>0,"say ""hi""",SUM(s!A1:B2))`, `=IF(A1>0,"say ""hi""",SUM('Data'!A1:B2))`, true},
		{"=RANGE.MID(other!B3)", "=RANGE.MID('Financial health'!B3)", false},
		{"=-(1+2)%", "=-(1+2)%", true},
	} {
		out, excel := ForExcel(tt.in, sheetName, nil)
		if out != tt.out || excel != tt.excel {
			t.Errorf("ForExcel(%q) = %q %v, want %q %v", tt.in, out, excel, tt.out, tt.excel)
		}
	}
}

// TestEngineMatchesFullRecalc makes random edits through an Engine and
// checks every cell against a full recalculation of the same analysis.
func TestEngineMatchesFullRecalc(t *testing.T) {
	a := sheet(
		[]string{"1", "=A1*2", "=B1+A2", "=SUM(A1:A4)"},
		[]string{"2", "=B1+B3", "=IF(C1>3,C1,0)", "=D1/A3"},
		[]string{"3", "=A3^2", "=C2&\"x\"", "=other!B2/1e9+A4"},
		[]string{"4", "=B2+1", "=B3", "=D3*2"},
	)
	e := NewEngine(a)
	inputs := []string{"0", "5", "-3", "=A1+1", "=D4", "=B2", "text", "", "=1/0", "=C4+1", "$2B", "=RANGE.MID(other!B3)"}
	for i := range 300 {
		cell := model.Addr(i*7%4, i*3%4)
		in := inputs[(i*5+i/3)%len(inputs)]
		if err := e.Apply(model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: in}); err != nil {
			t.Fatal(err)
		}
		full := a.Clone()
		Recalc(full)
		for r, row := range full.Sections[0].Cells {
			for c, want := range row {
				if got := a.Sections[0].Cells[r][c]; !reflect.DeepEqual(got.Value, want.Value) {
					t.Fatalf("edit %d (%s := %q): %s = %+v, full recalc %+v", i, cell, in, model.Addr(r, c), got.Value, want.Value)
				}
			}
		}
	}
}

// TestMoreFunctions checks lookup, conditional, date and finance functions
// against the results Excel's documentation gives for the same inputs.
func TestMoreFunctions(t *testing.T) {
	table := [][]string{
		{"Apples", "50", "2025-01-31"},
		{"Pears", "20", "2024-02-29"},
		{"Plums", "30", "100"},
		{"Figs", "45", "x"},
	}
	tests := []struct {
		formula string
		want    any
	}{
		{"=SUMIF(B1:B4,\">25\")", 125.0}, {"=SUMIF(A1:A4,\"P*\",B1:B4)", 50.0}, {"=COUNTIF(A1:A4,\"<>Figs\")", 3.0},
		{"=COUNTIF(B1:B4,45)", 1.0}, {"=AVERAGEIF(B1:B4,\">=30\")", 125.0 / 3}, {"=AVERAGEIF(B1:B4,\">99\")", ErrDiv0},
		{"=SUMPRODUCT(B1:B2,B3:B4)", 50*30 + 20*45.0}, {"=SUMPRODUCT(B1:B2,B1:B3)", ErrValue},
		{"=IFS(B1>60,\"high\",B1>40,\"mid\")", "mid"}, {"=IFS(FALSE,1)", ErrNA},
		{`=TEXTJOIN(", ",TRUE,A1:A2,"",A3)`, "Apples, Pears, Plums"},
		{"=INDEX(A1:B4,3,2)", 30.0}, {"=INDEX(A1:B4,5,1)", ErrRef}, {"=MATCH(\"figs\",A1:A4,0)", 4.0},
		{"=MATCH(\"Kiwi\",A1:A4,0)", ErrNA}, {"=VLOOKUP(\"Plums\",A1:B4,2,FALSE)", 30.0}, {"=VLOOKUP(\"Kiwi\",A1:B4,2,FALSE)", ErrNA},
		{"=XLOOKUP(\"Pears\",A1:A4,B1:B4)", 20.0}, {"=XLOOKUP(\"Kiwi\",A1:A4,B1:B4,\"none\")", "none"},
		{"=MATCH(35,{}", ErrSyntax},
		{"=YEAR(C1)", 2025.0}, {"=MONTH(C2)", 2.0}, {"=DAY(C2)", 29.0}, {"=DATE(2025,8,25)", 45894.0},
		{"=YEAR(C3)", 1900.0}, {"=EDATE(C1,1)", 45716.0}, {"=DAY(EDATE(C1,1))", 28.0}, {"=YEAR(C4)", ErrValue},
		{"=NPV(0.1,-10000,3000,4200,6800)", 1188.4434123352207}, {"=PMT(0.08/12,10,10000)", -1037.0320893591604},
		{"=FV(0.06/12,10,-200,-500,1)", 2581.4033740601185}, {"=PV(0.08/12,12*20,500)", -59777.14585118777},
		{"=RRI(96,10000,11000)", 0.0009933073762913303}, {"=IRR({-70000,12000,15000,18000,21000,26000})", ErrSyntax},
		{"=ROUND(RATE(4*12,-200,8000),6)", 0.007701}, {"=STDEV.S(1345,1301,1368,1322,1310,1370,1318,1350,1303,1299)", 27.46391572},
		{"=TEXT(1234.567,\"#,##0.00\")", "1,234.57"}, {"=TEXT(0.256,\"0.0%\")", "25.6%"}, {"=TEXT(5,\"abc\")", ErrValue},
	}
	for _, tt := range tests {
		got := calc(t, tt.formula, table...)
		if !matches(got, tt.want) && !(isNum(tt.want) && got.Kind == model.KindNumber && math.Abs(got.Num-tt.want.(float64)) < 1e-6) {
			t.Errorf("%s = %+v, want %v", tt.formula, got, tt.want)
		}
	}
	irr := sheet([]string{"-70000", "12000", "15000", "18000", "21000", "26000", "=ROUND(IRR(A1:F1),6)"})
	Recalc(irr)
	if v := irr.Sections[0].Cells[0][6].Value; v.Num != 0.086631 {
		t.Errorf("IRR = %+v, want 0.086631 (Excel's example)", v)
	}
}

func isNum(v any) bool { _, ok := v.(float64); return ok }

// TestRowsRewriteReferences inserts and deletes rows and checks formulas on
// the same section and on others follow, as in Excel.
func TestRowsRewriteReferences(t *testing.T) {
	a := sheet(
		[]string{"h", "h"},
		[]string{"1", "=A2*10"},
		[]string{"2", "=SUM(A2:A4)"},
		[]string{"3", "=$A$4+A3"},
	)
	a.Sections[1].Cells = append(a.Sections[1].Cells, []model.Cell{{Input: "=Data!A3+'Data'!A2"}})
	Recalc(a)
	input := func(si, r, c int) string { return a.Sections[si].Cells[r][c].Input }
	if err := Apply(a, model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 3}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		si, r, c int
		want     string
	}{
		{0, 1, 1, "=A2*10"}, {0, 3, 1, "=SUM(A2:A5)"}, {0, 4, 1, "=$A$5+A4"}, {1, 3, 0, "='Data'!A4+'Data'!A2"},
	} {
		if got := input(c.si, c.r, c.c); got != c.want {
			t.Errorf("after insert at row 3: %s = %q, want %q", model.Addr(c.r, c.c), got, c.want)
		}
	}
	if v := a.Sections[0].Cells[3][1].Value.Num; v != 6 {
		t.Errorf("SUM after insert = %v", v)
	}
	if err := Apply(a, model.Op{Kind: model.OpDeleteRow, Sheet: "s", Row: 2}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		si, r, c int
		want     string
	}{
		{0, 2, 1, "=SUM(A2:A4)"}, {0, 3, 1, "=$A$4+A3"}, {1, 3, 0, "='Data'!A3+#REF!"},
	} {
		if got := input(c.si, c.r, c.c); got != c.want {
			t.Errorf("after deleting row 2: %s = %q, want %q", model.Addr(c.r, c.c), got, c.want)
		}
	}
	if v := a.Sections[1].Cells[3][0].Value; v.Kind != model.KindError {
		t.Errorf("a formula whose row was deleted = %+v, want an error", v)
	}
}

func TestOffset(t *testing.T) {
	for _, tt := range []struct {
		in     string
		dr, dc int
		want   string
	}{
		{"=A1*2", 1, 0, "=A2*2"},
		{"=$A$1+A$1+$A1", 2, 1, "=$A$1+B$1+$A3"},
		{"=SUM(B2:B5)", 3, 0, "=SUM(B5:B8)"},
		{"='Financial health'!B2", 1, 0, "='Financial health'!B3"},
		{"=A1", -1, 0, "=#REF!"},
	} {
		if got := Offset(tt.in, tt.dr, tt.dc); got != tt.want {
			t.Errorf("Offset(%q, %d, %d) = %q, want %q", tt.in, tt.dr, tt.dc, got, tt.want)
		}
	}
}
