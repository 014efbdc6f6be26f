package model

import (
	"reflect"
	"testing"
)

func testAnalysis() *Analysis {
	cell := func(in string) Cell {
		v, f := ParseInput(in, "")
		return Cell{Input: in, Value: v, Format: f}
	}
	return &Analysis{
		Sections: []Section{{ID: "fin", Title: "Financial health", Cells: [][]Cell{
			{cell("Metric"), cell("Value")},
			{cell("Total debt"), cell("$18.3B")},
			{cell("FCF"), cell("$1.2–$1.4B")},
		}}},
		Series:     []Series{{ID: "fcf", Points: []SeriesPoint{{Period: "2025", Sheet: "fin", Cell: "B3"}}}},
		Watchlist:  []WatchRow{{Code: "COIN", LastPrice: 314.425}},
		References: []Reference{{Num: 3, Title: "r"}},
	}
}

func TestApplyValid(t *testing.T) {
	src := 3
	money := FormatPercent
	tests := []struct {
		name  string
		op    Op
		check func(t *testing.T, a *Analysis)
	}{
		{"set cell keeps the money scale", Op{Kind: OpSetCell, Sheet: "fin", Cell: "B2", Input: "17.9"}, func(t *testing.T, a *Analysis) {
			c := a.Sections[0].Cells[1][1]
			if c.Value.Num != 17.9e9 || Display(c.Value, c.Format) != "$17.9B" || c.Input != "17.9" {
				t.Errorf("B2 = %+v", c)
			}
		}},
		{"set cell grows the grid", Op{Kind: OpSetCell, Sheet: "fin", Cell: "D5", Input: "x", Source: &src, Format: &money}, func(t *testing.T, a *Analysis) {
			if len(a.Sections[0].Cells) != 5 || len(a.Sections[0].Cells[4]) != 4 || a.Sections[0].Cells[4][3].Source != 3 {
				t.Errorf("grid = %+v", a.Sections[0].Cells)
			}
		}},
		{"insert row moves series points down", Op{Kind: OpInsertRow, Sheet: "fin", Row: 2}, func(t *testing.T, a *Analysis) {
			if len(a.Sections[0].Cells) != 4 || a.Series[0].Points[0].Cell != "B4" {
				t.Errorf("rows %d, point %s", len(a.Sections[0].Cells), a.Series[0].Points[0].Cell)
			}
		}},
		{"delete row drops its series points", Op{Kind: OpDeleteRow, Sheet: "fin", Row: 3}, func(t *testing.T, a *Analysis) {
			if len(a.Sections[0].Cells) != 2 || len(a.Series[0].Points) != 0 {
				t.Errorf("rows %d, points %v", len(a.Sections[0].Cells), a.Series[0].Points)
			}
		}},
		{"risks one per line", Op{Kind: OpSetThesis, Field: "risks", Text: "debt\n\n  capex \n"}, func(t *testing.T, a *Analysis) {
			if !reflect.DeepEqual(a.Thesis.Risks, []string{"debt", "capex"}) {
				t.Errorf("risks = %q", a.Thesis.Risks)
			}
		}},
		{"add watch", Op{Kind: OpAddWatch, Watch: &WatchRow{Code: "lumn", LastPrice: 5}}, func(t *testing.T, a *Analysis) {
			if len(a.Watchlist) != 2 || a.Watchlist[1].Code != "LUMN" {
				t.Errorf("watchlist = %+v", a.Watchlist)
			}
		}},
		{"remove watch", Op{Kind: OpRemoveWatch, Code: "coin"}, func(t *testing.T, a *Analysis) {
			if len(a.Watchlist) != 0 {
				t.Errorf("watchlist = %+v", a.Watchlist)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testAnalysis()
			if err := Apply(a, tt.op); err != nil {
				t.Fatal(err)
			}
			tt.check(t, a)
		})
	}
}

func TestApplyInvalid(t *testing.T) {
	bad := Format("bogus")
	ref := 9
	tests := []struct {
		name string
		op   Op
		code Code
	}{
		{"no kind", Op{}, EINVALID},
		{"unknown kind", Op{Kind: "drop_table"}, EINVALID},
		{"unknown sheet", Op{Kind: OpSetCell, Sheet: "nope", Cell: "A1"}, EINVALID},
		{"bad address", Op{Kind: OpSetCell, Sheet: "fin", Cell: "1A"}, EINVALID},
		{"too far", Op{Kind: OpSetCell, Sheet: "fin", Cell: "A1048576"}, EINVALID},
		{"bad format", Op{Kind: OpSetCell, Sheet: "fin", Cell: "A1", Format: &bad}, EINVALID},
		{"unknown reference", Op{Kind: OpSetCell, Sheet: "fin", Cell: "A1", Source: &ref}, EINVALID},
		{"bad utf8", Op{Kind: OpSetCell, Sheet: "fin", Cell: "A1", Input: "\xff"}, EINVALID},
		{"insert above headings", Op{Kind: OpInsertRow, Sheet: "fin", Row: 1}, EINVALID},
		{"delete past end", Op{Kind: OpDeleteRow, Sheet: "fin", Row: 4}, EINVALID},
		{"unknown thesis field", Op{Kind: OpSetThesis, Field: "price"}, EINVALID},
		{"watch without row", Op{Kind: OpAddWatch}, EINVALID},
		{"duplicate watch", Op{Kind: OpAddWatch, Watch: &WatchRow{Code: "COIN"}}, EINVALID},
		{"remove unknown watch", Op{Kind: OpRemoveWatch, Code: "ZZZ"}, EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testAnalysis()
			before := a.Clone()
			err := Apply(a, tt.op)
			if got := ErrorCode(err); got != tt.code {
				t.Fatalf("Apply error = %v (code %q), want code %q", err, got, tt.code)
			}
			if !reflect.DeepEqual(a, before) {
				t.Errorf("a failed op changed the analysis")
			}
		})
	}
}

