package server

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"thesisboard/app/client"
	"thesisboard/app/model"
)

// BenchmarkAPIEdit is one edit as the page sends it: the op posted to a
// real server on a loopback port, over a real SQLite file, and answered
// once it is committed. Next to app/sqlite's BenchmarkCommit it shows what
// HTTP and JSON add to a commit. As there, the first 1,000 edits, which grow
// a new database file's write-ahead log, are not timed.
func BenchmarkAPIEdit(b *testing.B) {
	ts, _ := newTestServer(b)
	cl := client.New(ts.URL, "bench")
	ctx := context.Background()
	i := 0
	edit := func() {
		i++
		if _, err := cl.Apply(ctx, 1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}); err != nil {
			b.Fatal(err)
		}
	}
	for range 1000 {
		edit()
	}
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		edit()
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
