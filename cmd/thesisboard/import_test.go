//go:build !wasm

package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thesisboard/app/report"
)

// TestImportReportInBrowser pastes a report on the import page, previews it,
// creates the analysis and finds its grids, watchlist and charts drawn.
func TestImportReportInBrowser(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "app", "report", "testdata", "corning.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list", `document.body.dataset.ready === "list"`)
	if err := chromedp.Do(ctx, click("#new-from-report")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the import page", `document.body.dataset.ready === "import"`)
	previewReport(t, ctx, src)
	waitFor(t, ctx, "the preview", `document.getElementById("import-counts") !== null`)
	want, err := report.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	f := want.Found
	if got, want := eval[string](t, ctx, `document.getElementById("import-counts").textContent`),
		fmt.Sprintf("%d grids, %d figures, %d watchlist rows, %d references", f.Sections, f.Figures, f.Watchlist, f.References); got != want || f.Watchlist != 3 {
		t.Errorf("preview counts = %q, want %q", got, want)
	}
	if err := chromedp.Do(ctx, click("#import-create")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new dashboard", `document.body.dataset.ready === "dashboard" && location.pathname === "/a/2"`)
	if got := eval[string](t, ctx, `document.getElementById("thesis-verdict").textContent`); got != "Likely" {
		t.Errorf("verdict = %q", got)
	}
	if got := eval[string](t, ctx, `document.getElementById("cell-optical-demand-C2").textContent`); got != "$5.1B" {
		t.Errorf("optical sales 2025 shows %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("tr.watchrow").length`); n != 3 {
		t.Errorf("watchlist rows = %d", n)
	}
	if got := eval[float64](t, ctx, debtChartJS); got != 7.2 {
		t.Errorf("debt chart = %v, want 7.2", got)
	}
	if !eval[bool](t, ctx, `document.querySelector("#chart-moves canvas") !== null`) {
		t.Error("the moves chart drew nothing")
	}
}

// TestImportWorkbookInBrowser downloads the sample as a workbook, picks it
// on the import page and gets the same analysis back as a new one.
func TestImportWorkbookInBrowser(t *testing.T) {
	m := startMain(t)
	res, err := http.Get(m.URL() + "/api/analyses/1/export.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "lumen.xlsx")
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/import")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the import page", `document.body.dataset.ready === "import"`)
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{book})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "Preview enabled", `!document.getElementById("import-preview").disabled`)
	if err := chromedp.Do(ctx, click("#import-preview")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the preview", `document.getElementById("import-counts") !== null && document.getElementById("import-counts").textContent.includes("10 watchlist rows")`)
	if err := chromedp.Do(ctx, click("#import-create")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new dashboard", `document.body.dataset.ready === "dashboard" && location.pathname === "/a/2"`)
	if got := eval[string](t, ctx, `document.querySelector("`+debtCell+`").textContent`); !strings.HasPrefix(got, "$18.3B") {
		t.Errorf("debt cell shows %q", got)
	}
	if got := eval[float64](t, ctx, debtChartJS); got != 18.3 {
		t.Errorf("debt chart = %v", got)
	}
}
