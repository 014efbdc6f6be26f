//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Apply validates op against the current snapshot of analysis id, applies it
// (recalculating the formulas it reaches) and commits the new snapshot and
// the op. It returns the analysis at its new version only after the commit,
// so a returned version is on disk.
//
// Concurrent calls are committed together (group commit): the ops waiting
// when a transaction starts share it, and its one fsync. Each op is still
// acknowledged only after that commit; an invalid op is refused alone.
// Errors: ENOTFOUND, EINVALID (from model.Apply), ECONFLICT, and internal
// errors.
func (s *Store) Apply(ctx context.Context, id int64, op model.Op, session string) (*model.Analysis, error) {
	req := &commitReq{id: id, op: op, session: session, reply: make(chan commitRes, 1)}
	select {
	case s.commits <- req:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-s.quit:
		return nil, errors.New("the store is closed")
	}
	res := <-req.reply
	if res.err != nil && model.ErrorCode(res.err) == model.EINTERNAL {
		return nil, fmt.Errorf("apply op to analysis %d: %w", id, res.err)
	}
	return res.a, res.err
}

// maxBatch bounds one group commit.
const maxBatch = 512

type commitReq struct {
	id      int64
	op      model.Op
	session string
	reply   chan commitRes
}

type commitRes struct {
	a   *model.Analysis
	err error
}

// committer runs on its own goroutine for the store's life: it takes the
// waiting ops and commits them in one transaction.
func (s *Store) committer() {
	defer close(s.stopped)
	for {
		var batch []*commitReq
		select {
		case r := <-s.commits:
			batch = append(batch, r)
		case <-s.quit:
			return
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-s.commits:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		results := s.commitBatch(batch)
		for i, r := range batch {
			r.reply <- results[i]
		}
	}
}

// open is one analysis being changed by a batch.
type open struct {
	a      *model.Analysis
	engine *calc.Engine
	dirty  bool
}

func (s *Store) commitBatch(batch []*commitReq) []commitRes {
	ctx := context.Background()
	results := make([]commitRes, len(batch))
	fail := func(err error) []commitRes {
		for i := range results {
			results[i] = commitRes{err: err}
		}
		return results
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	now := s.now()
	ts := now.Format(time.RFC3339Nano)
	analyses := map[int64]*open{}
	last := map[int64]int{} // the batch's last op on each analysis
	for i, r := range batch {
		last[r.id] = i
	}
	for i, r := range batch {
		o := analyses[r.id]
		if o == nil {
			a, err := get(ctx, tx, r.id)
			if err != nil {
				results[i].err = err
				continue
			}
			o = &open{a: a, engine: calc.NewEngine(a)}
			analyses[r.id] = o
		}
		if err := checkConflict(ctx, tx, r.id, o.a, r.op, r.session); err != nil {
			if model.ErrorCode(err) == model.EINTERNAL {
				return fail(err)
			}
			results[i].err = err
			continue
		}
		undo, err := json.Marshal(model.Inverse(o.a, r.op))
		if err != nil {
			return fail(err)
		}
		if err := o.engine.Apply(r.op); err != nil {
			results[i].err = err // refused: nothing changed
			continue
		}
		o.a.Version++
		o.a.Updated = now
		o.dirty = true
		opJSON, err := json.Marshal(r.op)
		if err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ops (analysis_id, version, op, session, created, undo) VALUES (?, ?, ?, ?, ?, ?)`,
			r.id, o.a.Version, string(opJSON), r.session, ts, string(undo)); err != nil {
			return fail(err)
		}
		if i == last[r.id] {
			results[i].a = o.a
		} else {
			results[i].a = o.a.Clone() // later ops of the batch change o.a
		}
	}
	for id, o := range analyses {
		if !o.dirty {
			continue
		}
		snap, err := encode(o.a)
		if err != nil {
			return fail(err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE analyses SET snapshot = ?, version = ?, title = ?, updated = ? WHERE id = ?`,
			snap, o.a.Version, o.a.Title, ts, id); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return results
}

// Ops returns the logged ops of analysis id with a version above after, oldest
// first.
func (s *Store) Ops(ctx context.Context, id, after int64) ([]model.LoggedOp, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT version, op, session, created, undo FROM ops WHERE analysis_id = ? AND version > ? ORDER BY version`, id, after)
	if err != nil {
		return nil, fmt.Errorf("ops of analysis %d: %w", id, err)
	}
	defer rows.Close()
	var out []model.LoggedOp
	for rows.Next() {
		var l model.LoggedOp
		var op, ts, undo string
		if err := rows.Scan(&l.Version, &op, &l.Session, &ts, &undo); err != nil {
			return nil, fmt.Errorf("ops of analysis %d: %w", id, err)
		}
		if err := json.Unmarshal([]byte(op), &l.Op); err != nil {
			return nil, fmt.Errorf("ops of analysis %d: decode op %d: %w", id, l.Version, err)
		}
		l.Time, _ = time.Parse(time.RFC3339Nano, ts)
		json.Unmarshal([]byte(undo), &l.Undo)
		out = append(out, l)
	}
	return out, rows.Err()
}

// checkConflict refuses a cell edit made on an old version when another
// session has set the same cell since: the committed value stays, and the
// error carries both. Edits of other cells merge.
func checkConflict(ctx context.Context, tx *sql.Tx, id int64, a *model.Analysis, op model.Op, session string) error {
	if op.Kind != model.OpSetCell || op.BaseVersion <= 0 || op.BaseVersion >= a.Version {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT version, op, session FROM ops WHERE analysis_id = ? AND version > ? ORDER BY version DESC`, id, op.BaseVersion)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		var raw, by string
		if err := rows.Scan(&v, &raw, &by); err != nil {
			return err
		}
		var other model.Op
		if json.Unmarshal([]byte(raw), &other) != nil || by == session && session != "" {
			continue
		}
		if other.Kind == model.OpSetCell && other.Sheet == op.Sheet && strings.EqualFold(other.Cell, op.Cell) {
			return &model.Error{
				Code:     model.ECONFLICT,
				Message:  fmt.Sprintf("%s!%s was changed by another session to %q after you loaded it", op.Sheet, op.Cell, other.Input),
				Conflict: &model.Conflict{Sheet: op.Sheet, Cell: strings.ToUpper(op.Cell), Theirs: other.Input, Yours: op.Input, Version: v},
			}
		}
	}
	return rows.Err()
}
