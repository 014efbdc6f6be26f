//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
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
// Concurrent calls are committed together (group commit): the edits of one
// analysis waiting while its last batch is written are applied and written
// together (see lane), and the writes of many analyses waiting for the
// turn share a transaction, and its one fsync. Each op is still
// acknowledged only after that commit; an invalid op is refused alone.
// Errors: ENOTFOUND, EINVALID (from model.Apply), ECONFLICT, and internal
// errors.
func (s *Store) Apply(ctx context.Context, id int64, op model.Op, session string) (model.LoggedOp, error) {
	l := s.joinLane(id)
	defer s.leaveLane(l)
	req := &commitReq{id: id, op: op, session: session, done: make(chan struct{})}
	if err := s.send(ctx, l, req); err != nil {
		return model.LoggedOp{}, err
	}
	res := req.res
	if res.err != nil && model.ErrorCode(res.err) == model.EINTERNAL {
		return model.LoggedOp{}, fmt.Errorf("apply op to analysis %d: %w", id, res.err)
	}
	return res.logged, res.err
}

// maxBatch bounds the edits of one analysis applied together, and the
// writes of one group commit.
const maxBatch = 512

// committing bounds each recalculation of an edit, so that no analysis
// holds its lane, which its other edits wait for, for long: the engine's
// deterministic work budget first (calc.DefaultBudget, the same in the
// browser), then a time limit well below the browser's, a backstop on a
// loaded machine. Formulas past either show #BUSY!.
var committing = calc.Options{TimeLimit: 2 * time.Second}

// maxOpen bounds the analyses kept open between edits (see leaveLane).
const maxOpen = 32

type commitReq struct {
	id      int64
	op      model.Op
	session string
	res     commitRes     // the answer, set by the lane's leader
	done    chan struct{} // closed once res is set
}

type commitRes struct {
	logged model.LoggedOp
	new    bool // committed by this batch, not a retry of an earlier commit
	err    error
}

// draft is what a batch of one analysis's edits adds to the store, worked
// out by its lane's leader outside the turn: the op rows, encoded, and,
// when one is overdue, the analysis's snapshot. The writer only inserts it.
type draft struct {
	id      int64
	base    int64 // the version the log must end at for the draft to follow it
	now     time.Time
	entries []entry
	version int64 // the analysis's version after the entries
	row     row   // what the analyses row must hold after them
	setRow  bool  // ... when it changes (or a snapshot is written)
	snap    []byte
	broken  bool // an edit broke the open copy (see errBroken)

	err  error         // the write's, set by writeBatch
	done chan struct{} // closed once written, for a draft sent to the committer
}

// entry is one op row of a draft.
type entry struct {
	logged   model.LoggedOp // with its Undo
	op, undo string         // as stored
}

func newDraft(o *open, now time.Time) *draft {
	return &draft{id: o.a.ID, base: o.a.Version, now: now, version: o.a.Version, row: o.row}
}

// add records l, just applied to o, as the draft's next entry.
func (d *draft) add(o *open, l model.LoggedOp, op, undo string) {
	d.entries = append(d.entries, entry{logged: l, op: op, undo: undo})
	d.version, d.row = o.a.Version, rowOf(o.a)
}

// finish decides what else the draft writes: the analysis row, when what
// the list shows changed, and the snapshot, encoded here, when one is
// overdue (see snapshotEvery; due ones are written in pauses). A copy an
// edit broke holds half of it: it is not snapshotted. A snapshot that
// cannot be encoded is not written: the op log is the truth, and a read
// replays it; the edits still commit.
func (d *draft) finish(o *open, broken bool) {
	d.broken = broken
	if len(d.entries) == 0 {
		return
	}
	if !broken && o.snapshotOverdue() {
		body, err := json.Marshal(o.a)
		if err != nil {
			slog.Error("snapshot not written", "analysis", d.id, "version", o.a.Version, "err", err)
		} else {
			d.snap = body
		}
	}
	d.setRow = d.snap != nil || d.row != o.row
}

