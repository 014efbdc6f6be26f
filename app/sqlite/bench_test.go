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
	for b.Loop() {
		if _, err := f.Write(buf); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCommit is one acknowledged edit of the sample analysis from one
// client; p50 and p99 are reported next to the average.
func BenchmarkCommit(b *testing.B) {
	ctx := context.Background()
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	var lat []time.Duration
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		if _, err := s.Apply(ctx, a.ID, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, "bench"); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkCommit50Clients is 50 clients editing at once; it reports the
// sustained acknowledged ops per second.
func BenchmarkCommit50Clients(b *testing.B) {
	ctx := context.Background()
	s, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a, _ := s.Create(ctx, sample.Lumen(time.Now()))
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for c := range 50 {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				op := model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("D%d", c%4+2), Input: fmt.Sprint(c)}
				if _, err := s.Apply(ctx, a.ID, op, fmt.Sprint("client-", c)); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "ops/s")
}
