//go:build !wasm

package accounts

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"thesisboard/app/model"
)

// MaxTokens bounds one user's API tokens.
const MaxTokens = 100

// NewToken is what a person asks for when making an API token.
type NewToken struct {
	Name     string    `json:"name"`
	Write    bool      `json:"write"`
	Analysis int64     `json:"analysis,omitempty"`
	Expires  time.Time `json:"expires,omitzero"`
}

// CreateToken makes an API token for w's user and returns its secret,
// which is never shown again. A token cannot make tokens: only a signed-in
// person can (a leaked token cannot outlive its revocation).
// Errors: EINVALID, EFORBIDDEN.
func (s *Service) CreateToken(ctx context.Context, w *Who, req NewToken) (string, Token, error) {
	if w.Token != nil {
		return "", Token{}, model.Errorf(model.EFORBIDDEN, "an API token cannot make tokens; sign in to make one")
	}
	req.Name = strings.TrimSpace(req.Name)
	if req.Name == "" || utf8.RuneCountInString(req.Name) > 100 {
		return "", Token{}, model.Errorf(model.EINVALID, "a token needs a name of 1 to 100 characters, to tell what uses it")
	}
	if !req.Expires.IsZero() && !req.Expires.After(s.Now()) {
		return "", Token{}, model.Errorf(model.EINVALID, "the token's expiry is in the past")
	}
	if req.Analysis != 0 {
		if err := s.Authorize(ctx, w, req.Analysis, model.RoleViewer); err != nil {
			return "", Token{}, err
		}
	}
	list, err := s.Store.Tokens(ctx, w.User.ID)
	if err != nil {
		return "", Token{}, err
	}
	if len(list) >= MaxTokens {
		return "", Token{}, model.Errorf(model.EINVALID, "you have %d tokens, the most one may have; revoke one first", len(list))
	}
	secret, hash := newSecret(prefixToken)
	t, err := s.Store.CreateToken(ctx, Token{
		UserID: w.User.ID, Name: req.Name, Hint: secret[len(secret)-4:],
		Write: req.Write, Analysis: req.Analysis, Created: s.Now(), Expires: req.Expires,
	}, hash)
	return secret, t, err
}

// RevokeToken deletes one of w's tokens.
// Errors: ENOTFOUND.
func (s *Service) RevokeToken(ctx context.Context, w *Who, id int64) error {
	err := s.Store.DeleteToken(ctx, w.User.ID, id)
	if err == nil {
		s.revoke()
	}
	return err
}

// RevokeSession ends one of w's sessions.
// Errors: ENOTFOUND.
func (s *Service) RevokeSession(ctx context.Context, w *Who, id int64) error {
	err := s.Store.DeleteSession(ctx, w.User.ID, id)
	if err == nil {
		s.revoke()
	}
	return err
}

// Sessions lists w's sessions, marking the one w asks from.
func (s *Service) Sessions(ctx context.Context, w *Who) ([]Session, error) {
	list, err := s.Store.Sessions(ctx, w.User.ID)
	for i := range list {
		list[i].Current = w.Session != nil && list[i].ID == w.Session.ID
	}
	return list, err
}
