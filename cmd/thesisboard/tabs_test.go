//go:build !wasm

package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestTwoTabsOfflineLoseNothing has two tabs of one browser edit the
// analysis while the server is down. One is closed with its edit still
// waiting; the other is reloaded, still offline, and shows both edits in
// their cells, waiting. When the server is back it sends its own edit and
// the closed tab's, and the server has both. (With one queue per analysis
// in the browser's storage, the second tab's save overwrote the first's.)
func TestTwoTabsOfflineLoseNothing(t *testing.T) {
	_, restart, stays := closedTabLeftAnEdit(t, "from the tab that stays")

	eval[bool](t, stays, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(stays, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, stays, "the dashboard from the browser's copy", `document.body.dataset.ready === "dashboard"`)
	waitFor(t, stays, "both edits in their cells, waiting", `document.getElementById("cell-financial-health-C3").textContent === "from the tab that stays" && document.getElementById("cell-financial-health-C2").textContent === "from the closed tab" && document.getElementById("savestate").textContent === "Offline, 2 edits waiting"`)

	m2 := restart()
	defer m2.Close()
	waitFor(t, stays, "the replay", `document.getElementById("savestate").dataset.state === "saved"`)
	serverHasBoth(t, stays, m2, "from the closed tab", "from the tab that stays")
}

// TestDuplicatedTabIsItsOwnSession checks that a reloaded tab keeps its
// session, then opens a copy of the tab the way the browser's "Duplicate"
// does, with a copy of the first tab's sessionStorage (its session
// included): the copy takes a session of its own. Both edit
// while the server is down, the first is closed, and when the server is
// back the copy sends the closed tab's edit with its own; the server has
// both. (Sharing a session, the two tabs kept one queue in the browser, and
// the copy's save overwrote the other's waiting edit.) It does so twice:
// with the Web Locks the tabs claim their sessions with, and with the
// browser's Web Locks taken away, as a page served over plain HTTP from
// another machine has none, where the tabs take a roll call instead.
func TestDuplicatedTabIsItsOwnSession(t *testing.T) {
	t.Run("Web Locks", func(t *testing.T) { duplicatedTab(t, false) })
	t.Run("a roll call, without Web Locks", func(t *testing.T) { duplicatedTab(t, true) })
}

func duplicatedTab(t *testing.T, noLocks bool) {
	m, restart, copied, original, closeOriginal := twoTabs(t)
	defer closeOriginal()
	if noLocks {
		for _, tab := range []context.Context{original, copied} {
			if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `Object.defineProperty(Navigator.prototype, "locks", {get: () => undefined})`}); err != nil {
				t.Fatal(err)
			}
		}
	}
	openDashboard(t, original, m.URL()+"/a/1")
	if locks := eval[bool](t, original, `navigator.locks !== undefined`); locks == noLocks {
		t.Fatalf("the tab has Web Locks: %v", locks)
	}
	session := eval[string](t, original, `sessionStorage.getItem("thesisboard/session")`)
	if session == "" {
		t.Fatal("the first tab keeps no session in sessionStorage")
	}
	eval[bool](t, original, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(original, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, original, "the dashboard after a reload", `document.body.dataset.ready === "dashboard"`)
	if got := eval[string](t, original, `sessionStorage.getItem("thesisboard/session")`); got != session {
		t.Errorf("a reload changed the tab's session from %q to %q", session, got)
	}
	inherit := `sessionStorage.getItem("thesisboard/session") || sessionStorage.setItem("thesisboard/session", "` + session + `")`
	if _, err := chromedp.Call(copied, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: inherit}); err != nil {
		t.Fatal(err)
	}
	openDashboard(t, copied, m.URL()+"/a/1")
	if got := eval[string](t, copied, `sessionStorage.getItem("thesisboard/session")`); got == session || got == "" {
		t.Errorf("the copy's session is %q, the first tab's %q: want a session of its own", got, session)
	}
	waitFor(t, copied, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}

	editOffline(t, original, "C2", "from the first tab")
	editOffline(t, copied, "C3", "from the copy")
	if n := eval[int](t, copied, `Object.keys(localStorage).filter(k => k.includes("/queue/")).length`); n != 2 {
		t.Errorf("%d queues of waiting edits in the browser's storage, want one per tab", n)
	}
	closeOriginal()

	m2 := restart()
	defer m2.Close()
	waitFor(t, copied, "the replay", `document.getElementById("savestate").dataset.state === "saved"`)
	waitFor(t, copied, "the first tab's edit, from the server", `document.getElementById("cell-financial-health-C2").textContent === "from the first tab"`)
	serverHasBoth(t, copied, m2, "from the first tab", "from the copy")
}

// twoTabs starts the server on a fresh data directory, which the test
// stops, and a browser with two tabs, the second closed by close. restart
// starts the server again on the same address and data.
func twoTabs(t *testing.T) (m *Main, restart func() *Main, first, second context.Context, close func()) {
	t.Helper()
	m, restart = restartable(t)
	first = newBrowser(t, t.TempDir(), 120*time.Second)
	second, close = chromedp.NewContext(first)
	return m, restart, first, second, close
}

// editOffline types text into a cell of the financial health grid, at the
// top of the page, in view without scrolling in any tab,
// while the server is down, and waits for the tab to count it waiting.
func editOffline(t *testing.T, ctx context.Context, cell, text string) {
	t.Helper()
	if err := chromedp.Do(ctx, click("#cell-financial-health-"+cell), typeKeys(text), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the offline state", `document.getElementById("savestate").textContent === "Offline, 1 edit waiting"`)
}

// serverHasBoth checks that the server holds c2 in C2 and c3 in C3 of the
// financial health grid, each logged once, and that the browser keeps no
// queue left.
func serverHasBoth(t *testing.T, ctx context.Context, m *Main, c2, c3 string) {
	t.Helper()
	a, err := m.Store().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if fh := a.Section("financial-health"); fh.Cell(1, 2).Input != c2 || fh.Cell(2, 2).Input != c3 {
		t.Errorf("server after the replay: C2 %q, C3 %q", fh.Cell(1, 2).Input, fh.Cell(2, 2).Input)
	}
	ops, err := m.Store().Ops(ctx, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, l := range ops {
		n[l.Op.Input]++
	}
	for _, in := range []string{c2, c3} {
		if n[in] != 1 {
			t.Errorf("%q is in the server's log %d times, want once", in, n[in])
		}
	}
	if left := eval[int](t, ctx, `Object.keys(localStorage).filter(k => k.includes("/queue")).length`); left != 0 {
		t.Errorf("%d queues left in the browser's storage after the replay", left)
	}
}

// closedTabLeftAnEdit opens analysis 1 in two tabs, stops the server, has
// the one that closes edit C2 ("from the closed tab") and the one that
// stays edit C3 (stays), then closes the first: its edit waits in a queue
// no open tab holds. The server is stopped; restart starts it again.
func closedTabLeftAnEdit(t *testing.T, stays string) (m *Main, restart func() *Main, tab context.Context) {
	t.Helper()
	m, restart, tab, closes, closeTab := twoTabs(t)
	t.Cleanup(closeTab)
	openDashboard(t, tab, m.URL()+"/a/1")
	openDashboard(t, closes, m.URL()+"/a/1")
	waitFor(t, tab, "the service worker", `navigator.serviceWorker.controller !== null`)
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	editOffline(t, closes, "C2", "from the closed tab")
	editOffline(t, tab, "C3", stays)
	closeTab()
	return m, restart, tab
}
