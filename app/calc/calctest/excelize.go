package calctest

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
)

// Workbook is the first section of a as an excelize workbook (on Sheet1),
// inputs and formulas as typed: the same workload for excelize's
// CalcCellValue, for comparison.
func Workbook(a *model.Analysis) *excelize.File {
	f := excelize.NewFile()
	for r, row := range a.Sections[0].Cells {
		for c, cell := range row {
			addr := model.Addr(r, c)
			if in := cell.Input; len(in) > 1 && in[0] == '=' {
				f.SetCellFormula("Sheet1", addr, in[1:])
			} else {
				n, _ := strconv.ParseFloat(in, 64)
				f.SetCellFloat("Sheet1", addr, n, -1, 64)
			}
		}
	}
	return f
}
