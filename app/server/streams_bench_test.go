package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"thesisboard/app/client"
	"thesisboard/app/model"
	"thesisboard/app/sample"
	"thesisboard/app/sqlite"
)

// BenchmarkAPIWithOpenStreams is the API under 1,500 event streams: they
// are opened from 50 loopback addresses (30 each, under the per-client cap)
// against a real server (NewHTTPServer on a loopback port, a real SQLite
// file, the default caps), so DefaultMaxStreams are kept open and the rest
// refused. Then each round reads analysis 1 (GET) and posts an edit to it,
// timed apart. The streams follow another analysis (idle, as an attacker's
// would) or the edited one (each edit goes out to every stream); "none" is
// the same server without streams.
func BenchmarkAPIWithOpenStreams(b *testing.B) {
	for _, bb := range []struct {
		name    string
		streams int
		follow  int64
	}{
		{"none", 0, 2},
		{"1500 on another analysis", 1500, 2},
		{"1500 on the edited analysis", 1500, 1},
	} {
		b.Run(bb.name, func(b *testing.B) { benchStreams(b, bb.streams, bb.follow) })
	}
}

func benchStreams(b *testing.B, streams int, follow int64) {
	store, err := sqlite.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	for range 2 {
		if _, err := store.Create(ctx, sample.Lumen(time.Now())); err != nil {
			b.Fatal(err)
		}
	}
	s := &Server{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	hs := NewHTTPServer(s.Handler(), s.Log)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go hs.Serve(ln)
	defer hs.Close()
	defer s.Close()
	base := "http://" + ln.Addr().String()

	opened, refused, slowestRefusal := openStreams(b, base, streams, follow)
	defer opened.close()

	cl := client.New(base, "bench")
	i := 0
	edit := func() {
		i++
		if _, err := cl.Apply(ctx, 1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}); err != nil {
			b.Fatal(err)
		}
	}
	get := func() {
		res, err := http.Get(base + "/api/analyses/1")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("GET analysis 1: %d", res.StatusCode)
		}
	}
	for range 200 { // past the log's first growth, as BenchmarkAPIEdit
		edit()
	}
	var gets, edits []time.Duration
	for b.Loop() {
		start := time.Now()
		get()
		gets = append(gets, time.Since(start))
		start = time.Now()
		edit()
		edits = append(edits, time.Since(start))
	}
	b.ReportMetric(float64(s.streams.count()), "streams-open")
	b.ReportMetric(float64(refused), "streams-refused")
	b.ReportMetric(float64(slowestRefusal.Milliseconds()), "slowest-refusal-ms")
	for _, m := range []struct {
		name string
		lat  []time.Duration
	}{{"get", gets}, {"edit", edits}} {
		slices.Sort(m.lat)
		b.ReportMetric(float64(m.lat[len(m.lat)/2].Microseconds())/1000, m.name+"-p50-ms")
		b.ReportMetric(float64(m.lat[len(m.lat)*99/100].Microseconds())/1000, m.name+"-p99-ms")
	}
}

// openedStreams are event streams read to the end in the background.
type openedStreams struct {
	mu     sync.Mutex
	bodies []io.Closer
	done   sync.WaitGroup
}

func (o *openedStreams) close() {
	o.mu.Lock()
	for _, c := range o.bodies {
		c.Close()
	}
	o.mu.Unlock()
	o.done.Wait()
}

// openStreams opens n streams on analysis id, 30 from each loopback
// address from 127.0.0.2 on, 50 at a time, and returns once each is open
// or refused.
func openStreams(b *testing.B, base string, n int, id int64) (o *openedStreams, refused int, slowestRefusal time.Duration) {
	o = &openedStreams{}
	var mu sync.Mutex
	var opening sync.WaitGroup
	gate := make(chan struct{}, 50)
	clients := map[int]*http.Client{}
	for i := range n {
		addr := 2 + i/30
		if clients[addr] == nil {
			dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, byte(addr>>8), byte(addr))}}
			clients[addr] = &http.Client{Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: -1}}
		}
		cl := clients[addr]
		gate <- struct{}{}
		opening.Go(func() {
			defer func() { <-gate }()
			start := time.Now()
			res, err := cl.Get(fmt.Sprintf("%s/api/analyses/%d/events", base, id))
			if err != nil {
				b.Error(err)
				return
			}
			took := time.Since(start)
			if res.StatusCode != 200 {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mu.Lock()
				refused++
				slowestRefusal = max(slowestRefusal, took)
				mu.Unlock()
				return
			}
			o.mu.Lock()
			o.bodies = append(o.bodies, res.Body)
			o.mu.Unlock()
			o.done.Go(func() { io.Copy(io.Discard, res.Body) })
		})
	}
	opening.Wait()
	return o, refused, slowestRefusal
}
