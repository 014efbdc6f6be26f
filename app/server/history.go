//go:build !wasm

package server

import (
	"net/http"
	"slices"
	"strconv"

	"thesisboard/app/model"
)

// maxHistory caps one history answer.
const maxHistory = 500

// history lists an analysis's ops, newest first, each with the ops that
// reverse it (from which the page shows old → new).
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if !ok {
		return
	}
	after := max(a.Version-maxHistory, 0)
	ops, err := s.Store.Ops(r.Context(), a.ID, after)
	if err != nil {
		s.error(w, r, err)
		return
	}
	slices.Reverse(ops)
	if ops == nil {
		ops = []model.LoggedOp{}
	}
	writeJSON(w, http.StatusOK, ops)
}

type restoreRequest struct {
	Version int64 `json:"version"`
}

// restoreVersion brings the analysis back to how it was at a version by
// applying, newest first, the reversing ops of every op after it. Each is a
// new op in the log: history is never rewritten, and the restore itself can
// be undone the same way.
func (s *Server) restoreVersion(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if !ok {
		return
	}
	var req restoreRequest
	if status, err := decode(w, r, &req); err != nil {
		s.errorStatus(w, r, status, err)
		return
	}
	if req.Version < 1 || req.Version > a.Version {
		s.error(w, r, model.Errorf(model.EINVALID, "version %d is not between 1 and %d", req.Version, a.Version))
		return
	}
	ops, err := s.Store.Ops(r.Context(), a.ID, req.Version)
	if err != nil {
		s.error(w, r, err)
		return
	}
	session := "restore to version " + strconv.FormatInt(req.Version, 10)
	version := a.Version
	for i := len(ops) - 1; i >= 0; i-- {
		for _, undo := range ops[i].Undo {
			next, err := s.apply(r.Context(), a.ID, undo, session)
			if err != nil && model.ErrorCode(err) != model.EINVALID {
				s.error(w, r, err)
				return
			}
			if err == nil {
				version = next.Version
			}
		}
	}
	writeJSON(w, http.StatusOK, opResponse{Version: version})
}
