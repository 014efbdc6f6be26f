//go:build !wasm

package accounts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"thesisboard/app/model"
)

// SessionTTL is how long a session lasts after it was last used: a person
// who opens thesisboard every week never signs in again; a forgotten
// browser is signed out after a month.
const SessionTTL = 30 * 24 * time.Hour

// touchEvery is how stale a session's or token's last-use time may be:
// recording every request would make each one a write.
const touchEvery = time.Minute

// maxHashing bounds the password hashes computed at once: each takes
// Params.Memory (64 MiB), so a flood of sign-ins cannot take the machine's
// memory; the others wait their turn.
const maxHashing = 4

// Service applies the account rules over a Store. Its zero value is not
// usable: see New.
type Service struct {
	Store  Store
	Params Params
	Now    func() time.Time

	accounts, addresses *limiter
	hashing             chan struct{}
	// dummy is a hash checked when a sign-in names no account, so that
	// answer takes as long as a wrong password and tells nothing; made at
	// the first such sign-in, with Params.
	dummy     string
	dummyOnce sync.Once

	mu      sync.Mutex
	revoked chan struct{} // closed and replaced at each revocation
}

// New returns a Service over store.
func New(store Store) *Service {
	return &Service{
		Store: store, Params: DefaultParams, Now: time.Now,
		accounts: newLimiter(perAccount), addresses: newLimiter(perAddress),
		hashing: make(chan struct{}, maxHashing),
		revoked: make(chan struct{}),
	}
}

// Who is the person a request comes from and how they proved it.
type Who struct {
	User    User
	Session *Session // signed in with the session cookie
	Token   *Token   // or with an API token
}

// Revoked returns a channel closed at the next revocation: a session or
// token ended, a share removed or lowered, a user disabled. Event streams
// wait on it and check again whether their reader may still read.
func (s *Service) Revoked() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.revoked
}

func (s *Service) revoke() {
	s.mu.Lock()
	close(s.revoked)
	s.revoked = make(chan struct{})
	s.mu.Unlock()
}

var errSignIn = model.Errorf(model.EUNAUTHORIZED, "wrong name or password")

// Login checks name and password, from a client at addr, and opens a
// session: its secret goes in the cookie, and Who says whose it is. A stale hash is replaced by one
// made with the current parameters.
// Errors: EUNAUTHORIZED (wrong name or password, disabled), ETOOMANY.
func (s *Service) Login(ctx context.Context, name, password, addr, agent string) (string, *Who, error) {
	now := s.Now()
	name = strings.TrimSpace(name)
	if d := s.addresses.wait(addr, now); d > 0 {
		return "", nil, tooMany("from this address", d)
	}
	if d := s.accounts.wait(strings.ToLower(name), now); d > 0 {
		return "", nil, tooMany("for this account", d)
	}
	if len(password) > MaxPasswordBytes {
		return "", nil, errSignIn
	}
	u, hash, err := s.Store.UserByName(ctx, name)
	if errors.Is(err, model.ErrNotFound) || err == nil && hash == "" {
		s.dummyOnce.Do(func() { s.dummy, _ = HashPassword("no one has this password", s.Params) })
		hash, u = s.dummy, User{}
	} else if err != nil {
		return "", nil, err
	}
	ok, stale, err := s.checkPassword(ctx, hash, password)
	if err != nil || !ok || u.ID == 0 {
		return "", nil, errors.Join(errSignIn, err)
	}
	if u.Disabled {
		return "", nil, model.Errorf(model.EUNAUTHORIZED, "the account %q is disabled; ask an administrator", u.Name)
	}
	if stale {
		if h, err := HashPassword(password, s.Params); err == nil {
			s.Store.SetPassword(ctx, u.ID, h) // best effort: the old hash still works
		}
	}
	return s.openSession(ctx, u, addr, agent)
}

// checkPassword is CheckPassword taking a place among maxHashing.
func (s *Service) checkPassword(ctx context.Context, hash, password string) (bool, bool, error) {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return false, false, ctx.Err()
	}
	return CheckPassword(hash, password, s.Params)
}

// openSession starts a session for u (after a password or an OpenID
// Connect sign-in), answering its secret. A sign-in always makes a new
// secret, whatever cookie the browser sent: a secret planted before the
// sign-in never becomes a session (fixation).
func (s *Service) openSession(ctx context.Context, u User, addr, agent string) (string, *Who, error) {
	now := s.Now()
	secret, hash := newSecret(prefixSession)
	sess, err := s.Store.CreateSession(ctx, Session{
		UserID: u.ID, Created: now, LastSeen: now, Expires: now.Add(SessionTTL),
		Agent: cut(agent, 200), Addr: cut(addr, 64),
	}, hash)
	if err != nil {
		return "", nil, err
	}
	return secret, &Who{User: u, Session: &sess}, nil
}

// OpenSession starts a session for a user signed in another way (OpenID
// Connect).
func (s *Service) OpenSession(ctx context.Context, u User, addr, agent string) (string, *Who, error) {
	if u.Disabled {
		return "", nil, model.Errorf(model.EUNAUTHORIZED, "the account %q is disabled; ask an administrator", u.Name)
	}
	return s.openSession(ctx, u, addr, agent)
}

// Logout ends the session whose secret the cookie holds.
func (s *Service) Logout(ctx context.Context, secret string) error {
	if !strings.HasPrefix(secret, prefixSession) {
		return nil
	}
	err := s.Store.DeleteSessionByHash(ctx, HashSecret(secret))
	if errors.Is(err, model.ErrNotFound) {
		err = nil
	}
	s.revoke()
	return err
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
