//go:build !wasm

package sqlite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"thesisboard/app/calc"
)

// Each analysis's edits go through its lane. One goroutine at a time, the
// lane's leader (the caller of an edit that found the lane free), takes the
// edits waiting there, applies them to the analysis's open copy (which
// recalculates formulas: up to a second on a 100,000-row sheet) and hands
// what they add to the log to the writer (writeOut), keeping the lane until
// that write is committed. The store's one write turn is taken for the
// write alone: an edit of one analysis never waits for another's formulas,
// only, at most, for a write (a few milliseconds).
//
// Holding the lane through the write keeps one analysis's edits in order
// (each batch starts from the version the last one committed) and lets a
// failed write take back what its batch applied: the open copy is dropped
// and opened again from the log.
type lane struct {
	id    int64
	token chan struct{} // holds a value while a leader works the lane

	// Under Store.lanesMu.
	users int  // goroutines holding the lane or waiting for it
	kept  bool // o was set when the last leader let go
	due   bool // ... and had a snapshot due (see snapshotDue)

	mu      sync.Mutex
	waiting []*commitReq // edits sent, not yet taken by a leader

	// The leader's: the analysis at its latest committed version, or nil.
	o *open
	// stale is set, under lanesMu, when another writer may have changed
	// the analysis behind o (trash, purge): the next leader opens it again.
	stale bool
}

// joinLane returns analysis id's lane, counting the caller among its users
// until leaveLane.
func (s *Store) joinLane(id int64) *lane {
	s.lanesMu.Lock()
	defer s.lanesMu.Unlock()
	l := s.lanes[id]
	if l == nil {
		l = &lane{id: id, token: make(chan struct{}, 1)}
		s.lanes[id] = l
	}
	l.users++
	return l
}

// leaveLane ends the caller's use of l. A lane nobody uses goes when it
// keeps no open copy, and open copies nobody uses go, any one first, while
// more than maxOpen are kept.
func (s *Store) leaveLane(l *lane) {
	s.lanesMu.Lock()
	defer s.lanesMu.Unlock()
	l.users--
	if l.users == 0 && !l.kept {
		delete(s.lanes, l.id)
	}
	kept := 0
	for _, x := range s.lanes {
		if x.kept {
			kept++
		}
	}
	for id, x := range s.lanes {
		if kept <= maxOpen {
			break
		}
		if x.users == 0 && x.kept { // no one holds it: its copy is free to drop
			x.o, x.kept, x.due = nil, false, false
			delete(s.lanes, id)
			kept--
		}
	}
}

// lead works l for the caller, who holds it, until the caller's own edit is
// answered: it takes the waiting edits, at most maxBatch at a time.
func (s *Store) lead(l *lane, own *commitReq) {
	defer s.release(l)
	for !answered(own) {
		l.mu.Lock()
		n := min(len(l.waiting), maxBatch)
		batch := append([]*commitReq(nil), l.waiting[:n]...)
		l.waiting = append(l.waiting[:0], l.waiting[n:]...)
		l.mu.Unlock()
		if n == 0 {
			return // cannot happen: the caller's edit is waiting or answered
		}
		s.queued.Add(-int64(n))
		s.commitEdits(l, batch)
		for _, r := range batch {
			close(r.done)
		}
	}
}

func answered(r *commitReq) bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// release lets go of l, held by the caller, noting for the others what its
// open copy is now.
func (s *Store) release(l *lane) {
	kept, due := l.o != nil, l.o != nil && l.o.snapshotDue()
	s.lanesMu.Lock()
	l.kept, l.due = kept, due
	s.lanesMu.Unlock()
	if due {
		s.idle.Reset(s.pause)
	}
	<-l.token
}

// withdraw takes r back from l's waiting edits, and reports whether it was
// still there (no leader has taken it).
func (s *Store) withdraw(l *lane, r *commitReq) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, x := range l.waiting {
		if x == r {
			l.waiting = append(l.waiting[:i], l.waiting[i+1:]...)
			s.queued.Add(-1)
			return true
		}
	}
	return false
}

// maxStale is how many times a batch is applied again after finding that
// another writer changed its analysis between applying and writing.
const maxStale = 3

// commitEdits applies batch, edits of l's analysis, to its open copy and
// writes them, setting each edit's answer; the caller leads l. An edit
// that fails fails alone: refused edits leave nothing behind, and an edit
// that breaks the open copy (errBroken) fails the batch's later edits, not
// the earlier ones, which are written. A write that fails fails the edits
// it held, and the copy that holds them is dropped.
func (s *Store) commitEdits(l *lane, batch []*commitReq) {
	for attempt := 1; ; attempt++ {
		d := s.applyEdits(l, batch)
		if len(d.entries) > 0 {
			s.writeOut(d)
		}
		if !s.conclude(l, d, batch, attempt) {
			return
		}
	}
}

