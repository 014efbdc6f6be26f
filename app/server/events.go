//go:build !wasm

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"thesisboard/app/model"
)

// hub fans committed ops out to the event streams open on each analysis.
// A subscriber too slow to keep up is dropped; its browser reconnects with
// Last-Event-ID and catches up from the op log, so nothing is lost.
type hub struct {
	mu     sync.Mutex
	subs   map[int64]map[chan model.LoggedOp]struct{}
	closed bool
}

const subscriberBuffer = 256

func (h *hub) subscribe(id int64) chan model.LoggedOp {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan model.LoggedOp, subscriberBuffer)
	if h.closed {
		close(ch)
		return ch
	}
	if h.subs == nil {
		h.subs = map[int64]map[chan model.LoggedOp]struct{}{}
	}
	if h.subs[id] == nil {
		h.subs[id] = map[chan model.LoggedOp]struct{}{}
	}
	h.subs[id][ch] = struct{}{}
	return ch
}

func (h *hub) unsubscribe(id int64, ch chan model.LoggedOp) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[id][ch]; ok {
		delete(h.subs[id], ch)
		close(ch)
	}
}

func (h *hub) publish(id int64, op model.LoggedOp) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs[id] {
		select {
		case ch <- op:
		default: // too slow: drop it, it will resume from the log
			delete(h.subs[id], ch)
			close(ch)
		}
	}
}

// close ends every stream, so a shutdown does not wait on them.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, subs := range h.subs {
		for ch := range subs {
			close(ch)
		}
	}
	h.subs = nil
}

// apply commits an op and tells the open streams, unless the store does.
func (s *Server) apply(ctx context.Context, id int64, op model.Op, session string) (model.LoggedOp, error) {
	l, err := s.Store.Apply(ctx, id, op, session)
	if err == nil && !s.byStore {
		s.hub.publish(id, l)
	}
	return l, err
}

// Close ends the open event streams. Call it before shutting the HTTP server
// down.
func (s *Server) Close() { s.hub.close() }

// heartbeat keeps idle streams open through proxies and lets the server
// notice a closed connection.
const heartbeat = 20 * time.Second

// events streams the ops of an analysis as Server-Sent Events: first those
// after the version the client has (?after=N, or the Last-Event-ID header
// its EventSource sends on reconnecting), then each op as it is committed.
// Event ids are versions, so a resumed stream has no gap and no duplicate.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if !ok {
		return
	}
	id := a.ID
	after := a.Version
	for _, v := range []string{r.Header.Get("Last-Event-ID"), r.URL.Query().Get("after")} {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
			after = n
			break
		}
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
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "retry: 1000\n\n")
	last := after
	write := func(op model.LoggedOp) bool {
		data, _ := json.Marshal(op)
		if _, err := fmt.Fprintf(w, "id: %d\nevent: op\ndata: %s\n\n", op.Version, data); err != nil {
			return false
		}
		last = op.Version
		return true
	}
	// send writes op unless it was sent. One ahead of the next version (a
	// store that does not publish in commit order, whose requests publish
	// ops committed together in any order) brings those before it from the
	// log first, so the stream never skips a version.
	send := func(op model.LoggedOp) bool {
		if op.Version <= last {
			return true
		}
		if op.Version > last+1 {
			s.gapFills.Add(1)
			gap, err := s.Store.Ops(r.Context(), id, last)
			if err != nil {
				return false // the browser reconnects from last
			}
			for _, g := range gap {
				if g.Version > last && g.Version < op.Version && !write(g) {
					return false
				}
			}
		}
		return write(op)
	}
	for _, op := range backlog {
		if !send(op) {
			return
		}
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case op, ok := <-ch:
			if !ok {
				return
			}
			if !send(op) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
		}
		if rc.Flush() != nil {
			return
		}
	}
}
