//go:build !wasm

package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"thesisboard/app/model"
)

// TestOfflineByNetworkEmulation cuts the browser off the network the way
// DevTools' Offline switch does (pages and the service worker alike), with
// the server still running: the edit waits, a reload while still offline
// shows it marked waiting, a teammate inserts a row above it meanwhile, and
// once the network is back the server has the edit on its row, moved down,
// as the page shows it.
func TestOfflineByNetworkEmulation(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	setOffline(t, ctx, true)
	waitFor(t, ctx, "navigator.onLine false", `navigator.onLine === false`)
	if reached, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`fetch("/api/analyses/1").then(() => true, () => false)`, chromedp.EvalAwaitPromise)); err != nil || reached {
		t.Fatalf("the API answered through the emulated offline network (%v)", err)
	}

	if err := chromedp.Do(ctx, click("#cell-partners-C2"), typeKeys("typed on a train"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the offline state", `document.getElementById("savestate").dataset.state === "offline" && document.getElementById("savestate").textContent === "Offline, 1 edit waiting"`)
	// The state shows wherever one is on the page.
	if !eval[bool](t, ctx, `window.scrollTo(0, document.body.scrollHeight), (() => {
		const r = document.getElementById("savestate").getBoundingClientRect()
		return window.scrollY > 0 && document.elementFromPoint(r.x + r.width/2, r.y + r.height/2) === document.getElementById("savestate")
	})()`) {
		t.Error("scrolled to the bottom of the page, the save state is out of sight")
	}
	if a, _ := m.Store().Get(ctx, 1); a.Section("partners").Cell(1, 2).Input == "typed on a train" {
		t.Fatal("the edit reached the server through an emulated offline network")
	}

	eval[bool](t, ctx, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the dashboard from the browser's copy", `document.body.dataset.ready === "dashboard"`)
	waitFor(t, ctx, "the waiting edit after the reload", `document.getElementById("cell-partners-C2").textContent === "typed on a train" && document.getElementById("savestate").dataset.state === "offline"`)

	// Meanwhile a teammate inserts a row above the edited one.
	if _, err := m.Store().Apply(ctx, 1, model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2}, "teammate"); err != nil {
		t.Fatal(err)
	}

	setOffline(t, ctx, false)
	waitFor(t, ctx, "the replay", `document.getElementById("savestate").dataset.state === "saved"`)
	waitFor(t, ctx, "the edit on its row, moved down by the teammate's", `document.getElementById("cell-partners-C3").textContent === "typed on a train" && document.getElementById("cell-partners-C2").textContent === ""`)
	a, err := m.Store().Get(ctx, 1)
	if err != nil || a.Section("partners").Cell(2, 2).Input != "typed on a train" || a.Section("partners").Cell(1, 2).Input != "" {
		t.Errorf("server after the replay: C2 %q, C3 %q, %v", a.Section("partners").Cell(1, 2).Input, a.Section("partners").Cell(2, 2).Input, err)
	}
}

// setOffline switches the emulated network off or on for the page and its
// service worker, and navigator.onLine with it.
func setOffline(t *testing.T, ctx context.Context, offline bool) {
	t.Helper()
	yes := true
	var conditions []*network.Conditions
	if offline {
		conditions = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &yes, MatchedNetworkConditions: conditions}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		t.Fatal(err)
	}
}

