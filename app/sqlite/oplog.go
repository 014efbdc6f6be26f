//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime/debug"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Apply validates op against the latest version of analysis id, applies it
// (recalculating the formulas it reaches) and logs it. It returns the op as
// logged, with the version it produced, only after the commit, so a returned
// version is on disk. The logged op is op carried over the ops it crossed
// (see rebase): what other sessions must apply.
//
// Concurrent calls are committed together (group commit): the ops waiting
// when a transaction starts share it, and its one fsync. Each op is still
// acknowledged only after that commit; an invalid op is refused alone.
// Errors: ENOTFOUND, EINVALID (from model.Apply), ECONFLICT, and internal
// errors.
func (s *Store) Apply(ctx context.Context, id int64, op model.Op, session string) (model.LoggedOp, error) {
	s.warm(ctx, id)
	req := &commitReq{id: id, op: op, session: session}
	if !s.commitAlone(req) {
		req.done = make(chan struct{})
		s.queued.Add(1)
		select {
		case s.commits <- req:
		case <-ctx.Done():
			s.queued.Add(-1)
			return model.LoggedOp{}, ctx.Err()
		case <-s.quit:
			s.queued.Add(-1)
			return model.LoggedOp{}, errors.New("the store is closed")
		}
		<-req.done
	}
	res := req.res
	if res.err != nil && model.ErrorCode(res.err) == model.EINTERNAL {
		return model.LoggedOp{}, fmt.Errorf("apply op to analysis %d: %w", id, res.err)
	}
	return res.logged, res.err
}

// maxBatch bounds one group commit.
const maxBatch = 512

// committing bounds each recalculation the committer runs, so that no
// analysis holds the turn, which every other edit waits for, for long: the
// engine's deterministic work budget first (calc.DefaultBudget, the same in
// the browser), then a time limit well below the browser's, a backstop on
// a loaded machine. Formulas past either show #BUSY!.
var committing = calc.Options{TimeLimit: 2 * time.Second}

// maxOpen bounds the analyses the committer keeps open between batches.
const maxOpen = 32

type commitReq struct {
	id      int64
	op      model.Op
	session string
	res     commitRes     // the answer, set by commitBatch
	done    chan struct{} // closed once res is set, for an edit sent to the committer
}

type commitRes struct {
	logged model.LoggedOp
	new    bool // committed by this batch, not a retry of an earlier commit
	err    error
}

// commitAlone commits req on the caller's goroutine when no commit is under
// way and no edit is waiting for one, and reports whether it did. Handing
// an edit to the committer goroutine and its answer back wakes two
// goroutines on two processors, about 14 µs at the median and 30 µs at the
// 99th percentile on this machine, a tenth of a commit; an edit alone needs
// neither. Edits that arrive during a commit still wait for the committer
// goroutine and share the next one.
func (s *Store) commitAlone(req *commitReq) bool {
	if s.queued.Load() > 0 || !s.turn.TryLock() {
		return false
	}
	defer s.turn.Unlock()
	select {
	case <-s.quit:
		return false // Apply answers that the store is closed
	default:
	}
	s.commitBatch([]*commitReq{req})
	s.putOffSnapshots()
	return true
}

// committer runs on its own goroutine for the store's life: it takes the
// waiting ops and commits them in one transaction. In the first pause of
// s.pause after a commit that left a snapshot due, it writes it.
//
// Whoever commits, the committer goroutine or an edit alone (commitAlone),
// holds s.turn: it owns the open analyses and the writing connection's
// statements for the commit.
func (s *Store) committer() {
	defer close(s.stopped)
	for {
		var batch []*commitReq
		select {
		case r := <-s.commits:
			batch = append(batch, r)
		case <-s.idle.C:
			s.turn.Lock()
			s.snapshotInPause()
			s.turn.Unlock()
			continue
		case <-s.quit:
			return
		}
		s.turn.Lock() // the edits that arrive meanwhile join the batch
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-s.commits:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		s.commitBatch(batch)
		s.putOffSnapshots()
		s.turn.Unlock()
		for _, r := range batch {
			close(r.done)
		}
		s.queued.Add(-int64(len(batch)))
	}
}

// putOffSnapshots restarts the wait for a pause in which to write the due
// snapshots, if any: each commit puts it off again.
func (s *Store) putOffSnapshots() {
	if s.snapshotsDue() {
		s.idle.Reset(s.pause)
	}
}

