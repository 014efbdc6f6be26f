package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"thesisboard/app/model"
)

var nextLink = regexp.MustCompile(`^<(/api/analyses/1/history\?[^>]*)>; rel="next"$`)

// historyPage gets a page of history and the link to the next, if any.
func getHistory(t *testing.T, url string) (versions []int64, next string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var ops []model.LoggedOp
	if err := json.NewDecoder(res.Body).Decode(&ops); res.StatusCode != 200 || err != nil {
		t.Fatalf("GET %s: %d %v", url, res.StatusCode, err)
	}
	for _, op := range ops {
		versions = append(versions, op.Version)
	}
	if link := res.Header.Get("Link"); link != "" {
		m := nextLink.FindStringSubmatch(link)
		if m == nil {
			t.Fatalf("Link: %s", link)
		}
		next = m[1]
	}
	return versions, next
}

// TestHistoryPages follows the history a page at a time, newest first, to
// its first op, without the server loading the analysis.
func TestHistoryPages(t *testing.T) {
	var store *loadCounter
	ts, _ := newTestServerWith(t, func(s *Server) {
		store = &loadCounter{Store: s.Store}
		s.Store = store
	})
	for i := range 12 { // versions 2 to 13
		setCell(t, ts.URL, fmt.Sprint(i))
	}
	var got [][]int64
	url := ts.URL + "/api/analyses/1/history?limit=5"
	for url != "" && len(got) < 10 {
		page, next := getHistory(t, url)
		got = append(got, page)
		url = ""
		if next != "" {
			url = ts.URL + next
		}
	}
	want := fmt.Sprint([][]int64{{13, 12, 11, 10, 9}, {8, 7, 6, 5, 4}, {3, 2}})
	if fmt.Sprint(got) != want {
		t.Errorf("pages %v, want %v", got, want)
	}
	if page, next := getHistory(t, ts.URL+"/api/analyses/1/history"); len(page) != 12 || next != "" {
		t.Errorf("whole history: %v, next %q", page, next)
	}
	if page, next := getHistory(t, ts.URL+"/api/analyses/1/history?before=4&limit=1000000"); fmt.Sprint(page) != "[3 2]" || next != "" {
		t.Errorf("before 4: %v, next %q", page, next)
	}
	if page, next := getHistory(t, ts.URL+"/api/analyses/1/history?before=3&limit=1"); fmt.Sprint(page) != "[2]" || next != "" {
		t.Errorf("before 3: %v, next %q", page, next)
	}
	if n := store.gets.Load(); n != 0 {
		t.Errorf("the history loaded the analysis %d times", n)
	}
	for _, q := range []string{"before=0", "before=x", "limit=0", "limit=-3", "limit=ten"} {
		if status, body := do(t, "GET", ts.URL+"/api/analyses/1/history?"+q, ""); status != 422 {
			t.Errorf("history?%s = %d %s, want 422", q, status, body)
		}
	}
	if status, _ := do(t, "GET", ts.URL+"/api/analyses/99/history", ""); status != 404 {
		t.Errorf("history of a missing analysis: %d", status)
	}
}

func TestHistoryLimitCapped(t *testing.T) {
	r, _ := http.NewRequest("GET", "/api/analyses/1/history?limit=5000", nil)
	if _, limit, err := historyQuery(r); err != nil || limit != maxHistoryPage {
		t.Errorf("limit=5000 reads as %d, %v; want %d", limit, err, maxHistoryPage)
	}
}
