//go:build !wasm

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#new-from-report"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the import page", `document.getElementById("import-text") !== null`)
	text, _ := json.Marshal(string(src))
	eval[bool](t, ctx, `(() => { const e = document.getElementById("import-text"); e.value = `+string(text)+`; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	waitFor(t, ctx, "Preview enabled", `!document.getElementById("import-preview").disabled`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#import-preview"))); err != nil {
		t.Fatal(err)
	}
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
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#import-create"))); err != nil {
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
