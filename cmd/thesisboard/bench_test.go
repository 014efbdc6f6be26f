//go:build !wasm

package main

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"thesisboard/app/model"
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
		if err := chromedp.Do(tab1, click("#cell-partners-C2"), typeKeys(want)); err != nil {
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

// BenchmarkKeystrokeToPaint types a number into a cell of a section of 1,000
// (and of 100,000) rows whose third column doubles the second, presses
// Enter, and times from the Enter keydown to the first frame painted after
// both the cell and the formula reading it show the new value, on the page's
// own clock. Run with -benchtime 20x or more; median and p95 are reported.
func BenchmarkKeystrokeToPaint(b *testing.B) {
	for _, rows := range []int{1000, 100000} {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) { keystrokeToPaint(b, rows) })
	}
}

func keystrokeToPaint(b *testing.B, rows int) {
	m := startMain(b)
	cells := [][]model.Cell{{text("Item"), text("Value"), text("Double")}}
	for i := 2; i <= rows; i++ {
		v := strconv.Itoa(i)
		cells = append(cells, []model.Cell{text("item " + v), {Input: v, Value: model.Value{Kind: model.KindNumber, Num: float64(i)}},
			{Input: "=B" + v + "*2"}})
	}
	a, err := m.Store().Create(b.Context(), &model.Analysis{Title: "Thousand rows", Sections: []model.Section{{ID: "k", Title: "Thousand", Cells: cells}}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := newBrowser(b, b.TempDir(), 120*time.Second)
	openDashboard(b, ctx, fmt.Sprintf("%s/a/%d", m.URL(), a.ID))
	eval[bool](b, ctx, `window.addEventListener("keydown", e => { if (e.key === "Enter") window.enterAt = performance.now() }, true), true`)
	var lat []float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		row := strconv.Itoa(i%50 + 2)
		want := strconv.Itoa(7000 + i)
		double := strconv.Itoa(2 * (7000 + i))
		eval[bool](b, ctx, `(() => { window.paintAt = 0; const shown = () =>
				document.getElementById("cell-k-B`+row+`").textContent === "`+want+`" && document.getElementById("cell-k-C`+row+`").textContent === "`+double+`";
			new MutationObserver((_, obs) => { if (shown()) { obs.disconnect(); requestAnimationFrame(() => setTimeout(() => { window.paintAt = performance.now() }, 0)) } })
				.observe(document.getElementById("grid-k"), {subtree: true, childList: true, characterData: true}); return true })()`)
		if err := chromedp.Do(ctx, click("#cell-k-B"+row), typeKeys(want), typeKeys(kb.Enter)); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ctx, "the painted edit", `window.paintAt > 0`)
		lat = append(lat, eval[float64](b, ctx, `window.paintAt - window.enterAt`))
	}
	slices.Sort(lat)
	b.ReportMetric(median(lat), "median-ms")
	b.ReportMetric(lat[(len(lat)*95+99)/100-1], "p95-ms")
}
