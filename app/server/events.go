//go:build !wasm

package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// heartbeat keeps idle streams open through proxies and lets the server
// notice a closed connection.
const heartbeat = 20 * time.Second

// streamWriteTimeout bounds each write to a stream: a client that stops
// reading (its socket buffer full) loses its stream, rather than holding a
// goroutine and a connection for good. The server's WriteTimeout cannot,
// as a stream outlives it.
const streamWriteTimeout = 30 * time.Second

// MaxBacklog is how many ops a stream sends from the log to a client
// behind the latest version before it goes live. It matches how far behind
// the page lets the stream bring its copy up to date
// (components.maxCatchUp). A client further behind gets, instead of the
// backlog, only the latest op: the gap before it is the signal on which the
// page loads the analysis again (replica.Remote), which is cheaper for both
// than thousands of ops. So a connect reads at most this many ops, however
// long the log.
const MaxBacklog = 2000

// events streams the ops of an analysis as Server-Sent Events: first those
// after the version the client has (?after=N, or the Last-Event-ID header
// its EventSource sends on reconnecting), then each op as it is committed.
// Event ids are versions, so a resumed stream has no gap and no duplicate.
//
// A stream over the caps (streams.go) is refused first, with 503 or 429,
// before the store is asked anything; then the analysis's latest version is
// read (not the analysis) and at most MaxBacklog ops of its log.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	leave, ok := s.enterStream(w, r)
	if !ok {
		return
	}
	defer leave()
	head, err := s.Store.Head(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	after := head
	for _, v := range []string{r.Header.Get("Last-Event-ID"), r.URL.Query().Get("after")} {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			after = n
			break
		}
	}
	if head-after > MaxBacklog {
		after = head - 1 // only the latest op: the page reloads
	}
	// Subscribe before reading the log: an op committed in between is in
	// both and is sent once; none can fall between the two.
	ch := s.hub.subscribe(id)
	defer s.hub.unsubscribe(id, ch)
	backlog, err := s.Store.Ops(r.Context(), id, after)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	// A stream outlives the server's WriteTimeout: each write has its own
	// deadline (streamWriteTimeout) instead.
	rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 1000\n\n")
	last := after
	write := func(ev *event) bool {
		if _, err := w.Write(ev.frame()); err != nil {
			return false
		}
		last = ev.op.Version
		return true
	}
	// send writes ev unless it was sent. One ahead of the next version (a
	// store that does not publish in commit order, whose requests publish
	// ops committed together in any order) brings those before it from the
	// log first, so the stream never skips a version.
	send := func(ev *event) bool {
		if ev.op.Version <= last {
			return true
		}
		if ev.op.Version > last+1 {
			s.gapFills.Add(1)
			gap, err := s.Store.OpsBetween(r.Context(), id, last, ev.op.Version)
			if err != nil {
				return false // the browser reconnects from last
			}
			for _, g := range gap {
				if !write(&event{op: g}) {
					return false
				}
			}
		}
		return write(ev)
	}
	for _, op := range backlog {
		if !send(&event{op: op}) {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	revoked := s.revocations()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-revoked:
			// Taken before the check, so a revocation during it is not
			// missed.
			revoked = s.revocations()
			if err := s.stillAllowed(r); err != nil {
				rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
				w.Write(endedFrame(err))
				rc.Flush()
				return
			}
		case ev, ok := <-ch:
			if !ok {
				return
			}
			rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
			if !send(ev) {
				return
			}
		case <-tick.C:
			rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}
