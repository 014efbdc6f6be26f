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
	if preview, _ := strconv.ParseBool(r.URL.Query().Get("preview")); preview {
		writeJSON(w, http.StatusOK, res)
		return
	}
	if into := r.URL.Query().Get("into"); into != "" {
		s.importInto(w, r, into, res)
		return
	}
	if res.Analysis, err = s.Store.Create(r.Context(), res.Analysis); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/analyses/"+strconv.FormatInt(res.Analysis.ID, 10))
	writeJSON(w, http.StatusCreated, res)
}

// importInto updates analysis into from an imported workbook or report:
// the cells of its sections whose titles match, as set_cell ops committed
// as one change (importer.Into, Store.ApplyChange), so the edits are in the
// log and can be seen in history. What could not be applied, and sections
// that match nothing, are listed as skipped.
func (s *Server) importInto(w http.ResponseWriter, r *http.Request, into string, res *model.ImportResult) {
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
	ops, where, skipped := importer.Into(a, res)
	res.Skipped = append(res.Skipped, skipped...)
	change, err := s.Store.ApplyChange(r.Context(), id, ops, r.Header.Get("X-Session"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	for _, sk := range change.Skipped {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s", where[sk.Index], sk.Reason))
	}
	if res.Analysis, err = s.Store.Get(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
