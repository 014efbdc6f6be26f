//go:build !wasm

package server

import (
	"net/http"
	"strconv"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// The account routes: one's sessions and API tokens, an analysis's
// shares, and (for admins) users. Sign-in and sign-out are in signin.go.
func (s *Server) accountRoutes(route func(string, need, http.HandlerFunc)) {
	route("POST /api/login", anyone, s.login)
	route("POST /api/logout", anyone, s.logout)
	route("GET /api/me", anyone, s.me)
	route("POST /api/me/password", signedIn, s.changePassword)
	route("GET /api/sessions", signedIn, s.listSessions)
	route("DELETE /api/sessions/{sid}", signedIn, s.revokeSession)
	route("GET /api/tokens", signedIn, s.listTokens)
	route("POST /api/tokens", signedIn, s.createToken)
	route("DELETE /api/tokens/{tid}", signedIn, s.revokeToken)
	route("GET /api/analyses/{id}/shares", viewer, s.listShares)
	route("PUT /api/analyses/{id}/shares/{user}", owner, s.share)
	route("DELETE /api/analyses/{id}/shares/{user}", owner, s.unshare)
	route("GET /api/users", admin, s.listUsers)
	route("POST /api/users", admin, s.addUser)
	route("POST /api/users/{user}/disable", admin, s.disableUser)
	route("POST /api/users/{user}/enable", admin, s.enableUser)
	route("POST /api/users/{user}/password", admin, s.resetPassword)
}

// inLocalMode refuses account routes on a server without accounts.
func (s *Server) inLocalMode(w http.ResponseWriter, r *http.Request) bool {
	if s.Accounts != nil {
		return false
	}
	s.error(w, r, model.Errorf(model.ENOTFOUND, "this server runs in local mode, without accounts"))
	return true
}

// person is who the request comes from when it must be a person signed
// in, not a script: tokens do not manage sessions, tokens or passwords.
func (s *Server) person(w http.ResponseWriter, r *http.Request) (*accounts.Who, bool) {
	if s.inLocalMode(w, r) {
		return nil, false
	}
	who := whoOf(r.Context())
	if who.Token != nil {
		s.error(w, r, model.Errorf(model.EFORBIDDEN, "an API token cannot manage an account; sign in"))
		return nil, false
	}
	return who, true
}

func (s *Server) listSessions(w http.ResponseWriter, r *http.Request) {
	if who, ok := s.person(w, r); ok {
		list, err := s.Accounts.Sessions(r.Context(), who)
		s.answer(w, r, http.StatusOK, list, err)
	}
}

func (s *Server) revokeSession(w http.ResponseWriter, r *http.Request) {
	if who, ok := s.person(w, r); ok {
		id, err := pathInt(r, "sid")
		if err == nil {
			err = s.Accounts.RevokeSession(r.Context(), who, id)
		}
		s.answer(w, r, http.StatusNoContent, nil, err)
	}
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	if who, ok := s.person(w, r); ok {
		list, err := s.Accounts.Store.Tokens(r.Context(), who.User.ID)
		s.answer(w, r, http.StatusOK, list, err)
	}
}

// newTokenAnswer shows a token's secret, the only time it is shown.
type newTokenAnswer struct {
	accounts.Token
	Secret string `json:"secret"`
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	who, ok := s.person(w, r)
	if !ok {
		return
	}
	var req accounts.NewToken
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	secret, t, err := s.Accounts.CreateToken(r.Context(), who, req)
	s.answer(w, r, http.StatusCreated, newTokenAnswer{Token: t, Secret: secret}, err)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	if who, ok := s.person(w, r); ok {
		id, err := pathInt(r, "tid")
		if err == nil {
			err = s.Accounts.RevokeToken(r.Context(), who, id)
		}
		s.answer(w, r, http.StatusNoContent, nil, err)
	}
}

type passwordRequest struct {
	Old      string `json:"old,omitempty"`
	Password string `json:"password"`
}

// changePassword sets one's own password, given the old one, and ends
// one's other sessions.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	who, ok := s.person(w, r)
	if !ok {
		return
	}
	var req passwordRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	_, hash, err := s.Accounts.Store.UserByName(r.Context(), who.User.Name)
	if err == nil {
		var ok bool
		if ok, _, err = accounts.CheckPassword(hash, req.Old, s.Accounts.Params); err == nil && !ok {
			err = model.Errorf(model.EFORBIDDEN, "the current password is wrong")
		}
	}
	if err == nil {
		err = s.Accounts.SetPassword(r.Context(), who.User.Name, req.Password, who.Session.ID)
	}
	s.answer(w, r, http.StatusNoContent, nil, err)
}

// answer writes v with status, or err.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	switch {
	case err != nil:
		s.error(w, r, err)
	case status == http.StatusNoContent:
		w.WriteHeader(status)
	default:
		writeJSON(w, status, v)
	}
}

// pathInt reads a numeric path value.
// Errors: ENOTFOUND.
func pathInt(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n < 1 {
		return 0, model.Errorf(model.ENOTFOUND, "%s %q not found", name, r.PathValue(name))
	}
	return n, nil
}
