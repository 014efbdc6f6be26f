//go:build !wasm

package accounts

import (
	"context"
	"errors"
	"strings"

	"thesisboard/app/model"
)

// signInHint ends every 401's message: what to do about it.
const signInHint = "sign in at /login"

// Authenticate finds who holds a session secret (the cookie) or an API
// token (the Authorization header's Bearer value); a token wins when both
// are sent. It records the last use at most once a minute.
// Errors: EUNAUTHORIZED, with what ended (expired, disabled, unknown).
func (s *Service) Authenticate(ctx context.Context, cookie, bearer string) (*Who, error) {
	switch {
	case bearer != "":
		return s.byToken(ctx, bearer)
	case cookie != "":
		return s.bySession(ctx, cookie)
	}
	return nil, model.Errorf(model.EUNAUTHORIZED, "not signed in: %s", signInHint)
}

func (s *Service) bySession(ctx context.Context, secret string) (*Who, error) {
	if !strings.HasPrefix(secret, prefixSession) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "not signed in: %s", signInHint)
	}
	sess, err := s.Store.SessionByHash(ctx, HashSecret(secret))
	if errors.Is(err, model.ErrNotFound) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "your session has ended: %s", signInHint)
	} else if err != nil {
		return nil, err
	}
	now := s.Now()
	if !now.Before(sess.Expires) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "your session has expired: %s", signInHint)
	}
	u, err := s.user(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		sess.LastSeen, sess.Expires = now, now.Add(SessionTTL)
		s.Store.TouchSession(ctx, sess.ID, sess.LastSeen, sess.Expires) // best effort
	}
	return &Who{User: u, Session: &sess}, nil
}

func (s *Service) byToken(ctx context.Context, secret string) (*Who, error) {
	if !strings.HasPrefix(secret, prefixToken) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "the Authorization header holds no thesisboard API token (they start with %q)", prefixToken)
	}
	t, err := s.Store.TokenByHash(ctx, HashSecret(secret))
	if errors.Is(err, model.ErrNotFound) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "unknown or revoked API token")
	} else if err != nil {
		return nil, err
	}
	now := s.Now()
	if !t.Expires.IsZero() && !now.Before(t.Expires) {
		return nil, model.Errorf(model.EUNAUTHORIZED, "the API token %q expired on %s", t.Name, t.Expires.Format("2006-01-02"))
	}
	u, err := s.user(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	if now.Sub(t.LastUsed) > touchEvery {
		t.LastUsed = now
		s.Store.TouchToken(ctx, t.ID, now) // best effort
	}
	return &Who{User: u, Token: &t}, nil
}

// user is a session's or token's user, refused when disabled.
func (s *Service) user(ctx context.Context, id int64) (User, error) {
	u, err := s.Store.UserByID(ctx, id)
	if errors.Is(err, model.ErrNotFound) {
		return u, model.Errorf(model.EUNAUTHORIZED, "the account no longer exists")
	}
	if err == nil && u.Disabled {
		err = model.Errorf(model.EUNAUTHORIZED, "the account %q is disabled; ask an administrator", u.Name)
	}
	return u, err
}

// Role is what w may do with an analysis: an admin owns every analysis; a
// token limited to another analysis gives none, and a read token at most
// viewer.
func (s *Service) Role(ctx context.Context, w *Who, analysis int64) (model.Role, error) {
	if t := w.Token; t != nil && t.Analysis != 0 && t.Analysis != analysis {
		return model.RoleNone, nil
	}
	role := model.RoleOwner
	if !w.User.Admin {
		var err error
		if role, err = s.Store.RoleOf(ctx, analysis, w.User.ID); err != nil {
			return model.RoleNone, err
		}
	}
	if w.Token != nil && !w.Token.Write {
		role = min(role, model.RoleViewer)
	}
	return role, nil
}

// Authorize refuses, with a message that says why, when w's role on an
// analysis is below need.
// Errors: EFORBIDDEN.
func (s *Service) Authorize(ctx context.Context, w *Who, analysis int64, need model.Role) error {
	role, err := s.Role(ctx, w, analysis)
	if err != nil || role >= need {
		return err
	}
	return Refusal(role, need)
}

// Refusal says why a role is not enough.
func Refusal(have, need model.Role) error {
	what := map[model.Role]string{
		model.RoleViewer: "see", model.RoleEditor: "edit", model.RoleOwner: "manage",
	}[need]
	if have == model.RoleNone {
		return model.Errorf(model.EFORBIDDEN, "you do not have access to this analysis; ask its owner to share it with you")
	}
	return model.Errorf(model.EFORBIDDEN, "you are a %s of this analysis: you cannot %s it; ask its owner", have, what)
}

// CanWrite reports whether w may change anything at all: a read token
// may not.
func (w *Who) CanWrite() bool { return w.Token == nil || w.Token.Write }
