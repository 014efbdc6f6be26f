package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

// TestEditsDuringACommitShareTheNext holds a commit of an edit made alone
// open (its OnCommit hook waits) while twenty more edits arrive: they wait
// for the committer rather than commit one by one, and share its next
// commit (the ops of one commit carry its time).
func TestEditsDuringACommitShareTheNext(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, sample.Lumen(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s.OnCommit(func(int64, model.LoggedOp) { once.Do(func() { close(held); <-release }) })
	edit := func(i int) model.LoggedOp {
		l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, fmt.Sprint("session-", i))
		if err != nil {
			t.Error(err)
		}
		return l
	}
	const waiting = 20
	logged := make([]model.LoggedOp, waiting+1)
	var wg sync.WaitGroup
	wg.Go(func() { logged[0] = edit(0) })
	<-held
	for i := 1; i <= waiting; i++ {
		wg.Go(func() { logged[i] = edit(i) })
	}
	for deadline := time.Now().Add(10 * time.Second); s.queued.Load() < waiting; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			close(release)
			t.Fatalf("%d of %d edits wait for the committer", s.queued.Load(), waiting)
		}
	}
	close(release)
	wg.Wait()
	seen := map[int64]bool{}
	for i, l := range logged[1:] {
		seen[l.Version] = true
		if l.Version <= logged[0].Version || l.Time.Equal(logged[0].Time) || !l.Time.Equal(logged[1].Time) {
			t.Errorf("edit %d: version %d at %v; want it committed with the other waiting edits after version %d at %v",
				i+1, l.Version, l.Time, logged[0].Version, logged[0].Time)
		}
	}
	if len(seen) != waiting {
		t.Errorf("the waiting edits made %d versions, want %d", len(seen), waiting)
	}
}

// TestReopenKeepsAcknowledgedOps applies ops from several goroutines, closes
// the database, opens the file again and finds every acknowledged op in the
// log and its effect in the snapshot.
func TestReopenKeepsAcknowledgedOps(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	a, err := s.Create(ctx, sample.Lumen(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	const workers, perWorker = 4, 25
	var mu sync.Mutex
	acked := map[int64]string{} // version -> input
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				in := fmt.Sprintf("w%d-%d", w, i)
				op := model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("C%d", w+2), Input: in}
				got, err := s.Apply(ctx, a.ID, op, fmt.Sprintf("session-%d", w))
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acked[got.Version] = in
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ops, err := s.Ops(ctx, a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != workers*perWorker {
		t.Fatalf("log has %d ops, want %d", len(ops), workers*perWorker)
	}
	for _, l := range ops {
		if acked[l.Version] != l.Op.Input {
			t.Errorf("op at version %d = %q, acknowledged %q", l.Version, l.Op.Input, acked[l.Version])
		}
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(1 + workers*perWorker); got.Version != want {
		t.Errorf("version = %d, want %d", got.Version, want)
	}
	for w := range workers {
		if c := got.Section("partners").Cell(w+1, 2); c.Input != fmt.Sprintf("w%d-%d", w, perWorker-1) {
			t.Errorf("partners!C%d = %q, want the worker's last input", w+2, c.Input)
		}
	}
	if res, err := s.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
}

func TestInvalidOpStoresNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	_, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "nope", Cell: "B2", Input: "1"}, "")
	if model.ErrorCode(err) != model.EINVALID {
		t.Fatalf("error = %v, want invalid", err)
	}
	if ops, _ := s.Ops(ctx, a.ID, 0); len(ops) != 0 {
		t.Errorf("log has %d ops after a rejected op", len(ops))
	}
	if got, _ := s.Get(ctx, a.ID); got.Version != 1 {
		t.Errorf("version = %d after a rejected op, want 1", got.Version)
	}
	if _, err := s.Apply(ctx, 999, model.Op{Kind: model.OpSetThesis, Field: "verdict"}, ""); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("apply to missing analysis: %v", err)
	}
}

