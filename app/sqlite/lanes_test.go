package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
)

// Helpers for tests that reach into the lanes.

// opened returns analysis id as its lane keeps it open, opening it if need
// be: a test may change it behind the store's back.
func (s *Store) opened(ctx context.Context, id int64) (*open, error) {
	l := s.joinLane(id)
	defer s.leaveLane(l)
	if err := s.acquire(ctx, l); err != nil {
		return nil, err
	}
	defer s.release(l)
	return s.openIn(ctx, l)
}

// warm opens analysis id in its lane, for the edits to come.
func (s *Store) warm(ctx context.Context, id int64) { s.opened(ctx, id) }

// commitBatch commits batch as one group commit: each analysis's edits
// applied in its lane, then all written in one transaction.
func (s *Store) commitBatch(batch []*commitReq) {
	var order []int64
	byID := map[int64][]*commitReq{}
	for _, r := range batch {
		if byID[r.id] == nil {
			order = append(order, r.id)
		}
		byID[r.id] = append(byID[r.id], r)
	}
	lanes := map[int64]*lane{}
	drafts := map[int64]*draft{}
	var writes []*draft
	for _, id := range order {
		l := s.joinLane(id)
		s.acquire(context.Background(), l)
		lanes[id] = l
		drafts[id] = s.applyEdits(l, byID[id])
		if len(drafts[id].entries) > 0 {
			writes = append(writes, drafts[id])
		}
	}
	if len(writes) > 0 {
		s.writeBatch(writes) // the caller holds the turn
	}
	for _, id := range order {
		s.conclude(lanes[id], drafts[id], byID[id], maxStale)
		s.release(lanes[id])
		s.leaveLane(lanes[id])
	}
}

// TestOtherAnalysisCommitsDuringAnEdit holds an edit of analysis A half-way
// through its application (a row insert on a formula sheet, the kind that
// takes a second at 100,000 rows): edits of analysis B commit meanwhile,
// and B's ops reach OnCommit before A's. A change of B commits too.
func TestOtherAnalysisCommitsDuringAnEdit(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, calctest.Independent(100))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Create(ctx, twoCells("other"))
	if err != nil {
		t.Fatal(err)
	}
	held, release := make(chan struct{}), make(chan struct{})
	s.applying = func(id int64) {
		if id == a.ID {
			close(held)
			<-release
		}
	}
	var mu sync.Mutex
	var order []int64
	s.OnCommit(func(id int64, _ model.LoggedOp) {
		mu.Lock()
		order = append(order, id)
		mu.Unlock()
	})
	heavy := make(chan error, 1)
	go func() {
		_, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpInsertRow, Sheet: "s", Row: 2}, "tab")
		heavy <- err
	}()
	<-held
	others := make(chan error, 1)
	go func() {
		for i := range 3 {
			if _, err := s.Apply(ctx, b.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: strconv.Itoa(i)}, "other"); err != nil {
				others <- fmt.Errorf("edit %d of B while A's edit is applied: %w", i, err)
				return
			}
		}
		_, err := s.ApplyChange(ctx, b.ID, edits2(b), "other")
		others <- err
	}()
	select {
	case err := <-others:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(time.Minute): // not a measure: a regression would hang here
		close(release)
		t.Fatal("B's edits waited for A's")
	}
	select {
	case err := <-heavy:
		t.Fatalf("A's edit ended while held: %v", err)
	default:
	}
	close(release)
	if err := <-heavy; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []int64{b.ID, b.ID, b.ID, b.ID, b.ID, a.ID}; !slices.Equal(order, want) {
		t.Errorf("committed in the order %v, want %v", order, want)
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Version != 2 || len(got.Section("s").Cells) != 101 {
		t.Errorf("A after its edit: version %d, %d rows", got.Version, len(got.Section("s").Cells))
	}
}

// edits2 is a change of two cells of twoCells' section.
func edits2(*model.Analysis) []model.Op {
	return []model.Op{{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "x"}, {Kind: model.OpSetCell, Sheet: "s", Cell: "C3", Input: "y"}}
}

// TestFailedWriteDropsTheCopy trashes an analysis behind the store's back
// (as another process on the file would) while its edit is being applied:
// the write is refused (ENOTFOUND), and the lane's open copy does not keep
// the edit: once the analysis is back, the copy and the next edit are as
// if it never was.
func TestFailedWriteDropsTheCopy(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	defer s.Close()
	a, err := s.Create(ctx, twoCells("trashed meanwhile"))
	if err != nil {
		t.Fatal(err)
	}
	trash := func(at any) {
		if _, err := s.exec(ctx, `UPDATE analyses SET deleted_at = ? WHERE id = ?`, at, a.ID); err != nil {
			t.Error(err)
		}
	}
	set := func(input string) (model.LoggedOp, error) {
		return s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: input}, "tab")
	}
	if _, err := set("5"); err != nil {
		t.Fatal(err)
	}
	s.applying = func(int64) {
		s.applying = nil // read by the lane's leader alone
		trash(stamp(s.now()))
	}
	if _, err := set("7"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("an edit whose analysis went to the trash while applied: %v, want ENOTFOUND", err)
	}
	trash(nil)
	o, err := s.opened(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if in, b2 := o.a.Section("s").Cell(1, 0).Input, o.a.Section("s").Cells[1][1].Value.Num; o.a.Version != 2 || in != "5" || b2 != 10 {
		t.Errorf("the open copy kept the refused edit: version %d, A2 %q, B2 %v", o.a.Version, in, b2)
	}
	l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "C2", Input: "next"}, "tab")
	if err != nil || l.Version != 3 {
		t.Fatalf("the next edit: version %d, %v; want 3", l.Version, err)
	}
}
