//go:build !wasm

package main

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// selectedJS is the id of the selected cell of the fiber network grid.
const selectedJS = `document.querySelector("#grid-fiber-network td.selected").id`

// TestGridKeyboard drives a grid with the keys an analyst uses: arrows move,
// Enter edits, Escape cancels, typing replaces, Tab commits and moves right,
// Delete clears.
func TestGridKeyboard(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	text := func(addr string) string {
		return eval[string](t, ctx, `document.getElementById("cell-fiber-network-`+addr+`").textContent`)
	}
	keys := func(ks ...string) {
		t.Helper()
		for _, k := range ks {
			if err := chromedp.Do(ctx, typeKeys(k)); err != nil {
				t.Fatal(err)
			}
		}
	}
	expectSelected := func(want string) {
		t.Helper()
		waitFor(t, ctx, "selection on "+want, selectedJS+` === "cell-fiber-network-`+want+`"`)
	}

	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#cell-fiber-network-A2"))); err != nil {
		t.Fatal(err)
	}
	expectSelected("A2")
	keys(kb.ArrowRight)
	expectSelected("B2")
	keys(kb.ArrowDown, kb.ArrowDown)
	expectSelected("B4")
	keys(kb.ArrowUp)
	expectSelected("B3")
	if got := eval[string](t, ctx, `document.getElementById("fx-fiber-network").textContent`); got != "800–1,700 strands" {
		t.Errorf("formula bar shows %q, want the raw input of B3", got)
	}

	// Enter opens the cell with its input; Escape leaves it unchanged.
	keys(kb.Enter)
	waitFor(t, ctx, "editing", `document.getElementById("editor-fiber-network").dataset.editing === "1"`)
	if got := eval[string](t, ctx, `document.getElementById("editor-fiber-network").value`); got != "800–1,700 strands" {
		t.Errorf("editor holds %q, want the cell's input", got)
	}
	keys("x", kb.Escape)
	waitFor(t, ctx, "edit cancelled", `document.getElementById("editor-fiber-network").dataset.editing === "0"`)
	if got := text("B3"); got != "800–1,700 strands[1]" {
		t.Errorf("after Escape B3 shows %q", got)
	}

	// Typing replaces; Tab commits and moves right.
	keys(kb.ArrowUp, "25,000 miles", kb.Tab)
	expectSelected("C2")
	waitFor(t, ctx, "B2 committed", `document.getElementById("cell-fiber-network-B2").textContent.startsWith("25,000 miles")`)

	// Shift+Tab moves back; Delete clears.
	if err := chromedp.Do(ctx, typeKeys(kb.Tab, chromedp.KeyModifiers(0x8))); err != nil {
		t.Fatal(err)
	}
	expectSelected("B2")
	keys(kb.Delete)
	waitFor(t, ctx, "B2 cleared", `document.getElementById("cell-fiber-network-B2").textContent === "[1]"`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)

	// The server has both edits, in order.
	ops, err := m.Store().Ops(ctx, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 2 || ops[0].Op.Input != "25,000 miles" || ops[1].Op.Input != "" || ops[1].Op.Cell != "B2" {
		t.Errorf("server ops = %+v, want B2 set then cleared", ops)
	}
}

// TestWatchlistSort sorts the watchlist by change % both ways.
func TestWatchlistSort(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	first := `document.querySelector("tr.watchrow").dataset.code`
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#watch-sort-4"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "ascending change", first+` === "MSTR"`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#watch-sort-4"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "descending change", first+` === "CANG"`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#watch-sort-2"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "by name", first+` === "BTBT"`)
}
