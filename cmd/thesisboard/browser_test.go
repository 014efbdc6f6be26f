//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"thesisboard/app/model"
	"thesisboard/app/server"
	"thesisboard/web"
)

// startMain starts the real server program on a loopback port with a fresh
// data directory and stops it when the test ends.
func startMain(tb testing.TB) *Main {
	tb.Helper()
	if st, err := server.NewStatic(web.FS); err != nil || !st.Has("app.wasm") || !st.Has("echarts.min.js") {
		tb.Fatal("web/app.wasm or web/echarts.min.js is not built: run the tests with `make test`, which builds them first")
	}
	m := runMain(tb, "127.0.0.1:0", tb.TempDir())
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

// runMain starts the server program on addr with the data in dir; the
// caller closes it (tests that stop and start the server again on the same
// address and data).
func runMain(tb testing.TB, addr, dir string) *Main {
	tb.Helper()
	m := &Main{Addr: addr, DataDir: dir, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return m
}

// restartable starts the server program on a fresh data directory, for a
// test that stops it (Close) and starts it again: restart starts it on the
// same address and data.
func restartable(tb testing.TB) (m *Main, restart func() *Main) {
	tb.Helper()
	data := tb.TempDir()
	m = runMain(tb, "127.0.0.1:0", data)
	addr := strings.TrimPrefix(m.URL(), "http://")
	return m, func() *Main { return runMain(tb, addr, data) }
}

// unopened adds an analysis titled "Never opened here", which no browser
// has a copy of.
func unopened(t *testing.T, m *Main) *model.Analysis {
	t.Helper()
	a, err := m.Store().Create(context.Background(), &model.Analysis{Title: "Never opened here"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// chromiumPath is Debian's Chromium unless CHROMIUM names another.
func chromiumPath(tb testing.TB) string {
	p := os.Getenv("CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("no Chromium at %s (make test installs Debian's chromium): %v", p, err)
	}
	return p
}

// newBrowser starts headless Chromium with its own profile in profileDir and
// returns a tab context that ends with the test (or after timeout).
func newBrowser(tb testing.TB, profileDir string, timeout time.Duration) context.Context {
	tb.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(tb)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profileDir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("window-size", "1400,1000"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	// Start the browser now, so a failure to launch fails here.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	// Keep what the page logs (a Go panic in the WASM ends up there) and show
	// it when the test fails.
	var mu sync.Mutex
	var console []string
	chromedp.Listen(ctx, func(ev any) {
		var line string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			for _, a := range ev.Args {
				line += " " + strings.Trim(string(a.Value), `"`)
			}
			line = string(ev.Type) + ":" + line
		case *runtime.EventExceptionThrown:
			line = "exception: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				line += " " + ev.ExceptionDetails.Exception.Description
			}
		default:
			return
		}
		mu.Lock()
		console = append(console, line)
		mu.Unlock()
	})
	tb.Cleanup(func() {
		cancelTimeout()
		cancelTab()
		cancelAlloc()
		mu.Lock()
		defer mu.Unlock()
		if tb.Failed() && len(console) > 0 {
			tb.Logf("browser console:\n%s", strings.Join(console, "\n"))
		}
	})
	return ctx
}

// eval runs JavaScript in the page and decodes its result.
func eval[T any](tb testing.TB, ctx context.Context, js string) T {
	tb.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		tb.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true. An exception (an
// element not drawn yet) counts as false, not as a failure.
func waitFor(tb testing.TB, ctx context.Context, what, js string) {
	tb.Helper()
	guarded := "(() => { try { return !!(" + js + ") } catch (e) { return false } })()"
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](guarded, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		tb.Fatalf("waiting for %s (%s): %v", what, js, err)
	}
}

// openDashboard loads /a/{id} and waits until the analysis is drawn.
func openDashboard(tb testing.TB, ctx context.Context, url string) {
	tb.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		tb.Fatal(err)
	}
	waitFor(tb, ctx, "the dashboard", `document.body.dataset.ready === "dashboard"`)
}

// click presses and releases the mouse at the middle of the first element
// sel matches, as a person would click it: scrolled to the middle of the
// window unless it is in view and on top there (the sticky header, say,
// covers what is at the top of the window).
// It finds the element with JavaScript: chromedp.Click finds it through
// chromedp's own copy of the page's DOM, which now and then misses a node
// the page has, and the click then waits until the test's deadline.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		q, err := json.Marshal(sel)
		if err != nil {
			return err
		}
		at, err := chromedp.Poll[[]float64](`(() => {
			const e = document.querySelector(`+string(q)+`)
			if (!e) return null
			const middle = () => {
				const r = e.getBoundingClientRect()
				if (r.width === 0 || r.height === 0) return null
				const x = r.x + r.width / 2, y = r.y + r.height / 2, top = document.elementFromPoint(x, y)
				return top && e.contains(top) ? [x, y] : null
			}
			const at = middle()
			if (at) return at
			e.scrollIntoView({block: "center", inline: "center"})
			return middle()
		})()`, chromedp.WithPollingTimeout(20*time.Second))(ctx, t)
		if err != nil {
			return fmt.Errorf("click %s: %w", sel, err)
		}
		_, err = chromedp.MouseClickXY(at[0], at[1])(ctx, t)
		return err
	})
}

// typeKeys types keys as a real keyboard does: each key is one keyDown event
// carrying its text, so a page that calls preventDefault on keydown stops the
// character as it would for a person. (chromedp.KeyEvent sends the text in a
// separate char event, which preventDefault cannot stop.)
func typeKeys(keys string, opts ...chromedp.KeyOption) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, r := range keys {
			events := kb.Encode(r)
			var down, up *input.DispatchKeyEventParams
			for _, e := range events {
				switch e.Type {
				case kb.KeyDown:
					down = e
				case kb.KeyUp:
					up = e
				case kb.KeyChar:
					down.Text, down.UnmodifiedText = e.Text, e.UnmodifiedText
				}
			}
			for _, e := range []*input.DispatchKeyEventParams{down, up} {
				for _, o := range opts {
					o(e)
				}
				if e.Modifiers&^int64(chromedp.ModifierShift) != 0 {
					e.Text, e.UnmodifiedText = "", ""
				}
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// opKinds lists the kinds of the ops in analysis id's log, oldest first,
// comma-separated.
func opKinds(t *testing.T, m *Main, id int64) string {
	t.Helper()
	ops, err := m.Store().Ops(t.Context(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	kinds := make([]string, len(ops))
	for i, o := range ops {
		kinds[i] = string(o.Op.Kind)
	}
	return strings.Join(kinds, ",")
}
