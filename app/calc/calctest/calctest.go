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
