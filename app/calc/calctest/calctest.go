// Package calctest builds the sheets the formula engine is measured on, so
// the native benchmarks (app/calc) and the in-browser one (cmd/calcbench)
// time the same workloads.
package calctest

import (
	"fmt"
	"strconv"

	"thesisboard/app/model"
)

// Independent is n rows of "input, =A*2" in section "s": an edit of one
// input changes one formula.
func Independent(n int) *model.Analysis {
	rows := make([][]string, n)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i), fmt.Sprintf("=A%d*2", i+1)}
	}
	return Sheet(rows...)
}

// Chain is n formulas in column A of section "s", each the one above plus
// one: an edit of A1 changes all of them, in order.
func Chain(n int) *model.Analysis {
	rows := make([][]string, n)
	rows[0] = []string{"1"}
	for i := 1; i < n; i++ {
		rows[i] = []string{fmt.Sprintf("=A%d+1", i)}
	}
	return Sheet(rows...)
}

// Sheet is an analysis whose section "s" (titled "Data") holds the inputs
// given, read as typed; formulas are left for the engine to compute.
func Sheet(rows ...[]string) *model.Analysis {
	s := model.Section{ID: "s", Title: "Data"}
	for _, r := range rows {
		cells := make([]model.Cell, len(r))
		for i, in := range r {
			v, f := model.ParseInput(in, "")
			cells[i] = model.Cell{Input: in, Value: v, Format: f}
		}
		s.Cells = append(s.Cells, cells)
	}
	return &model.Analysis{Sections: []model.Section{s}}
}

// Ranges is a small section "s" (10 rows of 16 numbers, columns A to P)
// and, in Z1, one formula summing n column ranges of 65,536 rows,
// A1:A65536 and on: a formula that names far more cells than the section
// holds.
func Ranges(n int) *model.Analysis {
	rows := make([][]string, 10)
	for r := range 10 {
		for c := range 16 {
			rows[r] = append(rows[r], strconv.Itoa(r*16+c))
		}
	}
	formula := "="
	for i := range n {
		if i > 0 {
			formula += "+"
		}
		col := model.ColName(i % 16)
		formula += fmt.Sprintf("SUM(%s1:%s65536)", col, col)
	}
	for len(rows[0]) < 25 {
		rows[0] = append(rows[0], "")
	}
	rows[0] = append(rows[0], formula)
	return Sheet(rows...)
}

// Doubling is a section "s" whose A1 holds text of MaxTextLen characters
// and whose next n cells of column A each join the one above to itself
// (=A1&A1, =A2&A2, ...): every step doubles the text.
func Doubling(n int) *model.Analysis {
	rows := make([][]string, n+1)
	rows[0] = []string{LongText('x')}
	for i := 1; i <= n; i++ {
		rows[i] = []string{fmt.Sprintf("=A%d&A%d", i, i)}
	}
	return Sheet(rows...)
}

// LongText is MaxTextLen copies of c, the longest input a cell takes.
func LongText(c byte) string {
	b := make([]byte, model.MaxTextLen)
	for i := range b {
		b[i] = c
	}
	return string(b)
}
