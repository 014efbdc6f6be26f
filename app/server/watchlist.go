//go:build !wasm

package server

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"thesisboard/app/model"
	"thesisboard/exports/csv"
)

func (s *Server) exportWatchlistCSV(w http.ResponseWriter, r *http.Request) {
	a, ok := s.analysis(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := csv.WriteWatchlist(&buf, a.Watchlist); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", contentDisposition(a.FileName(" watchlist.csv")))
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

// watchImport is the answer to a CSV upload.
type watchImport struct {
	Version int64    `json:"version"`
	Added   int      `json:"added"`
	Skipped []string `json:"skipped"`
}

// importWatchlistCSV adds the rows of an uploaded CSV to the watchlist, one
// add_watch op each, so every row is in the op log like a typed one. Tickers
// already on the list are reported, not overwritten.
func (s *Server) importWatchlistCSV(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	rows, skipped, err := csv.ReadWatchlist(http.MaxBytesReader(w, r.Body, MaxBodyBytes*4))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		s.error(w, r, model.Errorf(model.ETOOLARGE, "the CSV is larger than %d bytes", maxErr.Limit))
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	ops := make([]model.Op, len(rows))
	for i := range rows {
		ops[i] = model.Op{Kind: model.OpAddWatch, Watch: &rows[i]}
	}
	change, err := s.Store.ApplyChange(r.Context(), id, ops, r.Header.Get("X-Session"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	res := watchImport{Version: change.Version, Added: change.Applied, Skipped: append([]string{}, skipped...)}
	for _, sk := range change.Skipped {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s", rows[sk.Index].Code, sk.Reason))
	}
	w.Header().Set("X-Version", strconv.FormatInt(res.Version, 10))
	writeJSON(w, http.StatusOK, res)
}
