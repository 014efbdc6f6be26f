package model

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an Error is. The server maps each to one
// HTTP status (app/server/respond.go) and the client maps the answer back,
// so a person sees the same error wherever it was raised.
type Code string

// Error codes shared by the store, the HTTP layer and the browser client.
const (
	EINVALID   Code = "invalid"   // the operation breaks a rule (422)
	EMALFORMED Code = "malformed" // the request itself cannot be read: not JSON, unknown fields (400)
	ENOTFOUND  Code = "not_found" // the analysis, sheet or row does not exist (404)
	ECONFLICT  Code = "conflict"  // the edit was made on an outdated version (409)
	ETOOLARGE  Code = "too_large" // the body, file or change is over a limit (413)
	EINTERNAL  Code = "internal"  // anything else; details are logged, not shown (500)
	// EUNAVAILABLE: the server cannot take the request now (503, or 429
	// for one client's share), or, in the client, could not be reached at
	// all (offline, server down). Edits wait and are sent again.
	EUNAVAILABLE Code = "unavailable"
	// EUNAUTHORIZED: no one is signed in, or the session or token has
	// ended (401); the page asks to sign in and keeps unsent edits.
	EUNAUTHORIZED Code = "unauthorized"
	// EFORBIDDEN: the person is signed in but their role does not allow
	// it, such as a viewer's edit (403).
	EFORBIDDEN Code = "forbidden"
	// ETOOMANY: one client or account asked too often, such as sign-in
	// attempts (429); the message says when to try again.
	ETOOMANY Code = "too_many"
)

// Sentinels for errors.Is: errors.Is(err, model.ErrNotFound) holds for
// any *Error with that code, whatever its message.
var (
	ErrInvalid      = &Error{Code: EINVALID}
	ErrMalformed    = &Error{Code: EMALFORMED}
	ErrNotFound     = &Error{Code: ENOTFOUND}
	ErrConflict     = &Error{Code: ECONFLICT}
	ErrTooLarge     = &Error{Code: ETOOLARGE}
	ErrUnavailable  = &Error{Code: EUNAVAILABLE}
	ErrUnauthorized = &Error{Code: EUNAUTHORIZED}
	ErrForbidden    = &Error{Code: EFORBIDDEN}
	ErrTooMany      = &Error{Code: ETOOMANY}
)

// Is makes an *Error match a sentinel of its code (see ErrNotFound).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Conflict == nil && t.Code == e.Code
}

// Error is a domain error with a code that says what kind of failure it is and
// a message written for the person who will read it.
type Error struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
	// Conflict says what collided, for ECONFLICT.
	Conflict *Conflict `json:"conflict,omitempty"`
}

// Conflict is an edit refused because another session changed the same
// thing after the version the edit was made on: a cell (Sheet and Cell), a
// thesis field (Field), or the row the edit was on, deleted (Gone). The server
// keeps theirs; the person sees both and picks.
type Conflict struct {
	Sheet   string `json:"sheet,omitempty"`
	Cell    string `json:"cell,omitempty"`
	Field   string `json:"field,omitempty"`
	Theirs  string `json:"theirs"`         // the committed input or text
	Yours   string `json:"yours"`          // the refused input or text
	Version int64  `json:"version"`        // the version that holds theirs
	Gone    bool   `json:"gone,omitempty"` // the row was deleted: nothing to pick
}

// Retry is the op that puts yours in place of theirs, for a person who picks
// theirs over mine; false when there is no such op (the row is gone).
func (c Conflict) Retry() (Op, bool) {
	switch {
	case c.Gone:
		return Op{}, false
	case c.Field != "":
		return Op{Kind: OpSetThesis, Field: c.Field, Text: c.Yours}, true
	}
	return Op{Kind: OpSetCell, Sheet: c.Sheet, Cell: c.Cell, Input: c.Yours}, true
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ConflictOf is what collided, for an ECONFLICT error that says; else nil.
func ConflictOf(err error) *Conflict {
	var e *Error
	if errors.As(err, &e) {
		return e.Conflict
	}
	return nil
}

// ErrorCode returns the code of err, EINTERNAL for errors that carry none and
// "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err meant for people; internal errors get
// a generic message so server details never reach the browser.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
