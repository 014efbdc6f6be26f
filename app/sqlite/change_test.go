package sqlite

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"

	"thesisboard/app/model"
)

// TestChangeIsOneTransaction commits a change of several ops: the valid ones
// get consecutive versions and reach OnCommit in order, the refused one is
// reported by index; a change over the cap, or one whose op breaks the
// analysis half-way, leaves nothing at all.
func TestChangeIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("change"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var seen []int64
	s.OnCommit(func(id int64, l model.LoggedOp) {
		mu.Lock()
		seen = append(seen, l.Version)
		mu.Unlock()
	})
	ops := []model.Op{
		{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "10"},
		{Kind: model.OpSetCell, Sheet: "nope", Cell: "A2", Input: "1"},
		{Kind: model.OpAddWatch, Watch: &model.WatchRow{Code: "LUMN", LastPrice: 5.12}},
		{Kind: model.OpSetThesis, Field: "verdict", Text: "Yes"},
	}
	res, err := s.ApplyChange(ctx, a.ID, ops, "csv")
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != 4 || res.Applied != 3 || len(res.Skipped) != 1 || res.Skipped[0].Index != 1 {
		t.Errorf("change result %+v", res)
	}
	mu.Lock()
	if len(seen) != 3 || seen[0] != 2 || seen[2] != 4 {
		t.Errorf("OnCommit saw versions %v, want 2, 3, 4", seen)
	}
	mu.Unlock()
	logged, err := s.Ops(ctx, a.ID, 0)
	if err != nil || len(logged) != 3 {
		t.Fatal(logged, err)
	}
	for _, l := range logged {
		if l.Change != 2 {
			t.Errorf("op %d of the change names change %d, want 2 (its first version)", l.Version, l.Change)
		}
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Section("s").Cells[1][1].Value.Num != 20 || len(got.Watchlist) != 1 || got.Thesis.Verdict != "Yes" {
		t.Errorf("after the change: %+v", got)
	}

	many := make([]model.Op, model.MaxChangeOps+1)
	for i := range many {
		many[i] = model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: strconv.Itoa(i)}
	}
	if _, err := s.ApplyChange(ctx, a.ID, many, "csv"); model.ErrorCode(err) != model.ETOOLARGE {
		t.Errorf("a change of %d ops: %v, want ETOOLARGE", len(many), err)
	}

	// The second op breaks the open copy: the first, applied before it,
	// is rolled back with it.
	s.turn.Lock()
	o, err := s.opened(ctx, a.ID)
	if err != nil {
		s.turn.Unlock()
		t.Fatal(err)
	}
	s.turn.Unlock()
	breaking := []model.Op{
		{Kind: model.OpSetCell, Sheet: "s", Cell: "C3", Input: "kept?"},
		{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "11"},
	}
	o.a.Sections[0].Cells[1] = o.a.Sections[0].Cells[1][:1]
	if _, err := s.ApplyChange(ctx, a.ID, breaking, "csv"); err == nil {
		t.Fatal("a change that broke its analysis committed")
	}
	got, err = s.Get(ctx, a.ID)
	if err != nil || got.Version != 4 || got.Section("s").Cell(2, 2).Input != "" {
		t.Errorf("after a broken change the analysis is at version %d with C3 %q (%v), want 4 and nothing", got.Version, got.Section("s").Cell(2, 2).Input, err)
	}
}

// TestRestoreVersionOneChange restores an earlier version as one change:
// the values come back, the log gains the reversing ops, and restoring
// further back than MaxChangeOps edits is refused with nothing changed.
func TestRestoreVersionOneChange(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("restore"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: strconv.Itoa(100 + i)}, "tab"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 2}, "tab"); err != nil {
		t.Fatal(err)
	}
	res, err := s.RestoreVersion(ctx, a.ID, 1, "restore to version 1")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, a.ID)
	if res.Version != got.Version || got.Version != 7+int64(res.Applied) || len(got.Section("s").Cells) != 2 || got.Section("s").Cells[1][1].Value.Num != 2 {
		t.Errorf("restored: %+v; analysis at %d with %d rows, B2 %v", res, got.Version, len(got.Section("s").Cells), got.Section("s").Cells[1][1].Value)
	}
	if _, err := s.RestoreVersion(ctx, a.ID, 99, "x"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("restoring a version the analysis lacks: %v", err)
	}
}

// TestLastWrites keeps, of the edits of one cell or field between moves of
// rows or columns, the last.
func TestLastWrites(t *testing.T) {
	set := func(cell, in string) model.Op {
		return model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: in}
	}
	ops := []model.Op{
		set("A2", "1"), set("B2", "x"), set("A2", "2"),
		{Kind: model.OpSetThesis, Field: "verdict", Text: "No"},
		{Kind: model.OpInsertRow, Sheet: "s", Row: 2},
		set("A2", "3"), {Kind: model.OpSetThesis, Field: "verdict", Text: "Yes"}, set("A2", "4"),
	}
	var got []string
	for _, op := range lastWrites(ops) {
		got = append(got, string(op.Kind)+":"+op.Cell+op.Input+op.Text)
	}
	want := []string{"set_cell:B2x", "set_cell:A22", "insert_row:", "set_thesis:Yes", "set_cell:A24"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("lastWrites = %v, want %v", got, want)
	}
}

// TestGroupIsOneChange commits the ops of a paste one by one, as a tab
// sends them: they share one change, which another session's op between
// them ends.
func TestGroupIsOneChange(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("paste"))
	if err != nil {
		t.Fatal(err)
	}
	paste := func(cell, session, group string) model.LoggedOp {
		t.Helper()
		l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: cell, Input: "p", Group: group}, session)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	first := paste("C2", "tab", "g1")
	second := paste("C3", "tab", "g1")
	other := paste("D2", "other", "")
	third := paste("C4", "tab", "g1")
	alone := paste("C5", "tab", "")
	if first.Change != first.Version || second.Change != first.Version {
		t.Errorf("the paste's ops are changes %d and %d, want %d", first.Change, second.Change, first.Version)
	}
	if other.Change != 0 || alone.Change != 0 {
		t.Errorf("ops of no group are changes %d and %d, want none", other.Change, alone.Change)
	}
	if third.Change != third.Version {
		t.Errorf("after another session's op the paste goes on as change %d, want a new one (%d)", third.Change, third.Version)
	}
	logged, _ := s.Ops(ctx, a.ID, 0)
	if logged[1].Change != first.Version || logged[1].Op.Group != "g1" {
		t.Errorf("the log keeps %+v", logged[1])
	}
}

// TestLargeImportIsWhole commits a change of more ops than an edit may be
// behind (maxRebase), all made on the version the change starts from, as
// an import into an analysis makes them: every op applies.
func TestLargeImportIsWhole(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("large import"))
	if err != nil {
		t.Fatal(err)
	}
	ops := make([]model.Op, maxRebase+300)
	for i := range ops {
		ops[i] = model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: model.Addr(2+i/4, i%4), Input: strconv.Itoa(i), BaseVersion: a.Version}
	}
	res, err := s.ApplyChange(ctx, a.ID, ops, "import")
	if err != nil || res.Applied != len(ops) || len(res.Skipped) != 0 {
		t.Fatalf("applied %d of %d, skipped %v, %v", res.Applied, len(ops), res.Skipped, err)
	}
}
