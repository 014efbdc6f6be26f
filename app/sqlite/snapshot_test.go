package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// snapshotAt is the version of analysis id's stored snapshot.
func snapshotAt(s *Store, id int64) int64 {
	var v int64
	s.r.QueryRow(`SELECT version FROM snapshots WHERE analysis_id = ?`, id).Scan(&v)
	return v
}

// waitSnapshot waits for analysis id's snapshot to reach version want,
// written in the pause after the edits.
func waitSnapshot(t *testing.T, s *Store, id, want int64) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); snapshotAt(s, id) != want; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("snapshot at version %d, want %d", snapshotAt(s, id), want)
		}
	}
}

// TestSnapshotsAndReplayAgree commits more ops than snapshotEvery, with
// formulas reading the edited cells, pauses (the snapshot is written), and
// commits some more; it finds the same analysis whether it is read while
// open, read by a fresh store (snapshot plus replayed ops), or rebuilt from
// version 1 by applying the whole log.
func TestSnapshotsAndReplayAgree(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	first, _ := s.Create(ctx, sample.Lumen(time.Now()))
	a := first
	lastB3 := ""
	const n = snapshotEvery + snapshotEvery/2
	for i := range n {
		if i == snapshotEvery+10 {
			waitSnapshot(t, s, a.ID, int64(i)+1)
		}
		var op model.Op
		switch i % 5 {
		case 0, 1, 2:
			lastB3 = fmt.Sprint(1000 + i)
			op = model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B3", Input: lastB3}
		case 3:
			op = model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: fmt.Sprintf("D%d", 2+i%3), Input: fmt.Sprintf("=B3*%d", i)}
		case 4:
			op = model.Op{Kind: model.OpSetThesis, Field: "summary", Text: fmt.Sprint("summary ", i)}
		}
		if _, err := s.Apply(ctx, a.ID, op, "t"); err != nil {
			t.Fatalf("op %d: %v", i, err)
		}
	}
	live, err := s.Get(ctx, a.ID)
	if err != nil || live.Version != n+1 {
		t.Fatalf("get: version %v, %v", live.Version, err)
	}
	s.Close()

	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reopened, err := s.Get(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	ops, _ := s.Ops(ctx, a.ID, 0)
	rebuilt := first.Clone()
	e := calc.NewEngine(rebuilt)
	for _, l := range ops {
		if err := e.Apply(l.Op); err != nil {
			t.Fatal(err)
		}
		rebuilt.Version = l.Version
	}
	rebuilt.Updated = reopened.Updated
	for name, got := range map[string]*model.Analysis{"read while open": live, "reopened": reopened} {
		if !sameJSON(t, got, rebuilt) {
			t.Errorf("%s differs from the analysis rebuilt from its log", name)
		}
	}
	if got := reopened.Section("financial-health").Cell(2, 1).Input; got != lastB3 {
		t.Errorf("financial-health!B3 = %q", got)
	}
}

// TestOpenAnalysisFollowsOtherWriters keeps an analysis open in the
// committer, then deletes, restores and duplicates it behind its back: ops
// are refused while it is in the trash and apply on the right version after.
func TestOpenAnalysisFollowsOtherWriters(t *testing.T) {
	ctx := context.Background()
	s, dir := openTemp(t)
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	set := func(in string) (model.LoggedOp, error) {
		return s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: in}, "")
	}
	if _, err := set("one"); err != nil {
		t.Fatal(err)
	}
	s.Delete(ctx, a.ID)
	if _, err := set("while deleted"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("edit of a deleted analysis: %v", err)
	}
	s.Restore(ctx, a.ID)
	sum, err := set("two")
	if err != nil || sum.Version != 3 {
		t.Fatalf("after restore: version %d, %v", sum.Version, err)
	}
	// Another store on the same file writes; this one's open copy is stale.
	writeElsewhere(t, dir, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C3", Input: "from elsewhere"})
	if sum, err = set("three"); err != nil || sum.Version != 5 {
		t.Fatalf("after another writer: version %d, %v", sum.Version, err)
	}
	got, _ := s.Get(ctx, a.ID)
	if got.Section("partners").Cell(2, 2).Input != "from elsewhere" || got.Section("partners").Cell(1, 2).Input != "three" {
		t.Errorf("lost a write: C2 %q, C3 %q", got.Section("partners").Cell(1, 2).Input, got.Section("partners").Cell(2, 2).Input)
	}
}

