package server

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"thesisboard/app/model"
)

// loadCounter is a Store that counts the analyses it loads whole.
type loadCounter struct {
	Store
	gets atomic.Int64
}

func (c *loadCounter) Get(ctx context.Context, id int64) (*model.Analysis, error) {
	c.gets.Add(1)
	return c.Store.Get(ctx, id)
}

// waitStreams waits until s has n streams open.
func waitStreams(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for s.streams.count() != n {
		if time.Now().After(deadline) {
			t.Fatalf("%d streams open, want %d", s.streams.count(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// refusedStream opens a stream that must be refused with status, quickly and
// with a Retry-After.
func refusedStream(t *testing.T, url string, status int) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != status {
		t.Fatalf("stream over the cap: %d, want %d", res.StatusCode, status)
	}
	if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || n < 1 {
		t.Errorf("Retry-After = %q", res.Header.Get("Retry-After"))
	}
}

// TestStreamsCappedPerClient opens the streams one address may have, is
// refused one more with 429, and may open it once one closes.
func TestStreamsCappedPerClient(t *testing.T) {
	ts, s := newTestServerWith(t, func(s *Server) { s.MaxStreamsPerClient = 2 })
	url := ts.URL + "/api/analyses/1/events"
	a, b := openStream(t, url, ""), openStream(t, url, "")
	defer b.res.Body.Close()
	refusedStream(t, url, http.StatusTooManyRequests)
	a.res.Body.Close()
	waitStreams(t, s, 1)
	openStream(t, url, "").res.Body.Close()
}

// TestStreamsCappedInAll is refused a stream with 503 once the server has
// as many as it keeps open.
func TestStreamsCappedInAll(t *testing.T) {
	ts, s := newTestServerWith(t, func(s *Server) { s.MaxStreams = 3 })
	url := ts.URL + "/api/analyses/1/events"
	for range 3 {
		defer openStream(t, url, "").res.Body.Close()
	}
	refusedStream(t, url, http.StatusServiceUnavailable)
	waitStreams(t, s, 3)
}

// TestStreamDoesNotLoadAnalysis opens streams, new and resumed, without the
// server loading the analysis (seconds for a long one); a missing analysis
// is still refused.
func TestStreamDoesNotLoadAnalysis(t *testing.T) {
	var store *loadCounter
	ts, _ := newTestServerWith(t, func(s *Server) {
		store = &loadCounter{Store: s.Store}
		s.Store = store
	})
	setCell(t, ts.URL, "one")
	s := openStream(t, ts.URL+"/api/analyses/1/events?after=1", "")
	defer s.res.Body.Close()
	if id, op := s.next(t); id != 2 || op.Op.Input != "one" {
		t.Errorf("first event %d %q, want 2 one", id, op.Op.Input)
	}
	if status, _ := do(t, "GET", ts.URL+"/api/analyses/99/events", ""); status != 404 {
		t.Errorf("events of a missing analysis: %d", status)
	}
	if n := store.gets.Load(); n != 0 {
		t.Errorf("opening streams loaded the analysis %d times", n)
	}
}

// TestStreamTooFarBehindReloads follows a stream from further behind than
// MaxBacklog: it gets the latest op alone, whose version the page sees is
// not the next one, and loads the analysis; a client just behind gets every
// op.
func TestStreamTooFarBehindReloads(t *testing.T) {
	ts, store := newTestServer(t)
	ctx := context.Background()
	var head int64
	for i := range MaxBacklog + 5 {
		l, err := store.Apply(ctx, 1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "C2", Input: fmt.Sprint(i)}, "")
		if err != nil {
			t.Fatal(err)
		}
		head = l.Version
	}
	events := ts.URL + "/api/analyses/1/events"
	s := openStream(t, events+"?after=1", "")
	defer s.res.Body.Close()
	if id, op := s.next(t); id != head || op.Version != head {
		t.Errorf("far behind: first event %d, want the latest, %d", id, head)
	}
	setCell(t, ts.URL, "live")
	if id, op := s.next(t); id != head+1 || op.Op.Input != "live" {
		t.Errorf("then %d %q, want %d live", id, op.Op.Input, head+1)
	}

	s = openStream(t, events, strconv.FormatInt(head+1-MaxBacklog, 10))
	defer s.res.Body.Close()
	for want := head + 2 - MaxBacklog; want <= head+1; want++ {
		if id, _ := s.next(t); id != want {
			t.Fatalf("just behind: event %d, want %d", id, want)
		}
	}
}

func TestClientKey(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:5000":               "127.0.0.1",
		"10.1.2.3:1":                   "10.1.2.3",
		"[2001:db8:1:2:3:4:5:6]:443":   "2001:db8:1:2::/64",
		"[2001:db8:1:2:ff:ff:ff:ff]:1": "2001:db8:1:2::/64",
		"[::ffff:10.1.2.3]:80":         "10.1.2.3",
	} {
		if got := clientKey(addr); got != want {
			t.Errorf("clientKey(%q) = %q, want %q", addr, got, want)
		}
	}
}
