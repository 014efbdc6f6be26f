//go:build !wasm

package server

import (
	"context"
	"sync"

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
