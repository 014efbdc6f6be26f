//go:build !wasm

package server

import (
	"net/http"
)

// Admins manage accounts: list, add, disable and enable them, and set a
// new password for someone who lost theirs. The same is on the command
// line (thesisboard user ...), for the first admin and for a server whose
// admins are locked out.

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	if !s.inLocalMode(w, r) {
		list, err := s.Accounts.Store.Users(r.Context())
		s.answer(w, r, http.StatusOK, list, err)
	}
}

type addUserRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
	Admin    bool   `json:"admin,omitempty"`
}

func (s *Server) addUser(w http.ResponseWriter, r *http.Request) {
	if s.inLocalMode(w, r) {
		return
	}
	var req addUserRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := s.Accounts.AddUser(r.Context(), req.Name, req.Password, req.Admin)
	s.answer(w, r, http.StatusCreated, u, err)
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) { s.setDisabled(w, r, true) }
func (s *Server) enableUser(w http.ResponseWriter, r *http.Request)  { s.setDisabled(w, r, false) }

func (s *Server) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	if !s.inLocalMode(w, r) {
		err := s.Accounts.SetDisabled(r.Context(), r.PathValue("user"), disabled)
		s.answer(w, r, http.StatusNoContent, nil, err)
	}
}

// resetPassword sets a user's password and ends all their sessions.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	if s.inLocalMode(w, r) {
		return
	}
	var req passwordRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	err := s.Accounts.SetPassword(r.Context(), r.PathValue("user"), req.Password, 0)
	s.answer(w, r, http.StatusNoContent, nil, err)
}
