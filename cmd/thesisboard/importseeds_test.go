//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestImportPreviewOfTheSeeds pastes the reference report and the news
// article on the import page, as an analyst would, and reads the preview:
// the grids with their values, and in the Facts grid what each figure is.
func TestImportPreviewOfTheSeeds(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	for _, seed := range []struct {
		file string
		want map[string]string // what the Facts grid says a figure is → the figure, as shown
	}{
		{"000_04a9aae6d98e9d48.txt", map[string]string{"debt": "$18.3B", "call/put ratio": "21", "notes deal": "$2B"}},
		{"001_2c6c0cae9b1bdc71.txt", map[string]string{"artificial intelligence sales opportunities": "$7", "most shorted stocks, SATS": "18", "global fiber optic component capacity": "10"}},
	} {
		src, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seeds", seed.file))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/import")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the import page", `document.body.dataset.ready === "import"`)
		previewReport(t, ctx, src)
		waitFor(t, ctx, "the Facts grid in the preview", `document.querySelector("#preview-facts td") !== null`)
		rows := eval[[][]string](t, ctx, `Array.from(document.querySelectorAll("#preview-facts tr")).map(r => Array.from(r.cells).map(c => c.textContent))`)
		figure := map[string]string{}
		for _, r := range rows {
			if len(r) >= 2 {
				figure[r[0]] = r[1]
			}
		}
		for what, want := range seed.want {
			if got, ok := figure[what]; !ok || !strings.HasPrefix(got, want) {
				t.Errorf("%s: the preview's Facts grid gives %q as %q, want a figure starting %q (rows %q)", seed.file, what, got, want, rows)
			}
		}
		if grids := eval[int](t, ctx, `document.querySelectorAll("#import-found .preview-grid table").length`); grids < 2 {
			t.Errorf("%s: the preview shows %d grids", seed.file, grids)
		}
		if seed.file == "000_04a9aae6d98e9d48.txt" {
			// Created, the report's references known only by number keep
			// the sentences that cite them, and a fact's sentence shows
			// whole on hover.
			if err := chromedp.Do(ctx, click("#import-create")); err != nil {
				t.Fatal(err)
			}
			waitFor(t, ctx, "the new dashboard", `document.body.dataset.ready === "dashboard"`)
			if got := eval[string](t, ctx, `document.querySelector("#references li[value='2']").innerText`); !strings.HasPrefix(got, "Reference 2") || !strings.Contains(got, "cited for:") {
				t.Errorf("reference 2 in the page: %q", got)
			}
			if got := eval[string](t, ctx, `Array.from(document.querySelectorAll("#grid-facts td")).find(td => td.textContent.length > 40).title`); len(got) <= 40 {
				t.Errorf("a long fact cell's hover text: %q", got)
			}
		}
		for _, r := range rows {
			if len(r) > 0 && strings.EqualFold(r[0], "august") {
				t.Errorf("%s: a month is listed as a figure: %q", seed.file, r)
			}
		}
	}
}

// previewReport pastes src into the import page's box, as a person pastes a
// report, and presses Preview.
func previewReport(t *testing.T, ctx context.Context, src []byte) {
	t.Helper()
	text, _ := json.Marshal(string(src))
	eval[bool](t, ctx, `(() => { const e = document.getElementById("import-text"); e.value = `+string(text)+`; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	waitFor(t, ctx, "Preview enabled", `!document.getElementById("import-preview").disabled`)
	if err := chromedp.Do(ctx, click("#import-preview")); err != nil {
		t.Fatal(err)
	}
}
