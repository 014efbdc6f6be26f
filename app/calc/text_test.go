package calc

import (
	"fmt"
	"strings"
	"testing"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// TestTextIsCapped builds text past a cell's limit every way a formula can
// and finds #VALUE! saying why, not the text: a chain of doublings from a
// full cell would otherwise reach gigabytes within a few dozen formulas.
func TestTextIsCapped(t *testing.T) {
	long := calctest.LongText('x')     // 32,767 bytes
	wide := strings.Repeat("ɐ", 16383) // 32,766 bytes; upper case is 3 bytes a letter
	tall := strings.Repeat("Ⱥ", 16383) // and its lower case too
	rows := [][]string{
		{long, "x", wide, tall, "#0." + strings.Repeat("0", 32764)},
		{long, ",", "", "", ""},
	}
	tests := []struct {
		formula string
		want    any // a length (int) or an error code
	}{
		{"=A1&A1", ErrValue},
		{`=A1&"x"`, ErrValue},
		{`="x"&A1`, ErrValue},
		{"=A1&B1&B1", ErrValue},
		{"=LEFT(A1,32766)&B1", model.MaxTextLen},
		{"=A1&C2", model.MaxTextLen},
		{"=CONCAT(A1,B1)", ErrValue},
		{"=CONCAT(A1:A2)", ErrValue},
		{"=CONCATENATE(A1,A1)", ErrValue},
		{"=TEXTJOIN(B2,TRUE,A1:A2)", ErrValue},
		{"=TEXTJOIN(A1,FALSE,B1:B2)", ErrValue},
		{`=TEXTJOIN(",",FALSE,C2:C65536)`, ErrValue}, // 65,534 commas between empty cells
		{`=TEXTJOIN(",",TRUE,C2:C65536)`, 0},
		{"=UPPER(C1)", ErrValue},
		{"=LOWER(D1)", ErrValue},
		{"=UPPER(A1)", model.MaxTextLen},
		{"=TEXT(1E+300,E1)", ErrValue},
		{`=TEXT(1E+300,"#,##0")`, 401}, // 301 digits and 100 commas: within the limit
		{"=MID(A1,2,99999)&B1", model.MaxTextLen},
	}
	for _, tt := range tests {
		v := calc(t, tt.formula, rows...)
		switch want := tt.want.(type) {
		case string:
			if v.Kind != model.KindError || v.Text != want || !strings.Contains(v.Note, "32,767") {
				t.Errorf("%s = %s %q (note %q), want %s saying the limit", tt.formula, v.Kind, clip(v.Text), v.Note, want)
			}
		case int:
			if v.Kind != model.KindText || len(v.Text) != want {
				t.Errorf("%s = %s of %d bytes (%q), want text of %d", tt.formula, v.Kind, len(v.Text), v.Note, want)
			}
		}
	}
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + fmt.Sprintf("…(%d bytes)", len(s))
	}
	return s
}

// TestDoublingChainStops doubles a full cell forty times: the first
// doubling is #VALUE!, and so is every formula after it, without the
// terabytes the text would need.
func TestDoublingChainStops(t *testing.T) {
	a := calctest.Doubling(40)
	Recalc(a)
	for i, row := range a.Sections[0].Cells[1:] {
		if v := row[0].Value; v.Kind != model.KindError || v.Text != ErrValue || !strings.Contains(v.Note, "32,767") {
			t.Fatalf("A%d = %s %q (%q), want #VALUE! saying the limit", i+2, v.Kind, clip(v.Text), v.Note)
		}
	}
}
