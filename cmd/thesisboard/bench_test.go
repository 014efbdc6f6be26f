//go:build !wasm

package main

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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

// BenchmarkEditToOtherTab is the time from pressing Enter on an edit in one
// tab to the other tab showing it, through the server and its event stream.
// It reports the median and the 95th percentile.
func BenchmarkEditToOtherTab(b *testing.B) {
	m := startMain(b)
	tab1 := newBrowser(b, b.TempDir(), 120*time.Second)
	tab2, cancel := chromedp.NewContext(tab1)
	defer cancel()
	openDashboard(b, tab1, m.URL()+"/a/1")
	openDashboard(b, tab2, m.URL()+"/a/1")
	var lat []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		want := fmt.Sprintf("bench %d", i)
		eval[bool](b, tab2, `(() => { window.seenAt = 0; const el = document.getElementById("cell-partners-C2");
			new MutationObserver((_, obs) => { if (document.getElementById("cell-partners-C2").textContent === "`+want+`") { window.seenAt = Date.now(); obs.disconnect() } })
				.observe(document.getElementById("grid-partners"), {subtree: true, childList: true, characterData: true}); return true })()`)
		if err := chromedp.Do(tab1, chromedp.Click(chromedp.CSS("#cell-partners-C2")), typeKeys(want)); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := chromedp.Do(tab1, typeKeys(kb.Enter)); err != nil {
			b.Fatal(err)
		}
		waitFor(b, tab2, "the edit in the other tab", `window.seenAt > 0`)
		seen := eval[float64](b, tab2, `window.seenAt`)
		lat = append(lat, seen-float64(start.UnixMilli()))
	}
	slices.Sort(lat)
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(lat[(len(lat)*95+99)/100-1], "p95-ms")
}
