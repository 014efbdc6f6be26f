//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
)

// hostile is a client of the real server for the hostile-request suite.
type hostile struct {
	t    *testing.T
	base string
	c    *http.Client
	// acked is the latest version the server acknowledged for each
	// analysis: after a restart, none of it may be missing.
	acked map[int64]int64
}

// send makes a request and returns its status and body. header holds
// extra headers, "Host" among them.
func (h *hostile) send(method, path, body string, header map[string]string) (int, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.base+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := h.c.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	return res.StatusCode, b
}

// op posts an op to analysis id and returns the status; a 200 is noted as
// acknowledged.
func (h *hostile) op(id int64, op model.Op, header map[string]string) (int, []byte) {
	h.t.Helper()
	b, err := json.Marshal(op)
	if err != nil {
		h.t.Fatal(err)
	}
	status, body := h.send("POST", fmt.Sprintf("/api/analyses/%d/ops", id), string(b), header)
	if status == 200 {
		var res struct{ Version int64 }
		json.Unmarshal(body, &res)
		h.acked[id] = max(h.acked[id], res.Version)
	}
	return status, body
}

// setCell posts a set_cell on the sample's partners sheet and wants want.
func (h *hostile) setCell(cell, input string, want int) {
	h.t.Helper()
	if status, body := h.op(1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: cell, Input: input}, nil); status != want {
		h.t.Errorf("set %s to %.40q…: %d %s, want %d", cell, input, status, body, want)
	}
}

// analysis reads analysis id back, failing the test if it does not decode.
func (h *hostile) analysis(id int64) *model.Analysis {
	h.t.Helper()
	status, body := h.send("GET", fmt.Sprintf("/api/analyses/%d", id), "", nil)
	var a model.Analysis
	if err := json.Unmarshal(body, &a); status != 200 || err != nil {
		h.t.Fatalf("analysis %d reads back as %d %.200s (%v)", id, status, body, err)
	}
	return &a
}

