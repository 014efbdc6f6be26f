//go:build !wasm

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeViolation is what axe-core reports of one rule the page breaks.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axe runs axe-core (the npm package, installed by make test) in the page
// and returns the WCAG A and AA rules it breaks.
func axe(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed (make test installs it): %v", err)
	}
	// Evaluated through DevTools, which the page's Content-Security-Policy
	// does not govern.
	eval[bool](t, ctx, string(src)+";true")
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({target: n.target}))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestAccessibility checks the dashboard and the home page with axe-core:
// no rule of WCAG 2.1 A and AA, nor axe's best practices, is broken.
func TestAccessibility(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	for _, page := range []struct{ path, ready string }{{"/a/1", "dashboard"}, {"/", "list"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+page.path)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, page.ready, `document.body.dataset.ready === "`+page.ready+`"`)
		for _, v := range axe(t, ctx) {
			var where []string
			for _, n := range v.Nodes[:min(len(v.Nodes), 5)] {
				where = append(where, strings.Join(n.Target, " "))
			}
			t.Errorf("%s: %s (%s, %d nodes): %s; e.g. %s", page.path, v.ID, v.Impact, len(v.Nodes), v.Help, strings.Join(where, ", "))
		}
	}
}
