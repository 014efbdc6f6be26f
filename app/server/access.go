//go:build !wasm

package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// Who may do what. A Server without Accounts runs in local mode: on a
// loopback address, one person, no sign-in, every route open to them (the
// Host check and cross-origin protection keep other sites out). With
// Accounts every API route names what it needs when it is registered
// (route), and the request is refused before its handler runs:
//
//	anyone     sign in and out, ask who one is
//	signedIn   any signed-in person (their own list, tokens, sessions)
//	a Role     that role on the {id} analysis at least (model.Role)
//	admin      users' accounts
//
// and, whatever the route, a read-only API token may only read (GET).

// need is what a route asks of the person calling it.
type need struct {
	role   model.Role // on the path's {id} analysis; RoleNone: no analysis
	anyone bool       // no sign-in needed
	admin  bool
}

var (
	anyone   = need{anyone: true}
	signedIn = need{}
	viewer   = need{role: model.RoleViewer}
	editor   = need{role: model.RoleEditor}
	owner    = need{role: model.RoleOwner}
	admin    = need{admin: true}
)

type whoKey struct{}

// whoOf is who the request comes from (route put it there); nil in local
// mode and on routes open to anyone.
func whoOf(ctx context.Context) *accounts.Who {
	w, _ := ctx.Value(whoKey{}).(*accounts.Who)
	return w
}

// SessionCookie is the cookie holding a session's secret.
const SessionCookie = "thesisboard_session"

// credentials are the secrets a request carries: the session cookie and
// an Authorization: Bearer token.
func credentials(r *http.Request) (cookie, bearer string) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		cookie = c.Value
	}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			bearer = strings.TrimSpace(token)
		} else {
			bearer = h // refused by Authenticate with its reason
		}
	}
	return cookie, bearer
}

// route registers h for pattern behind the check of n.
func (s *Server) route(mux *http.ServeMux, pattern string, n need, h http.HandlerFunc) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if s.Accounts == nil || n.anyone {
			h(w, r)
			return
		}
		who, err := s.allowed(r, n)
		if err != nil {
			s.error(w, r, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), whoKey{}, who)))
	})
}

// allowed authenticates r and checks it meets n.
// Errors: EUNAUTHORIZED, EFORBIDDEN, ENOTFOUND (a malformed {id}).
func (s *Server) allowed(r *http.Request, n need) (*accounts.Who, error) {
	cookie, bearer := credentials(r)
	who, err := s.Accounts.Authenticate(r.Context(), cookie, bearer)
	if err != nil {
		return nil, err
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !who.CanWrite() {
		return nil, model.Errorf(model.EFORBIDDEN, "this API token may only read; make a read-write token to change anything")
	}
	if t := who.Token; t != nil && t.Analysis != 0 && n.role == model.RoleNone && r.Method != http.MethodGet {
		return nil, model.Errorf(model.EFORBIDDEN, "this API token is limited to analysis %d", t.Analysis)
	}
	if n.admin && !who.User.Admin {
		return nil, model.Errorf(model.EFORBIDDEN, "only an administrator may manage accounts")
	}
	if n.role != model.RoleNone {
		id, err := pathID(r)
		if err != nil {
			return nil, err
		}
		if err := s.Accounts.Authorize(r.Context(), who, id, n.role); err != nil {
			return nil, err
		}
	}
	return who, nil
}

// authorize checks the request's person has role on an analysis named
// other than by the path (an import into it, the analysis a copy is made
// of); in local mode everyone may.
func (s *Server) authorize(r *http.Request, analysis int64, role model.Role) error {
	if s.Accounts == nil {
		return nil
	}
	return s.Accounts.Authorize(r.Context(), whoOf(r.Context()), analysis, role)
}

// owned makes the request's person the owner of an analysis they made;
// in local mode analyses have no owner.
func (s *Server) owned(r *http.Request, a *model.Analysis) error {
	if s.Accounts == nil {
		return nil
	}
	return s.Accounts.Store.SetOwner(r.Context(), a.ID, whoOf(r.Context()).User.ID)
}

// visible keeps of list the analyses the request's person has role on at
// least: all of them for an admin or in local mode; for a token limited to
// one analysis, that one.
func (s *Server) visible(r *http.Request, list []model.Summary, role model.Role) ([]model.Summary, error) {
	who := whoOf(r.Context())
	if s.Accounts == nil || who.User.Admin && (who.Token == nil || who.Token.Analysis == 0) {
		return list, nil
	}
	roles := map[int64]model.Role{}
	if who.User.Admin {
		roles[who.Token.Analysis] = model.RoleOwner
	} else {
		var err error
		if roles, err = s.Accounts.Store.Roles(r.Context(), who.User.ID); err != nil {
			return nil, err
		}
	}
	out := list[:0]
	for _, m := range list {
		if roles[m.ID] >= role && (who.Token == nil || who.Token.Analysis == 0 || who.Token.Analysis == m.ID) {
			out = append(out, m)
		}
	}
	return out, nil
}

// revocations is a channel closed at the next revocation of a session,
// token, share or account (accounts.Service.Revoked); nil, never closed,
// in local mode.
func (s *Server) revocations() <-chan struct{} {
	if s.Accounts == nil {
		return nil
	}
	return s.Accounts.Revoked()
}

// stillAllowed checks again what the route r came through asked: an open
// event stream ends when its reader's session, token, share or account
// does.
func (s *Server) stillAllowed(r *http.Request) error {
	_, err := s.allowed(r, viewer)
	return err
}

// endedFrame is the event that tells a stream's reader why it ends: the
// page shows it rather than reconnecting.
func endedFrame(err error) []byte {
	b, _ := json.Marshal(model.Error{Code: model.ErrorCode(err), Message: model.ErrorMessage(err)})
	return []byte("event: ended\ndata: " + string(b) + "\n\n")
}
