package model

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestParseInputNotFinite(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("9", 300) + "T",
		"$" + strings.Repeat("9", 300) + "B",
		strings.Repeat("9", 300) + "T–" + strings.Repeat("9", 301) + "T",
	} {
		v, _ := ParseInput(in, "")
		if v.Kind != KindText || v.Text != in {
			t.Errorf("ParseInput(%.20q…) = %+v, want it kept as text", in, v)
		}
	}
	if v, _ := ParseInput("$18.3B", ""); v.Kind != KindNumber || v.Num != 18.3e9 {
		t.Errorf("$18.3B = %+v", v)
	}
}

func TestValidate(t *testing.T) {
	valid := func() *Analysis {
		return &Analysis{Title: "T", Sections: []Section{{ID: "s", Title: "S", Cells: [][]Cell{
			{{Input: "Metric", Value: Value{Kind: KindText, Text: "Metric"}}},
			{{Input: "1", Value: Value{Kind: KindNumber, Num: 1}}},
		}}}}
	}
	if err := valid().Validate(); err != nil {
		t.Fatalf("a valid analysis: %v", err)
	}
	cases := []struct {
		name   string
		change func(a *Analysis)
		want   string
	}{
		{"long title", func(a *Analysis) { a.Title = strings.Repeat("x", MaxNameLen+1) }, "title is longer"},
		{"long ticker", func(a *Analysis) { a.Ticker = strings.Repeat("X", 33) }, "ticker"},
		{"bad utf-8", func(a *Analysis) { a.Company = "\xff" }, "UTF-8"},
		{"infinite cell", func(a *Analysis) { a.Sections[0].Cells[1][0].Value.Num = math.Inf(1) }, "too large"},
		{"NaN range", func(a *Analysis) { a.Sections[0].Cells[1][0].Value = Value{Kind: KindRange, Low: math.NaN()} }, "too large"},
		{"long cell", func(a *Analysis) { a.Sections[0].Cells[1][0].Input = strings.Repeat("x", 100000) }, "input is longer"},
		{"wide section", func(a *Analysis) { a.Sections[0].Cells[1] = make([]Cell, 5000) }, "5000 columns"},
		{"repeated id", func(a *Analysis) { a.Sections = append(a.Sections, a.Sections[0]) }, "repeated id"},
		{"bad format", func(a *Analysis) { a.Sections[0].Cells[1][0].Format = "evil" }, "unknown format"},
		{"watch NaN", func(a *Analysis) { a.Watchlist = []WatchRow{{Code: "X", LastPrice: math.NaN()}} }, "watchlist row 1"},
		{"many risks", func(a *Analysis) { a.Thesis.Risks = make([]string, MaxRisks+1) }, "risks"},
		{"long reference", func(a *Analysis) { a.References = []Reference{{Num: 1, URL: strings.Repeat("u", MaxURLLen+1)}} }, "reference [1]"},
	}
	for _, c := range cases {
		a := valid()
		c.change(a)
		err := a.Validate()
		if err == nil || ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate() = %v, want EINVALID mentioning %q", c.name, err, c.want)
		}
	}
}

func TestOpClean(t *testing.T) {
	big := strings.Repeat("x", 900<<10)
	src := 2
	f := FormatPercent
	op := Op{Kind: OpSetCell, Sheet: "s", Cell: "B2", Input: "1", Format: &f, Source: &src, Field: big, Text: big, Code: big, Row: 9, Col: 9, Watch: &WatchRow{Code: big}, ID: "e1", BaseVersion: 3}
	got, err := op.Clean()
	if err != nil {
		t.Fatal(err)
	}
	want := Op{Kind: OpSetCell, Sheet: "s", Cell: "B2", Input: "1", Format: &f, Source: &src, ID: "e1", BaseVersion: 3}
	if got.Field != "" || got.Text != "" || got.Code != "" || got.Watch != nil || got.Row != 0 || got.Col != 0 ||
		got.Sheet != want.Sheet || got.Cell != want.Cell || got.Input != want.Input || got.Format != want.Format || got.Source != want.Source || got.ID != want.ID || got.BaseVersion != want.BaseVersion {
		t.Errorf("Clean kept %+v", got)
	}
	for _, bad := range []Op{
		{Kind: OpSetCell, Sheet: strings.Repeat("s", 100), Cell: "A1"},
		{Kind: OpSetThesis, Field: "summary", Text: strings.Repeat("x", MaxTextLen+1)},
		{Kind: OpRemoveWatch, Code: strings.Repeat("X", 100)},
		{Kind: OpSetCell, ID: strings.Repeat("i", MaxOpIDLen+1)},
		{Kind: OpKind(strings.Repeat("k", 1000))},
		{},
		{Kind: OpSetCell, BaseVersion: -1},
	} {
		if _, err := bad.Clean(); ErrorCode(err) != EINVALID {
			t.Errorf("Clean(%.60v) = %v, want EINVALID", bad, err)
		}
	}
	if err := CheckSession(strings.Repeat("s", MaxSessionLen+1)); ErrorCode(err) != EINVALID {
		t.Errorf("a long session name: %v", err)
	}
}

// TestErrorSentinels matches errors by code with errors.Is, wrapped or not.
func TestErrorSentinels(t *testing.T) {
	err := fmt.Errorf("apply: %w", Errorf(ENOTFOUND, "analysis %d not found", 7))
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrInvalid) {
		t.Errorf("errors.Is by code: not found %v, invalid %v", errors.Is(err, ErrNotFound), errors.Is(err, ErrInvalid))
	}
	if ErrorCode(err) != ENOTFOUND || ErrorMessage(err) != "analysis 7 not found" {
		t.Errorf("code %q, message %q", ErrorCode(err), ErrorMessage(err))
	}
}

// TestSaidFollowsEdits keeps what the source said from the first edit of a
// sourced figure until the cell holds it again or its source changes.
func TestSaidFollowsEdits(t *testing.T) {
	a := &Analysis{References: []Reference{{Num: 3, Title: "Report"}, {Num: 4, Title: "Other"}},
		Sections: []Section{{ID: "s", Title: "S", Cells: [][]Cell{{}, {{Input: "$18.3B", Source: 3}}}}}}
	set := func(input string, source *int) string {
		t.Helper()
		if err := Apply(a, Op{Kind: OpSetCell, Sheet: "s", Cell: "A2", Input: input, Source: source}); err != nil {
			t.Fatal(err)
		}
		return a.Sections[0].Cells[1][0].Said
	}
	four, none := 4, 0
	for _, step := range []struct {
		input  string
		source *int
		want   string
	}{
		{"$17.9B", nil, "$18.3B"},
		{"$17.5B", nil, "$18.3B"},
		{"$18.3B", nil, ""},
		{"$17B", nil, "$18.3B"},
		{"$17B", &four, ""},
		{"$16B", &none, ""},
	} {
		if got := set(step.input, step.source); got != step.want {
			t.Errorf("after %q: said %q, want %q", step.input, got, step.want)
		}
	}
}