// commitBatch applies and logs the batch's ops in one transaction; the
// caller holds the turn. The analyses it changes stay open (s.open) for the
// next batches, so a commit neither decodes nor re-encodes a snapshot: it
// writes the op rows, the analysis row only when what the list shows
// changed, and a snapshot only when one is overdue (see snapshotEvery; they
// are written in pauses).
//
// An op that fails fails alone: refused ops (EINVALID, ECONFLICT) leave
// nothing behind, and an op that broke its analysis's open copy (see
// errBroken) fails that analysis's later ops in the batch, not the other
// analyses'. Only the database failing fails the whole batch.
func (s *Store) commitBatch(batch []*commitReq) {
	ctx := context.Background()
	checked := map[int64]*open{} // the analyses this batch has looked at
	broken := map[int64]error{}  // ... and those an op left half-changed
	fail := func(err error) {
		for id := range checked {
			s.forget(id) // may hold changes now rolled back
		}
		for _, r := range batch {
			r.res = commitRes{err: err}
		}
	}
	err := s.begin(ctx)
	if err != nil {
		fail(err)
		return
	}
	committed := false
	defer func() {
		if !committed {
			s.rollback()
		}
	}()
	now := s.now()
	changed := map[int64]*open{}
	unopened := map[int64]error{} // why an analysis of this batch could not be opened
	for _, r := range batch {
		o, ok := checked[r.id]
		if !ok {
			// An analysis that does not open (a snapshot that does not
			// decode, a log that does not replay) fails its own edits only.
			if o, err = s.opened(ctx, r.id); err != nil {
				unopened[r.id] = err
			}
			checked[r.id] = o
		}
		switch {
		case unopened[r.id] != nil:
			r.res.err = unopened[r.id]
			continue
		case o == nil:
			r.res.err = notFound(r.id)
			continue
		case broken[r.id] != nil:
			r.res.err = broken[r.id]
			continue
		}
		r.res.logged, r.res.new, r.res.err = s.commitOp(ctx, o, r.op, r.session, 0, now)
		switch err := r.res.err; {
		case err == nil:
			if r.res.new {
				changed[r.id] = o
			}
		case errors.Is(err, errBroken):
			broken[r.id] = err
		case model.ErrorCode(err) == model.EINTERNAL:
			fail(err)
			return
		}
	}
	for id := range broken {
		// Its ops committed before the break are in the transaction and
		// in the log; the open copy holds the broken op's half too, so it
		// is neither snapshotted nor kept (forgotten below).
		if o := changed[id]; o != nil && o.row != rowOf(o.a) {
			if _, err := s.stmts.updateAnalysis.ExecContext(ctx, o.a.Version, o.a.Title, o.a.Ticker, o.a.Thesis.Verdict, stamp(now), id); err != nil {
				fail(err)
				return
			}
		}
		delete(changed, id)
	}
	if err := s.storeChanged(ctx, changed, now); err != nil {
		fail(err)
		return
	}
	committed = true // or rolled back: either way no longer ours to end
	if err := s.commit(ctx); err != nil {
		fail(err)
		return
	}
	for id := range broken {
		s.forget(id)
	}
	s.settled(changed)
	if notify := s.notify.Load(); notify != nil {
		for _, r := range batch {
			if r.res.new {
				(*notify)(r.id, r.res.logged)
			}
		}
	}
}

// storeChanged writes, inside the transaction under way, what the list
// shows of each changed analysis when it changed, and its snapshot when one
// is overdue. A snapshot that cannot be encoded is not written: the op log
// is the truth, and a read replays it; the edits still commit.
func (s *Store) storeChanged(ctx context.Context, changed map[int64]*open, now time.Time) error {
	for id, o := range changed {
		snap := o.snapshotOverdue()
		if snap {
			err := writeSnapshot(ctx, s.wc, o.a)
			var enc *encodeError
			if errors.As(err, &enc) {
				slog.Error("snapshot not written", "analysis", id, "version", o.a.Version, "err", err)
				snap = false
			} else if err != nil {
				return err
			}
		}
		if !snap && o.row == rowOf(o.a) {
			continue // the op log says the version and the time
		}
		if _, err := s.stmts.updateAnalysis.ExecContext(ctx, o.a.Version, o.a.Title, o.a.Ticker, o.a.Thesis.Verdict, stamp(now), id); err != nil {
			return err
		}
	}
	return nil
}

