//go:build !wasm

package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// What an analyst sees of the connection and of the edits waiting in the
// browser: the server is stopped and started again under a real page.

// TestOfflineCellMarkedWaiting edits a cell with the server down: the cell
// is marked as waiting to be saved, and no other is. With the server back
// the edit is saved and the mark goes.
func TestOfflineCellMarkedWaiting(t *testing.T) {
	m, restart := restartable(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	if n := eval[int](t, ctx, `document.querySelectorAll(".grid td.waiting").length`); n != 0 {
		t.Fatalf("%d cells marked waiting before any edit", n)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	editOffline(t, ctx, "C2", "not saved yet")
	cell := `document.getElementById("cell-financial-health-C2")`
	waitFor(t, ctx, "the cell marked waiting", cell+`.classList.contains("waiting") && `+cell+`.title.includes("waiting to be saved")`)
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll(".grid td.waiting")].map(td => td.id)`); len(got) != 1 {
		t.Errorf("cells marked waiting: %v, want the edited one", got)
	}

	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "the edit saved", `document.getElementById("savestate").dataset.state === "saved"`)
	waitFor(t, ctx, "the mark gone", `!`+cell+`.classList.contains("waiting") && !`+cell+`.title.includes("waiting") && document.querySelectorAll(".grid td.waiting").length === 0`)
	if a, err := m2.Store().Get(ctx, 1); err != nil || a.Section("financial-health").Cell(1, 2).Input != "not saved yet" {
		t.Errorf("server C2 = %q, %v", a.Section("financial-health").Cell(1, 2).Input, err)
	}
}

// TestOfflineShownBeforeAnyEdit stops the server under an open analysis:
// the header says offline without an edit made, and saved again once the
// server is back.
func TestOfflineShownBeforeAnyEdit(t *testing.T) {
	m, restart := restartable(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	state := `document.getElementById("savestate")`
	waitFor(t, ctx, "saved", state+`.dataset.state === "saved"`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "offline, no edit made", state+`.dataset.state === "offline" && `+state+`.textContent.startsWith("Offline")`)

	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "saved again", state+`.dataset.state === "saved"`)
	if kinds := opKinds(t, m2, 1); kinds != "" {
		t.Errorf("the server's log holds %q, want nothing: no edit was made", kinds)
	}
}

// TestOfflineEditsSentFromTheList has two tabs edit an analysis with the
// server down; one is closed, the other goes to the home page, which this
// browser never loaded, and then each edit waits in a queue no open tab
// holds (the closed tab's, and the dashboard's this tab showed before).
// Once the server is back the home page sends both: the server has each
// once, the browser keeps no queue, and the list counts nothing waiting.
func TestOfflineEditsSentFromTheList(t *testing.T) {
	m, restart, stays := closedTabLeftAnEdit(t, "from the tab on the list")
	if err := chromedp.Do(stays, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, stays, "the home page offline", `document.getElementById("list-error").textContent.includes("server cannot be reached")`)

	m2 := restart()
	defer m2.Close()
	row := `document.querySelector('tr.analysis-row[data-id="1"]')`
	waitFor(t, stays, "the list", `document.body.dataset.ready === "list" && `+row+` !== null`)
	waitFor(t, stays, "nothing waiting", `Object.keys(localStorage).filter(k => k.includes("/queue")).length === 0 && !`+row+`.textContent.includes("waiting")`)
	serverHasBoth(t, stays, m2, "from the closed tab", "from the tab on the list")
}

// TestOfflineListNeverKept opens the home page with the server down in a
// browser that has the app but never loaded the list: the page says so
// plainly, and shows the list by itself once the server is back.
func TestOfflineListNeverKept(t *testing.T) {
	m, restart := restartable(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	want := "The server cannot be reached, and this browser has no copy of the list yet. It opens by itself once the server is back."
	waitFor(t, ctx, "the plain message", `document.getElementById("list-error").textContent === "`+want+`"`)
	if got := eval[string](t, ctx, `document.body.innerText`); strings.Contains(got, "TypeError") || strings.Contains(got, "Failed to fetch") {
		t.Errorf("the page shows the browser's error: %q", got)
	}

	m2 := restart()
	defer m2.Close()
	waitFor(t, ctx, "the list, once the server is back", `document.body.dataset.ready === "list" && document.querySelectorAll("tr.analysis-row").length === 1 && document.getElementById("list-error").textContent === ""`)
}
