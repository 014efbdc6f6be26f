//go:build !wasm

package sqlite

import (
	"context"
	"fmt"
	"sync"

	"thesisboard/app/calc"
)

// Opening an analysis for edits (decoding its snapshot, replaying the ops
// after it, building its formula engine) takes a good part of a second for a
// 100,000-row one. The committer, which every session's edits wait on, must
// not spend it: Apply first opens an analysis the committer does not have
// open on the caller's goroutine (warm), and the committer takes it from
// there, bringing it up to date with the ops committed meanwhile, if any
// (takeWarm).
type warmth struct {
	mu      sync.Mutex
	open    map[int64]bool          // what the committer has open (s.open), mirrored
	ready   map[int64]*open         // opened by warm, for the committer to take
	loading map[int64]chan struct{} // being opened by warm
}

// warm opens analysis id for the committer unless it has it open already.
// Errors are left for the committer to meet and report.
func (s *Store) warm(ctx context.Context, id int64) {
	w := &s.warmth
	w.mu.Lock()
	if w.open[id] || w.ready[id] != nil {
		w.mu.Unlock()
		return
	}
	if ch, ok := w.loading[id]; ok {
		w.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
		}
		return
	}
	ch := make(chan struct{})
	w.loading[id] = ch
	w.mu.Unlock()
	defer close(ch)

	o, err := warmLoad(ctx, s, id)
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.loading, id)
	if err != nil || w.open[id] {
		return
	}
	if len(w.ready) >= maxOpen {
		for k := range w.ready { // one never taken: its edit failed on the way
			delete(w.ready, k)
			break
		}
	}
	w.ready[id] = o
}

// takeWarm returns analysis id as warm opened it, if it did, once.
func (s *Store) takeWarm(id int64) *open {
	w := &s.warmth
	w.mu.Lock()
	defer w.mu.Unlock()
	o := w.ready[id]
	delete(w.ready, id)
	return o
}

// keepOpen and forget change the committer's open analyses (s.open) and
// their mirror.
func (s *Store) keepOpen(id int64, o *open) {
	s.open[id] = o
	s.warmth.mu.Lock()
	s.warmth.open[id] = true
	s.warmth.mu.Unlock()
}

func (s *Store) forget(id int64) {
	delete(s.open, id)
	s.warmth.mu.Lock()
	delete(s.warmth.open, id)
	s.warmth.mu.Unlock()
}

// warmLoad loads analysis id with its engine; a panic on the way is an
// error (the committer meets the analysis again and reports it), so that
// warm always clears its loading mark.
func warmLoad(ctx context.Context, s *Store, id int64) (o *open, err error) {
	defer func() {
		if p := recover(); p != nil {
			o, err = nil, fmt.Errorf("open analysis %d: %v", id, p)
		}
	}()
	if o, err = load(ctx, s.r, id); err == nil && o.engine == nil {
		o.engine = calc.NewEngine(o.a)
	}
	return o, err
}