// TestInverseUndoes applies each kind of op and then its inverse, and gets
// the analysis back.
func TestInverseUndoes(t *testing.T) {
	ops := []Op{
		{Kind: OpSetCell, Sheet: "fin", Cell: "B2", Input: "17.9"},
		{Kind: OpSetCell, Sheet: "fin", Cell: "D9", Input: "new"},
		{Kind: OpInsertRow, Sheet: "fin", Row: 2},
		{Kind: OpDeleteRow, Sheet: "fin", Row: 3},
		{Kind: OpSetThesis, Field: "risks", Text: "a\nb"},
		{Kind: OpAddWatch, Watch: &WatchRow{Code: "LUMN"}},
		{Kind: OpRemoveWatch, Code: "COIN"},
	}
	for _, op := range ops {
		a := testAnalysis()
		a.Thesis.Risks = []string{"debt"}
		before := a.Clone()
		inv := Inverse(a, op)
		if len(inv) == 0 {
			t.Fatalf("%s: no inverse", op.Kind)
		}
		if err := Apply(a, op); err != nil {
			t.Fatal(err)
		}
		for _, o := range inv {
			if err := Apply(a, o); err != nil {
				t.Fatalf("%s: inverse %s: %v", op.Kind, o.Kind, err)
			}
		}
		// Grown rows may stay as empty cells; compare what is shown.
		for si, s := range before.Sections {
			for r := range max(len(s.Cells), len(a.Sections[si].Cells)) {
				for c := range 6 {
					if g, w := a.Sections[si].Cell(r, c), s.Cell(r, c); g.Input != w.Input || g.Format != w.Format || g.Source != w.Source {
						t.Errorf("%s then its inverse: %s = %+v, want %+v", op.Kind, Addr(r, c), g, w)
					}
				}
			}
		}
		// Undoing a row delete does not bring back a chart point that was on
		// the row: no op sets series points yet.
		sameSeries := op.Kind == OpDeleteRow || reflect.DeepEqual(a.Series, before.Series)
		if !reflect.DeepEqual(a.Thesis, before.Thesis) || len(a.Watchlist) != len(before.Watchlist) || !sameSeries {
			t.Errorf("%s then its inverse: thesis %+v watchlist %+v series %+v", op.Kind, a.Thesis, a.Watchlist, a.Series)
		}
	}
}
