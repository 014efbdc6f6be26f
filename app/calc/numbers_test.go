package calc

import (
	"encoding/json"
	"math"
	"testing"

	"thesisboard/app/model"
)

// TestOverflowIsNum computes results past float64 every way a formula can:
// each is #NUM!, never an infinity or NaN in a cell, which JSON cannot carry.
func TestOverflowIsNum(t *testing.T) {
	rows := [][]string{{"=10^200", "=10^-300", "=10^300", "NaN", "inf"}}
	for _, formula := range []string{
		"=1E+308*10", "=10^400", "=-1E+308*10", "=1E+308+1E+308", "=A1*A1", "=A1/B1", "=C1*C1",
		"=EXP(1000)", "=POWER(10,400)", "=SUM(1E+308,1E+308)", "=PRODUCT(A1,A1)", "=AVERAGE(1E+308,1E+308)",
		"=D1+0", "=E1*1", "=-E1", `="Infinity"+0`, "=SQRT(-1)", "=NPV(-1,1,2)", "=ROUND(1,400)",
		"=STDEV.S(1E+308,-1E+308)", "=FV(1E+300,1E+300,1E+300)", "=SUMPRODUCT(A1,A1)", "=MEDIAN(1E+308,1E+308)",
		"=SUMIF(A1,\">0\",C1)*1E+300",
	} {
		v := calc(t, formula, rows...)
		if v.Kind != model.KindError || v.Text != ErrNum {
			t.Errorf("%s = %+v, want #NUM!", formula, v)
		}
		if _, err := json.Marshal(v); err != nil {
			t.Errorf("%s: %v", formula, err)
		}
	}
}

// TestStoreRefusesNonFinite hands the engine's last step a number that is
// not finite, as a function that forgot to check would: the cell holds
// #NUM!.
func TestStoreRefusesNonFinite(t *testing.T) {
	for _, n := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		a := sheet([]string{"=1+1"})
		e := NewEngine(a)
		e.store(keyOf(0, 0, 0), value{k: kNum, n: n})
		if v := a.Sections[0].Cells[0][0].Value; v.Kind != model.KindError || v.Text != ErrNum || v.Note == "" {
			t.Errorf("storing %v gives %+v, want #NUM!", n, v)
		}
	}
}

// TestHugeArgumentsAgree passes numbers past int's range where functions
// take counts, dates and positions: answers are the same on every machine
// (Go leaves such conversions to it), and errors rather than nonsense where
// Excel gives them.
func TestHugeArgumentsAgree(t *testing.T) {
	tests := []struct {
		formula string
		want    any
	}{
		{"=INDEX(A1:B1,1E+300)", ErrRef}, {"=INDEX(A1:B1,-1E+300)", ErrRef}, {"=MATCH(1,A1:B1,1E+300)", 1.0},
		{"=MATCH(2,A1:B1,-1E+300)", ErrNA}, {"=VLOOKUP(1,A1:B1,1E+300)", ErrRef}, {`=LEFT("abc",1E+300)`, "abc"},
		{`=MID("abc",1E+300,1E+300)`, ""}, {`=RIGHT("abc",1E+300)`, "abc"},
	}
	for _, tt := range tests {
		if got := calc(t, tt.formula, []string{"1", "2"}); !matches(got, tt.want) {
			t.Errorf("%s = %+v, want %v", tt.formula, got, tt.want)
		}
	}
}