func TestListDuplicateDeleteRestore(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	d, err := s.Duplicate(ctx, a.ID)
	if err != nil || d.ID == a.ID || d.Title != "Copy of "+a.Title {
		t.Fatalf("duplicate = %+v, %v", d, err)
	}
	if err := s.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, a.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("get deleted: %v", err)
	}
	list, _ := s.List(ctx)
	trash, _ := s.Trash(ctx)
	if len(list) != 1 || list[0].ID != d.ID || len(trash) != 1 || trash[0].ID != a.ID {
		t.Errorf("list %+v trash %+v", list, trash)
	}
	if err := s.Delete(ctx, a.ID); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("second delete: %v", err)
	}
	if err := s.Restore(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, a.ID); err != nil || got.Title != a.Title {
		t.Errorf("restored = %v, %v", got, err)
	}
}

func TestMigrationsRecordedOnce(t *testing.T) {
	s, dir := openTemp(t)
	s.Close()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(migrations))
	}
	var mode string
	s.r.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	var sync, fk int
	s.turn.Lock() // the writing connection's own settings
	s.wc.QueryRowContext(context.Background(), `PRAGMA synchronous`).Scan(&sync)
	s.wc.QueryRowContext(context.Background(), `PRAGMA foreign_keys`).Scan(&fk)
	s.turn.Unlock()
	if mode != "wal" || sync != 2 || fk != 1 {
		t.Errorf("journal_mode %q synchronous %d foreign_keys %d, want wal 2 1", mode, sync, fk)
	}
}

func TestConflictOnSameCellOnly(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	set := func(cell, input, session string, base int64) error {
		_, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: cell, Input: input, BaseVersion: base}, session)
		return err
	}
	if err := set("C2", "theirs", "tab-a", 1); err != nil {
		t.Fatal(err)
	}
	// Made on version 1 by another tab: another cell merges, the same cell conflicts.
	if err := set("C3", "other cell", "tab-b", 1); err != nil {
		t.Fatalf("edit of another cell: %v", err)
	}
	err := set("c2", "yours", "tab-b", 1)
	var me *model.Error
	if !errors.As(err, &me) || me.Code != model.ECONFLICT || me.Conflict == nil || me.Conflict.Theirs != "theirs" || me.Conflict.Yours != "yours" || me.Conflict.Version != 2 {
		t.Fatalf("same cell: %v %+v", err, me)
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Section("partners").Cell(1, 2).Input != "theirs" || got.Version != 3 {
		t.Errorf("after the conflict: %q at version %d", got.Section("partners").Cell(1, 2).Input, got.Version)
	}
	// The same session may overwrite its own edit; so may anyone who has seen it.
	if err := set("C2", "again", "tab-a", 1); err != nil {
		t.Errorf("own edit: %v", err)
	}
	if err := set("C2", "seen it", "tab-b", 4); err != nil {
		t.Errorf("edit on the latest version: %v", err)
	}
}

func TestPurgeTrash(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	old, _ := s.Create(ctx, sample.Lumen(time.Now()))
	recent, _ := s.Create(ctx, sample.Lumen(time.Now()))
	s.Apply(ctx, old.ID, model.Op{Kind: model.OpSetThesis, Field: "verdict", Text: "No"}, "")
	s.Delete(ctx, old.ID)
	s.Delete(ctx, recent.ID)
	s.exec(ctx, `UPDATE analyses SET deleted_at = ? WHERE id = ?`, time.Now().AddDate(0, 0, -31).UTC().Format(time.RFC3339Nano), old.ID)
	n, err := s.PurgeTrash(ctx, time.Now().AddDate(0, 0, -TrashDays))
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want 1", n, err)
	}
	trash, _ := s.Trash(ctx)
	if len(trash) != 1 || trash[0].ID != recent.ID {
		t.Errorf("trash = %+v", trash)
	}
	if ops, _ := s.Ops(ctx, old.ID, 0); len(ops) != 0 {
		t.Errorf("the purged analysis left %d ops", len(ops))
	}
}

