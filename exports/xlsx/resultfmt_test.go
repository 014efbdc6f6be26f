package xlsx

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// TestFormulaResultsReadLikeTheirInputs checks the number format of formula
// cells the person gave no format: like the cells they add up, rounded as
// ROUND says, or two decimals; and that the import gives them back without
// a format.
func TestFormulaResultsReadLikeTheirInputs(t *testing.T) {
	a := &model.Analysis{Title: "Formats", Sections: []model.Section{{ID: "m", Title: "M"}}}
	for i, in := range []string{"Value", "$18.3B", "$1.2–$1.4B", "93.05%", "1.04%", "$5B", "$7B", "21-to-1", "<5 ms"} {
		if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "m", Cell: model.Addr(i, 1), Input: in}); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ input, format, shown string }{
		{"=B2/B3", "#,##0.00", "14.08"},
		{"=ROUND(B2/B3,3)", "#,##0.000", "14.077"},
		{"=ROUND(B2,0)/ROUND(B3,0)", "#,##0.00", "14.08"}, // not one ROUND around it all
		{"=SUM(B6:B7)", `"$"#,##0.0#,,,"B"`, ""},
		{"=B6+B3-1", `"$"#,##0.0#,,,"B"`, ""},
		{"=B4-B5", "0.00%", "92.01%"},
		{"=MAX(B8,B8+1)", `0":1"`, "22:1"},
		{"=B9*3", "General", "15"},
		{"=YEAR(DATE(2025,1,1))", "General", "2025"},
		{"=B2/1e9", "#,##0.00", "18.30"},
		{"=B4*B5/100", "General", "9.6772E-05"},
	}
	for i, tt := range tests {
		if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "m", Cell: model.Addr(i+1, 3), Input: tt.input}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, tt := range tests {
		addr := model.Addr(i+1, 3)
		id, _ := f.GetCellStyle("M", addr)
		st, _ := f.GetStyle(id)
		got := ""
		if st != nil && st.CustomNumFmt != nil {
			got = *st.CustomNumFmt
		}
		if got != tt.format {
			t.Errorf("%s %s: number format %q, want %q", addr, tt.input, got, tt.format)
		}
		// excelize shows formats of at most two scaling commas ($B is three).
		if shown, _ := f.GetCellValue("M", addr); tt.shown != "" && shown != tt.shown {
			t.Errorf("%s %s shows %q, want %q", addr, tt.input, shown, tt.shown)
		}
	}
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	sameContent(t, res.Analysis, a)
}
