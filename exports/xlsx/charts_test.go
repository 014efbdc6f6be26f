package xlsx

import (
	"testing"

	"thesisboard/app/model"
)

// TestChartDataQuotesSheetNames: the debt column of the chart data reads the
// section's cell by a formula, which must hold whatever the sheet is called
// and however the series spells the cell.
func TestChartDataQuotesSheetNames(t *testing.T) {
	a := &model.Analysis{Title: "Quotes", Sections: []model.Section{{ID: "debt", Title: "O'Neil's debt", Cells: [][]model.Cell{
		{{Input: "Metric"}, {Input: "Value"}},
		{{Input: "Debt"}, {Input: "$2B", Value: model.Value{Kind: model.KindNumber, Num: 2e9, Unit: "USD"}, Format: "money:B"}},
	}}}, Series: []model.Series{{ID: "debt", Title: "Debt", Points: []model.SeriesPoint{{Period: "2025", Sheet: "debt", Cell: "$b$2"}}}}}
	f, err := Build(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellFormula("Charts", "B2"); got != "'O''Neil''s debt'!B2/1e9" {
		t.Errorf("chart data debt formula = %q", got)
	}
}
