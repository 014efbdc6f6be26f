package server

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math"
	"strings"
	"testing"

	"thesisboard/app/model"
)

// nanStore holds a NaN in a cell of every analysis it returns, a value
// JSON cannot carry.
type nanStore struct{ Store }

func (n nanStore) Get(ctx context.Context, id int64) (*model.Analysis, error) {
	a, err := n.Store.Get(ctx, id)
	if err == nil {
		a.Sections[0].Cells[1][1].Value = model.Value{Kind: model.KindNumber, Num: math.NaN()}
	}
	return a, err
}

// TestAnswerThatCannotBeEncoded is a 500 with a JSON error, logged, not a
// 200 with an empty body.
func TestAnswerThatCannotBeEncoded(t *testing.T) {
	var log bytes.Buffer
	ts, _ := newTestServerWith(t, func(s *Server) {
		s.Store = nanStore{s.Store}
		s.Log = slog.New(slog.NewTextHandler(&log, nil))
	})
	status, body := do(t, "GET", ts.URL+"/api/analyses/1", "")
	var e errorBody
	if err := json.Unmarshal(body, &e); status != 500 || err != nil || e.Error.Code != model.EINTERNAL {
		t.Errorf("GET an analysis holding NaN = %d %s, want 500 with an internal error", status, body)
	}
	if !strings.Contains(log.String(), "request failed") || !strings.Contains(log.String(), "NaN") {
		t.Errorf("log:\n%s\nwant the failure and its reason", log.String())
	}
}
