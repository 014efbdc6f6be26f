//go:build !wasm

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes the element with the focus: its id, or its tag and
// text when it has none.
const focused = `(() => { const e = document.activeElement; return e.id || (e.tagName + ":" + (e.textContent || "").trim().slice(0, 30)) })()`

// press presses one key, with Shift when shift is set, and waits until
// the page has handled it (the next animation frame).
func press(t *testing.T, ctx context.Context, key string, shift bool) {
	t.Helper()
	var opts []chromedp.KeyOption
	if shift {
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	if err := chromedp.Do(ctx, typeKeys(key, opts...)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => r(true)))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
}

// TestKeyboardReachesEverything moves through the dashboard with Tab alone,
// as a person without a mouse does: focus leaves every grid, reaches every
// grid, the thesis fields, the watchlist's sort headings and the sources;
// Shift+Tab, Escape and F6 leave a grid; Enter opens a thesis field with
// the caret in its editor and sorts the watchlist.
func TestKeyboardReachesEverything(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	grids := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("textarea.editor")).map(e => e.id)`)
	if len(grids) < 4 {
		t.Fatalf("the sample shows %d grids", len(grids))
	}

	// Tab from the top of the page to its end.
	eval[bool](t, ctx, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	seen := map[string]int{}
	run, longest, longestIn := "", 0, ""
	runLen := 0
	for i := 0; i < 400; i++ {
		press(t, ctx, kb.Tab, false)
		f := eval[string](t, ctx, focused)
		if f == "BODY:" || f == "" {
			break // past the last stop
		}
		seen[f]++
		if f == run {
			runLen++
		} else {
			run, runLen = f, 1
		}
		if runLen > longest {
			longest, longestIn = runLen, f
		}
	}
	for _, want := range append(grids, "thesis-open-question", "thesis-open-verdict", "thesis-open-conviction",
		"thesis-open-summary", "thesis-open-risks", "watch-sort-0", "watch-sort-4", "export", "watch-csv") {
		if seen[want] == 0 {
			t.Errorf("Tab never reached %s", want)
		}
	}
	sources := 0
	for f := range seen {
		if strings.HasPrefix(f, "A:") {
			sources++
		}
	}
	if sources == 0 {
		t.Errorf("Tab reached no link in the sources")
	}
	// A grid keeps Tab for as many cells as a row has, then lets go.
	if longest > 12 {
		t.Errorf("Tab stayed %d presses in %s", longest, longestIn)
	}

	// In a grid: Shift+Tab on the first column leaves it backwards.
	first := grids[0]
	clickCell := func(sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, click(sel)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, sel+" selected", `document.querySelector("`+sel+`").classList.contains("selected") && document.activeElement.id === "`+first+`"`)
		press(t, ctx, "", false) // the click's own work done
	}
	clickCell("#cell-fiber-network-A2")
	press(t, ctx, kb.Tab, true)
	if f := eval[string](t, ctx, focused); f == first {
		t.Errorf("Shift+Tab on column A stayed in the grid")
	}
	// Escape, then Tab, leaves from the middle of a row.
	clickCell("#cell-fiber-network-B3")
	press(t, ctx, kb.Escape, false)
	press(t, ctx, kb.Tab, false)
	if f := eval[string](t, ctx, focused); f == first {
		t.Errorf("Escape then Tab stayed in the grid")
	}
	// F6 leaves from any cell, to what follows the grid's card.
	clickCell("#cell-fiber-network-B3")
	press(t, ctx, kb.F6, false)
	if inside := eval[bool](t, ctx, `document.getElementById("`+first+`").closest(".card").contains(document.activeElement)`); inside {
		t.Errorf("F6 left the focus in the grid's card, on %s", eval[string](t, ctx, focused))
	}
	// A cell typed in and left with Tab on the last column is saved.
	cols := eval[int](t, ctx, `document.querySelectorAll("#grid-fiber-network thead th.colhead").length - 1`)
	last := "#cell-fiber-network-" + string(rune('A'+cols-1)) + "3"
	clickCell(last)
	press(t, ctx, "kept", false)
	press(t, ctx, kb.Tab, false)
	waitFor(t, ctx, "the edit saved on leaving", `document.querySelector("`+last+`").textContent === "kept"`)
	if f := eval[string](t, ctx, focused); f == first {
		t.Errorf("Tab on the last column stayed in the grid")
	}

	// A thesis field opens with Enter, the caret at the end of its text;
	// Escape gives the focus back to the field.
	eval[bool](t, ctx, `(document.getElementById("thesis-open-summary").focus(), true)`)
	press(t, ctx, kb.Enter, false)
	waitFor(t, ctx, "the summary's editor focused", `document.activeElement.id === "thesis-edit"`)
	if at, n := eval[int](t, ctx, `document.activeElement.selectionStart`), eval[int](t, ctx, `document.activeElement.value.length`); at != n || n == 0 {
		t.Errorf("the caret is at %d of %d", at, n)
	}
	press(t, ctx, kb.Escape, false)
	waitFor(t, ctx, "the focus back on the field", `document.activeElement.id === "thesis-open-summary"`)

	// Conviction is a choice of levels, made with the keyboard too.
	eval[bool](t, ctx, `(document.getElementById("thesis-open-conviction").focus(), true)`)
	press(t, ctx, kb.Enter, false)
	waitFor(t, ctx, "the conviction's choice focused", `document.activeElement.id === "thesis-edit" && document.activeElement.tagName === "SELECT"`)
	if got := eval[string](t, ctx, `Array.from(document.activeElement.options).map(o => o.value).join(",") + "=" + document.activeElement.value`); got != "Low,Medium,High=High" {
		t.Errorf("the conviction's choices: %s", got)
	}
	press(t, ctx, kb.ArrowUp, false) // High → Medium
	if err := chromedp.Do(ctx, click("#thesis-save")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "conviction saved as Medium", `document.getElementById("thesis-conviction").textContent === "Medium" && document.getElementById("savestate").dataset.state === "saved"`)

	// Enter on a sort heading sorts: ascending, descending, then as it was.
	firstRow := `document.querySelector("tr.watchrow").dataset.code`
	original := eval[string](t, ctx, firstRow)
	eval[bool](t, ctx, `(document.getElementById("watch-sort-2").focus(), true)`)
	press(t, ctx, kb.Enter, false)
	waitFor(t, ctx, "sorted by name", firstRow+` === "BTBT"`)
	press(t, ctx, kb.Enter, false)
	waitFor(t, ctx, "sorted by name, descending", firstRow+` !== "BTBT" && document.querySelector("th.sorted.desc") !== null`)
	press(t, ctx, kb.Enter, false)
	waitFor(t, ctx, "the list's own order", firstRow+` === "`+original+`" && document.querySelector("th.sorted") === null`)
}
