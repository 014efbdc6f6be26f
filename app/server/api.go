//go:build !wasm

package server

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"thesisboard/exports/xlsx"

	"thesisboard/app/model"
)

func (s *Server) listAnalyses(w http.ResponseWriter, r *http.Request) {
	list, err := s.Store.List(r.Context())
	if err == nil {
		list, err = s.visible(r, list, model.RoleViewer)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

// listTrash lists deleted analyses, which can be restored for 30 days.
func (s *Server) listTrash(w http.ResponseWriter, r *http.Request) {
	list, err := s.Store.Trash(r.Context())
	if err == nil {
		list, err = s.visible(r, list, model.RoleOwner)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

// createRequest creates a blank analysis, or copies one when DuplicateOf is set.
type createRequest struct {
	Title       string `json:"title"`
	Company     string `json:"company"`
	Ticker      string `json:"ticker"`
	DuplicateOf int64  `json:"duplicateOf"`
}

func (s *Server) createAnalysis(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	var a *model.Analysis
	var err error
	if req.DuplicateOf != 0 {
		if err = s.authorize(r, req.DuplicateOf, model.RoleViewer); err == nil {
			a, err = s.Store.Duplicate(r.Context(), req.DuplicateOf)
		}
	} else {
		a, err = s.Store.Create(r.Context(), blankAnalysis(req))
	}
	if err == nil {
		err = s.owned(r, a)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/analyses/"+strconv.FormatInt(a.ID, 10))
	writeJSON(w, http.StatusCreated, a)
}

// blankAnalysis is a new analysis with one empty metrics grid to type into.
func blankAnalysis(req createRequest) *model.Analysis {
	title := strings.TrimSpace(req.Title)
	if title == "" {
		title = "Untitled analysis"
	}
	head := func(s string) model.Cell {
		return model.Cell{Input: s, Value: model.Value{Kind: model.KindText, Text: s}}
	}
	return &model.Analysis{
		Title:   title,
		Company: strings.TrimSpace(req.Company),
		Ticker:  strings.ToUpper(strings.TrimSpace(req.Ticker)),
		Sections: []model.Section{{ID: "metrics", Title: "Metrics", Cells: [][]model.Cell{
			{head("Metric"), head("Value"), head("Period")},
			{}, {}, {},
		}}},
	}
}

func (s *Server) getAnalysis(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if ok {
		writeJSON(w, http.StatusOK, a)
	}
}

// analysis loads the analysis named by the path, writing the error if it
// cannot.
func (s *Server) analysis(w http.ResponseWriter, r *http.Request) (*model.Analysis, bool) {
	id, err := pathID(r)
	if err == nil {
		var a *model.Analysis
		if a, err = s.Store.Get(r.Context(), id); err == nil {
			return a, true
		}
	}
	s.error(w, r, err)
	return nil, false
}

func (s *Server) deleteAnalysis(w http.ResponseWriter, r *http.Request) {
	s.idAction(w, r, s.Store.Delete)
}

func (s *Server) restoreAnalysis(w http.ResponseWriter, r *http.Request) {
	s.idAction(w, r, s.Store.Restore)
}

// idAction runs an action that takes the path's analysis id and answers 204.
func (s *Server) idAction(w http.ResponseWriter, r *http.Request, action func(context.Context, int64) error) {
	id, err := pathID(r)
	if err == nil {
		err = action(r.Context(), id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// opResponse acknowledges a committed op.
type opResponse struct {
	Version int64 `json:"version"`
}

func (s *Server) applyOp(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var op model.Op
	if err := decode(w, r, &op); err != nil {
		s.error(w, r, err)
		return
	}
	a, err := s.Store.Apply(r.Context(), id, op, r.Header.Get("X-Session"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, opResponse{Version: a.Version})
}

func (s *Server) exportXLSX(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, a); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", contentDisposition(a.FileName(".xlsx")))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}
