//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"thesisboard/app/model"
)

// Reading the op log, outside the committer: history pages, event streams
// catching up, a restore working out what to undo.

// Ops returns the logged ops of analysis id with a version above after, oldest
// first.
func (s *Store) Ops(ctx context.Context, id, after int64) ([]model.LoggedOp, error) {
	return s.OpsBetween(ctx, id, after, math.MaxInt64)
}

// OpsBetween returns the logged ops of analysis id with a version above
// after and below before, oldest first: a page of history, read without
// the rest of the log.
func (s *Store) OpsBetween(ctx context.Context, id, after, before int64) ([]model.LoggedOp, error) {
	ops, err := readOps(ctx, s.r, id, after, before)
	if err != nil {
		return nil, fmt.Errorf("ops of analysis %d: %w", id, err)
	}
	return ops, nil
}

// Head returns the latest version of analysis id, without loading it.
// Errors: ENOTFOUND when there is none or it is in the trash.
func (s *Store) Head(ctx context.Context, id int64) (int64, error) {
	var version int64
	err := s.r.QueryRowContext(ctx, `SELECT version FROM analysis_heads WHERE id = ? AND deleted_at IS NULL`, id).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound(id)
	}
	if err != nil {
		return 0, fmt.Errorf("head of analysis %d: %w", id, err)
	}
	return version, nil
}

// readOps reads the logged ops of analysis id with a version above after and
// below before, oldest first, through q (the read pool, or the writer's
// transaction).
func readOps(ctx context.Context, q querier, id, after, before int64) ([]model.LoggedOp, error) {
	rows, err := q.QueryContext(ctx, `SELECT version, op, session, created, undo, change FROM ops WHERE analysis_id = ? AND version > ? AND version < ? ORDER BY version`, id, after, before)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.LoggedOp
	for rows.Next() {
		var l model.LoggedOp
		var op, ts, undo string
		if err := rows.Scan(&l.Version, &op, &l.Session, &ts, &undo, &l.Change); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(op), &l.Op); err != nil {
			return nil, fmt.Errorf("decode op %d: %w", l.Version, err)
		}
		l.Time, _ = time.Parse(time.RFC3339Nano, ts)
		json.Unmarshal([]byte(undo), &l.Undo)
		out = append(out, l)
	}
	return out, rows.Err()
}
