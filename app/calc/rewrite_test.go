package calc

import "testing"

func TestForExcel(t *testing.T) {
	sheet := func(s string) string {
		if s == "financial-health" {
			return "Financial health"
		}
		return s
	}
	bounds := func(ref string) (float64, float64, bool) {
		switch ref {
		case "B3", "financial-health!B3", "$B$3": // efp drops the quotes
			return 1.2e9, 1.4e9, true
		case "C9":
			return -2, -1, true
		}
		return 0, 0, false
	}
	for _, tc := range []struct {
		in, want string
		excel    bool
	}{
		{"=ROUND(B2/RANGE.MID(B3),2)", "=ROUND(B2/1300000000,2)", true},
		{"=RANGE.LOW(B3)+range.high($B$3)", "=1200000000+1400000000", true},
		{"='financial-health'!B2/RANGE.MID('financial-health'!B3)", "='Financial health'!B2/1300000000", true},
		{"=B2-RANGE.LOW(C9)", "=B2-(-2)", true},
		{"=RANGE.MID(B3:B4)", "=RANGE.MID(B3:B4)", false}, // not one cell
		{"=RANGE.MID(A1)", "=RANGE.MID(A1)", false},       // not a range
		{"=RANGE.MID(B2+1)", "=RANGE.MID(B2+1)", false},   // not a reference
		{"=SUM(B2:B3)", "=SUM(B2:B3)", true},
	} {
		got, excel := ForExcel(tc.in, sheet, bounds)
		if got != tc.want || excel != tc.excel {
			t.Errorf("ForExcel(%s) = %s, %v; want %s, %v", tc.in, got, excel, tc.want, tc.excel)
		}
	}
}
