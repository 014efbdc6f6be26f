//go:build !wasm

package xlsx

import (
	"github.com/xuri/excelize/v2"
)

// A workbook an analyst sends is printed, or saved as PDF, as often as it is
// opened: every sheet prints landscape and one page wide (as many pages down
// as it needs), and the Charts sheet keeps its charts on a page of their
// own, after the data they are drawn from.
//
// The layout is set on a sheet as soon as it is made, before any
// StreamWriter writes it: a StreamWriter copies the sheet's properties and
// page setup around the rows it streams, but a sheet it has written can no
// longer be changed without reading it whole.

// printLayout sets sheet to print landscape and, when fit, one page wide.
func (b *book) printLayout(sheet string, fit bool) {
	landscape := "landscape"
	layout := &excelize.PageLayoutOptions{Orientation: &landscape}
	if fit {
		one, any := 1, 0
		layout.FitToWidth, layout.FitToHeight = &one, &any
	}
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.check(b.f.SetPageLayout(sheet, layout))
}

// chartsOnTheirOwnPage breaks the Charts sheet's printed pages before the
// column the charts start at.
func (b *book) chartsOnTheirOwnPage(sheet, chartsAt string) {
	b.check(b.f.InsertPageBreak(sheet, chartsAt))
}
