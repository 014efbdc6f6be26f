//go:build !wasm

package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLiveSyncBetweenTabs opens the analysis in two tabs: an edit in one
// shows in the other without a reload, and back.
func TestLiveSyncBetweenTabs(t *testing.T) {
	m := startMain(t)
	tab1 := newBrowser(t, t.TempDir(), 90*time.Second)
	tab2, cancel := chromedp.NewContext(tab1)
	defer cancel()
	openDashboard(t, tab1, m.URL()+"/a/1")
	openDashboard(t, tab2, m.URL()+"/a/1")

	if err := chromedp.Do(tab1, chromedp.Click(chromedp.CSS(debtCell)), typeKeys("17.9"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab2, "the edit from tab 1", `document.querySelector("`+debtCell+`").textContent.startsWith("$17.9B")`)
	if got := eval[float64](t, tab2, debtChartJS); got != 17.9 {
		t.Errorf("tab 2's chart = %v, want 17.9", got)
	}

	if err := chromedp.Do(tab2, chromedp.Click(chromedp.CSS("#cell-partners-B2")), typeKeys("Joint build-out"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab1, "the edit from tab 2", `document.getElementById("cell-partners-B2").textContent.startsWith("Joint build-out")`)
	// Tab 1 edits again on top of tab 2's version: no conflict, both kept.
	if err := chromedp.Do(tab1, chromedp.Click(chromedp.CSS(debtCell)), typeKeys("18"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab2, "the second edit from tab 1", `document.querySelector("`+debtCell+`").textContent.startsWith("$18B")`)
	a, err := m.Store().Get(tab1, 1)
	if err != nil || a.Version != 4 || a.Section("partners").Cell(1, 1).Input != "Joint build-out" {
		t.Errorf("server: version %d, partners B2 %q, %v", a.Version, a.Section("partners").Cell(1, 1).Input, err)
	}
}
