//go:build !wasm

package main

import (
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thesisboard/app/server"
	"thesisboard/web"
)

// BenchmarkWASMSize reports what a first visit downloads for the app itself.
func BenchmarkWASMSize(b *testing.B) {
	st, err := server.NewStatic(web.FS)
	if err != nil || !st.Has("app.wasm") {
		b.Fatal("web/app.wasm is not built; run make bench")
	}
	for b.Loop() {
	}
	b.ReportMetric(float64(st.Size("app.wasm")), "raw-bytes")
	b.ReportMetric(float64(st.Size("app.wasm.gz")), "gzip-bytes")
	b.ReportMetric(float64(st.Size("app.wasm.br")), "brotli-bytes")
}

// readyMillis is the page's own measure of navigation start to interactive:
// the analysis drawn and editable (see markReady in components).
const readyMillis = `window.thesisboardReadyAt`

// BenchmarkPageLoadCold loads the dashboard in a browser with a fresh profile
// each time: nothing cached, no service worker. Run with -benchtime 5x; the
// median is reported.
func BenchmarkPageLoadCold(b *testing.B) {
	m := startMain(b)
	var times []float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ctx := newBrowser(b, b.TempDir(), 60*time.Second)
		b.StartTimer()
		openDashboard(b, ctx, m.URL()+"/a/1")
		times = append(times, eval[float64](b, ctx, readyMillis))
	}
	b.ReportMetric(median(times), "ms-to-interactive")
}

// BenchmarkPageLoadWarm loads the dashboard again in a browser whose service
// worker has cached the app, as a returning user or the installed app does.
func BenchmarkPageLoadWarm(b *testing.B) {
	m := startMain(b)
	ctx := newBrowser(b, b.TempDir(), 120*time.Second)
	openDashboard(b, ctx, m.URL()+"/a/1")
	waitFor(b, ctx, "the service worker", `navigator.serviceWorker.controller !== null`)
	var times []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/a/1")); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ctx, "the dashboard", `document.body.dataset.ready === "dashboard"`)
		times = append(times, eval[float64](b, ctx, readyMillis))
	}
	b.ReportMetric(median(times), "ms-to-interactive")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
