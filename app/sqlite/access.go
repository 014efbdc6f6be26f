//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// RoleOf is a user's role on an analysis: owner when it is theirs, else
// the role it is shared with them as, else none.
func (s *Store) RoleOf(ctx context.Context, analysis, userID int64) (model.Role, error) {
	var role model.Role
	err := s.r.QueryRowContext(ctx, `
SELECT CASE WHEN a.owner_id = ? THEN ? ELSE coalesce((SELECT role FROM shares WHERE analysis_id = a.id AND user_id = ?), 0) END
FROM analyses a WHERE a.id = ?`, userID, model.RoleOwner, userID, analysis).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return model.RoleNone, nil
	}
	return role, err
}

// Roles is every analysis a user owns or has been shared, with the role.
func (s *Store) Roles(ctx context.Context, userID int64) (map[int64]model.Role, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT id, ? FROM analyses WHERE owner_id = ?
UNION ALL
SELECT analysis_id, role FROM shares WHERE user_id = ?`, model.RoleOwner, userID, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]model.Role{}
	for rows.Next() {
		var id int64
		var role model.Role
		if err := rows.Scan(&id, &role); err != nil {
			return nil, err
		}
		out[id] = max(out[id], role)
	}
	return out, rows.Err()
}

// SetOwner makes userID an analysis's owner.
func (s *Store) SetOwner(ctx context.Context, analysis, userID int64) error {
	return s.execOne(ctx, notFound(analysis), `UPDATE analyses SET owner_id = ? WHERE id = ?`, userID, analysis)
}

// AdoptOwnerless gives userID every analysis that has no owner.
func (s *Store) AdoptOwnerless(ctx context.Context, userID int64) (int, error) {
	res, err := s.exec(ctx, `UPDATE analyses SET owner_id = ? WHERE owner_id IS NULL`, userID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Shares lists the people an analysis is shared with, by name.
func (s *Store) Shares(ctx context.Context, analysis int64) ([]accounts.Share, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT u.name, s.role FROM shares s JOIN users u ON u.id = s.user_id WHERE s.analysis_id = ? ORDER BY u.name`, analysis)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accounts.Share{}
	for rows.Next() {
		var sh accounts.Share
		if err := rows.Scan(&sh.User, &sh.Role); err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, rows.Err()
}

// SetShare gives a user a role on an analysis, or changes it.
func (s *Store) SetShare(ctx context.Context, analysis, userID int64, role model.Role) error {
	_, err := s.exec(ctx, `INSERT INTO shares (analysis_id, user_id, role) VALUES (?, ?, ?)
ON CONFLICT (analysis_id, user_id) DO UPDATE SET role = excluded.role`, analysis, userID, role)
	if err != nil {
		return fmt.Errorf("share analysis %d: %w", analysis, err)
	}
	return nil
}

// DeleteShare takes away a user's role on an analysis.
func (s *Store) DeleteShare(ctx context.Context, analysis, userID int64) error {
	_, err := s.exec(ctx, `DELETE FROM shares WHERE analysis_id = ? AND user_id = ?`, analysis, userID)
	return err
}
