//go:build !wasm

package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// List returns the analyses not in the trash, most recently updated first.
func (s *Store) List(ctx context.Context) ([]model.Summary, error) {
	return s.list(ctx, `deleted_at IS NULL`)
}

// Trash returns the analyses in the trash, most recently updated first.
func (s *Store) Trash(ctx context.Context) ([]model.Summary, error) {
	return s.list(ctx, `deleted_at IS NOT NULL`)
}

func (s *Store) list(ctx context.Context, where string) ([]model.Summary, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, version, title, ticker, verdict, updated FROM analysis_heads WHERE `+where+` ORDER BY updated DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list analyses: %w", err)
	}
	defer rows.Close()
	out := []model.Summary{}
	for rows.Next() {
		var m model.Summary
		var updated string
		if err := rows.Scan(&m.ID, &m.Version, &m.Title, &m.Ticker, &m.Verdict, &updated); err != nil {
			return nil, fmt.Errorf("list analyses: %w", err)
		}
		m.Updated, _ = time.Parse(time.RFC3339Nano, updated)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Get returns the analysis with the given id.
// Errors: ENOTFOUND when there is none or it is in the trash.
func (s *Store) Get(ctx context.Context, id int64) (*model.Analysis, error) {
	o, err := load(ctx, s.r, id)
	if err != nil {
		return nil, err
	}
	return o.a, nil
}

// Create stores a as a new analysis at version 1 and returns it with its id.
// Errors: EINVALID when a is not something edits could have made
// (model.Analysis.Validate), and the database's.
func (s *Store) Create(ctx context.Context, a *model.Analysis) (*model.Analysis, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	a = a.Clone()
	calc.Recalc(a)
	if err := a.Validate(); err != nil { // the computed values too
		return nil, err
	}
	now := s.now()
	a.ID, a.Version, a.Created, a.Updated = 0, 1, now, now
	// Encoded before the turn is taken: a large import takes a second to
	// encode, which no other edit should wait for. Its id is the row's
	// (see load).
	body, err := json.Marshal(a)
	if err != nil {
		return nil, model.Errorf(model.EINVALID, "the analysis cannot be stored: %v", err)
	}
	err = s.write(ctx, func(tx execer) error {
		ts := stamp(now)
		res, err := tx.ExecContext(ctx, `INSERT INTO analyses (title, ticker, verdict, version, created, updated) VALUES (?, ?, ?, 1, ?, ?)`,
			a.Title, a.Ticker, a.Thesis.Verdict, ts, ts)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return writeSnapshotBody(ctx, tx, a.ID, a.Version, body)
	})
	if err != nil {
		return nil, fmt.Errorf("create analysis: %w", err)
	}
	return a, nil
}

// Duplicate copies the analysis id into a new one titled "Copy of …".
// Errors: ENOTFOUND.
func (s *Store) Duplicate(ctx context.Context, id int64) (*model.Analysis, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	a.Title = "Copy of " + a.Title
	for len(a.Title) > model.MaxNameLen { // a long title's copy still fits
		_, size := utf8.DecodeLastRuneInString(a.Title)
		a.Title = a.Title[:len(a.Title)-size]
	}
	return s.Create(ctx, a)
}

// Delete moves the analysis to the trash, from which Restore brings it back.
// Errors: ENOTFOUND.
func (s *Store) Delete(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, `deleted_at IS NULL`, stamp(s.now()))
}

// Restore takes the analysis out of the trash.
// Errors: ENOTFOUND when it is not in the trash.
func (s *Store) Restore(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, `deleted_at IS NOT NULL`, nil)
}

func (s *Store) setDeleted(ctx context.Context, id int64, where string, val any) error {
	res, err := s.exec(ctx, `UPDATE analyses SET deleted_at = ? WHERE id = ? AND `+where, val, id)
	if err != nil {
		return fmt.Errorf("update analysis %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(id)
	}
	s.invalidate(id) // its next edit is refused, or opens it again
	return nil
}

// Count returns how many analyses exist, in the trash or not.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM analyses`).Scan(&n)
	return n, err
}

// TrashDays is how long a deleted analysis can be restored.
const TrashDays = 30

// PurgeTrash deletes for good the analyses in the trash since before cutoff,
// with their op logs, and says how many.
func (s *Store) PurgeTrash(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM analyses WHERE deleted_at IS NOT NULL AND deleted_at < ?`, stamp(cutoff))
	if err != nil {
		return 0, fmt.Errorf("purge trash: %w", err)
	}
	n, _ := res.RowsAffected()
	if n > 0 {
		// A purged analysis's id can be given to the next one created:
		// no copy of the purged one may stay open under it.
		s.invalidate()
		if err := s.shrink(ctx); err != nil {
			return n, fmt.Errorf("purge trash: %w", err)
		}
	}
	return n, nil
}
