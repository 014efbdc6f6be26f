package components

import (
	"reflect"
	"strings"
	"testing"

	"thesisboard/app/model"
)

func TestTSVRoundTrip(t *testing.T) {
	rows := [][]string{
		{"Metric", "Value", ""},
		{"with\ttab", "line\nbreak", `say "hi"`},
		{"$18.3B", "", "end"},
	}
	text := writeTSV(rows)
	if got := readTSV(text); !reflect.DeepEqual(got, rows) {
		t.Errorf("round trip:\n got %q\nwant %q\n(text %q)", got, rows, text)
	}
	// What Excel puts on the clipboard: CRLF rows and a final CRLF.
	if got := readTSV("a\tb\r\nc\td\r\n"); !reflect.DeepEqual(got, [][]string{{"a", "b"}, {"c", "d"}}) {
		t.Errorf("Excel text = %q", got)
	}
	// Google Sheets: LF rows, no final newline.
	if got := readTSV("1\t2\n3\t4"); !reflect.DeepEqual(got, [][]string{{"1", "2"}, {"3", "4"}}) {
		t.Errorf("Sheets text = %q", got)
	}
	if got := readTSV("single"); !reflect.DeepEqual(got, [][]string{{"single"}}) {
		t.Errorf("one cell = %q", got)
	}
}

func TestReformatKeepsTheNumber(t *testing.T) {
	cell := func(in string) model.Cell {
		v, f := model.ParseInput(in, "")
		return model.Cell{Input: in, Value: v, Format: f}
	}
	for _, tt := range []struct {
		in     string
		format model.Format
		want   string
	}{
		{"18300000000", "money:B", "$18.3B"},
		{"$18.3B", model.FormatGeneral, "18300000000"},
		{"0.14", model.FormatPercent, "14%"},
		{"21", model.FormatRatio, "21:1"},
		{"12500", model.FormatNumber, "12,500"},
		{"text", "money:B", "text"},
		{"=B2*2", model.FormatPercent, "=B2*2"},
	} {
		c := cell(tt.in)
		got := reformat(c, tt.format)
		if got != tt.want {
			t.Errorf("reformat(%q, %q) = %q, want %q", tt.in, tt.format, got, tt.want)
			continue
		}
		if v, _ := model.ParseInput(got, tt.format); c.Value.Kind == model.KindNumber && !strings.HasPrefix(tt.in, "=") && v.Num != c.Value.Num {
			t.Errorf("%q in %q reads back as %v, was %v", got, tt.format, v.Num, c.Value.Num)
		}
	}
}
