//go:build !wasm

package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"thesisboard/app/model"
	"thesisboard/app/report"
	"thesisboard/exports/xlsx"
)

// MaxImportBytes caps an uploaded report or workbook.
const MaxImportBytes = 20 << 20

// importAnalysis takes a report (markdown or plain text) or an .xlsx workbook
// as the request body and creates an analysis from it; with ?preview=1 it
// only answers what it found; with ?into=ID it updates that analysis's
// sections whose titles match. The answer is a model.ImportResult.
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
	res, err := Import(r.Context(), body)
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

// Import reads an uploaded file into an analysis, by what the file is: an
// .xlsx workbook (or what claims to be one) or a text report.
// Errors: EINVALID, ETOOLARGE.
func Import(ctx context.Context, body []byte) (*model.ImportResult, error) {
	if bytes.HasPrefix(body, []byte("PK\x03\x04")) || bytes.HasPrefix(body, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		return xlsx.Read(ctx, body)
	}
	return report.Parse(body)
}

// importInto updates analysis into from an imported workbook or report: each
// section whose title matches one of the analysis's gets the imported cells,
// as set_cell ops committed as one change (all or nothing; at most
// model.MaxChangeOps), so the edits are in the log and can be seen in
// history. The ops are made on the version read: a cell someone changed
// meanwhile is a conflict, skipped and said. Sections that match nothing
// are listed as skipped.
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
	var ops []model.Op
	var where []string // each op's sheet and cell, for what was skipped
	for _, sec := range res.Analysis.Sections {
		target := sectionByTitle(a, sec.Title)
		if target == nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("sheet %q matches no section of %q", sec.Title, a.Title))
			continue
		}
		for _, op := range cellOps(target, &sec, a) {
			op.BaseVersion = a.Version
			ops = append(ops, op)
			where = append(where, sec.Title+"!"+op.Cell)
		}
	}
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

func sectionByTitle(a *model.Analysis, title string) *model.Section {
	for i := range a.Sections {
		if strings.EqualFold(a.Sections[i].Title, title) {
			return &a.Sections[i]
		}
	}
	return nil
}

// cellOps are the set_cell ops that make target's cells those of from.
func cellOps(target, from *model.Section, a *model.Analysis) []model.Op {
	var ops []model.Op
	for r := range max(len(target.Cells), len(from.Cells)) {
		for c := range max(len(target.Cell0(r)), len(from.Cell0(r))) {
			old, new := target.Cell(r, c), from.Cell(r, c)
			if old.Input == new.Input && old.Format == new.Format && old.Source == new.Source {
				continue
			}
			f, src := new.Format, new.Source
			if src != 0 && a.Reference(src) == nil {
				src = 0
			}
			ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: target.ID, Cell: model.Addr(r, c), Input: new.Input, Format: &f, Source: &src})
		}
	}
	return ops
}
