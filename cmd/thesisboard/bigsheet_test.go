//go:build !wasm

package main

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"thesisboard/app/model"
)

// TestBigSheetIsVirtualised opens a section of 100,000 rows (the most a
// section holds: headings and 99,999 rows of data): about a hundred rows are
// in the DOM, and scrolling to the end shows the last rows.
func TestBigSheetIsVirtualised(t *testing.T) {
	m := startMain(t)
	const n = model.MaxSectionRows - 1
	cells := [][]model.Cell{{text("Item"), text("Value")}}
	for i := 1; i <= n; i++ {
		v := strconv.Itoa(i)
		cells = append(cells, []model.Cell{text("item " + v), {Input: v, Value: model.Value{Kind: model.KindNumber, Num: float64(i)}}})
	}
	a, err := m.Store().Create(t.Context(), &model.Analysis{Title: "Big", Sections: []model.Section{{ID: "big", Title: "Big", Cells: cells}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	openDashboard(t, ctx, fmt.Sprintf("%s/a/%d", m.URL(), a.ID))
	rows := `document.querySelectorAll("#grid-big tbody tr:not(.spacer)").length`
	if got := eval[int](t, ctx, rows); got < 20 || got > 120 {
		t.Errorf("%d rows drawn at the top, want about a hundred", got)
	}
	eval[bool](t, ctx, `(() => { const g = document.getElementById("grid-big"); g.scrollTop = g.scrollHeight; return true })()`)
	waitFor(t, ctx, "the last row", `document.getElementById("cell-big-A100000") !== null && document.getElementById("cell-big-A100000").textContent === "item 99999"`)
	if got := eval[int](t, ctx, rows); got > 120 {
		t.Errorf("%d rows drawn at the end, want about a hundred", got)
	}
	// The last row is in view, not just in the DOM.
	if !eval[bool](t, ctx, `(() => { const g = document.getElementById("grid-big").getBoundingClientRect(), c = document.getElementById("cell-big-A100000").getBoundingClientRect(); return c.top >= g.top - 1 && c.bottom <= g.bottom + 1 })()`) {
		t.Error("the last row is drawn but not visible")
	}
	// Editing far down works: Ctrl+End is not a key here; click the last value and type.
	if err := chromedp.Do(ctx, click("#cell-big-B100000"), typeKeys("7"), typeKeys("\r")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the edit far down", `document.getElementById("savestate").dataset.state === "saved" && (document.getElementById("cell-big-B100000") || {}).textContent === "7"`)
}

func text(s string) model.Cell {
	return model.Cell{Input: s, Value: model.Value{Kind: model.KindText, Text: s}}
}

// TestBigWatchlistIsVirtualised opens a watchlist of 20,000 tickers: about a
// hundred rows are in the DOM, scrolling to the end shows the last ticker,
// and sorting orders all of them, not just the rows drawn.
func TestBigWatchlistIsVirtualised(t *testing.T) {
	m := startMain(t)
	const n = 20000
	var rows []model.WatchRow
	for i := range n {
		code := fmt.Sprintf("T%05d", i)
		rows = append(rows, model.WatchRow{Code: code, Name: "Company " + code, LastPrice: float64(i), ChangePct: float64(i%9) - 4})
	}
	a, err := m.Store().Create(t.Context(), &model.Analysis{Title: "Many tickers", Watchlist: rows})
	if err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	openDashboard(t, ctx, fmt.Sprintf("%s/a/%d", m.URL(), a.ID))
	drawn := `document.querySelectorAll("#watchlist tr.watchrow").length`
	if got := eval[int](t, ctx, drawn); got < 20 || got > 120 {
		t.Errorf("%d watchlist rows drawn, want about a hundred", got)
	}
	eval[bool](t, ctx, `(() => { const b = document.getElementById("watch-scroll"); b.scrollTop = b.scrollHeight; return true })()`)
	waitFor(t, ctx, "the last ticker", `document.querySelector('#watchlist tr.watchrow[data-code="T19999"]') !== null`)
	if got := eval[int](t, ctx, drawn); got > 120 {
		t.Errorf("%d rows drawn at the end, want about a hundred", got)
	}
	if !eval[bool](t, ctx, `(() => { const b = document.getElementById("watch-scroll").getBoundingClientRect(), r = document.querySelector('#watchlist tr.watchrow[data-code="T19999"]').getBoundingClientRect(); return r.top >= b.top - 1 && r.bottom <= b.bottom + 1 })()`) {
		t.Error("the last ticker is drawn but not visible")
	}
	// Sort by last price, highest first: the top of the list is the
	// highest of all 20,000.
	eval[bool](t, ctx, `(document.getElementById("watch-scroll").scrollTop = 0, true)`)
	if err := chromedp.Do(ctx, click("#watch-sort-3"), click("#watch-sort-3")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sort over every row", `document.querySelector("#watchlist tr.watchrow").dataset.code === "T19999"`)
}
