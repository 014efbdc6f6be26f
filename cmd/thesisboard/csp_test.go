//go:build !wasm

package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"thesisboard/app/server"
)

// recordViolations has every Content-Security-Policy violation of the
// page kept in window.__csp (from before the page's own scripts run), and
// returns the browser's "Refused to …" messages as they come.
func recordViolations(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.__csp = [];
		document.addEventListener("securitypolicyviolation", e =>
			window.__csp.push(e.effectiveDirective + " refused " + (e.blockedURI || "inline") + " " + e.sample));`}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var refused []string
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*cdplog.EventEntryAdded); ok && (strings.Contains(e.Entry.Text, "Content Security Policy") || strings.Contains(e.Entry.Text, "Refused to")) {
			mu.Lock()
			refused = append(refused, e.Entry.Text)
			mu.Unlock()
		}
	})
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), refused...)
	}
}

// TestPageUnderContentSecurityPolicy loads the dashboard and the list in
// Chromium under the policy the server sends, and checks that nothing the
// real page does is refused: go-app's scripts, the WASM, the charts, the
// event stream, the service worker and its cache. Then it checks the
// policy does refuse an inline script, as one injected through an
// analysis's text would be.
func TestPageUnderContentSecurityPolicy(t *testing.T) {
	m := startMain(t)
	for _, path := range []string{"/a/1", "/", "/app-worker.js", "/web/app.css", "/api/analyses/1"} {
		res, err := http.Get(m.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Content-Security-Policy"); got != server.ContentSecurityPolicy {
			t.Errorf("%s: Content-Security-Policy %q, want the server's", path, got)
		}
	}
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	refused := recordViolations(t, ctx)

	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the charts", `document.querySelector("#chart-debt-fcf canvas") && document.querySelector("#chart-moves canvas")`)
	waitFor(t, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	// The worker cached the app: its fetches were allowed too.
	eval[bool](t, ctx, `(window.__cached = null, caches.keys().then(ks => Promise.all(ks.map(k => caches.open(k).then(c => c.keys())))).then(rs => window.__cached = rs.flat().map(r => new URL(r.url).pathname)), true)`)
	waitFor(t, ctx, "the app in the worker's cache", `window.__cached && window.__cached.includes("/web/app.wasm")`)
	checkNoViolation(t, ctx, "/a/1", refused)

	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list", `document.body.dataset.ready === "list"`)
	checkNoViolation(t, ctx, "/", refused)

	// The policy is enforced, and the checks above would have seen it: an
	// inline script is refused, and is then the only thing refused, late
	// reports of the loads before included.
	eval[bool](t, ctx, `(() => { const s = document.createElement("script"); s.textContent = "window.__ran = true"; document.body.append(s); return true })()`)
	waitFor(t, ctx, "the inline script's refusal", `window.__csp.length > 0`)
	if eval[bool](t, ctx, `window.__ran === true`) {
		t.Error("an inline script ran")
	}
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 1 || !strings.HasPrefix(v[0], "script-src-elem refused inline") {
		t.Errorf("violations after an inline script: %q, want that one", v)
	}
	var r []string
	for deadline := time.Now().Add(5 * time.Second); len(r) == 0 && time.Now().Before(deadline); r = refused() {
		time.Sleep(50 * time.Millisecond)
	}
	if len(r) != 1 || !strings.Contains(r[0], "inline script") {
		t.Errorf("the browser refused %q, want the inline script alone", r)
	}
}

func checkNoViolation(t *testing.T, ctx context.Context, page string, refused func() []string) {
	t.Helper()
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
		t.Errorf("%s: the page broke the policy:\n%s", page, strings.Join(v, "\n"))
	}
	if r := refused(); len(r) > 0 {
		t.Errorf("%s: the browser refused:\n%s", page, strings.Join(r, "\n"))
	}
}
