package calc

import (
	"testing"

	"thesisboard/app/model"
)

func TestRebase(t *testing.T) {
	a := &model.Analysis{Sections: []model.Section{
		{ID: "debt", Title: "Debt"},
		{ID: "other", Title: "Other"},
	}}
	set := func(sheet, cell, input string) model.Op {
		return model.Op{Kind: model.OpSetCell, Sheet: sheet, Cell: cell, Input: input}
	}
	row := func(kind model.OpKind, sheet string, r int) model.Op {
		return model.Op{Kind: kind, Sheet: sheet, Row: r}
	}
	col := func(kind model.OpKind, sheet string, c int) model.Op {
		return model.Op{Kind: kind, Sheet: sheet, Col: c}
	}
	thesis := func(field, text string) model.Op { return model.Op{Kind: model.OpSetThesis, Field: field, Text: text} }
	for _, tc := range []struct {
		name     string
		op, past model.Op
		want     model.Op
		conflict *model.Conflict
	}{
		{"other cell merges", set("debt", "B2", "1"), set("debt", "B3", "2"), set("debt", "B2", "1"), nil},
		{"same cell collides", set("debt", "b2", "mine"), set("debt", "B2", "theirs"), model.Op{},
			&model.Conflict{Sheet: "debt", Cell: "B2", Theirs: "theirs", Yours: "mine", Version: 7}},
		{"same cell, other sheet", set("other", "B2", "1"), set("debt", "B2", "2"), set("other", "B2", "1"), nil},
		{"insert above moves the cell down", set("debt", "B4", "1"), row(model.OpInsertRow, "debt", 3), set("debt", "B5", "1"), nil},
		{"insert at the row moves it down", set("debt", "B3", "1"), row(model.OpInsertRow, "debt", 3), set("debt", "B4", "1"), nil},
		{"insert below leaves it", set("debt", "B2", "1"), row(model.OpInsertRow, "debt", 3), set("debt", "B2", "1"), nil},
		{"insert on another sheet leaves it", set("other", "B4", "1"), row(model.OpInsertRow, "debt", 3), set("other", "B4", "1"), nil},
		{"delete above moves the cell up", set("debt", "B5", "1"), row(model.OpDeleteRow, "debt", 3), set("debt", "B4", "1"), nil},
		{"delete of the row: gone", set("debt", "C3", "x"), row(model.OpDeleteRow, "debt", 3), model.Op{},
			&model.Conflict{Sheet: "debt", Cell: "C3", Yours: "x", Version: 7, Gone: true}},
		{"formula references move", set("other", "A1", "=debt!B4+B4+SUM(debt!B2:B9)"), row(model.OpInsertRow, "debt", 3),
			set("other", "A1", "='debt'!B5+B4+SUM('debt'!B2:B10)"), nil},
		{"formula on the moved sheet", set("debt", "C5", "=B5*2"), row(model.OpDeleteRow, "debt", 2), set("debt", "C4", "=B4*2"), nil},
		{"formula to a deleted row", set("other", "A1", "=debt!B3"), row(model.OpDeleteRow, "debt", 3), set("other", "A1", "=#REF!"), nil},
		{"insert over insert", row(model.OpInsertRow, "debt", 3), row(model.OpInsertRow, "debt", 3), row(model.OpInsertRow, "debt", 4), nil},
		{"insert over an insert below", row(model.OpInsertRow, "debt", 3), row(model.OpInsertRow, "debt", 5), row(model.OpInsertRow, "debt", 3), nil},
		{"delete over an insert above", row(model.OpDeleteRow, "debt", 4), row(model.OpInsertRow, "debt", 2), row(model.OpDeleteRow, "debt", 5), nil},
		{"delete over a delete above", row(model.OpDeleteRow, "debt", 4), row(model.OpDeleteRow, "debt", 2), row(model.OpDeleteRow, "debt", 3), nil},
		{"delete of a deleted row: gone", row(model.OpDeleteRow, "debt", 4), row(model.OpDeleteRow, "debt", 4), model.Op{},
			&model.Conflict{Sheet: "debt", Version: 7, Gone: true}},
		{"insert at a deleted row stays", row(model.OpInsertRow, "debt", 4), row(model.OpDeleteRow, "debt", 4), row(model.OpInsertRow, "debt", 4), nil},
		{"column inserted left moves the cell right", set("debt", "B4", "1"), col(model.OpInsertCol, "debt", 2), set("debt", "C4", "1"), nil},
		{"column inserted right leaves it", set("debt", "B4", "1"), col(model.OpInsertCol, "debt", 3), set("debt", "B4", "1"), nil},
		{"column deleted left moves it left", set("debt", "D4", "=B4+D2"), col(model.OpDeleteCol, "debt", 3), set("debt", "C4", "=B4+C2"), nil},
		{"cell of a deleted column: gone", set("debt", "C4", "x"), col(model.OpDeleteCol, "debt", 3), model.Op{},
			&model.Conflict{Sheet: "debt", Cell: "C4", Yours: "x", Version: 7, Gone: true}},
		{"row op over a column op", row(model.OpInsertRow, "debt", 4), col(model.OpDeleteCol, "debt", 1), row(model.OpInsertRow, "debt", 4), nil},
		{"column op over a row op", col(model.OpInsertCol, "debt", 4), row(model.OpDeleteRow, "debt", 2), col(model.OpInsertCol, "debt", 4), nil},
		{"column delete over a column insert left", col(model.OpDeleteCol, "debt", 3), col(model.OpInsertCol, "debt", 1), col(model.OpDeleteCol, "debt", 4), nil},
		{"same thesis field collides", thesis("summary", "mine"), thesis("summary", "theirs"), model.Op{},
			&model.Conflict{Field: "summary", Theirs: "theirs", Yours: "mine", Version: 7}},
		{"other thesis field merges", thesis("summary", "mine"), thesis("verdict", "Yes"), thesis("summary", "mine"), nil},
		{"watchlist passes", thesis("risks", "r"), model.Op{Kind: model.OpRemoveWatch, Code: "T"}, thesis("risks", "r"), nil},
	} {
		got, err := Rebase(a, tc.op, tc.past, 7)
		if tc.conflict != nil {
			me, ok := err.(*model.Error)
			if !ok || me.Code != model.ECONFLICT || me.Conflict == nil || *me.Conflict != *tc.conflict {
				t.Errorf("%s: got %v (%+v), want conflict %+v", tc.name, err, me, tc.conflict)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
}

// TestRebaseMatchesApplyingInOrder checks rebasing against the meaning of an
// edit: a value typed into a row before another session inserted or deleted
// rows above it ends on the same row as if it had been typed after.
func TestRebaseMatchesApplyingInOrder(t *testing.T) {
	base := func() *model.Analysis {
		a := &model.Analysis{Sections: []model.Section{{ID: "s", Title: "S"}}}
		for r := range 8 {
			a.Sections[0].Cells = append(a.Sections[0].Cells, []model.Cell{{Input: string(rune('a' + r))}, {}})
		}
		return a
	}
	for _, past := range []model.Op{
		{Kind: model.OpInsertRow, Sheet: "s", Row: 2}, {Kind: model.OpInsertRow, Sheet: "s", Row: 6},
		{Kind: model.OpDeleteRow, Sheet: "s", Row: 2}, {Kind: model.OpDeleteRow, Sheet: "s", Row: 7},
	} {
		for r := 2; r <= 8; r++ {
			mine := model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: model.Addr(r-1, 1), Input: "mine"}
			a := base()
			label := a.Sections[0].Cells[r-1][0].Input // the row's name in column A
			e := NewEngine(a)
			if err := e.Apply(past); err != nil {
				t.Fatal(err)
			}
			op, err := Rebase(a, mine, past, 2)
			if past.Kind == model.OpDeleteRow && past.Row == r {
				if model.ErrorCode(err) != model.ECONFLICT {
					t.Errorf("%+v then row %d: %v, want a conflict", past, r, err)
				}
				continue
			}
			if err := e.Apply(op); err != nil {
				t.Fatal(err)
			}
			rr, _, _ := model.ParseAddr(op.Cell)
			if got := a.Sections[0].Cells[rr][0].Input; got != label {
				t.Errorf("%+v then an edit of row %d (%q) landed on row %q", past, r, label, got)
			}
		}
	}
}
