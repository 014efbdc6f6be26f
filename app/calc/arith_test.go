package calc

import (
	"testing"
)

// TestArithMatchesEval computes one-operator formulas over cells of every
// kind both ways, the short form and the general evaluator, and finds the
// same values.
func TestArithMatchesEval(t *testing.T) {
	a := sheet(
		[]string{"h", "h"},
		[]string{"6", "0"},
		[]string{"text", "TRUE"},
		[]string{"", "$1.2–$1.4B"},
		[]string{"=1/0", "-2.5"},
	)
	Recalc(a)
	e := NewEngine(a)
	var formulas []string
	for _, op := range []string{"+", "-", "*", "/"} {
		for _, l := range []string{"A2", "B2", "A3", "B3", "A4", "B4", "A5", "B5", "3", "0", "Z99", "Nope!A1"} {
			for _, r := range []string{"A2", "B2", "A3", "B4", "A5", "B5", "2", "0"} {
				formulas = append(formulas, l+op+r)
			}
		}
	}
	short := 0
	for _, src := range formulas {
		ast, err := parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		ar := compileArith(ast)
		if ar == nil {
			t.Fatalf("%s: not compiled to the short form", src)
		}
		e.current = 0
		want := eval(ast, e).scalar()
		if want.k == kEmpty {
			want = num(0)
		}
		got, ok := ar.eval(e)
		if !ok {
			continue // the general way computes it
		}
		short++
		if got.k != want.k || got.n != want.n || got.s != want.s {
			t.Errorf("=%s: short form %+v, eval %+v", src, got, want)
		}
	}
	if short < 50 {
		t.Errorf("only %d formulas took the short form", short)
	}
	for _, src := range []string{"SUM(A2:A3)", "A2%*2", "-A2+1", "A2^2", "A2:A3+1", `A2&"x"`} {
		ast, _ := parse(src)
		if compileArith(ast) != nil {
			t.Errorf("%s took the short form", src)
		}
	}
}
