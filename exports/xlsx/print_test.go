package xlsx

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/sample"
)

// TestPrintsAsSent exports the sample: every sheet prints landscape, one
// page wide (the streamed section sheets too), the Charts sheet breaks
// before its charts, and its data shows two decimals.
func TestPrintsAsSent(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample.Lumen(time.Now())); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			continue
		}
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, _ := f.GetSheetProps(sheet)
		if layout.Orientation == nil || *layout.Orientation != "landscape" {
			t.Errorf("%s prints %v, want landscape", sheet, layout.Orientation)
		}
		fit := props.FitToPage != nil && *props.FitToPage
		if want := sheet != "Charts"; fit != want || want && (layout.FitToWidth == nil || *layout.FitToWidth != 1) {
			t.Errorf("%s: fit to page %v, width %v; want fit %v, one page wide", sheet, fit, layout.FitToWidth, want)
		}
	}
	// The thesis's summary and risks wrap, so they print whole.
	for _, cell := range []string{"B9", "B10"} {
		label, _ := f.GetCellValue("Thesis", "A"+cell[1:])
		id, _ := f.GetCellStyle("Thesis", cell)
		st, _ := f.GetStyle(id)
		if st == nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("the thesis's %s (%s) does not wrap", label, cell)
		}
	}
	style, err := f.GetCellStyle("Charts", "B2")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.GetStyle(style)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != "0.00" {
		t.Errorf("the chart data's number format: %v", st.CustomNumFmt)
	}
}
