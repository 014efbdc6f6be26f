//go:build !wasm

package server

import (
	"encoding/json"
	"fmt"
	"sync"

	"thesisboard/app/model"
)

// hub fans committed ops out to the event streams open on each analysis.
// A subscriber too slow to keep up is dropped; its browser reconnects with
// Last-Event-ID and catches up from the op log, so nothing is lost.
type hub struct {
	mu     sync.Mutex
	subs   map[int64]map[chan *event]struct{}
	closed bool
}

// subscriberBuffer is how many events a stream may fall behind before it
// is dropped. Events are pointers: a thousand streams hold 2 MB of
// buffers, not the 60 MB of as many ops held by value.
const subscriberBuffer = 256

// event is a committed op as the streams write it, encoded once however
// many streams follow its analysis (a thousand encodings of each op made
// every stream's client wait on two cores).
type event struct {
	op   model.LoggedOp
	once sync.Once
	text []byte
}

// frame is the event in the text/event-stream format; its id is the
// version, so a browser resumes after it with Last-Event-ID.
func (e *event) frame() []byte {
	e.once.Do(func() {
		data, err := json.Marshal(e.op)
		if err != nil {
			data = []byte("null") // no op of the log fails to encode
		}
		e.text = fmt.Appendf(nil, "id: %d\nevent: op\ndata: %s\n\n", e.op.Version, data)
	})
	return e.text
}

func (h *hub) subscribe(id int64) chan *event {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan *event, subscriberBuffer)
	if h.closed {
		close(ch)
		return ch
	}
	if h.subs == nil {
		h.subs = map[int64]map[chan *event]struct{}{}
	}
	if h.subs[id] == nil {
		h.subs[id] = map[chan *event]struct{}{}
	}
	h.subs[id][ch] = struct{}{}
	return ch
}

func (h *hub) unsubscribe(id int64, ch chan *event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[id][ch]; ok {
		delete(h.subs[id], ch)
		close(ch)
	}
	if len(h.subs[id]) == 0 {
		delete(h.subs, id)
	}
}

// publish sends op to the streams following analysis id. It runs in the
// store's commit (see committer) and must not block.
func (h *hub) publish(id int64, op model.LoggedOp) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ev := &event{op: op}
	for ch := range h.subs[id] {
		select {
		case ch <- ev:
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

// Close ends the open event streams. Call it before shutting the HTTP server
// down.
func (s *Server) Close() { s.hub.close() }