// healthy checks what every hostile request must leave: the server
// answering, the sample reading back as JSON and exporting as a workbook,
// and another analysis taking an edit.
func (h *hostile) healthy(other int64) {
	h.t.Helper()
	if status, _ := h.send("GET", "/api/analyses", "", nil); status != 200 {
		h.t.Fatalf("the list answers %d", status)
	}
	h.analysis(1)
	status, body := h.send("GET", "/api/analyses/1/export.xlsx", "", nil)
	if status != 200 {
		h.t.Fatalf("export answers %d %.200s", status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		h.t.Fatalf("the export does not open: %v", err)
	}
	f.Close()
	if status, body := h.op(other, model.Op{Kind: model.OpSetCell, Sheet: "metrics", Cell: "B2", Input: strconv.Itoa(int(time.Now().UnixNano() % 1000))}, nil); status != 200 {
		h.t.Fatalf("an edit of another analysis answers %d %s", status, body)
	}
}

// TestHostileRequests sends the requests that once crashed the server or
// left an analysis unreadable, each item of the hostile-input issue at
// least once, to the real server on loopback. After each: the server
// answers, the analysis reads back and exports, another analysis takes an
// edit. At the end the server is restarted on the same data: every
// acknowledged edit is there.
func TestHostileRequests(t *testing.T) {
	m, restart := restartable(t)
	h := &hostile{t: t, base: m.URL(), c: &http.Client{Timeout: 60 * time.Second}, acked: map[int64]int64{}}
	status, body := h.send("POST", "/api/analyses", `{"title": "Other"}`, nil)
	var other model.Analysis
	if status != 201 || json.Unmarshal(body, &other) != nil {
		t.Fatalf("create: %d %s", status, body)
	}
	csv := func(rows int) string {
		var b strings.Builder
		b.WriteString("Ticker,Name,Price\n")
		for i := range rows {
			fmt.Fprintf(&b, "Z%d,Name %d,%d\n", i, i, i)
		}
		return b.String()
	}
	rows := []struct {
		item string
		run  func()
	}{
		{"1 text that doubles", func() {
			h.setCell("E2", strings.Repeat("x", model.MaxTextLen), 200)
			for r := 3; r <= 16; r++ {
				h.setCell(fmt.Sprintf("E%d", r), fmt.Sprintf("=E%d&E%d", r-1, r-1), 200)
			}
			a := h.analysis(1)
			if v := a.Section("partners").Cell(15, 4).Value; v.Kind != model.KindError || v.Text != "#VALUE!" {
				t.Errorf("the 14th doubling shows %+v, want #VALUE!", v)
			}
		}},
		{"2 huge ranges, typed and imported", func() {
			var sum []string
			for i := range 16 {
				c := string(rune('A' + i))
				sum = append(sum, fmt.Sprintf("SUM(%s1:%s65536)", c, c))
			}
			h.setCell("F2", "="+strings.Join(sum, "+"), 200)
			f := excelize.NewFile()
			f.SetCellValue("Sheet1", "A1", "Metric")
			for r := 2; r <= 17; r++ {
				f.SetCellFormula("Sheet1", fmt.Sprintf("B%d", r), strings.Join(sum, "+"))
			}
			var buf bytes.Buffer
			f.WriteTo(&buf)
			if status, body := h.send("POST", "/api/analyses/import", buf.String(), map[string]string{"Content-Type": "application/octet-stream"}); status >= 500 {
				t.Errorf("importing a workbook of huge ranges: %d %.200s", status, body)
			}
		}},
		{"3 numbers that are not finite", func() {
			h.setCell("G2", strings.Repeat("9", 300)+"T", 200)
			h.setCell("G3", "=1E308*10", 200)
			a := h.analysis(1)
			if v := a.Section("partners").Cell(1, 6).Value; v.Kind != model.KindText {
				t.Errorf("300 nines and a T read as %+v, want text", v)
			}
			if v := a.Section("partners").Cell(2, 6).Value; v.Text != "#NUM!" {
				t.Errorf("=1E308*10 shows %+v, want #NUM!", v)
			}
			if status, body := h.send("POST", "/api/analyses", `{"duplicateOf": 1}`, nil); status != 201 {
				t.Errorf("duplicate: %d %.200s", status, body)
			}
		}},
		{"4 bloated ops and long names", func() {
			big := strings.Repeat("b", 900<<10)
			if status, body := h.op(1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "H2", Input: "1", Text: big, Code: "X"}, nil); status != 200 {
				t.Errorf("an op with an unused 900 KB field: %d %.200s", status, body)
			}
			status, body := h.send("GET", "/api/analyses/1/history?limit=1", "", nil)
			if status != 200 || len(body) > 10<<10 {
				t.Errorf("history of that op: %d, %d bytes", status, len(body))
			}
			if status, _ := h.op(1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "H3", Input: "1"}, map[string]string{"X-Session": strings.Repeat("s", 10000)}); status != 422 {
				t.Errorf("a 10,000-byte session name: %d, want 422", status)
			}
			if status, _ := h.send("POST", "/api/analyses", `{"title": "`+strings.Repeat("t", 100000)+`"}`, nil); status != 422 {
				t.Errorf("a 100,000-byte title: %d, want 422", status)
			}
		}},
		{"5 more streams than a client may open", func() {
			var open []*http.Response
			defer func() {
				for _, r := range open {
					r.Body.Close()
				}
			}()
			refused := 0
			for range 40 {
				req, _ := http.NewRequest("GET", h.base+"/api/analyses/1/events", nil)
				res, err := (&http.Client{}).Do(req)
				if err != nil {
					t.Fatal(err)
				}
				if res.StatusCode == 429 || res.StatusCode == 503 {
					refused++
					res.Body.Close()
					continue
				}
				open = append(open, res)
			}
			if refused == 0 {
				t.Errorf("40 streams from one client were all opened")
			}
		}},
		{"6 changes too large, bases too old", func() {
			if status, body := h.send("POST", fmt.Sprintf("/api/analyses/%d/watchlist.csv", other.ID), csv(model.MaxChangeOps+1), map[string]string{"Content-Type": "text/csv"}); status != 413 {
				t.Errorf("a CSV of %d tickers: %d %.200s, want 413", model.MaxChangeOps+1, status, body)
			}
			if a := h.analysis(other.ID); len(a.Watchlist) != 0 {
				t.Errorf("the refused CSV left %d tickers", len(a.Watchlist))
			}
			status, body := h.send("POST", fmt.Sprintf("/api/analyses/%d/watchlist.csv", other.ID), csv(model.MaxChangeOps), map[string]string{"Content-Type": "text/csv"})
			if status != 200 {
				t.Fatalf("a CSV of %d tickers: %d %.200s", model.MaxChangeOps, status, body)
			}
			var res struct{ Version int64 }
			json.Unmarshal(body, &res)
			h.acked[other.ID] = max(h.acked[other.ID], res.Version)
			if status, body := h.send("POST", fmt.Sprintf("/api/analyses/%d/restore-version", other.ID), `{"version": 1}`, nil); status != 413 {
				t.Errorf("restoring past %d edits: %d %.200s, want 413", model.MaxChangeOps, status, body)
			}
			if status, _ := h.op(other.ID, model.Op{Kind: model.OpSetCell, Sheet: "metrics", Cell: "C2", Input: "1", BaseVersion: 1}, nil); status != 409 {
				t.Errorf("an edit %d versions behind: %d, want 409", res.Version-1, status)
			}
		}},
		{"8 an edit sent twice", func() {
			op := model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2, ID: "hostile.1"}
			_, b1 := h.op(1, op, nil)
			op.BaseVersion = h.acked[1]
			_, b2 := h.op(1, op, nil)
			if string(b1) != string(b2) {
				t.Errorf("the same edit twice answered %s then %s", b1, b2)
			}
			if status, _ := h.op(1, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "A2", Input: "mine", ID: "hostile.1"}, nil); status != 422 {
				t.Errorf("another edit under a used id: %d, want 422", status)
			}
		}},
		{"9 formulas that reach outside", func() {
			h.setCell("H4", `=WEBSERVICE("http://127.0.0.1:9/x")`, 200)
			h.setCell("H5", `=cmd|' /C calc'!A0`, 200)
			_, body := h.send("GET", "/api/analyses/1/export.xlsx", "", nil)
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for _, cell := range []string{"H4", "H5"} {
				if fx, _ := f.GetCellFormula("Partners", cell); fx != "" {
					t.Errorf("the workbook has the live formula %s in %s", fx, cell)
				}
			}
		}},
		{"10 security headers", func() {
			res, err := h.c.Get(h.base + "/a/1")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
				t.Errorf("Content-Security-Policy: %q", csp)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
				t.Errorf("headers: %v", res.Header)
			}
		}},
		{"11 a rebound host name", func() {
			port := h.base[strings.LastIndex(h.base, ":"):]
			for _, req := range []struct{ method, path string }{{"GET", "/api/analyses"}, {"DELETE", "/api/analyses/1"}} {
				status, _ := h.send(req.method, req.path, "", map[string]string{"Host": "rebound.example" + port, "Origin": "http://rebound.example" + port})
				if status != 421 {
					t.Errorf("%s %s for another host: %d, want 421", req.method, req.path, status)
				}
			}
		}},
		{"12 history in pages", func() {
			res, err := h.c.Get(h.base + "/api/analyses/1/history?limit=3")
			if err != nil {
				t.Fatal(err)
			}
			var page []model.LoggedOp
			json.NewDecoder(res.Body).Decode(&page)
			res.Body.Close()
			if len(page) != 3 || !strings.Contains(res.Header.Get("Link"), `rel="next"`) {
				t.Errorf("a page of 3: %d entries, Link %q", len(page), res.Header.Get("Link"))
			}
		}},
	}
	for _, row := range rows {
		t.Run(row.item, func(t *testing.T) {
			h.t = t
			row.run()
			h.healthy(other.ID)
		})
	}
	h.t = t
	if peak := peakRSS(t); peak > 1<<30 {
		t.Errorf("the test process (server and client) peaked at %d MB", peak>>20)
	} else {
		t.Logf("peak RSS of the process, server and client: %d MB", peak>>20)
	}

	// Restarted on the same data, every acknowledged edit is there.
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	m = restart()
	defer m.Close()
	h.base = m.URL()
	for id, version := range h.acked {
		if a := h.analysis(id); a.Version < version {
			t.Errorf("after a restart analysis %d is at version %d; %d was acknowledged", id, a.Version, version)
		}
	}
}

// peakRSS is the most memory this process has held (VmHWM).
func peakRSS(t *testing.T) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}