// TestMigrateSnapshotsOutOfAnalyses builds a database the way version 2 of
// the schema left it, with the snapshot inside the analyses row, and opens
// it: the analysis reads the same and the list still shows its ticker and
// verdict.
func TestMigrateSnapshotsOutOfAnalyses(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(migrationsTable); err != nil {
		t.Fatal(err)
	}
	for i, m := range migrations[:2] {
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
		db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '')`, i+1, m.name)
	}
	a := sample.Lumen(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	calc.Recalc(a)
	a.ID, a.Version = 1, 7
	body, _ := json.Marshal(a)
	if _, err := db.Exec(`INSERT INTO analyses (id, title, version, snapshot, created, updated) VALUES (1, ?, 7, ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`, a.Title, string(body)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Get(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !sameJSON(t, got, a) {
		t.Error("the migrated analysis differs")
	}
	list, _ := s.List(context.Background())
	if len(list) != 1 || list[0].Ticker != a.Ticker || list[0].Verdict != a.Thesis.Verdict || list[0].Version != 7 {
		t.Errorf("list after migration: %+v", list)
	}
}

// writeElsewhere commits op to analysis id through a second store on the
// database in dir, as another process would, behind the back of any store
// already open on it.
func writeElsewhere(t *testing.T, dir string, id int64, op model.Op) {
	t.Helper()
	other, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Apply(context.Background(), id, op, ""); err != nil {
		t.Fatal(err)
	}
}

func sameJSON(t *testing.T, a, b *model.Analysis) bool {
	t.Helper()
	var x, y any
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	json.Unmarshal(ja, &x)
	json.Unmarshal(jb, &y)
	return reflect.DeepEqual(x, y)
}

// TestSnapshotsFollowTheWork: a large analysis whose edits each touch a
// formula or two is not snapshotted every snapshotEvery ops, which would
// encode all its cells again for a handful of edits; a small analysis whose
// every edit recomputes a long chain is, in the pause after them. Both read
// back right, from the snapshot and the ops after it.
func TestSnapshotsFollowTheWork(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name     string
		a        *model.Analysis
		snapshot bool
	}{
		{"20,000 independent rows", calctest.Independent(20000), false},
		{"a 500-formula chain", calctest.Chain(500), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, dir := openTemp(t)
			a, err := s.Create(ctx, tt.a)
			if err != nil {
				t.Fatal(err)
			}
			const n = snapshotEvery + 10
			for i := range n {
				if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A1", Input: fmt.Sprint(i)}, "t"); err != nil {
					t.Fatal(err)
				}
			}
			if tt.snapshot {
				waitSnapshot(t, s, a.ID, a.Version+n)
			} else if time.Sleep(10 * defaultPause); snapshotAt(s, a.ID) != a.Version {
				t.Errorf("snapshot at version %d after %d edits from version %d; want none written", snapshotAt(s, a.ID), n, a.Version)
			}
			s.Close()
			s, err = Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, err := s.Get(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Version != a.Version+n || got.Section("s").Cell(0, 0).Input != fmt.Sprint(n-1) {
				t.Errorf("read back at version %d with A1 %q", got.Version, got.Section("s").Cell(0, 0).Input)
			}
		})
	}
}

// TestOverdueSnapshotWithoutPause: edits that never pause still get a
// snapshot, in the commit that makes it overdue, so reads stay bounded.
func TestOverdueSnapshotWithoutPause(t *testing.T) {
	ctx := context.Background()
	s, a := storeWith(t, time.Hour, calctest.Chain(100))
	for i := range overdueFactor*snapshotEvery + 10 {
		if i == snapshotEvery+10 && snapshotAt(s, a.ID) != a.Version {
			t.Errorf("a due snapshot was written without a pause, at version %d", snapshotAt(s, a.ID))
		}
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A1", Input: fmt.Sprint(i)}, "t"); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := snapshotAt(s, a.ID), a.Version+overdueFactor*snapshotEvery; got != want {
		t.Errorf("snapshot at version %d, want %d", got, want)
	}
}