// settled records, once the transaction is committed, what storeChanged
// wrote.
func (s *Store) settled(changed map[int64]*open) {
	for _, o := range changed {
		if o.snapshotOverdue() {
			o.stored()
		}
		o.row = rowOf(o.a)
	}
}

// OnCommit has fn called with every op committed from now on, in the order
// of commits (for each analysis, in version order), as soon as it is on
// disk and before its edit is answered. fn runs inside the commit, one
// commit at a time (see committer): it must not block. The server fans the
// ops out to the event streams with it.
func (s *Store) OnCommit(fn func(id int64, l model.LoggedOp)) { s.notify.Store(&fn) }

// opened returns analysis id at its latest committed version, from s.open
// when its head (analysis_heads) still has that version (nothing else wrote
// it since), else loaded. It returns nil, with ENOTFOUND, for an analysis that does not
// exist or is in the trash.
//
// A panic while opening (a formula the engine trips on while replaying) is
// an error of this analysis, not the end of the committer.
func (s *Store) opened(ctx context.Context, id int64) (o *open, err error) {
	defer func() {
		if p := recover(); p != nil {
			slog.Error("opening an analysis panicked", "analysis", id, "panic", p, "stack", string(debug.Stack()))
			s.forget(id)
			o, err = nil, fmt.Errorf("%w: open analysis %d: %v", errBroken, id, p)
		}
	}()
	if o := s.open[id]; o != nil {
		version, err := s.head(ctx, id)
		if err == nil && version == o.a.Version {
			return o, nil
		}
		s.forget(id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	o = s.takeWarm(id)
	ok, err := s.caughtUp(ctx, id, o)
	if !ok && err == nil {
		o, err = load(ctx, s.wc, id)
	}
	if err != nil {
		return nil, err
	}
	if o.engine == nil {
		o.engine = calc.NewEngine(o.a, committing)
	}
	o.engine.SetOptions(committing)
	if len(s.open) >= maxOpen {
		for k := range s.open { // forget one at random
			s.forget(k)
			break
		}
	}
	s.keepOpen(id, o)
	return o, nil
}

// head is analysis id's latest committed version; sql.ErrNoRows when it is
// gone or in the trash.
func (s *Store) head(ctx context.Context, id int64) (int64, error) {
	var version int64
	err := s.stmts.version.QueryRowContext(ctx, id).Scan(&version)
	return version, err
}

// caughtUp brings o, opened by warm, to the analysis's latest version by
// replaying the ops committed since, and reports whether it could: not
// when there is no o, or the analysis went meanwhile (to the trash, say);
// then it is loaded again.
func (s *Store) caughtUp(ctx context.Context, id int64, o *open) (bool, error) {
	if o == nil {
		return false, nil
	}
	version, err := s.head(ctx, id)
	if err != nil || version < o.a.Version {
		return false, nil
	}
	if version > o.a.Version {
		from, work := o.a.Version, o.engine.Work()
		if err := replay(ctx, s.wc, o.engine, from, version); err != nil {
			return false, fmt.Errorf("open analysis %d: %w", id, err)
		}
		o.since += o.engine.Work() - work + (version - from)
	}
	return true, nil
}

// keepRecent is how many of an open analysis's latest ops the committer
// keeps decoded (between keepRecent and twice as many): an edit made on a
// version that recent is carried over them without reading the log.
const keepRecent = 1024

// remember keeps l, just logged, among o's recent ops.
func (o *open) remember(l model.LoggedOp) {
	if len(o.recent) >= 2*keepRecent {
		o.recent = append(o.recent[:0], o.recent[len(o.recent)-keepRecent:]...)
	}
	o.recent = append(o.recent, l)
}

// after returns the ops of o's analysis committed after version, oldest
// first: from those kept in memory when they reach back that far, else
// from the log.
func (o *open) after(ctx context.Context, q querier, version int64) ([]model.LoggedOp, error) {
	if len(o.recent) > 0 && o.recent[0].Version <= version+1 {
		return o.recent[version+1-o.recent[0].Version:], nil
	}
	return readOps(ctx, q, o.a.ID, version, math.MaxInt64)
}
