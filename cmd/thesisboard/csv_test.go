//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestWatchlistCSVInBrowser picks a CSV file in the page, sees its ticker
// added and the duplicate reported, and downloads the list as CSV.
func TestWatchlistCSVInBrowser(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	file := filepath.Join(t.TempDir(), "tickers.csv")
	if err := os.WriteFile(file, []byte("Ticker,Name,Price,Change %\nLUMN,Lumen,5.12,+4.5\nCOIN,Coinbase,1,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#watch-csv-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the CSV import", `document.getElementById("watch-csv-result").textContent.startsWith("1 added") && document.querySelector('tr.watchrow[data-code="LUMN"]') !== null`)
	if got := eval[string](t, ctx, `document.getElementById("watch-csv-result").textContent`); !strings.Contains(got, "COIN") {
		t.Errorf("result %q does not name the duplicate", got)
	}
	name, body := download(t, ctx, "#watch-csv")
	if want := "LUMN - Lumen - fiber for the AI build-out watchlist.csv"; name != want {
		t.Errorf("the watchlist downloads as %q, want %q", name, want)
	}
	if !strings.Contains(string(body), "\nLUMN,,Lumen,5.12,4.5,,,\n") {
		t.Errorf("downloaded CSV:\n%s", body)
	}
	if path := eval[string](t, ctx, `location.pathname`); path != "/a/1" {
		t.Errorf("after the download the page is at %s, want /a/1", path)
	}
}
