package model

import (
	"math"
	"strconv"
	"testing"
)

func TestParseInputAndDisplay(t *testing.T) {
	tests := []struct {
		input   string
		prev    Format
		kind    string
		num     float64
		low     float64
		high    float64
		unit    string
		bound   string
		format  Format
		display string
	}{
		{input: "$18.3B", kind: KindNumber, num: 18.3e9, unit: "USD", format: "money:B", display: "$18.3B"},
		{input: "17.9", prev: "money:B", kind: KindNumber, num: 17.9e9, unit: "USD", format: "money:B", display: "$17.9B"},
		{input: "$1.2–$1.4B", kind: KindRange, low: 1.2e9, high: 1.4e9, unit: "USD", format: "money:B", display: "$1.2–$1.4B"},
		{input: "$1.2-1.4B", kind: KindRange, low: 1.2e9, high: 1.4e9, unit: "USD", format: "money:B", display: "$1.2–$1.4B"},
		{input: "<5 milliseconds", kind: KindNumber, num: 5, unit: "ms", bound: "<", display: "<5 ms"},
		{input: "20,000 miles", kind: KindNumber, num: 20000, unit: "miles", display: "20,000 miles"},
		{input: "800–1,700 strands", kind: KindRange, low: 800, high: 1700, unit: "strands", display: "800–1,700 strands"},
		{input: "1,000+ customers", kind: KindNumber, num: 1000, unit: "customers", bound: ">=", display: ">=1,000 customers"},
		{input: "21-to-1", kind: KindNumber, num: 21, format: FormatRatio, display: "21:1"},
		{input: "93.05%", kind: KindNumber, num: 0.9305, format: FormatPercent, display: "93.05%"},
		{input: "5", prev: FormatPercent, kind: KindNumber, num: 0.05, format: FormatPercent, display: "5%"},
		{input: "-0.18 (distress zone)", kind: KindNumber, num: -0.18, display: "-0.18 (distress zone)"},
		{input: "314.425", kind: KindNumber, num: 314.425, display: "314.425"},
		{input: "2025", kind: KindNumber, num: 2025, format: FormatGeneral, display: "2025"},
		{input: "12,500", kind: KindNumber, num: 12500, format: FormatNumber, display: "12,500"},
		{input: "$5B", kind: KindNumber, num: 5e9, unit: "USD", format: "money:B", display: "$5B"},
		{input: "$250,000", kind: KindNumber, num: 250000, unit: "USD", format: FormatMoney, display: "$250,000.00"},
		{input: "2025-08-25", kind: KindDate, format: FormatDate, display: "2025-08-25"},
		{input: "8/25/2025", kind: KindDate, format: FormatDate, display: "2025-08-25"},
		{input: "Microsoft & IBM", kind: KindText, display: "Microsoft & IBM"},
		{input: "Projected exponential growth", kind: KindText, display: "Projected exponential growth"},
		{input: "", kind: KindEmpty, display: ""},
		{input: "TRUE", kind: KindBool, display: "TRUE"},
	}
	for _, tt := range tests {
		v, f := ParseInput(tt.input, tt.prev)
		if v.Kind != tt.kind {
			t.Errorf("ParseInput(%q).Kind = %q, want %q", tt.input, v.Kind, tt.kind)
			continue
		}
		near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want)) }
		if !near(v.Num, tt.num) || !near(v.Low, tt.low) || !near(v.High, tt.high) {
			t.Errorf("ParseInput(%q) = num %v low %v high %v, want %v %v %v", tt.input, v.Num, v.Low, v.High, tt.num, tt.low, tt.high)
		}
		if v.Unit != tt.unit || v.Bound != tt.bound {
			t.Errorf("ParseInput(%q) unit %q bound %q, want %q %q", tt.input, v.Unit, v.Bound, tt.unit, tt.bound)
		}
		if tt.format != "" && f != tt.format {
			t.Errorf("ParseInput(%q) format %q, want %q", tt.input, f, tt.format)
		}
		if got := Display(v, f); got != tt.display {
			t.Errorf("Display(ParseInput(%q)) = %q, want %q", tt.input, got, tt.display)
		}
	}
}

func TestAddr(t *testing.T) {
	for _, tt := range []struct {
		addr     string
		row, col int
	}{{"A1", 0, 0}, {"B2", 1, 1}, {"$Z$10", 9, 25}, {"AA3", 2, 26}, {"XFD1048576", MaxRows - 1, MaxCols - 1}} {
		r, c, err := ParseAddr(tt.addr)
		if err != nil || r != tt.row || c != tt.col {
			t.Errorf("ParseAddr(%q) = %d, %d, %v; want %d, %d", tt.addr, r, c, err, tt.row, tt.col)
		}
		if got := Addr(r, c); got != stripDollar(tt.addr) {
			t.Errorf("Addr(%d, %d) = %q, want %q", r, c, got, tt.addr)
		}
	}
	for _, bad := range []string{"", "B", "2", "B0", "B-1", "XFE1", "A1048577", "1A", "B2C"} {
		if _, _, err := ParseAddr(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseAddr(%q) error = %v, want code %s", bad, err, EINVALID)
		}
	}
}

func stripDollar(s string) string {
	out := []byte{}
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			out = append(out, s[i])
		}
	}
	return string(out)
}

// TestPlainNumberAgreesWithParseInput holds the short road for plain numbers
// to the answers of the full reading.
func TestPlainNumberAgreesWithParseInput(t *testing.T) {
	inputs := []string{"0", "7", "-7", "12", "123", "2025", "1999", "-2025", "12345", "1.5", "-0.25", ".5", "5.", "-.5",
		"007", "100000", "123456789012345", "3.14159", "-", ".", "-.", "1.2.3", "1-2", "--1", "0.0001", "99999", "1e5"}
	for i := range 2000 {
		inputs = append(inputs, strconv.Itoa(i*37-500), strconv.FormatFloat(float64(i)/7, 'f', i%6, 64))
	}
	for _, in := range inputs {
		v, ok := plainNumber(in, FormatGeneral)
		if !ok {
			continue
		}
		want, wantF := parseInput(in, FormatGeneral)
		if v != want || wantF != FormatGeneral {
			t.Errorf("%q: short road %+v, full reading %+v %q", in, v, want, wantF)
		}
	}
	if _, ok := plainNumber("12", "money:B"); ok {
		t.Error("the short road took a number typed into a money cell")
	}
}
