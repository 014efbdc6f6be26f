//go:build !wasm

package server

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"thesisboard/app/importer"
	"thesisboard/app/model"
)

// importAnalysis takes a report (markdown or plain text) or an .xlsx workbook
// as the request body and creates an analysis from it; with ?preview=1 it
// only answers what it found; with ?into=ID it updates that analysis's
// sections whose titles match. The answer is a model.ImportResult.
func (s *Server) importAnalysis(w http.ResponseWriter, r *http.Request) {
	into := r.URL.Query().Get("into")
	if into != "" {
		// Checked before the upload is read: refused people cost nothing.
		id, err := strconv.ParseInt(into, 10, 64)
		if err != nil {
			err = model.Errorf(model.ENOTFOUND, "analysis %q not found", into)
		} else {
			err = s.authorize(r, id, model.RoleEditor)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importer.MaxBytes))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		s.error(w, r, model.Errorf(model.ETOOLARGE, "the upload is larger than %d MB", importer.MaxBytes>>20))
		return
	}
	if err != nil {
		s.error(w, r, model.Errorf(model.EMALFORMED, "reading the upload failed: %v", err))
		return
	}
	res, err := importer.Read(r.Context(), body)
	if err != nil {
		s.error(w, r, err)
		return
	}
	preview, _ := strconv.ParseBool(r.URL.Query().Get("preview"))
	if into != "" {
		s.importInto(w, r, into, res, preview)
		return
	}
	if preview {
		writeJSON(w, http.StatusOK, res)
		return
	}
	if res.Analysis, err = s.Store.Create(r.Context(), res.Analysis); err == nil {
		err = s.owned(r, res.Analysis)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/analyses/"+strconv.FormatInt(res.Analysis.ID, 10))
	writeJSON(w, http.StatusCreated, res)
}

// importInto updates analysis into from an imported workbook or report:
// the cells of its sections whose titles match, as set_cell ops committed
// as one change (importer.Into, Store.ApplyChange), so the edits are in the
// log and can be seen in history. With preview, it only answers what would
// change, cell by cell, old → new. What could not be applied, and sections
// that match nothing, are listed as skipped.
func (s *Server) importInto(w http.ResponseWriter, r *http.Request, into string, res *model.ImportResult, preview bool) {
	id, err := strconv.ParseInt(into, 10, 64)
	if err != nil {
		s.error(w, r, model.Errorf(model.ENOTFOUND, "analysis %q not found", into))
		return
	}
	a, err := s.Store.Get(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	plan, err := importer.Into(a, res)
	if err != nil {
		s.error(w, r, err)
		return
	}
	res.Skipped = append(res.Skipped, plan.Skipped...)
	res.Changes = plan.Changes
	if preview {
		res.Analysis = a
		writeJSON(w, http.StatusOK, res)
		return
	}
	change, err := s.Store.ApplyChange(r.Context(), id, plan.Ops, r.Header.Get("X-Session"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	for _, sk := range change.Skipped {
		c := plan.Changes[sk.Index]
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s!%s: %s", c.Sheet, c.Cell, sk.Reason))
	}
	if res.Analysis, err = s.Store.Get(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
