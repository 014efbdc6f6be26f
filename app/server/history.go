//go:build !wasm

package server

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"

	"thesisboard/app/model"
)

// History is read a page at a time, newest first:
//
//	GET /api/analyses/{id}/history?before=VERSION&limit=N
//
// lists up to N ops (default and at most historyPage) with a version below
// VERSION (default: all). The answer is the same JSON array of logged ops
// as ever, which the page reads; when older ops remain, its Link header
// names the next page, RFC 8288 style:
//
//	Link: </api/analyses/1/history?before=4501&limit=500>; rel="next"
const (
	historyPage    = 500  // the default page, and the whole answer of old
	maxHistoryPage = 1000 // the largest page one request may ask for
)

// history lists a page of an analysis's ops, newest first, each with the
// ops that reverse it (from which the page shows old → new).
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	before, limit, err := historyQuery(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	head, err := s.Store.Head(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	before = min(before, head+1)
	// Versions count the ops (version 1 is the analysis as created, each
	// op adds one), so the window holds the page and one more, which tells
	// whether there are older ones.
	after := max(before-int64(limit)-2, 0)
	ops, err := s.Store.OpsBetween(r.Context(), id, after, before)
	if err != nil {
		s.error(w, r, err)
		return
	}
	next := int64(0)
	switch {
	case len(ops) > limit:
		ops = ops[len(ops)-limit:]
		next = ops[0].Version
	case after > 1: // a log with gaps: go on below the window
		next = after + 1
	}
	if next > 0 {
		w.Header().Set("Link", fmt.Sprintf(`</api/analyses/%d/history?before=%d&limit=%d>; rel="next"`, id, next, limit))
	}
	slices.Reverse(ops)
	if ops == nil {
		ops = []model.LoggedOp{}
	}
	writeJSON(w, http.StatusOK, ops)
}

// historyQuery reads ?before and ?limit. A limit over maxHistoryPage is
// lowered to it.
func historyQuery(r *http.Request) (before int64, limit int, err error) {
	before, limit = math.MaxInt64, historyPage
	q := r.URL.Query()
	if v := q.Get("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil || before < 1 {
			return 0, 0, model.Errorf(model.EINVALID, "before=%q is not a version (a whole number from 1)", v)
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, model.Errorf(model.EINVALID, "limit=%q is not a whole number from 1", v)
		}
		limit = min(n, maxHistoryPage)
	}
	return before, limit, nil
}

type restoreRequest struct {
	Version int64 `json:"version"`
}

// restoreVersion brings the analysis back to how it was at a version, as
// one change of new ops (see Store.RestoreVersion): history is never
// rewritten, and the restore itself can be undone the same way.
func (s *Server) restoreVersion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var req restoreRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	res, err := s.Store.RestoreVersion(r.Context(), id, req.Version, "restore to version "+strconv.FormatInt(req.Version, 10))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
