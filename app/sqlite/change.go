//go:build !wasm

package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"thesisboard/app/model"
)

// changeDeadline bounds how long one change holds its analysis's lane
// (the turn only for its write), whatever its
// ops cost: past it the change is rolled back and refused, and the edits
// that waited go on. It is a backstop far above what model.MaxChangeOps
// ops take (17–40 ms here; seconds under the race detector on a loaded
// machine), since a change refused for the machine's speed would puzzle.
const changeDeadline = 10 * time.Second

// ApplyChange commits ops, sent by session, to analysis id as one change:
// in one transaction (a crash leaves none of it), each op a version of its
// own. An op the analysis refuses (EINVALID, ECONFLICT) is skipped and
// reported; the others commit. Ops with an ID already committed count as
// applied once (see retryOf).
// Errors: ENOTFOUND; ETOOLARGE when there are more than model.MaxChangeOps
// ops or applying them takes longer than changeDeadline (nothing is
// committed then); internal errors.
func (s *Store) ApplyChange(ctx context.Context, id int64, ops []model.Op, session string) (model.ChangeResult, error) {
	if len(ops) > model.MaxChangeOps {
		return model.ChangeResult{}, tooLarge(len(ops))
	}
	return s.change(ctx, id, session, func(*open) ([]model.Op, error) { return ops, nil })
}

// RestoreVersion brings analysis id back to how it was at version by
// applying, newest first, the ops that reverse every op after it, as one
// change (see ApplyChange) by session: history is never rewritten, and the
// restore can be undone the same way. A reversing op that no longer applies
// (its row was deleted since) is skipped.
// Errors: EINVALID for a version the analysis does not have, ETOOLARGE for
// a restore that would undo more than model.MaxChangeOps ops, ENOTFOUND,
// internal errors.
func (s *Store) RestoreVersion(ctx context.Context, id, version int64, session string) (model.ChangeResult, error) {
	return s.change(ctx, id, session, func(o *open) ([]model.Op, error) {
		if version < 1 || version > o.a.Version {
			return nil, model.Errorf(model.EINVALID, "version %d is not between 1 and %d", version, o.a.Version)
		}
		if n := o.a.Version - version; n > model.MaxChangeOps {
			return nil, model.Errorf(model.ETOOLARGE, "restoring version %d would undo %d edits; one restore undoes at most %d: restore a later version first, or duplicate the analysis", version, n, model.MaxChangeOps)
		}
		past, err := readOps(ctx, s.r, id, version, math.MaxInt64) // with their undo, which o.recent lacks
		if err != nil {
			return nil, err
		}
		var undo []model.Op
		for i := len(past) - 1; i >= 0; i-- {
			undo = append(undo, past[i].Undo...)
		}
		undo = lastWrites(undo)
		if len(undo) > model.MaxChangeOps {
			return nil, tooLarge(len(undo))
		}
		return undo, nil
	})
}

// lastWrites drops from ops, applied in order, each cell or thesis edit
// that a later one of the same cell or field overwrites before any row or
// column moves: a restore of a cell edited ten times writes it once, and
// history shows the restore as the edits it really makes.
func lastWrites(ops []model.Op) []model.Op {
	keep := make([]bool, len(ops))
	cells, fields := map[string]bool{}, map[string]bool{} // written later on
	for i := len(ops) - 1; i >= 0; i-- {
		op := ops[i]
		written := map[string]bool(nil)
		target := ""
		switch op.Kind {
		case model.OpSetCell:
			written, target = cells, op.Sheet+"!"+op.Cell
		case model.OpSetThesis:
			written, target = fields, op.Field
		case model.OpInsertRow, model.OpDeleteRow, model.OpInsertCol, model.OpDeleteCol:
			clear(cells) // addresses before it mean other cells
		}
		keep[i] = written == nil || !written[target]
		if written != nil {
			written[target] = true
		}
	}
	out := ops[:0:0]
	for i, op := range ops {
		if keep[i] {
			out = append(out, op)
		}
	}
	return out
}

func tooLarge(n int) error {
	return model.Errorf(model.ETOOLARGE, "this change has %d edits; one change holds at most %d", n, model.MaxChangeOps)
}

// change commits the ops that opsOf gives for analysis id, open at its
// latest version, as one change (see ApplyChange). It holds the analysis's
// lane throughout, so that the ops are worked out from the version they
// apply to, and the turn only to write them, in one transaction.
func (s *Store) change(ctx context.Context, id int64, session string, opsOf func(*open) ([]model.Op, error)) (model.ChangeResult, error) {
	l := s.joinLane(id)
	defer s.leaveLane(l)
	if err := s.acquire(ctx, l); err != nil {
		return model.ChangeResult{}, err
	}
	defer s.release(l)
	start := time.Now()
	for attempt := 1; ; attempt++ {
		res, d, err := s.applyChange(ctx, l, session, opsOf, start)
		if err != nil {
			return model.ChangeResult{}, err
		}
		if len(d.entries) > 0 {
			s.writeOut(d)
		}
		if errors.Is(d.err, errStale) && attempt < maxStale {
			l.o = nil
			continue
		}
		if d.err != nil {
			l.o = nil // it holds what the log does not
			return model.ChangeResult{}, fmt.Errorf("change analysis %d: %w", id, d.err)
		}
		s.settle(l, d)
		res.Version = d.version
		return res, nil
	}
}

// applyChange applies the ops of a change to l's open copy, which the
// caller leads, and returns the draft to write. Past changeDeadline, or on
// an op that breaks the copy, the change is refused and the copy, which
// holds part of it, dropped.
func (s *Store) applyChange(ctx context.Context, l *lane, session string, opsOf func(*open) ([]model.Op, error), start time.Time) (res model.ChangeResult, d *draft, err error) {
	o, err := s.openIn(ctx, l)
	if err != nil {
		return res, nil, err
	}
	ops, err := opsOf(o)
	if err != nil {
		return res, nil, err
	}
	defer func() {
		if err != nil {
			l.o = nil
		}
	}()
	if s.applying != nil {
		s.applying(l.id)
	}
	d = newDraft(o, s.now())
	first := o.a.Version + 1 // the change's first op's version, which names it
	for i, op := range ops {
		if time.Since(start) > changeDeadline {
			return res, nil, model.Errorf(model.ETOOLARGE, "this change took longer than %v to apply and was not made: split it into smaller ones", changeDeadline)
		}
		logged, isNew, err := s.commitOp(ctx, o, d, op, session, first)
		switch {
		case errors.Is(err, errBroken) || err != nil && model.ErrorCode(err) == model.EINTERNAL:
			return res, nil, err
		case err != nil:
			res.Skipped = append(res.Skipped, model.SkippedOp{Index: i, Reason: model.ErrorMessage(err)})
		case isNew:
			res.Logged = append(res.Logged, logged)
			res.Applied++
		default:
			res.Applied++ // sent again: committed before
		}
	}
	d.finish(o, false)
	return res, d, nil
}
