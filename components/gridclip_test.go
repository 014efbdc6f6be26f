package components

import (
	"reflect"
	"testing"
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
