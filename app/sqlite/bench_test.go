package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"thesisboard/app/calc/calctest"
	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// BenchmarkFsync is the disk's own cost of one small write made durable, the
// floor under any acknowledged commit.
func BenchmarkFsync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "fsync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 512)
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := f.Write(buf); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

// BenchmarkFrameFsync is what a commit asks of the disk, without SQLite: a
// write-ahead log frame (a 24-byte header and a 4 KB page) written over one
// of the log's earlier frames, then fsync. Between it and
// BenchmarkSQLiteCommit is SQLite's own work, between that and
// BenchmarkCommit thesisboard's.
func BenchmarkFrameFsync(b *testing.B) {
	const frames, header, page = 1000, 24, 4096
	f, err := os.Create(filepath.Join(b.TempDir(), "wal"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(make([]byte, 32+frames*(header+page))); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	hdr, body := make([]byte, header), make([]byte, page)
	var lat []time.Duration
	i := 0
	for b.Loop() {
		off := int64(32 + i%frames*(header+page))
		i++
		start := time.Now()
		if _, err := f.WriteAt(hdr, off); err != nil {
			b.Fatal(err)
		}
		if _, err := f.WriteAt(body, off+header); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

// BenchmarkSQLiteCommit is the floor under BenchmarkCommit: a transaction
// that inserts one op row and commits, with the store's own settings and
// nothing of thesisboard around it.
func BenchmarkSQLiteCommit(b *testing.B) {
	ctx := context.Background()
	s, a := settledStore(b)
	var lat []time.Duration
	v := a.Version
	for b.Loop() {
		v++
		start := time.Now()
		s.turn.Lock() // the writing connection is the committer's too
		if err := s.begin(ctx); err != nil {
			b.Fatal(err)
		}
		if _, err := s.wc.ExecContext(ctx, `INSERT INTO ops (analysis_id, version, op, session, created) VALUES (?, ?, ?, ?, ?)`,
			a.ID, v, `{"kind":"set_cell","sheet":"partners","cell":"C2","input":"1"}`, "bench", time.Now().Format(time.RFC3339Nano)); err != nil {
			b.Fatal(err)
		}
		if err := s.commit(ctx); err != nil {
			b.Fatal(err)
		}
		s.turn.Unlock()
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkCommit is one acknowledged edit of the sample analysis from one
// client, on a store that has been running (settledStore); p50 and p99 are
// reported next to the average.
func BenchmarkCommit(b *testing.B) {
	ctx := context.Background()
	s, a := settledStore(b)
	var lat []time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		// Named as the page names its edits: the log is searched for a
		// retry of it first (retryOf).
		op := model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i), ID: fmt.Sprint("bench.", i)}
		if _, err := s.Apply(ctx, a.ID, op, "bench"); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

// BenchmarkCommitBig is one client editing an input of a 100,000-row
// analysis (200,000 cells, an 11.8 MB snapshot), after a first edit has
// loaded it: p50, p99 and the slowest commit. Snapshotting it every 256
// edits made one commit in 256 take a third of a second.
func BenchmarkCommitBig(b *testing.B) {
	ctx := context.Background()
	s, a := storeWith(b, defaultPause, calctest.Independent(100000))
	edit := func(i int) {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: fmt.Sprint(i)}, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	edit(0)
	var lat []time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		edit(i)
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
	b.ReportMetric(float64(slices.Max(lat).Microseconds()), "max-µs")
}

// BenchmarkFirstEditOfBigAnalysis is the first edit of a 100,000-row
// analysis the store has not opened yet, while another session edits a small
// one without pause: the first edit's time (the analysis is decoded and its
// engine built) and the other session's slowest commit meanwhile, which
// shows whether the opening held up everyone's edits.
func BenchmarkFirstEditOfBigAnalysis(b *testing.B) {
	ctx := context.Background()
	s, small := benchStore(b)
	var first, othersMax time.Duration
	for b.Loop() {
		b.StopTimer()
		big, err := s.Create(ctx, calctest.Independent(100000))
		if err != nil {
			b.Fatal(err)
		}
		stop := make(chan struct{})
		slowest := make(chan time.Duration)
		go func() {
			var worst time.Duration
			for i := 0; ; i++ {
				select {
				case <-stop:
					slowest <- worst
					return
				default:
				}
				start := time.Now()
				if _, err := s.Apply(ctx, small.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, "other"); err != nil {
					b.Error(err)
				}
				worst = max(worst, time.Since(start))
			}
		}()
		time.Sleep(20 * time.Millisecond)
		b.StartTimer()
		start := time.Now()
		if _, err := s.Apply(ctx, big.ID, model.Op{Kind: model.OpSetCell, Sheet: "s", Cell: "A2", Input: "1"}, "bench"); err != nil {
			b.Fatal(err)
		}
		first += time.Since(start)
		b.StopTimer()
		time.Sleep(20 * time.Millisecond)
		close(stop)
		othersMax = max(othersMax, <-slowest)
		b.StartTimer()
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "first-edit-ms")
	b.ReportMetric(float64(othersMax.Microseconds()), "others-slowest-µs")
}

// BenchmarkGetReplaying reads an analysis whose snapshot is just short of
// overdue after edits that never paused: the worst case of a read between
// snapshots (with pauses, snapshots come every snapshotEvery ops).
func BenchmarkGetReplaying(b *testing.B) {
	ctx := context.Background()
	s, a := storeWith(b, time.Hour, sample.Lumen(time.Now()))
	for i := range overdueFactor*snapshotEvery - 2 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	if snapshotAt(s, a.ID) != a.Version {
		b.Fatal("a snapshot was written: this is not the worst case")
	}
	for b.Loop() {
		if _, err := s.Get(ctx, a.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommit50Clients is 50 clients editing at once; it reports the
// sustained acknowledged ops per second. Each client names its edits and
// sends each on the version its last answer gave, as the dashboard does, so
// the server carries it over the others' edits committed since (on other
// cells: none collide).
func BenchmarkCommit50Clients(b *testing.B) {
	ctx := context.Background()
	s, a := benchStore(b)
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for c := range 50 {
		wg.Go(func() {
			heard := a.Version
			for i := 0; next.Add(1) <= int64(b.N); i++ {
				op := model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("%c%d", 'B'+c%3, c/3+2), Input: fmt.Sprint(i),
					BaseVersion: heard, ID: fmt.Sprintf("c%d.%d", c, i)}
				l, err := s.Apply(ctx, a.ID, op, fmt.Sprint("client-", c))
				if err != nil {
					b.Error(err)
					return
				}
				heard = l.Version
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "ops/s")
}

// benchStore is a store in a temporary folder holding the sample analysis.
func benchStore(b *testing.B) (*Store, *model.Analysis) {
	return storeWith(b, defaultPause, sample.Lumen(time.Now()))
}

// settledStore is benchStore after 1,000 edits of its analysis, as a store
// is once it has been running. A new database file's first edits grow its
// write-ahead log, each fsync journaling the file's new size too, until the
// first checkpoint (after 1,000 log pages, about 500 edits); from then on
// the log cycles through the same blocks (see writerPragmas). Timing those
// first edits would put a one-time cost of a new file into every p99.
func settledStore(b *testing.B) (*Store, *model.Analysis) {
	ctx := context.Background()
	s, a := benchStore(b)
	for i := range 1000 {
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, "settle"); err != nil {
			b.Fatal(err)
		}
	}
	a, err := s.Get(ctx, a.ID)
	if err != nil {
		b.Fatal(err)
	}
	return s, a
}

// storeWith is a store in a temporary folder, writing due snapshots after
// pause, holding a; it closes when the test ends.
func storeWith(tb testing.TB, pause time.Duration, a *model.Analysis) (*Store, *model.Analysis) {
	tb.Helper()
	s, err := openStore(tb.TempDir(), pause)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	a, err = s.Create(context.Background(), a)
	if err != nil {
		tb.Fatal(err)
	}
	return s, a
}
