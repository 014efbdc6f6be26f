package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// BenchmarkRestoreVersion restores the sample analysis to its version
// before model.MaxChangeOps cell edits: the longest a restore holds the
// turn. The edits are made as one change too (BenchmarkChange times that).
func BenchmarkRestoreVersion(b *testing.B) {
	ctx := context.Background()
	s, a := storeWith(b, defaultPause, sample.Lumen(time.Now()))
	for b.Loop() {
		b.StopTimer()
		before, _ := s.Get(ctx, a.ID)
		if _, err := s.ApplyChange(ctx, a.ID, edits(model.MaxChangeOps), "bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := s.RestoreVersion(ctx, a.ID, before.Version, "restore")
		if err != nil || res.Applied != model.MaxChangeOps {
			b.Fatalf("restore: %+v, %v", res, err)
		}
	}
}

// BenchmarkChange commits model.MaxChangeOps cell edits as one change: a
// CSV import or an import into an analysis at its largest.
func BenchmarkChange(b *testing.B) {
	ctx := context.Background()
	s, a := storeWith(b, defaultPause, sample.Lumen(time.Now()))
	ops := edits(model.MaxChangeOps)
	for b.Loop() {
		if _, err := s.ApplyChange(ctx, a.ID, ops, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRestoreRefused asks to restore the first version of an analysis
// 100,000 ops long: refused at once, nothing applied (it ran 4.5 minutes
// as 100,001 commits before restores were one change).
func BenchmarkRestoreRefused(b *testing.B) {
	ctx := context.Background()
	s, a := storeWith(b, defaultPause, sample.Lumen(time.Now()))
	for range 100000 / model.MaxChangeOps {
		if _, err := s.ApplyChange(ctx, a.ID, edits(model.MaxChangeOps), "bench"); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := s.RestoreVersion(ctx, a.ID, 1, "restore"); model.ErrorCode(err) != model.ETOOLARGE {
			b.Fatal(err)
		}
	}
}

// edits are n edits of different cells of the sample's partners sheet (a
// restore writes each cell once, see lastWrites).
func edits(n int) []model.Op {
	ops := make([]model.Op, n)
	for i := range ops {
		ops[i] = model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("%c%d", 'C'+i%5, 2+i/5), Input: fmt.Sprint(i)}
	}
	return ops
}
