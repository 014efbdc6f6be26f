package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
)

// twoCells is an analysis with one section: A2 holds 1, B2 doubles it.
func twoCells(title string) *model.Analysis {
	text := func(s string) model.Cell {
		return model.Cell{Input: s, Value: model.Value{Kind: model.KindText, Text: s}}
	}
	return &model.Analysis{Title: title, Sections: []model.Section{{ID: "s", Title: "S", Cells: [][]model.Cell{
		{text("A"), text("B")},
		{{Input: "1", Value: model.Value{Kind: model.KindNumber, Num: 1}}, {Input: "=A2*2"}},
	}}}}
}

// TestCloseLeavesOneFile stops a store that has committed edits: the
// write-ahead log is copied into the database and its -wal and -shm files
// are gone, so a clean stop leaves the one file.
func TestCloseLeavesOneFile(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := s.Create(ctx, twoCells("one file"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: strings.Repeat("7", i%9+1)}, "tab"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(filepath.Join(dir, FileName+suffix)); !os.IsNotExist(err) {
			t.Errorf("%s%s is left after Close (%v)", FileName, suffix, err)
		}
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(ctx, a.ID)
	if err != nil || got.Version != 51 {
		t.Fatalf("after reopening: %v, %v", got, err)
	}
}

// TestRetryWhateverItsBase sends an edit again with a newer base version
// (its client heard others' edits meanwhile): it is answered with its first
// commit, not applied again. An edit sent under an ID that already names
// another edit is refused, not taken as done.
func TestRetryWhateverItsBase(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("retries"))
	if err != nil {
		t.Fatal(err)
	}
	insert := model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 2, ID: "x.1"}
	first, err := s.Apply(ctx, a.ID, insert, "tab")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "x", ID: "other." + string(rune('a'+i))}, "other"); err != nil {
			t.Fatal(err)
		}
	}
	insert.BaseVersion = first.Version + 3
	again, err := s.Apply(ctx, a.ID, insert, "tab")
	if err != nil || again.Version != first.Version {
		t.Fatalf("the retry on a newer base: version %d, %v; first commit %d", again.Version, err, first.Version)
	}
	got, _ := s.Get(ctx, a.ID)
	if len(got.Section("s").Cells) != 3 {
		t.Errorf("the retried insert went in twice: %d rows", len(got.Section("s").Cells))
	}
	hijack := model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A3", Input: "0", ID: "other.a"}
	if _, err := s.Apply(ctx, a.ID, hijack, "someone"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("an edit under another edit's ID: %v, want EINVALID", err)
	}
}

// TestOldBaseRefused refuses an edit made on a version further behind than
// maxRebase: its client reloads rather than the committer rebasing it over
// the whole log while everyone waits.
func TestOldBaseRefused(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("old base"))
	if err != nil {
		t.Fatal(err)
	}
	for range maxRebase + 1 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "1"}, "other"); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "5", BaseVersion: 1}, "tab")
	if model.ErrorCode(err) != model.ECONFLICT || !strings.Contains(err.Error(), "reload") {
		t.Errorf("an edit %d versions behind: %v, want ECONFLICT asking to reload", maxRebase+1, err)
	}
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "5", BaseVersion: 2 + 1}, "tab"); err != nil {
		t.Errorf("an edit %d versions behind: %v", maxRebase, err)
	}
}

// TestUnusedFieldsNotLogged posts a cell edit carrying a large field its
// kind does not use: the log keeps the edit without it.
func TestUnusedFieldsNotLogged(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("bloat"))
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 900<<10)
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "2", Text: big, Code: "C"}, "tab"); err != nil {
		t.Fatal(err)
	}
	ops, err := s.Ops(ctx, a.ID, 0)
	if err != nil || len(ops) != 1 {
		t.Fatal(ops, err)
	}
	if ops[0].Op.Text != "" || ops[0].Op.Code != "" {
		t.Errorf("the log kept fields a set_cell does not use: %d bytes of text", len(ops[0].Op.Text))
	}
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "2"}, strings.Repeat("s", 1000)); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a 1000-byte session name: %v, want EINVALID", err)
	}
	if _, err := s.Create(ctx, &model.Analysis{Title: strings.Repeat("t", 100000)}); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("a 100,000-byte title: %v, want EINVALID", err)
	}
}

