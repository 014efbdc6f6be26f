//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// The sqlite store keeps accounts (accounts.Store) beside the analyses,
// in the same file: one thing to back up. Their writes are single short
// statements through the turn, like deleting an analysis.

var _ accounts.Store = (*Store)(nil)

const userColumns = `id, name, admin, disabled, issuer, subject, created`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (accounts.User, error) {
	var u accounts.User
	var created string
	err := row.Scan(append([]any{&u.ID, &u.Name, &u.Admin, &u.Disabled, &u.Issuer, &u.Subject, &created}, extra...)...)
	u.Created = parseStamp(created)
	return u, err
}

// parseStamp reads a time written by stamp; "" is the zero time.
func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}

// stampOrEmpty is stamp, with "" for the zero time (never).
func stampOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return stamp(t)
}

func noUser(what string) error { return model.Errorf(model.ENOTFOUND, "no user %s", what) }

// CountUsers counts the accounts, disabled ones included.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// CreateUser adds u with a password hash ("" for none).
// Errors: EINVALID when the name (compared without case) is taken.
func (s *Store) CreateUser(ctx context.Context, u accounts.User, hash string) (accounts.User, error) {
	res, err := s.exec(ctx, `INSERT INTO users (name, password, admin, disabled, issuer, subject, created) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.Name, hash, u.Admin, u.Disabled, u.Issuer, u.Subject, stamp(u.Created))
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return u, model.Errorf(model.EINVALID, "the name %q is taken", u.Name)
		}
		return u, fmt.Errorf("create user: %w", err)
	}
	u.ID, err = res.LastInsertId()
	return u, err
}

// UserByName finds a user by name, without case.
func (s *Store) UserByName(ctx context.Context, name string) (accounts.User, string, error) {
	var hash string
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+`, password FROM users WHERE name = ?`, name), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		err = noUser(fmt.Sprintf("named %q", name))
	}
	return u, hash, err
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (accounts.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = noUser(fmt.Sprint(id))
	}
	return u, err
}

// UserBySubject finds the user an OpenID provider knows as subject.
func (s *Store) UserBySubject(ctx context.Context, issuer, subject string) (accounts.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE issuer = ? AND subject = ?`, issuer, subject))
	if errors.Is(err, sql.ErrNoRows) {
		err = noUser("for this OpenID Connect sign-in")
	}
	return u, err
}

// Users lists every user by name.
func (s *Store) Users(ctx context.Context) ([]accounts.User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accounts.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword replaces a user's password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.execOne(ctx, noUser(fmt.Sprint(userID)), `UPDATE users SET password = ? WHERE id = ?`, hash, userID)
}

// SetDisabled disables or enables a user; disabling deletes their
// sessions in the same transaction.
func (s *Store) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	return s.write(ctx, func(tx execer) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return noUser(fmt.Sprint(userID))
		}
		if disabled {
			_, err = tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
		}
		return err
	})
}

// execOne runs one statement that must change a row, answering missing
// when it changed none.
func (s *Store) execOne(ctx context.Context, missing error, query string, args ...any) error {
	res, err := s.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return missing
	}
	return nil
}
