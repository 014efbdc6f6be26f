package sqlite

import (
	"context"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// TestWarmCopyCaughtUp: an analysis opened for the committer outside it
// (warm) and then changed by another writer before the committer takes it
// is brought up to date first; one moved to the trash meanwhile is refused.
func TestWarmCopyCaughtUp(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	s.warm(ctx, a.ID)
	writeElsewhere(t, dir, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C3", Input: "from elsewhere"})
	l, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: "here"}, "")
	if err != nil || l.Version != a.Version+2 {
		t.Fatalf("edit after the other writer: version %d, %v", l.Version, err)
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Section("partners").Cell(2, 2).Input != "from elsewhere" || got.Section("partners").Cell(1, 2).Input != "here" {
		t.Errorf("lost a write: C2 %q, C3 %q", got.Section("partners").Cell(1, 2).Input, got.Section("partners").Cell(2, 2).Input)
	}

	b, _ := s.Create(ctx, sample.Lumen(time.Now()))
	s.warm(ctx, b.ID)
	s.Delete(ctx, b.ID)
	if _, err := s.Apply(ctx, b.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: "x"}, ""); model.ErrorCode(err) != model.ENOTFOUND {
		t.Errorf("edit of an analysis trashed after it was opened: %v", err)
	}
}
