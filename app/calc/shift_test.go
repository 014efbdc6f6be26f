package calc

import (
	"reflect"
	"testing"

	"thesisboard/app/model"
)

// TestColsRewriteReferences inserts and deletes columns and checks formulas
// on the same section and on others follow, as in Excel: references right
// of the change move, ranges across it grow or shrink, a reference to a
// deleted column becomes #REF!, rows do not move.
func TestColsRewriteReferences(t *testing.T) {
	a := sheet(
		[]string{"h", "h", "h", "h"},
		[]string{"1", "2", "3", "=A2+C2"},
		[]string{"4", "5", "6", "=SUM(A3:C3)"},
		[]string{"7", "8", "9", "=$C$4*B4"},
	)
	a.Sections[1].Cells = append(a.Sections[1].Cells, []model.Cell{{Input: "=Data!C2+'Data'!B3"}})
	Recalc(a)
	input := func(si, r, c int) string { return a.Sections[si].Cells[r][c].Input }
	if err := Apply(a, model.Op{Kind: model.OpInsertCol, Sheet: "s", Col: 2}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		si, r, c int
		want     string
	}{
		{0, 1, 4, "=A2+D2"}, {0, 2, 4, "=SUM(A3:D3)"}, {0, 3, 4, "=$D$4*C4"}, {1, 3, 0, "='Data'!D2+'Data'!C3"},
	} {
		if got := input(c.si, c.r, c.c); got != c.want {
			t.Errorf("after inserting column B: %s = %q, want %q", model.Addr(c.r, c.c), got, c.want)
		}
	}
	if v := a.Sections[0].Cells[2][4].Value.Num; v != 15 {
		t.Errorf("SUM after insert = %v, want 15", v)
	}
	if got := a.Sections[0].Cells[1][1]; got.Input != "" {
		t.Errorf("the new column B holds %q", got.Input)
	}
	if err := Apply(a, model.Op{Kind: model.OpDeleteCol, Sheet: "s", Col: 3}); err != nil { // C, the B of before the insert
		t.Fatal(err)
	}
	for _, c := range []struct {
		si, r, c int
		want     string
	}{
		{0, 1, 3, "=A2+C2"}, {0, 2, 3, "=SUM(A3:C3)"}, {0, 3, 3, "=$C$4*#REF!"}, {1, 3, 0, "='Data'!C2+#REF!"},
	} {
		if got := input(c.si, c.r, c.c); got != c.want {
			t.Errorf("after deleting column C: %s = %q, want %q", model.Addr(c.r, c.c), got, c.want)
		}
	}
	if v := a.Sections[0].Cells[2][3].Value.Num; v != 10 {
		t.Errorf("SUM after delete = %v, want 10 (4+6)", v)
	}
}

// TestColumnOpsUndo deletes a column and applies its inverse: the section,
// formulas and series points are as before.
func TestColumnOpsUndo(t *testing.T) {
	a := sheet(
		[]string{"h", "h", "h"},
		[]string{"1", "$2B", "=A2*2"},
	)
	a.Sections[0].Cells[1][1].Source = 3
	a.References = []model.Reference{{Num: 3, Title: "Filing"}}
	a.Series = []model.Series{{ID: "x", Points: []model.SeriesPoint{{Sheet: "s", Cell: "C2"}, {Sheet: "s", Cell: "B2"}}}}
	Recalc(a)
	before := a.Clone()
	del := model.Op{Kind: model.OpDeleteCol, Sheet: "s", Col: 2}
	undo := model.Inverse(a, del)
	if err := Apply(a, del); err != nil {
		t.Fatal(err)
	}
	if got := a.Series[0].Points; len(got) != 1 || got[0].Cell != "B2" {
		t.Errorf("series points after the delete: %+v", got)
	}
	for _, op := range undo {
		if err := Apply(a, op); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(a.Sections, before.Sections) {
		t.Errorf("after undo:\n%+v\nwant\n%+v", a.Sections[0].Cells, before.Sections[0].Cells)
	}
	if err := Apply(a, model.Op{Kind: model.OpDeleteCol, Sheet: "s", Col: 9}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("delete of column 9 of 3: %v", err)
	}
}

// TestUndoOfDeleteMendsReferences deletes a row and a column that formulas
// on this and another sheet read, then applies the undo: every formula is
// back as it was, none left at #REF!.
func TestUndoOfDeleteMendsReferences(t *testing.T) {
	for _, del := range []model.Op{
		{Kind: model.OpDeleteRow, Sheet: "s", Row: 3},
		{Kind: model.OpDeleteCol, Sheet: "s", Col: 1},
	} {
		a := sheet(
			[]string{"h", "h", "h"},
			[]string{"1", "2", "=A3*2"},
			[]string{"3", "4", "=SUM(A2:A4)+A3"},
			[]string{"5", "6", "=A2"},
		)
		a.Sections[1].Cells = append(a.Sections[1].Cells, []model.Cell{{Input: "=Data!A3+1"}})
		Recalc(a)
		before := a.Clone()
		undo := Inverse(a, del)
		if err := Apply(a, del); err != nil {
			t.Fatal(err)
		}
		for _, op := range undo {
			if err := Apply(a, op); err != nil {
				t.Fatal(err)
			}
		}
		if !reflect.DeepEqual(a.Sections, before.Sections) {
			t.Errorf("after undoing %s:\n%v\nwant\n%v", del.Kind, a.Sections, before.Sections)
		}
	}
}
