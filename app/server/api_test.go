package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
	"thesisboard/app/sample"
	"thesisboard/app/sqlite"
)

// newTestServer starts the API on a loopback port over a real SQLite file in
// a temp dir, with the sample analysis as id 1.
func newTestServer(t testing.TB) (*httptest.Server, *sqlite.Store) {
	t.Helper()
	ts, s := newTestServerWith(t, nil)
	return ts, s.Store.(*sqlite.Store)
}

// newTestServerWith is newTestServer with the Server changed by set, when
// not nil, before it serves.
func newTestServerWith(t testing.TB, set func(*Server)) (*httptest.Server, *Server) {
	t.Helper()
	store, err := sqlite.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Create(context.Background(), sample.Lumen(time.Now())); err != nil {
		t.Fatal(err)
	}
	s := &Server{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if set != nil {
		set(s)
	}
	ts := httptest.NewServer(s.Handler())
	servers[ts] = s
	t.Cleanup(func() { s.Close(); ts.Close(); store.Close(); delete(servers, ts) })
	return ts, s
}

// servers maps test servers to their Server, for tests that close it.
var servers = map[*httptest.Server]*Server{}

func closeServer(ts *httptest.Server) { servers[ts].Close() }

func TestAPIScenarios(t *testing.T) {
	ts, store := newTestServer(t)
	big := `{"kind":"set_cell","sheet":"partners","cell":"B2","input":"` + strings.Repeat("x", MaxBodyBytes) + `"}`
	tests := []struct {
		name    string
		method  string
		path    string
		body    string
		header  map[string]string
		status  int
		contain string // in the body
	}{
		{"list", "GET", "/api/analyses", "", nil, 200, `"ticker":"LUMN"`},
		{"get", "GET", "/api/analyses/1", "", nil, 200, `"input":"$18.3B"`},
		{"unknown id", "GET", "/api/analyses/999", "", nil, 404, `"code":"not_found"`},
		{"id not a number", "GET", "/api/analyses/abc", "", nil, 404, `not found`},
		{"unknown route", "GET", "/api/nothing", "", nil, 404, `no API route`},
		{"malformed JSON", "POST", "/api/analyses/1/ops", `{"kind": "set_cell",`, nil, 400, `malformed JSON`},
		{"JSON syntax error", "POST", "/api/analyses/1/ops", `{"kind" "set_cell"}`, nil, 400, `malformed JSON at byte`},
		{"wrong field type", "POST", "/api/analyses/1/ops", `{"kind": "insert_row", "row": "two"}`, nil, 400, `field \"row\"`},
		{"unknown field", "POST", "/api/analyses/1/ops", `{"kind": "set_cell", "colour": "red"}`, nil, 400, `unknown field \"colour\"`},
		{"empty body", "POST", "/api/analyses/1/ops", ``, nil, 400, `empty`},
		{"unknown sheet", "POST", "/api/analyses/1/ops", `{"kind":"set_cell","sheet":"nope","cell":"B2","input":"1"}`, nil, 422, `no sheet \"nope\"`},
		{"bad cell address", "POST", "/api/analyses/1/ops", `{"kind":"set_cell","sheet":"financial-health","cell":"2B","input":"1"}`, nil, 422, `cell address \"2B\"`},
		{"unknown op kind", "POST", "/api/analyses/1/ops", `{"kind":"drop"}`, nil, 422, `unknown kind`},
		{"op on missing analysis", "POST", "/api/analyses/999/ops", `{"kind":"set_thesis","field":"verdict","text":"No"}`, nil, 404, `not_found`},
		{"op id too long", "POST", "/api/analyses/1/ops", `{"kind":"set_thesis","field":"verdict","text":"No","id":"` + strings.Repeat("i", model.MaxOpIDLen+1) + `"}`, nil, 422, `op id is longer`},
		{"oversized body", "POST", "/api/analyses/1/ops", big, nil, 413, `too_large`},
		{"cross-origin POST", "POST", "/api/analyses/1/ops", `{"kind":"set_thesis","field":"verdict","text":"No"}`,
			map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, 403, `cross-origin`},
		{"cross-origin DELETE", "DELETE", "/api/analyses/1", ``,
			map[string]string{"Origin": "https://evil.example"}, 403, `cross-origin`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, strings.NewReader(tt.body))
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || !strings.Contains(string(body), tt.contain) {
				t.Errorf("%s %s = %d %s, want %d containing %q", tt.method, tt.path, res.StatusCode, body, tt.status, tt.contain)
			}
		})
	}
	// None of the rejected requests may have changed analysis 1.
	a, err := store.Get(context.Background(), 1)
	if err != nil || a.Version != 1 || a.Thesis.Verdict != "Yes" {
		t.Errorf("after rejected requests: version %d verdict %q, %v; want 1 Yes", a.Version, a.Thesis.Verdict, err)
	}
	if ops, _ := store.Ops(context.Background(), 1, 0); len(ops) != 0 {
		t.Errorf("log has %d ops after rejected requests", len(ops))
	}
}

func do(t *testing.T, method, url, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func TestAPILifecycle(t *testing.T) {
	ts, _ := newTestServer(t)
	status, body := do(t, "POST", ts.URL+"/api/analyses/1/ops", `{"kind":"set_cell","sheet":"financial-health","cell":"B2","input":"17.9","baseVersion":1}`)
	if status != 200 || string(bytes.TrimSpace(body)) != `{"version":2}` {
		t.Fatalf("apply = %d %s", status, body)
	}
	status, body = do(t, "POST", ts.URL+"/api/analyses", `{"duplicateOf":1}`)
	var dup model.Analysis
	json.Unmarshal(body, &dup)
	if status != 201 || dup.ID != 2 || !strings.HasPrefix(dup.Title, "Copy of ") || dup.Section("financial-health").Cell(1, 1).Input != "17.9" {
		t.Fatalf("duplicate = %d %s", status, body)
	}
	status, body = do(t, "POST", ts.URL+"/api/analyses", `{"title":"Corning","ticker":"glw"}`)
	var blank model.Analysis
	json.Unmarshal(body, &blank)
	if status != 201 || blank.Title != "Corning" || blank.Ticker != "GLW" || len(blank.Sections) != 1 {
		t.Fatalf("create = %d %s", status, body)
	}
	if status, _ := do(t, "DELETE", ts.URL+"/api/analyses/2", ""); status != 204 {
		t.Fatalf("delete = %d", status)
	}
	if status, _ := do(t, "GET", ts.URL+"/api/analyses/2", ""); status != 404 {
		t.Fatalf("get deleted = %d", status)
	}
	if status, _ := do(t, "POST", ts.URL+"/api/analyses/2/restore", ""); status != 204 {
		t.Fatalf("restore = %d", status)
	}
	if status, _ := do(t, "GET", ts.URL+"/api/analyses/2", ""); status != 200 {
		t.Fatalf("get restored = %d", status)
	}

	res, err := http.Get(ts.URL + "/api/analyses/1/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
		t.Errorf("export headers: %s / %s", ct, res.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Financial health", "B2", excelize.Options{RawCellValue: true}); v != "17900000000" {
		t.Errorf("exported debt = %q, want 17900000000", v)
	}
}
