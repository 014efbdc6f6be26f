package model

import (
	"strings"
	"testing"
)

func TestFileName(t *testing.T) {
	cases := []struct {
		title, ticker, ext, want string
	}{
		{"Can Lumen's fiber carry AI?", "LUMN", ".xlsx", "LUMN - Can Lumen's fiber carry AI.xlsx"},
		{"Q3: debt / FCF", "", ".xlsx", "Q3 - debt - FCF.xlsx"},
		{`a "quoted" <b>|c\d*`, "X", " watchlist.csv", "X - a quoted b -c-d watchlist.csv"},
		{"tabs\tand\nlines...", "", ".xlsx", "tabs and lines.xlsx"},
		{"Lumen: fiber for the AI build-out", "LUMN", ".xlsx", "LUMN - Lumen - fiber for the AI build-out.xlsx"},
		{"12:30", "", ".xlsx", "12-30.xlsx"},
		{"", "", ".xlsx", "analysis.xlsx"},
		{"???", "", ".xlsx", "analysis.xlsx"},
	}
	for _, c := range cases {
		a := &Analysis{Title: c.title, Ticker: c.ticker}
		if got := a.FileName(c.ext); got != c.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", c.title, c.ticker, got, c.want)
		}
	}
	long := &Analysis{Title: strings.Repeat("é", 200)}
	got := long.FileName(".xlsx")
	if len(got) > maxFileNameBytes+len(".xlsx") || !strings.HasSuffix(got, "é.xlsx") {
		t.Errorf("long title gives %q (%d bytes)", got, len(got))
	}
}