// TestOneAnalysisFailsAlone commits, in one batch, an edit that breaks its
// analysis's open copy (the engine panics) and an edit of another
// analysis: the second commits, the first is refused, and the broken
// analysis reads back as it was.
func TestOneAnalysisFailsAlone(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	bad, err := s.Create(ctx, twoCells("breaks"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.Create(ctx, twoCells("fine"))
	if err != nil {
		t.Fatal(err)
	}
	set := func(id int64, input string) *commitReq {
		return &commitReq{id: id, op: model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: input}, session: "tab"}
	}
	s.turn.Lock()
	o, err := s.opened(ctx, bad.ID)
	if err != nil {
		s.turn.Unlock()
		t.Fatal(err)
	}
	// B2's slot goes: recomputing it, the engine indexes past the row.
	o.a.Sections[0].Cells[1] = o.a.Sections[0].Cells[1][:1]
	batch := []*commitReq{set(good.ID, "3"), set(bad.ID, "4"), set(bad.ID, "5"), set(good.ID, "6")}
	s.commitBatch(batch)
	s.turn.Unlock()
	for i, r := range batch {
		if wantErr := r.id == bad.ID; (r.res.err != nil) != wantErr {
			t.Errorf("edit %d (analysis %d): %v", i, r.id, r.res.err)
		}
	}
	g, err := s.Get(ctx, good.ID)
	if err != nil || g.Section("s").Cells[1][1].Value.Num != 12 || g.Version != 3 {
		t.Errorf("the other analysis: %+v, %v", g, err)
	}
	b, err := s.Get(ctx, bad.ID)
	if err != nil || b.Version != 1 || len(b.Section("s").Cells[1]) != 2 {
		t.Fatalf("the broken analysis reads back as %+v, %v", b, err)
	}
	if _, err := s.Apply(ctx, bad.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "7"}, "tab"); err != nil {
		t.Errorf("the next edit of the analysis, opened again: %v", err)
	}
}

// TestPurgeGivesSpaceBack purges an analysis whose op log is most of the
// database: the file's pages are given back, not kept free inside it.
func TestPurgeGivesSpaceBack(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("big log"))
	if err != nil {
		t.Fatal(err)
	}
	ops := make([]model.Op, 400)
	for i := range ops {
		ops[i] = model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: strings.Repeat("z", 10000) + strconv.Itoa(i)}
	}
	if _, err := s.ApplyChange(ctx, a.ID, ops, "bulk"); err != nil {
		t.Fatal(err)
	}
	pages := func() int {
		var n int
		if err := s.r.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := pages()
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PurgeTrash(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if after := pages(); after > before/10 {
		t.Errorf("after the purge the file has %d pages of %d", after, before)
	}
}

// TestRetryOfACarriedFormula sends again a formula edit that the store
// carried over a row another session inserted (its reference moved down):
// it is the same edit, answered with its first commit, not refused.
func TestRetryOfACarriedFormula(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("carried"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 2}, "other"); err != nil {
		t.Fatal(err)
	}
	op := model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "=A2*3", BaseVersion: 1, ID: "mine.1"}
	first, err := s.Apply(ctx, a.ID, op, "mine")
	if err != nil {
		t.Fatal(err)
	}
	if first.Op.Input != "=A3*3" {
		t.Fatalf("the formula was carried to %q, want =A3*3", first.Op.Input)
	}
	again, err := s.Apply(ctx, a.ID, op, "mine")
	if err != nil || again.Version != first.Version {
		t.Errorf("sent again: version %d, %v; first committed at %d", again.Version, err, first.Version)
	}
}

// TestEditsThatMustStayDuplicable duplicates an analysis whose title is as
// long as a title may be (the copy's title is cut to fit), refuses a risks
// field of more lines than an analysis holds, and reads "$b$2" as B2.
func TestEditsThatMustStayDuplicable(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells(strings.Repeat("é", model.MaxNameLen/2)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Duplicate(ctx, a.ID); err != nil {
		t.Errorf("duplicating a %d-byte title: %v", len(a.Title), err)
	}
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetThesis, Field: "risks", Text: strings.Repeat("a risk\n", model.MaxRisks+1)}, "tab"); model.ErrorCode(err) != model.EINVALID {
		t.Errorf("%d risks: %v, want EINVALID", model.MaxRisks+1, err)
	}
	l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "$b$2", Input: "x"}, "tab")
	if err != nil || l.Op.Cell != "B2" {
		t.Errorf("$b$2 logged as %q, %v", l.Op.Cell, err)
	}
}

// TestPurgedIDReused purges an analysis the committer has open, then creates
// another, which SQLite may give the same id: its edits apply to it, not
// to the purged one's copy.
func TestPurgedIDReused(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	old, err := s.Create(ctx, twoCells("old"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, old.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "old's"}, "tab"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PurgeTrash(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	fresh, err := s.Create(ctx, twoCells("new"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, fresh.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "D2", Input: "new's"}, "tab"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, fresh.ID)
	if err != nil || got.Title != "new" || got.Section("s").Cell(1, 2).Input != "" || got.Section("s").Cell(1, 3).Input != "new's" {
		t.Errorf("the new analysis (id %d, old was %d) reads %+v, %v", fresh.ID, old.ID, got, err)
	}
}