// writeOut writes d and waits for its commit, setting d.err. It writes d
// on the caller's goroutine when no write is under way and none is waiting
// for the committer: handing it over and its answer back wakes two
// goroutines on two processors, about 14 µs at the median and 30 µs at
// the 99th percentile on this machine, a tenth of a commit. Drafts that
// arrive during a write wait for the committer goroutine and share its
// next transaction.
func (s *Store) writeOut(d *draft) {
	if s.writesQueued.Load() == 0 && s.turn.TryLock() {
		select {
		case <-s.quit:
			d.err = errClosed
		default:
			s.writeBatch([]*draft{d})
			s.putOffSnapshots()
		}
		s.turn.Unlock()
		return
	}
	d.done = make(chan struct{})
	s.writesQueued.Add(1)
	select {
	case s.writes <- d:
		<-d.done
	case <-s.quit:
		s.writesQueued.Add(-1)
		d.err = errClosed
	}
}

// committer runs on its own goroutine for the store's life: it takes the
// drafts waiting and writes them in one transaction. In the first pause of
// s.pause after a commit that left a snapshot due, it has them written.
func (s *Store) committer() {
	defer close(s.stopped)
	for {
		var batch []*draft
		select {
		case d := <-s.writes:
			batch = append(batch, d)
		case <-s.idle.C:
			s.snapshotInPause()
			continue
		case <-s.quit:
			return
		}
		s.turn.Lock() // the drafts that arrive meanwhile join the batch
	drain:
		for len(batch) < maxBatch {
			select {
			case d := <-s.writes:
				batch = append(batch, d)
			default:
				break drain
			}
		}
		s.writeBatch(batch)
		s.putOffSnapshots()
		s.turn.Unlock()
		for _, d := range batch {
			close(d.done)
		}
		s.writesQueued.Add(-int64(len(batch)))
	}
}

// putOffSnapshots restarts the wait for a pause in which to write the due
// snapshots, if any: each commit puts it off again.
func (s *Store) putOffSnapshots() {
	if s.snapshotsDue() {
		s.idle.Reset(s.pause)
	}
}

// writeBatch writes the drafts in one transaction; the caller holds the
// turn. A draft whose analysis went to the trash (ENOTFOUND) or gained ops
// from another writer since its lane opened it (errStale) fails alone;
// the database failing fails them all. After the commit each new op goes
// to OnCommit, in version order for each analysis.
func (s *Store) writeBatch(batch []*draft) {
	ctx := context.Background()
	fail := func(err error) {
		s.rollback()
		for _, d := range batch {
			d.err = err
		}
	}
	if err := s.begin(ctx); err != nil {
		fail(err)
		return
	}
	for _, d := range batch {
		if err := s.insert(ctx, d); err != nil {
			fail(err)
			return
		}
	}
	if err := s.commit(ctx); err != nil {
		fail(err)
		return
	}
	if notify := s.notify.Load(); notify != nil {
		for _, d := range batch {
			for _, e := range d.entries {
				if d.err == nil {
					(*notify)(d.id, e.logged)
				}
			}
		}
	}
}

// insert writes d inside the transaction under way, unless its analysis's
// head moved (d.err set); the error returned is the database's.
func (s *Store) insert(ctx context.Context, d *draft) error {
	head, err := s.head(ctx, d.id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		d.err = notFound(d.id)
		return nil
	case err != nil:
		return err
	case head != d.base:
		d.err = errStale
		return nil
	}
	for _, e := range d.entries {
		l := e.logged
		if _, err := s.stmts.insertOp.ExecContext(ctx, d.id, l.Version, e.op, l.Session, stamp(l.Time), e.undo, l.Op.ID, l.Change); err != nil {
			return err
		}
	}
	if d.snap != nil {
		if err := writeSnapshotBody(ctx, s.wc, d.id, d.version, d.snap); err != nil {
			return err
		}
	}
	if d.setRow {
		_, err := s.stmts.updateAnalysis.ExecContext(ctx, d.version, d.row.title, d.row.ticker, d.row.verdict, stamp(d.now), d.id)
		return err
	}
	return nil
}

// OnCommit has fn called with every op committed from now on, in the order
// of commits (for each analysis, in version order), as soon as it is on
// disk and before its edit is answered. fn runs inside the commit, one
// commit at a time (see committer): it must not block. The server fans the
// ops out to the event streams with it.
func (s *Store) OnCommit(fn func(id int64, l model.LoggedOp)) { s.notify.Store(&fn) }

// head is analysis id's latest committed version, read inside the write
// under way; sql.ErrNoRows when it is gone or in the trash.
func (s *Store) head(ctx context.Context, id int64) (int64, error) {
	var version int64
	err := s.stmts.version.QueryRowContext(ctx, id).Scan(&version)
	return version, err
}

// keepRecent is how many of an open analysis's latest ops its lane
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
