//go:build !wasm

package server

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"thesisboard/app/model"
	"thesisboard/app/report"
)

// MaxImportBytes caps an uploaded report or workbook.
const MaxImportBytes = 20 << 20

// importAnalysis takes a report (markdown or plain text) as the request body
// and creates an analysis from it; with ?preview=1 it only answers what it
// found. The answer is a model.ImportResult.
func (s *Server) importAnalysis(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxImportBytes))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		s.errorStatus(w, r, http.StatusRequestEntityTooLarge, model.Errorf(model.ETOOLARGE, "the upload is larger than %d MB", MaxImportBytes>>20))
		return
	}
	if err != nil {
		s.errorStatus(w, r, http.StatusBadRequest, model.Errorf(model.EINVALID, "reading the upload failed: %v", err))
		return
	}
	res, err := Import(body)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if preview, _ := strconv.ParseBool(r.URL.Query().Get("preview")); preview {
		writeJSON(w, http.StatusOK, res)
		return
	}
	if res.Analysis, err = s.Store.Create(r.Context(), res.Analysis); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/analyses/"+strconv.FormatInt(res.Analysis.ID, 10))
	writeJSON(w, http.StatusCreated, res)
}

// Import reads an uploaded file into an analysis, by what the file is.
// Errors: EINVALID, ETOOLARGE.
func Import(body []byte) (*model.ImportResult, error) {
	switch {
	case bytes.HasPrefix(body, []byte("PK\x03\x04")):
		return nil, model.Errorf(model.EINVALID, "this is a zip or Excel file; importing workbooks is not supported yet, only reports (markdown or text)")
	case bytes.HasPrefix(body, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, model.Errorf(model.EINVALID, "this is an encrypted or legacy Office file; save it as an unprotected .xlsx or send a text report")
	}
	return report.Parse(body)
}
