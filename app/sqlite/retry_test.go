package sqlite

import (
	"context"
	"sync"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// TestRetryCommittedOnce sends an edit whose answer was lost again, from the
// same tab and from a restarted browser (a new session), once alone and
// once racing itself: the row goes in once, and every answer is the version
// of its one commit.
func TestRetryCommittedOnce(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	defer func() { s.Close() }()
	a, err := s.Create(ctx, sample.Lumen(time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	rows := len(a.Section("partners").Cells)
	insert := model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 3, BaseVersion: a.Version, ID: "tab.1"}
	first, err := s.Apply(ctx, a.ID, insert, "tab")
	if err != nil {
		t.Fatal(err)
	}
	// Someone else inserts a row above before the retries arrive.
	if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2, ID: "other.1"}, "other"); err != nil {
		t.Fatal(err)
	}
	for _, session := range []string{"tab", "restarted"} {
		again, err := s.Apply(ctx, a.ID, insert, session)
		if err != nil || again.Version != first.Version {
			t.Fatalf("retry from %s: version %d, %v; first committed at %d", session, again.Version, err, first.Version)
		}
	}
	var wg sync.WaitGroup
	race := model.Op{Kind: model.OpDeleteRow, Sheet: "partners", Row: 5, BaseVersion: first.Version + 1, ID: "tab.2"}
	versions := make([]int64, 4)
	for i := range versions {
		wg.Go(func() {
			l, err := s.Apply(ctx, a.ID, race, "tab")
			if err != nil {
				t.Error(err)
			}
			versions[i] = l.Version
		})
	}
	wg.Wait()
	for _, v := range versions[1:] {
		if v != versions[0] {
			t.Errorf("the same edit sent four times at once was answered with versions %v", versions)
		}
	}
	got, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.Section("partners").Cells); n != rows+1 {
		t.Errorf("partners has %d rows, want %d: two inserts and one delete, each once", n, rows+1)
	}
	ops, err := s.Ops(ctx, a.ID, a.Version)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 3 {
		t.Errorf("the log holds %d ops, want 3", len(ops))
	}
	// After a restart the committer reads the ops from the log, not from
	// memory: a retry is still known.
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	if again, err := s.Apply(ctx, a.ID, insert, "restarted"); err != nil || again.Version != first.Version {
		t.Errorf("retry after a restart: version %d, %v; first committed at %d", again.Version, err, first.Version)
	}
	// A new edit with an ID nobody used goes in as usual.
	if l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2, BaseVersion: a.Version, ID: "tab.3"}, "tab"); err != nil || l.Version != got.Version+1 {
		t.Errorf("a new edit: version %d, %v", l.Version, err)
	}
}