// TestStaleOpsCrossRowsAndThesis has one session insert and delete rows and
// change the thesis while another, still on version 1, edits: the stale
// edits land on the rows they were typed on, formulas follow, an edit of a
// deleted row and of the same thesis field are refused with the conflict,
// and the session's own earlier ops are not crossed again.
func TestStaleOpsCrossRowsAndThesis(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	ph := a.Section("partners")
	third := ph.Cell(3, 0).Input // the partner on sheet row 4
	apply := func(op model.Op, session string) (model.LoggedOp, error) {
		return s.Apply(ctx, a.ID, op, session)
	}
	mustApply := func(op model.Op, session string) model.LoggedOp {
		t.Helper()
		l, err := apply(op, session)
		if err != nil {
			t.Fatalf("%+v: %v", op, err)
		}
		return l
	}
	mustApply(model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2, BaseVersion: 1}, "a")
	mustApply(model.Op{Kind: model.OpSetThesis, Field: "summary", Text: "theirs", BaseVersion: 2}, "a")
	// b has not seen those: row 4 is still the third partner to it.
	l := mustApply(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C4", Input: "b's note", BaseVersion: 1}, "b")
	if l.Op.Cell != "C5" {
		t.Errorf("the logged op is on %s, want C5", l.Op.Cell)
	}
	l = mustApply(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "E2", Input: "=C4", BaseVersion: 1}, "b")
	if l.Op.Cell != "E3" || l.Op.Input != "=C5" {
		t.Errorf("the formula was logged as %s %s, want E3 =C5", l.Op.Cell, l.Op.Input)
	}
	_, err := apply(model.Op{Kind: model.OpSetThesis, Field: "summary", Text: "mine", BaseVersion: 1}, "b")
	var me *model.Error
	if !errors.As(err, &me) || me.Conflict == nil || me.Conflict.Field != "summary" || me.Conflict.Theirs != "theirs" || me.Conflict.Yours != "mine" {
		t.Errorf("thesis edit on a changed field: %v", err)
	}
	mustApply(model.Op{Kind: model.OpDeleteRow, Sheet: "partners", Row: 5, BaseVersion: 5}, "a")
	_, err = apply(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "D4", Input: "lost?", BaseVersion: 1}, "b")
	if !errors.As(err, &me) || me.Conflict == nil || !me.Conflict.Gone {
		t.Errorf("edit of a deleted row: %v", err)
	}
	// b's own insert came after its base; its next op is already under it.
	mustApply(model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2, BaseVersion: 6}, "b")
	l = mustApply(model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "B2", Input: "new partner", BaseVersion: 6}, "b")
	if l.Op.Cell != "B2" {
		t.Errorf("own insert was crossed again: %s", l.Op.Cell)
	}
	got, _ := s.Get(ctx, a.ID)
	p := got.Section("partners")
	if p.Cell(1, 1).Input != "new partner" || got.Thesis.Summary != "theirs" {
		t.Errorf("B2 %q, summary %q", p.Cell(1, 1).Input, got.Thesis.Summary)
	}
	for r := range p.Cells {
		if p.Cell(r, 0).Input == third {
			t.Errorf("the deleted row (%q) is still at row %d", third, r+1)
		}
		if p.Cell(r, 2).Input == "b's note" {
			t.Errorf("b's note survived its row's deletion at row %d", r+1)
		}
	}
}

// TestOpenDirWithURICharacters opens data directories whose names hold the
// characters a file: URI gives a meaning to: each keeps its own database
// (the "#" once cut the path, and two such directories shared one file).
func TestOpenDirWithURICharacters(t *testing.T) {
	root := t.TempDir()
	for i, name := range []string{"a#1", "a#2", "b?x", "c%41"} {
		dir := filepath.Join(root, name)
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j <= i; j++ {
			if _, err := s.Create(context.Background(), sample.Lumen(time.Now())); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.Count(context.Background())
		s.Close()
		if err != nil || n != i+1 {
			t.Errorf("%s: %d analyses (%v), want %d", name, n, err, i+1)
		}
		if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