// TestOfflineEditsSurviveReloadAndReplay stops the server, edits, reloads
// the page while the server is still down (the service worker serves the
// app, the browser's storage the analysis and the waiting edit), then starts
// the server again: the edit reaches it.
func TestOfflineEditsSurviveReloadAndReplay(t *testing.T) {
	m, restart := restartable(t)
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	if err := chromedp.Do(ctx, click("#cell-partners-C2"), typeKeys("typed offline"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the offline state", `document.getElementById("savestate").dataset.state === "offline" && document.getElementById("savestate").textContent === "Offline, 1 edit waiting"`)

	eval[bool](t, ctx, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the dashboard from the browser's copy", `document.body.dataset.ready === "dashboard"`)
	waitFor(t, ctx, "the waiting edit after the reload", `document.getElementById("cell-partners-C2").textContent === "typed offline" && document.getElementById("savestate").dataset.state === "offline"`)

	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "the replay", `document.getElementById("savestate").dataset.state === "saved"`)
	a, err := m2.Store().Get(ctx, 1)
	if err != nil || a.Section("partners").Cell(1, 2).Input != "typed offline" {
		t.Errorf("server after the replay: %q, %v", a.Section("partners").Cell(1, 2).Input, err)
	}
}

// TestOfflineEditsSurviveBrowserRestart edits in two tabs with the server
// down, shuts the browser and starts it again on the same profile, still
// without the server: the page comes from the service worker, though the
// restarted tab is a new session and the two tabs that made the edits are
// gone. Edits of different cells show in their cells, waiting, and with the
// server back each reaches it once. Edits of the same cell are counted
// waiting but not drawn (neither tab saw the other's), and with the server
// back one is saved and the other shown as a conflict, not lost.
func TestOfflineEditsSurviveBrowserRestart(t *testing.T) {
	t.Run("different cells", func(t *testing.T) {
		after, m := restartWithTwoTabsEdits(t, "C3")
		waitFor(t, after, "the replay", `document.getElementById("savestate").dataset.state === "saved"`)
		serverHasBoth(t, after, m, "typed in the first tab", "typed in the second tab")
	})
	t.Run("the same cell", func(t *testing.T) {
		after, m := restartWithTwoTabsEdits(t, "C2")
		waitFor(t, after, "the collision", `document.getElementById("savestate").dataset.state === "conflict" && document.querySelector('#conflicts .conflict[data-cell="financial-health!C2"]') !== null`)
		a, err := m.Store().Get(after, 1)
		if err != nil {
			t.Fatal(err)
		}
		saved, shown := a.Section("financial-health").Cell(1, 2).Input, eval[string](t, after, `document.getElementById("conflicts").innerText`)
		other := map[string]string{"typed in the first tab": "typed in the second tab", "typed in the second tab": "typed in the first tab"}[saved]
		if other == "" {
			t.Fatalf("server C2 = %q, want one of the two edits", saved)
		}
		if !strings.Contains(shown, other) {
			t.Errorf("the conflict card does not offer the other edit %q: %q", other, shown)
		}
	})
}

// restartWithTwoTabsEdits has two tabs edit the financial health grid with
// the server down, the first C2 and the second cell, then restarts the
// browser on the same profile and checks what the restarted tab shows
// while the server is still down. It returns the tab once the server is
// back.
func restartWithTwoTabsEdits(t *testing.T, cell string) (context.Context, *Main) {
	m, restart := restartable(t)
	url, profile := m.URL()+"/a/1", t.TempDir()
	before := newBrowser(t, profile, 60*time.Second)
	second, closeSecond := chromedp.NewContext(before)
	defer closeSecond()
	openDashboard(t, before, url)
	openDashboard(t, second, url)
	waitFor(t, before, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	editOffline(t, before, "C2", "typed in the first tab")
	editOffline(t, second, cell, "typed in the second tab")
	if err := chromedp.Cancel(before); err != nil {
		t.Fatal(err)
	}

	after := newBrowser(t, profile, 60*time.Second)
	if err := chromedp.Do(after, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, after, "the dashboard from the browser's copy", `document.body.dataset.ready === "dashboard"`)
	if cell == "C2" {
		waitFor(t, after, "both edits counted, neither drawn", `document.getElementById("savestate").textContent === "Offline, 2 edits waiting" && !document.getElementById("cell-financial-health-C2").textContent.startsWith("typed")`)
	} else {
		waitFor(t, after, "both edits in their cells, waiting", `document.getElementById("cell-financial-health-C2").textContent === "typed in the first tab" && document.getElementById("cell-financial-health-`+cell+`").textContent === "typed in the second tab" && document.getElementById("savestate").textContent === "Offline, 2 edits waiting"`)
	}
	m2 := restart()
	t.Cleanup(func() { m2.Close() })
	return after, m2
}

// TestListOffline opens the list and an analysis, then, with the server
// down, edits the analysis and goes back to the list: the list is the one
// kept in the browser, the analysis opens from its copy with its edit
// waiting, one never opened in this browser is marked as needing the
// server, and new is off. With the server back, the list is the server's
// again by itself and sends the edit waiting, which the analysis, opened,
// shows saved, once in the server's log.
func TestListOffline(t *testing.T) {
	m, restart := restartable(t)
	other := unopened(t, m)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	row := func(id int64) string {
		return `document.querySelector('tr.analysis-row[data-id="` + strconv.FormatInt(id, 10) + `"]')`
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list", `document.body.dataset.ready === "list" && document.querySelectorAll("tr.analysis-row").length === 2`)
	if err := chromedp.Do(ctx, click(`tr.analysis-row[data-id="1"] a`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the dashboard", `document.body.dataset.ready === "dashboard"`)
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	editOffline(t, ctx, "C2", "typed on the train")

	eval[bool](t, ctx, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the kept list", `document.body.dataset.ready === "list" && document.getElementById("list-offline") !== null`)
	waitFor(t, ctx, "the kept analysis, its edit waiting", row(1)+`.querySelector("a") !== null && `+row(1)+`.textContent.includes("1 edit waiting")`)
	if !eval[bool](t, ctx, row(other.ID)+`.querySelector("a") === null && `+row(other.ID)+`.textContent.includes("needs the server") && document.getElementById("new-analysis").disabled && !document.getElementById("new-from-report").href`) {
		t.Errorf("offline, the analysis never opened here is a link or new is on: %s", eval[string](t, ctx, `document.querySelector(".card.list").innerText`))
	}
	if err := chromedp.Do(ctx, click(`tr.analysis-row[data-id="1"] a`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the analysis from the browser's copy", `document.body.dataset.ready === "dashboard" && document.getElementById("cell-financial-health-C2").textContent === "typed on the train" && document.getElementById("savestate").textContent === "Offline, 1 edit waiting"`)

	eval[bool](t, ctx, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the kept list again", `document.getElementById("list-offline") !== null`)
	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "the server's list", `document.getElementById("list-offline") === null && `+row(other.ID)+`.querySelector("a") !== null && !document.getElementById("new-analysis").disabled && document.getElementById("new-from-report").href.endsWith("/import")`)
	// The list sends the edit waiting in the browser by itself.
	waitFor(t, ctx, "the edit sent from the list", row(1)+` !== null && !`+row(1)+`.textContent.includes("waiting")`)
	a, err := m2.Store().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Section("financial-health").Cell(1, 2).Input; got != "typed on the train" {
		t.Errorf("server C2 once the list was back = %q", got)
	}
	if err := chromedp.Do(ctx, click(`tr.analysis-row[data-id="1"] a`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the analysis, saved", `document.body.dataset.ready === "dashboard" && document.getElementById("savestate").dataset.state === "saved" && document.getElementById("cell-financial-health-C2").textContent === "typed on the train"`)
	if n := strings.Count(opKinds(t, m2, 1), "set_cell"); n != 1 {
		t.Errorf("%d edits in the server's log, want the one made offline, once", n)
	}
}

// TestAnalysisNotKeptOpensWhenServerIsBack opens, with the server down, an
// analysis this browser never opened: the page says there is no copy of it
// here, and opens it by itself once the server is back.
func TestAnalysisNotKeptOpensWhenServerIsBack(t *testing.T) {
	m, restart := restartable(t)
	other := unopened(t, m)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/a/"+strconv.FormatInt(other.ID, 10))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the page saying there is no copy here", `document.getElementById("load-error").textContent.includes("no copy of it here")`)
	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "the analysis, once the server is back", `document.body.dataset.ready === "dashboard" && document.getElementById("analysis-title").textContent === "Never opened here"`)
}
