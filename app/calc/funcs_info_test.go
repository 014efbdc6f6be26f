package calc

import "testing"

// excelCase is a formula and what Excel gives for it: a float64, a string,
// a bool or an error code such as "#N/A".
type excelCase struct {
	formula string
	want    any
}

// checkExcel computes each case in Z1 next to rows and compares it with
// Excel's answer.
func checkExcel(t *testing.T, rows [][]string, cases []excelCase) {
	t.Helper()
	for _, tt := range cases {
		if got := calc(t, tt.formula, rows...); !matches(got, tt.want) {
			t.Errorf("%s = %+v, want %v", tt.formula, got, tt.want)
		}
	}
}

// kinds holds one value of each kind: a number, an empty cell, text, a
// boolean, #DIV/0!, and #N/A computed.
var kinds = [][]string{
	{"1", "", "text", "TRUE", "=1/0"},
	{"2.5", "-3", "=NA()", "4", "A"},
}

func TestInformationFunctions(t *testing.T) {
	checkExcel(t, kinds, []excelCase{
		{"=ISBLANK(B1)", true}, {"=ISBLANK(A1)", false}, {`=ISBLANK("")`, false}, {"=ISBLANK(Y40)", true},
		{"=ISBLANK(E1)", false}, {"=ISBLANK()", ErrValue},
		{"=ISNUMBER(A1)", true}, {`=ISNUMBER("1")`, false}, {"=ISNUMBER(C1)", false}, {"=ISNUMBER(B1)", false},
		{"=ISTEXT(C1)", true}, {`=ISTEXT("")`, true}, {"=ISTEXT(A1)", false}, {"=ISTEXT(D1)", false},
		{"=ISLOGICAL(D1)", true}, {"=ISLOGICAL(1)", false}, {`=ISLOGICAL("TRUE")`, false},
		{"=ISERROR(E1)", true}, {"=ISERROR(C2)", true}, {"=ISERROR(A1)", false}, {"=ISERROR(A1:A2)", true},
		{"=ISERR(E1)", true}, {"=ISERR(C2)", false}, {"=ISERR(A1)", false},
		{"=ISNA(C2)", true}, {"=ISNA(E1)", false}, {"=ISNA(NA())", true},
		// ISEVEN and ISODD truncate, read numeric text and refuse booleans.
		{"=ISEVEN(A2)", true}, {"=ISODD(B2)", true}, {"=ISEVEN(B1)", true}, {`=ISEVEN("4")`, true},
		{"=ISODD(-1.5)", true}, {"=ISEVEN(-2.9)", true}, {"=ISODD(0)", false}, {`=ISEVEN("x")`, ErrValue},
		{"=ISEVEN(TRUE)", ErrValue}, {"=ISODD(E1)", ErrDiv0},
		{"=NA()", ErrNA}, {"=NA(1)", ErrValue},
		{`=IFNA(C2,"none")`, "none"}, {`=IFNA(E1,"none")`, ErrDiv0}, {`=IFNA(A1,"none")`, 1.0},
		{`=IFNA(MATCH("q",C1:C2,0),0)`, 0.0},
		{`=CHOOSE(2,"a","b","c")`, "b"}, {`=CHOOSE(2.9,"a","b","c")`, "b"}, {`=CHOOSE(0,"a")`, ErrValue},
		{`=CHOOSE(4,"a","b","c")`, ErrValue}, {`=CHOOSE(1,"a",1/0)`, "a"}, {"=SUM(CHOOSE(2,A1:A2,B1:B2))", -3.0},
		{`=CHOOSE("x",1)`, ErrValue}, {"=CHOOSE(E1,1)", ErrDiv0},
		{`=SWITCH(A1,1,"one",2,"two")`, "one"}, {`=SWITCH(3,1,"one",2,"two")`, ErrNA},
		{`=SWITCH(3,1,"one","other")`, "other"}, {`=SWITCH(C1,"TEXT","T")`, "T"}, {"=SWITCH(E1,1,2)", ErrDiv0},
		{`=SWITCH(1,"1","s","n")`, "n"}, {"=SWITCH(1,2)", ErrValue}, {`=SWITCH(2,1,1/0,2,"ok")`, "ok"},
		{`=SWITCH(B1,0,"blank is 0")`, "blank is 0"},
	})
}

// TestExcelSemantics pins the rules the "numbers right" issue lists: unary
// minus binds tighter than ^, text compares without case, & turns numbers
// into text, TRUE is 1 in arithmetic.
func TestExcelSemantics(t *testing.T) {
	checkExcel(t, kinds, []excelCase{
		{"=-2^2", 4.0}, {"=0-2^2", -4.0}, {"=-(2^2)", -4.0},
		{`="a"<"B"`, true}, {`="B"<"a"`, false}, {`="abc"="ABC"`, true},
		{"=1&2", "12"}, {"=1.5&TRUE", "1.5TRUE"},
		{"=TRUE+1", 2.0}, {"=D1+1", 2.0}, {"=FALSE*5", 0.0},
	})
}
