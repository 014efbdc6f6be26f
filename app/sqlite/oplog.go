//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Apply validates op against the current snapshot of analysis id, applies it,
// and commits the new snapshot and the op in one transaction. It returns the
// analysis at its new version only after the commit, so a returned version is
// durable.
// Errors: ENOTFOUND, EINVALID (from model.Apply), and internal errors. The
// analysis's formulas are recalculated before it is stored.
func (s *Store) Apply(ctx context.Context, id int64, op model.Op, session string) (*model.Analysis, error) {
	var out *model.Analysis
	err := s.tx(ctx, func(tx *sql.Tx) error {
		a, err := get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkConflict(ctx, tx, id, a, op, session); err != nil {
			return err
		}
		undo, err := json.Marshal(model.Inverse(a, op))
		if err != nil {
			return err
		}
		if err := calc.Apply(a, op); err != nil {
			return err
		}
		now := s.now()
		a.Version++
		a.Updated = now
		snap, err := encode(a)
		if err != nil {
			return err
		}
		opJSON, err := json.Marshal(op)
		if err != nil {
			return err
		}
		ts := now.Format(time.RFC3339Nano)
		if _, err := tx.ExecContext(ctx, `UPDATE analyses SET snapshot = ?, version = ?, title = ?, updated = ? WHERE id = ?`,
			snap, a.Version, a.Title, ts, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ops (analysis_id, version, op, session, created, undo) VALUES (?, ?, ?, ?, ?, ?)`,
			id, a.Version, string(opJSON), session, ts, string(undo)); err != nil {
			return err
		}
		out = a
		return nil
	})
	if err != nil {
		if model.ErrorCode(err) != model.EINTERNAL {
			return nil, err
		}
		return nil, fmt.Errorf("apply op to analysis %d: %w", id, err)
	}
	return out, nil
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