// conclude settles batch after the write of d, its draft, and reports
// whether to apply it again: after the attempt-th try found the analysis
// changed by another writer.
func (s *Store) conclude(l *lane, d *draft, batch []*commitReq, attempt int) bool {
	switch {
	case errors.Is(d.err, errStale) && attempt < maxStale:
		l.o = nil
		return true
	case d.err != nil:
		l.o = nil // it holds what the log does not
		for _, r := range batch {
			if r.res.err == nil && (r.res.new || r.res.logged.Version > d.base) {
				r.res = commitRes{err: d.err} // also a retry answered from the draft
			}
		}
	default:
		s.settle(l, d)
	}
	return false
}

// applyEdits applies batch to l's open copy, opening it first if need be,
// and returns what the log gains (a draft, see oplog.go).
func (s *Store) applyEdits(l *lane, batch []*commitReq) *draft {
	ctx := context.Background()
	o, err := s.openIn(ctx, l)
	if err != nil {
		for _, r := range batch {
			r.res = commitRes{err: err}
		}
		return &draft{}
	}
	if s.applying != nil {
		s.applying(l.id)
	}
	d := newDraft(o, s.now())
	var broken error
	for _, r := range batch {
		if broken != nil {
			r.res = commitRes{err: broken}
			continue
		}
		r.res = commitRes{}
		r.res.logged, r.res.new, r.res.err = s.commitOp(ctx, o, d, r.op, r.session, 0)
		if errors.Is(r.res.err, errBroken) {
			broken = r.res.err
		}
	}
	d.finish(o, broken != nil)
	return d
}

// settle records in l's open copy that d was committed: the snapshot it
// wrote, what the analysis row holds. A copy an edit broke is dropped.
func (s *Store) settle(l *lane, d *draft) {
	if d.broken || l.o == nil { // nil: it did not open
		l.o = nil
		return
	}
	if d.snap != nil {
		l.o.stored()
	}
	l.o.row = d.row
}

// openIn returns l's analysis, opened for edits: the copy l keeps, else
// loaded (its snapshot decoded, the ops after it replayed, its formulas
// computed), on the leader's goroutine. It returns ENOTFOUND for an
// analysis that does not exist or is in the trash.
//
// A panic while opening (a formula the engine trips on while replaying)
// is an error of this analysis's edits (errBroken), not of the server.
func (s *Store) openIn(ctx context.Context, l *lane) (o *open, err error) {
	s.lanesMu.Lock()
	if l.stale {
		l.o, l.stale = nil, false
	}
	s.lanesMu.Unlock()
	if l.o != nil {
		return l.o, nil
	}
	defer func() {
		if p := recover(); p != nil {
			slog.Error("opening an analysis panicked", "analysis", l.id, "panic", p, "stack", string(debug.Stack()))
			o, err = nil, fmt.Errorf("%w: open analysis %d: %v", errBroken, l.id, p)
		}
	}()
	if o, err = load(ctx, s.r, l.id); err != nil {
		return nil, err
	}
	if o.engine == nil {
		o.engine = calc.NewEngine(o.a, committing)
	}
	o.engine.SetOptions(committing)
	l.o = o
	return o, nil
}

// invalidate has the open copies of the analyses ids (all when none is
// given) opened again by their next edit: another writer changed them.
func (s *Store) invalidate(ids ...int64) {
	s.lanesMu.Lock()
	defer s.lanesMu.Unlock()
	if len(ids) == 0 {
		for _, l := range s.lanes {
			l.stale = true
		}
	}
	for _, id := range ids {
		if l := s.lanes[id]; l != nil {
			l.stale = true
		}
	}
}

// acquire waits for l's token, for ctx or for the store's end.
func (s *Store) acquire(ctx context.Context, l *lane) error {
	select {
	case l.token <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-s.quit:
		return errClosed
	}
}

var errClosed = errors.New("the store is closed")

// send puts req in l's line, then leads the lane or waits for the
// leader's answer; it returns early only with ctx's error or errClosed,
// when no leader had taken the edit.
func (s *Store) send(ctx context.Context, l *lane, req *commitReq) error {
	l.mu.Lock()
	l.waiting = append(l.waiting, req)
	l.mu.Unlock()
	s.queued.Add(1)
	select {
	case l.token <- struct{}{}:
		s.lead(l, req)
		return nil
	case <-req.done:
		return nil
	case <-ctx.Done():
		if s.withdraw(l, req) {
			return ctx.Err()
		}
	case <-s.quit:
		if s.withdraw(l, req) {
			return errClosed
		}
	}
	<-req.done // a leader has it
	return nil
}
