//go:build !wasm

package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// phoneWidth is the CSS width of the phone the test holds (an iPhone 12 to
// 15), in portrait.
const phoneWidth = 390

// emulatePhone makes the tab a 390×844 phone: three device pixels per CSS
// pixel, mobile (the page's viewport meta tag applies, scrollbars overlay
// the content, text autosizing is on) and touch.
func emulatePhone(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: phoneWidth, Height: 844, DeviceScaleFactor: 3, Mobile: true,
		}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// checkNoSideways fails unless the page at path fits the phone's width.
// On a mobile viewport Chromium widens the layout viewport to the page's
// content (innerWidth grows with it, and the page is shown zoomed out), so
// scrollWidth <= innerWidth alone proves nothing: innerWidth must also
// still be the phone's width.
func checkNoSideways(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	got := eval[[]float64](t, ctx, `[document.documentElement.scrollWidth, innerWidth, visualViewport.scale]`)
	if sw, iw := got[0], got[1]; sw > iw || iw != phoneWidth || got[2] != 1 {
		wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *"))
			.filter(e => e.getBoundingClientRect().right > `+strconv.Itoa(phoneWidth)+` && e.parentElement.getBoundingClientRect().right <= `+strconv.Itoa(phoneWidth)+`)
			.slice(0, 8).map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
		t.Errorf("%s at %d px: scrollWidth %v, innerWidth %v, scale %v (want the page %d px wide); first to stick out: %v",
			path, phoneWidth, sw, iw, got[2], phoneWidth, wide)
	}
}

// TestPhoneFitsTheScreen opens the list and the sample's dashboard on a 390
// px phone: neither page scrolls sideways, every card, grid and the
// watchlist fit the screen, and wide tables scroll inside their box with
// their first column (and the watchlist's Change %) pinned.
func TestPhoneFitsTheScreen(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	emulatePhone(t, ctx)

	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list", `document.body.dataset.ready === "list"`)
	checkNoSideways(t, ctx, "/")

	openDashboard(t, ctx, m.URL()+"/a/1")
	waitFor(t, ctx, "the charts", `document.querySelectorAll(".chart canvas").length === 3`)
	checkNoSideways(t, ctx, "/a/1")

	// Each card and scroll box lies within the screen.
	boxes := eval[[]struct {
		ID          string
		Left, Right float64
	}](t, ctx, `Array.from(document.querySelectorAll(".card, .grid, #watch-scroll")).map(e => {
		const r = e.getBoundingClientRect();
		return {id: e.id || e.className, left: r.left, right: r.right};
	})`)
	grids := 0
	for _, b := range boxes {
		if b.Left < 0 || b.Right > phoneWidth {
			t.Errorf("%s spans %.1f to %.1f, off the %d px screen", b.ID, b.Left, b.Right, phoneWidth)
		}
		if b.ID == "watch-scroll" || strings.HasPrefix(b.ID, "grid-") {
			grids++
		}
	}
	if grids < 6 {
		t.Errorf("found %d grid and watchlist boxes, want the sample's 5 grids and the watchlist", grids)
	}

	if t.Failed() {
		return // the page is wider than the screen: a swipe would not start where it is aimed
	}

	// A grid wider than the phone scrolls sideways inside its box, under
	// its row numbers and first column.
	wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll(".grid")).filter(g => g.scrollWidth > g.clientWidth + 20).map(g => g.id)`)
	if len(wide) == 0 {
		t.Fatal("no grid is wider than the phone: the pinned columns go untested")
	}
	for _, id := range wide {
		pinned(t, ctx, "#"+id, "tbody tr:nth-child(2) > th.rowhead", "tbody tr:nth-child(2) > td:nth-child(2)")
	}
	// The watchlist keeps the ticker and its Change % in view, scrolled or
	// not.
	if !eval[bool](t, ctx, `(() => { const b = document.getElementById("watch-scroll"); return b.scrollWidth > b.clientWidth + 20 })()`) {
		t.Fatal("the watchlist fits the phone: its pinned columns go untested")
	}
	// Change % is pinned to the box's right edge until the scrolling brings
	// it beside the ticker, where it stays.
	visible(t, ctx, "#watch-scroll", "#watch-row-0 > td:nth-child(5)")
	pinned(t, ctx, "#watch-scroll", "#watch-row-0 > td:nth-child(1)")
	visible(t, ctx, "#watch-scroll", "#watch-row-0 > td:nth-child(5)")
	if gap := eval[float64](t, ctx, `document.querySelector("#watch-row-0 > td:nth-child(5)").getBoundingClientRect().left - document.querySelector("#watch-row-0 > td:nth-child(1)").getBoundingClientRect().right`); gap < -1 || gap > 1 {
		t.Errorf("scrolled to its end, the watchlist's Change %% is %.1f px from the ticker, want beside it", gap)
	}
	checkNoSideways(t, ctx, "/a/1 after scrolling the tables")
}

// pinned swipes the box sideways (a trackpad's swipe: Chromium's
// synthesized touch swipe does not scroll a box in headless mode) and checks that each cell
// stays where it was and in view, while the rest of the table moved.
func pinned(t *testing.T, ctx context.Context, box string, cells ...string) {
	t.Helper()
	eval[bool](t, ctx, `document.querySelector("`+box+`").scrollIntoView({block: "center"}), document.querySelector("`+box+`").scrollLeft = 0, true`)
	before := make([]float64, len(cells))
	for i, c := range cells {
		before[i] = eval[float64](t, ctx, `document.querySelector("`+box+` `+c+`").getBoundingClientRect().left`)
	}
	at := eval[[]float64](t, ctx, `(() => { const r = document.querySelector("`+box+`").getBoundingClientRect(); return [r.right - 10, r.y + r.height / 2] })()`)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.SynthesizeScrollGesture, input.SynthesizeScrollGestureParams{
			X: at[0], Y: at[1], XDistance: -(phoneWidth - 40), GestureSourceType: input.GestureSourceTypeMouse, RepeatCount: 1,
		})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, box+" scrolled sideways", `(() => { const b = document.querySelector("`+box+`"); return b.scrollLeft >= Math.min(100, b.scrollWidth - b.clientWidth - 1) })()`)
	if page := eval[float64](t, ctx, `scrollX`); page != 0 {
		t.Errorf("swiping %s scrolled the page %v px sideways", box, page)
	}
	for i, c := range cells {
		if after := eval[float64](t, ctx, `document.querySelector("`+box+` `+c+`").getBoundingClientRect().left`); after < before[i]-1 || after > before[i]+1 {
			t.Errorf("%s %s moved from %.1f to %.1f as the box scrolled sideways: not pinned", box, c, before[i], after)
		}
		visible(t, ctx, box, c)
	}
}

// visible checks that a cell is inside its scroll box and on top at its
// middle, so a person sees it rather than the cells scrolled under it.
func visible(t *testing.T, ctx context.Context, box, cell string) {
	t.Helper()
	ok := eval[bool](t, ctx, `(() => {
		const b = document.querySelector("`+box+`").getBoundingClientRect(), e = document.querySelector("`+box+` `+cell+`");
		const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
		const top = document.elementFromPoint(x, y);
		return r.left >= b.left - 1 && r.right <= b.right + 1 && top !== null && e.contains(top);
	})()`)
	if !ok {
		t.Errorf("%s %s is not in view inside its box", box, cell)
	}
}
