//go:build !wasm

package server

import (
	"net/http"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// listShares lists who an analysis is shared with (its viewers may see
// who else sees it).
func (s *Server) listShares(w http.ResponseWriter, r *http.Request) {
	if s.inLocalMode(w, r) {
		return
	}
	id, err := pathID(r)
	var list []accounts.Share
	if err == nil {
		list, err = s.Accounts.Store.Shares(r.Context(), id)
	}
	s.answer(w, r, http.StatusOK, list, err)
}

type shareRequest struct {
	Role model.Role `json:"role"`
}

// share gives the {user} a role on the analysis, or changes it.
func (s *Server) share(w http.ResponseWriter, r *http.Request) {
	if s.inLocalMode(w, r) {
		return
	}
	var req shareRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	if req.Role == model.RoleNone {
		s.error(w, r, model.Errorf(model.EINVALID, "say the role to share as: viewer or editor"))
		return
	}
	s.setShare(w, r, req.Role)
}

// unshare takes the {user}'s role on the analysis away; their open event
// streams end.
func (s *Server) unshare(w http.ResponseWriter, r *http.Request) {
	if !s.inLocalMode(w, r) {
		s.setShare(w, r, model.RoleNone)
	}
}

func (s *Server) setShare(w http.ResponseWriter, r *http.Request, role model.Role) {
	id, err := pathID(r)
	if err == nil {
		err = s.Accounts.Share(r.Context(), whoOf(r.Context()), id, r.PathValue("user"), role)
	}
	s.answer(w, r, http.StatusNoContent, nil, err)
}
