//go:build !wasm

package accounts

import (
	"context"
	"time"

	"thesisboard/app/model"
)

// User is a person who can sign in.
type User struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Admin    bool      `json:"admin,omitempty"`
	Disabled bool      `json:"disabled,omitempty"`
	Created  time.Time `json:"created"`
	// Issuer and Subject name a user who signs in with OpenID Connect:
	// the provider and its id for them, which never changes (a name may).
	Issuer  string `json:"issuer,omitempty"`
	Subject string `json:"-"`
}

// Session is one sign-in: a browser holding its cookie. Listed so a person
// can see where they are signed in and end a session they do not know.
type Session struct {
	ID       int64     `json:"id"`
	UserID   int64     `json:"-"`
	Created  time.Time `json:"created"`
	LastSeen time.Time `json:"lastSeen"`
	Expires  time.Time `json:"expires"`
	Agent    string    `json:"agent,omitempty"` // the browser's User-Agent, cut short
	Addr     string    `json:"addr,omitempty"`  // the client address it signed in from
	// Current marks, in a list, the session the list was asked from.
	Current bool `json:"current,omitempty"`
}

// Token is a personal API token, for scripts: `Authorization: Bearer ...`.
type Token struct {
	ID     int64  `json:"id"`
	UserID int64  `json:"-"`
	Name   string `json:"name"`
	// Hint is the secret's last characters, to tell tokens apart; the
	// secret itself is shown once, when the token is made.
	Hint  string `json:"hint"`
	Write bool   `json:"write"` // read-write; otherwise read only
	// Analysis limits the token to one analysis; 0 is all the user's.
	Analysis int64     `json:"analysis,omitempty"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires,omitzero"` // zero: never
	LastUsed time.Time `json:"lastUsed,omitzero"`
}

// Share gives a user a role on an analysis.
type Share struct {
	User string     `json:"user"`
	Role model.Role `json:"role"`
}

// Store keeps accounts, sessions, tokens and roles (app/sqlite). Lookups
// of a missing row answer ENOTFOUND; a name taken answers EINVALID.
type Store interface {
	CountUsers(ctx context.Context) (int, error)
	CreateUser(ctx context.Context, u User, passwordHash string) (User, error)
	// UserByName answers the user and their password hash ("" for one
	// who signs in only with OpenID Connect).
	UserByName(ctx context.Context, name string) (User, string, error)
	UserByID(ctx context.Context, id int64) (User, error)
	UserBySubject(ctx context.Context, issuer, subject string) (User, error)
	Users(ctx context.Context) ([]User, error)
	SetPassword(ctx context.Context, userID int64, hash string) error
	// SetDisabled disables or enables a user; disabling ends their
	// sessions.
	SetDisabled(ctx context.Context, userID int64, disabled bool) error

	CreateSession(ctx context.Context, s Session, hash string) (Session, error)
	SessionByHash(ctx context.Context, hash string) (Session, error)
	TouchSession(ctx context.Context, id int64, seen, expires time.Time) error
	Sessions(ctx context.Context, userID int64) ([]Session, error)
	// DeleteSession ends one of userID's sessions; DeleteSessionByHash
	// the one a cookie holds.
	DeleteSession(ctx context.Context, userID, id int64) error
	DeleteSessionByHash(ctx context.Context, hash string) error

	CreateToken(ctx context.Context, t Token, hash string) (Token, error)
	TokenByHash(ctx context.Context, hash string) (Token, error)
	TouchToken(ctx context.Context, id int64, used time.Time) error
	Tokens(ctx context.Context, userID int64) ([]Token, error)
	DeleteToken(ctx context.Context, userID, id int64) error

	// RoleOf is userID's role on an analysis: owner, a share's role, or
	// RoleNone. Roles is every analysis userID has a role on.
	RoleOf(ctx context.Context, analysis, userID int64) (model.Role, error)
	Roles(ctx context.Context, userID int64) (map[int64]model.Role, error)
	SetOwner(ctx context.Context, analysis, userID int64) error
	// AdoptOwnerless makes userID the owner of every analysis without
	// one (those made in local mode), returning how many.
	AdoptOwnerless(ctx context.Context, userID int64) (int, error)
	Shares(ctx context.Context, analysis int64) ([]Share, error)
	SetShare(ctx context.Context, analysis, userID int64, role model.Role) error
	DeleteShare(ctx context.Context, analysis, userID int64) error
}
