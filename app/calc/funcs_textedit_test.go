package calc

import (
	"runtime"
	"strings"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// TestTextFunctions checks against the examples of Excel's documentation.
func TestTextFunctions(t *testing.T) {
	rows := [][]string{
		{"Statements", "", "Profit Margin", "margin", "=1/0", "café"},
	}
	checkExcel(t, rows, []excelCase{
		{`=FIND("M","Miriam McGovern")`, 1.0}, {`=FIND("m","Miriam McGovern")`, 6.0}, {`=FIND("M","Miriam McGovern",3)`, 8.0},
		{`=FIND("z","abc")`, ErrValue}, {`=FIND("","abc")`, 1.0}, {`=FIND("a","abc",0)`, ErrValue}, {`=FIND("a","abc",5)`, ErrValue},
		{`=FIND("é",F1)`, 4.0}, {`=FIND("?","a?b")`, 2.0}, {`=FIND("a",E1)`, ErrDiv0},
		{`=SEARCH("e",A1,6)`, 7.0}, {"=SEARCH(D1,C1)", 8.0}, {`=SEARCH("MARGIN",C1)`, 8.0}, {`=SEARCH("p*m",C1)`, 1.0},
		{`=SEARCH("?rofit",C1)`, 1.0}, {`=SEARCH("~*","a*b")`, 2.0}, {`=SEARCH("x","abc")`, ErrValue},
		{`=SEARCH("É",F1)`, 4.0}, {`=SEARCH("m?r",C1,2)`, 8.0}, {`=SEARCH("*","abc",2)`, 2.0},
		{`=EXACT("word","word")`, true}, {`=EXACT("Word","word")`, false}, {`=EXACT("w ord","word")`, false},
		{`=EXACT(1,"1")`, true}, {`=EXACT(B1,"")`, true}, {"=EXACT(E1,1)", ErrDiv0},
		{`=VALUE("$1,000")`, 1000.0}, {`=VALUE("12%")`, 0.12}, {`=VALUE(" 5 ")`, 5.0}, {`=VALUE("-1,234.5")`, -1234.5},
		{`=VALUE("1e3")`, 1000.0}, {`=VALUE("abc")`, ErrValue}, {`=VALUE("Inf")`, ErrValue}, {`=VALUE("NaN")`, ErrValue},
		{"=VALUE(TRUE)", ErrValue}, {"=VALUE(B1)", 0.0}, {"=VALUE(E1)", ErrDiv0}, {"=VALUE(42)", 42.0},
		{`=SUBSTITUTE("Sales Data","Sales","Cost")`, "Cost Data"}, {`=SUBSTITUTE("Quarter 1, 2008","1","2",1)`, "Quarter 2, 2008"},
		{`=SUBSTITUTE("Quarter 1, 2011","1","2",3)`, "Quarter 1, 2012"}, {`=SUBSTITUTE("aaa","a","b",5)`, "aaa"},
		{`=SUBSTITUTE("abc","","x")`, "abc"}, {`=SUBSTITUTE("abc","b","x",0)`, ErrValue}, {`=SUBSTITUTE("ABC","b","x")`, "ABC"},
		{`=SUBSTITUTE("a-b-c","-","")`, "abc"}, {`=SUBSTITUTE(E1,"a","b")`, ErrDiv0},
		{`=REPT("*-",3)`, "*-*-*-"}, {`=REPT("x",0)`, ""}, {`=REPT("x",-1)`, ErrValue}, {`=REPT("x",2.9)`, "xx"},
		{`=LEN(REPT("x",32767))`, 32767.0}, {`=REPT("x",32768)`, ErrValue},
		{`=PROPER("this is a TITLE")`, "This Is A Title"}, {`=PROPER("2-way street")`, "2-Way Street"},
		{`=PROPER("76BudGet")`, "76Budget"}, {`=PROPER("don't")`, "Don'T"}, {`=PROPER(F1)`, "Café"},
	})
}

// TestTextEditsAreCapped: SUBSTITUTE, REPT and PROPER refuse text longer
// than a cell holds before building it, saying why; REPT("x",1e9) neither
// allocates a gigabyte nor spends the budget.
func TestTextEditsAreCapped(t *testing.T) {
	long := calctest.LongText('x')          // 32,767 bytes
	spaced := strings.Repeat("ɐ ", 32766/3) // 32,766 bytes; PROPER makes each ɐ a 3-byte Ɐ
	rows := [][]string{{long, spaced, "", ""}}
	for _, formula := range []string{
		`=REPT("x",1E+9)`, `=REPT("ab",16384)`, `=REPT(A1,2)`, `=REPT("x",1E+300)`,
		`=SUBSTITUTE(A1,"x","xy")`, `=SUBSTITUTE(A1,"x","yy",32767)`, "=PROPER(B1)",
	} {
		a := sheet(append(rows, []string{formula})...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		e := NewEngine(a)
		runtime.ReadMemStats(&after)
		v := a.Sections[0].Cells[1][0].Value
		if v.Kind != model.KindError || v.Text != ErrValue || !strings.Contains(v.Note, "32,767") {
			t.Errorf("%s = %+v, want #VALUE! saying the text is too long", formula, v)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
			t.Errorf("%s allocated %d bytes", formula, grew)
		}
		if e.Work() > 20_000 {
			t.Errorf("%s cost %d units", formula, e.Work())
		}
	}
}
