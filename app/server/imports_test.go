package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/importer"
	"thesisboard/app/model"
)

func postImport(t *testing.T, url string, body []byte) (int, model.ImportResult, string) {
	t.Helper()
	res, err := http.Post(url, "text/markdown", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	var out model.ImportResult
	json.Unmarshal(buf.Bytes(), &out)
	return res.StatusCode, out, buf.String()
}

func TestImportReport(t *testing.T) {
	ts, store := newTestServer(t)
	src, err := os.ReadFile("../report/testdata/corning.md")
	if err != nil {
		t.Fatal(err)
	}
	status, res, body := postImport(t, ts.URL+"/api/analyses/import?preview=1", src)
	if status != 200 || res.Found.Watchlist != 3 || res.Analysis.ID != 0 {
		t.Fatalf("preview = %d %s", status, body)
	}
	if list, _ := store.List(context.Background()); len(list) != 1 {
		t.Fatalf("a preview stored an analysis: %d analyses", len(list))
	}
	status, res, body = postImport(t, ts.URL+"/api/analyses/import", src)
	if status != 201 || res.Analysis.ID != 2 || res.Analysis.Thesis.Verdict != "Likely" {
		t.Fatalf("import = %d %s", status, body)
	}
	a, err := store.Get(context.Background(), 2)
	if err != nil || len(a.Watchlist) != 3 || a.Section("optical-demand") == nil {
		t.Fatalf("stored import = %+v, %v", a, err)
	}

	for _, tt := range []struct {
		name    string
		body    []byte
		status  int
		contain string
	}{
		{"broken workbook", []byte("PK\x03\x04rest of a zip"), 422, "not a valid .xlsx"},
		{"encrypted office file", []byte{0xD0, 0xCF, 0x11, 0xE0, 1, 2}, 422, "encrypted"},
		{"empty", []byte("  \n"), 422, "empty"},
		{"not text", []byte{'a', 0xff, 0xfe}, 422, "not UTF-8"},
		{"over the report limit", bytes.Repeat([]byte("a"), 1<<20+1), 413, "limit"},
		{"over the upload limit", bytes.Repeat([]byte("a"), importer.MaxBytes+1), 413, "larger than"},
	} {
		status, _, body := postImport(t, ts.URL+"/api/analyses/import", tt.body)
		if status != tt.status || !strings.Contains(body, tt.contain) {
			t.Errorf("%s: %d %s, want %d containing %q", tt.name, status, body, tt.status, tt.contain)
		}
	}
	if list, _ := store.List(context.Background()); len(list) != 2 {
		t.Errorf("rejected imports stored something: %d analyses", len(list))
	}
}

func TestWatchlistCSV(t *testing.T) {
	ts, store := newTestServer(t)
	res, err := http.Get(ts.URL + "/api/analyses/1/watchlist.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(buf.String(), "Code,Stock code,Name,Last price,Change %") || strings.Count(buf.String(), "\n") != 11 {
		t.Fatalf("export = %d\n%s", res.StatusCode, buf.String())
	}
	in := "ticker,price,change\nLUMN,5.12,4.5\nCOIN,1,1\nBAD,x,1\n"
	res, err = http.Post(ts.URL+"/api/analyses/1/watchlist.csv", "text/csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Version int64
		Added   int
		Skipped []string
	}
	json.NewDecoder(res.Body).Decode(&out)
	res.Body.Close()
	if res.StatusCode != 200 || out.Added != 2 || out.Version != 3 || len(out.Skipped) != 2 {
		t.Fatalf("import = %d %+v", res.StatusCode, out)
	}
	a, _ := store.Get(context.Background(), 1)
	if len(a.Watchlist) != 12 || a.Watchlist[10].Code != "LUMN" || a.Watchlist[11].Code != "BAD" {
		t.Errorf("watchlist after import: %+v", a.Watchlist[10:])
	}
	res, _ = http.Post(ts.URL+"/api/analyses/1/watchlist.csv", "text/csv", strings.NewReader("a,b\n1,2\n"))
	res.Body.Close()
	if res.StatusCode != 422 {
		t.Errorf("CSV without ticker columns: %d", res.StatusCode)
	}
}

func TestImportWorkbook(t *testing.T) {
	ts, store := newTestServer(t)
	res, err := http.Get(ts.URL + "/api/analyses/1/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	book.ReadFrom(res.Body)
	res.Body.Close()

	status, out, body := postImport(t, ts.URL+"/api/analyses/import", book.Bytes())
	if status != 201 || out.Analysis.ID != 2 || len(out.Analysis.Watchlist) != 10 || out.Analysis.Section("financial-health") == nil {
		t.Fatalf("import = %d %s", status, body)
	}

	// Edit the workbook as Excel would and bring it back into analysis 1.
	f, err := excelize.OpenReader(bytes.NewReader(book.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellFloat("Financial health", "B2", 17.5e9, -1, 64)
	f.SetCellStr("Partners", "B3", "Cloud on-ramps and AI edge")
	f.NewSheet("Scratch")
	f.SetCellStr("Scratch", "A1", "x")
	var edited bytes.Buffer
	f.WriteTo(&edited)
	f.Close()
	status, out, body = postImport(t, ts.URL+"/api/analyses/import?into=1", edited.Bytes())
	if status != 200 || out.Analysis.Version != 3 {
		t.Fatalf("import into 1 = %d %s", status, body)
	}
	a, _ := store.Get(context.Background(), 1)
	if c := a.Section("financial-health").Cell(1, 1); c.Input != "$17.5B" || c.Value.Num != 17.5e9 || c.Source != 1 {
		t.Errorf("debt after import = %+v", c)
	}
	if c := a.Section("partners").Cell(2, 1); c.Input != "Cloud on-ramps and AI edge" {
		t.Errorf("role after import = %+v", c)
	}
	found := false
	for _, s := range out.Skipped {
		found = found || strings.Contains(s, `"Scratch"`)
	}
	if !found {
		t.Errorf("skipped = %q, want the unmatched sheet named", out.Skipped)
	}
	if ops, _ := store.Ops(context.Background(), 1, 0); len(ops) != 2 {
		t.Errorf("%d ops logged, want one per changed cell (2)", len(ops))
	}
}
