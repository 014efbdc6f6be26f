//go:build !wasm

package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// Sessions and API tokens are found by their secret's hash (accounts
// keeps the secrets themselves out of the database).

var (
	noSession = model.Errorf(model.ENOTFOUND, "no such session")
	noToken   = model.Errorf(model.ENOTFOUND, "no such API token")
)

const sessionColumns = `id, user_id, created, last_seen, expires, agent, addr`

func scanSession(row interface{ Scan(...any) error }) (accounts.Session, error) {
	var x accounts.Session
	var created, seen, expires string
	err := row.Scan(&x.ID, &x.UserID, &created, &seen, &expires, &x.Agent, &x.Addr)
	x.Created, x.LastSeen, x.Expires = parseStamp(created), parseStamp(seen), parseStamp(expires)
	return x, err
}

// CreateSession stores a session under its secret's hash.
func (s *Store) CreateSession(ctx context.Context, x accounts.Session, hash string) (accounts.Session, error) {
	res, err := s.exec(ctx, `INSERT INTO sessions (hash, user_id, created, last_seen, expires, agent, addr) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		hash, x.UserID, stamp(x.Created), stamp(x.LastSeen), stamp(x.Expires), x.Agent, x.Addr)
	if err != nil {
		return x, fmt.Errorf("create session: %w", err)
	}
	x.ID, err = res.LastInsertId()
	return x, err
}

// SessionByHash finds the session a cookie's secret hashes to.
func (s *Store) SessionByHash(ctx context.Context, hash string) (accounts.Session, error) {
	x, err := scanSession(s.r.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		err = noSession
	}
	return x, err
}

// TouchSession records a session's use and pushes back its expiry.
func (s *Store) TouchSession(ctx context.Context, id int64, seen, expires time.Time) error {
	_, err := s.exec(ctx, `UPDATE sessions SET last_seen = ?, expires = ? WHERE id = ?`, stamp(seen), stamp(expires), id)
	return err
}

// Sessions lists a user's sessions, the most recently used first.
func (s *Store) Sessions(ctx context.Context, userID int64) ([]accounts.Session, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE user_id = ? ORDER BY last_seen DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accounts.Session{}
	for rows.Next() {
		x, err := scanSession(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// DeleteSession ends one of a user's sessions.
func (s *Store) DeleteSession(ctx context.Context, userID, id int64) error {
	return s.execOne(ctx, noSession, `DELETE FROM sessions WHERE id = ? AND user_id = ?`, id, userID)
}

// DeleteSessionByHash ends the session a cookie's secret hashes to.
func (s *Store) DeleteSessionByHash(ctx context.Context, hash string) error {
	return s.execOne(ctx, noSession, `DELETE FROM sessions WHERE hash = ?`, hash)
}

const tokenColumns = `id, user_id, name, hint, write, analysis_id, created, expires, last_used`

func scanToken(row interface{ Scan(...any) error }) (accounts.Token, error) {
	var t accounts.Token
	var created, expires, used string
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hint, &t.Write, &t.Analysis, &created, &expires, &used)
	t.Created, t.Expires, t.LastUsed = parseStamp(created), parseStamp(expires), parseStamp(used)
	return t, err
}

// CreateToken stores an API token under its secret's hash.
func (s *Store) CreateToken(ctx context.Context, t accounts.Token, hash string) (accounts.Token, error) {
	res, err := s.exec(ctx, `INSERT INTO tokens (hash, user_id, name, hint, write, analysis_id, created, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		hash, t.UserID, t.Name, t.Hint, t.Write, t.Analysis, stamp(t.Created), stampOrEmpty(t.Expires))
	if err != nil {
		return t, fmt.Errorf("create token: %w", err)
	}
	t.ID, err = res.LastInsertId()
	return t, err
}

// TokenByHash finds the token a Bearer secret hashes to.
func (s *Store) TokenByHash(ctx context.Context, hash string) (accounts.Token, error) {
	t, err := scanToken(s.r.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		err = noToken
	}
	return t, err
}

// TouchToken records a token's use.
func (s *Store) TouchToken(ctx context.Context, id int64, used time.Time) error {
	_, err := s.exec(ctx, `UPDATE tokens SET last_used = ? WHERE id = ?`, stamp(used), id)
	return err
}

// Tokens lists a user's tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]accounts.Token, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []accounts.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteToken revokes one of a user's tokens.
func (s *Store) DeleteToken(ctx context.Context, userID, id int64) error {
	return s.execOne(ctx, noToken, `DELETE FROM tokens WHERE id = ? AND user_id = ?`, id, userID)
}
