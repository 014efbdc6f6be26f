package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
)

// stream reads op events from an event stream.
type stream struct {
	res *http.Response
	sc  *bufio.Scanner
}

func openStream(t *testing.T, url, lastID string) *stream {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("events: %d %s", res.StatusCode, ct)
	}
	return &stream{res: res, sc: bufio.NewScanner(res.Body)}
}

// next returns the next op event's id and op.
func (s *stream) next(t *testing.T) (int64, model.LoggedOp) {
	t.Helper()
	var id int64
	for s.sc.Scan() {
		line := s.sc.Text()
		switch {
		case strings.HasPrefix(line, "id: "):
			id, _ = strconv.ParseInt(line[4:], 10, 64)
		case strings.HasPrefix(line, "data: "):
			var op model.LoggedOp
			if err := json.Unmarshal([]byte(line[6:]), &op); err != nil {
				t.Fatal(err)
			}
			return id, op
		}
	}
	t.Fatalf("stream ended: %v", s.sc.Err())
	return 0, model.LoggedOp{}
}

func setCell(t *testing.T, url string, input string) {
	t.Helper()
	status, body := do(t, "POST", url+"/api/analyses/1/ops", fmt.Sprintf(`{"kind":"set_cell","sheet":"partners","cell":"C2","input":%q}`, input))
	if status != 200 {
		t.Fatalf("op: %d %s", status, body)
	}
}

// TestEventsResumeWithoutGapOrDuplicate cuts a stream mid-way, commits more
// ops, resumes with Last-Event-ID and gets every op exactly once, in order.
func TestEventsResumeWithoutGapOrDuplicate(t *testing.T) {
	ts, _ := newTestServer(t)
	events := ts.URL + "/api/analyses/1/events"
	s := openStream(t, events+"?after=1", "")
	for i := range 3 {
		setCell(t, ts.URL, fmt.Sprintf("live %d", i))
	}
	var seen []string
	var last int64
	for range 2 {
		id, op := s.next(t)
		seen = append(seen, op.Op.Input)
		last = id
	}
	s.res.Body.Close() // cut after two of three

	for i := 3; i < 5; i++ {
		setCell(t, ts.URL, fmt.Sprintf("live %d", i))
	}
	s = openStream(t, events, strconv.FormatInt(last, 10))
	defer s.res.Body.Close()
	for want := last + 1; want <= 6; want++ {
		id, op := s.next(t)
		if id != want || op.Version != want {
			t.Fatalf("event id %d (version %d), want %d", id, op.Version, want)
		}
		seen = append(seen, op.Op.Input)
	}
	want := []string{"live 0", "live 1", "live 2", "live 3", "live 4"}
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("ops seen = %q, want %q", seen, want)
	}
}

func TestEventsUnknownAnalysis(t *testing.T) {
	ts, _ := newTestServer(t)
	if status, _ := do(t, "GET", ts.URL+"/api/analyses/99/events", ""); status != 404 {
		t.Errorf("events of a missing analysis: %d", status)
	}
}

// TestCloseEndsStreams checks a shutdown is not held up by open streams.
func TestCloseEndsStreams(t *testing.T) {
	ts, _ := newTestServer(t)
	s := openStream(t, ts.URL+"/api/analyses/1/events", "")
	done := make(chan struct{})
	go func() {
		for s.sc.Scan() {
		}
		close(done)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	closeServer(ts)
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("the stream stayed open after Close")
	}
}

// TestHistoryAndRestoreVersion edits a cell three times, reads the history
// with old and new values, and restores version 2 as new ops: one, since
// the two edits it undoes wrote the same cell.
func TestHistoryAndRestoreVersion(t *testing.T) {
	ts, store := newTestServer(t)
	for _, in := range []string{"one", "two", "three"} {
		setCell(t, ts.URL, in)
	}
	status, body := do(t, "GET", ts.URL+"/api/analyses/1/history", "")
	var hist []model.LoggedOp
	json.Unmarshal(body, &hist)
	if status != 200 || len(hist) != 3 || hist[0].Version != 4 || hist[0].Op.Input != "three" || hist[0].Undo[0].Input != "two" {
		t.Fatalf("history = %d %s", status, body)
	}
	status, body = do(t, "POST", ts.URL+"/api/analyses/1/restore-version", `{"version": 2}`)
	if status != 200 || !strings.Contains(string(body), `"version":5`) {
		t.Fatalf("restore = %d %s", status, body)
	}
	a, _ := store.Get(context.Background(), 1)
	if got := a.Section("partners").Cell(1, 2).Input; got != "one" {
		t.Errorf("after restoring version 2 C2 = %q, want one", got)
	}
	ops, _ := store.Ops(context.Background(), 1, 0)
	if len(ops) != 4 || ops[3].Session != "restore to version 2" {
		t.Errorf("the log has %d ops, last by %q; a restore adds ops, it does not remove any", len(ops), ops[len(ops)-1].Session)
	}
	if status, _ := do(t, "POST", ts.URL+"/api/analyses/1/restore-version", `{"version": 99}`); status != 422 {
		t.Errorf("restore to a missing version: %d", status)
	}
}
