//go:build !wasm

package main

import (
	"strings"
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

	if err := chromedp.Do(ctx, click("#cell-fiber-network-A2")); err != nil {
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
	if err := chromedp.Do(ctx, click("#watch-sort-4")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "ascending change", first+` === "MSTR"`)
	if err := chromedp.Do(ctx, click("#watch-sort-4")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "descending change", first+` === "CANG"`)
	if err := chromedp.Do(ctx, click("#watch-sort-2")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "by name", first+` === "BTBT"`)
}

// TestWatchlistAddRemoveAndSaveError adds and removes a ticker through the
// page and checks that a refused edit shows its reason in the save state.
func TestWatchlistAddRemoveAndSaveError(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	add := func(code, price, change string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			click("#watch-add-code"), typeKeys(code),
			click("#watch-add-price"), typeKeys(price),
			click("#watch-add-change"), typeKeys(change),
			click("#watch-add"),
		); err != nil {
			t.Fatal(err)
		}
	}
	add("lumn", "5.12", "+4.5")
	waitFor(t, ctx, "LUMN added and saved", `document.querySelector('tr.watchrow[data-code="LUMN"]') !== null && document.getElementById("savestate").dataset.state === "saved"`)
	a, err := m.Store().Get(ctx, 1)
	if err != nil || len(a.Watchlist) != 11 || a.Watchlist[10].Code != "LUMN" || a.Watchlist[10].LastPrice != 5.12 || a.Watchlist[10].ChangePct != 4.5 {
		t.Fatalf("server watchlist after add: %+v, %v", a.Watchlist, err)
	}

	add("COIN", "1", "1")
	waitFor(t, ctx, "the refusal in the save state", `document.getElementById("savestate").dataset.state === "error" && document.getElementById("savestate").textContent.includes("already has COIN")`)

	if err := chromedp.Do(ctx, click(`tr.watchrow[data-code="LUMN"] button`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "LUMN removed and saved", `document.querySelector('tr.watchrow[data-code="LUMN"]') === null && document.getElementById("savestate").dataset.state === "saved"`)
	if a, _ := m.Store().Get(ctx, 1); len(a.Watchlist) != 10 {
		t.Errorf("server watchlist has %d rows after remove, want 10", len(a.Watchlist))
	}
	// A removed ticker comes back with Undo, its figures with it.
	if err := chromedp.Do(ctx, click("#undo")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "LUMN back and saved", `document.querySelector('tr.watchrow[data-code="LUMN"]') !== null && document.getElementById("savestate").dataset.state === "saved"`)
	if a, _ := m.Store().Get(ctx, 1); len(a.Watchlist) != 11 || a.Watchlist[10].LastPrice != 5.12 {
		t.Errorf("server watchlist after undoing the remove: %+v", a.Watchlist)
	}
}

// TestListPage duplicates and deletes an analysis from the list, then undoes
// the delete.
func TestListPage(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the list", `document.body.dataset.ready === "list" && document.querySelectorAll("tr.analysis-row").length === 1`)
	if err := chromedp.Do(ctx, click(`tr.analysis-row button:nth-of-type(1)`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the copy", `document.querySelectorAll("tr.analysis-row").length === 2 && document.querySelector("tr.analysis-row a").textContent.startsWith("Copy of ")`)
	if err := chromedp.Do(ctx, click(`tr.analysis-row button:nth-of-type(2)`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the delete", `document.querySelectorAll("tr.analysis-row").length === 1 && document.getElementById("undo-delete") !== null`)
	if err := chromedp.Do(ctx, click(`#undo-delete button`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the undo", `document.querySelectorAll("tr.analysis-row").length === 2`)
	// Delete again: the trash lists it, and Restore brings it back.
	if err := chromedp.Do(ctx, click(`tr.analysis-row button:nth-of-type(2)`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the trash", `document.querySelectorAll("tr.analysis-row").length === 1 && document.querySelectorAll("#trash tr.trash-row").length === 1`)
	if err := chromedp.Do(ctx, click(`#trash tr.trash-row button`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the restore from the trash", `document.querySelectorAll("tr.analysis-row").length === 2 && document.getElementById("trash") === null`)
	if err := chromedp.Do(ctx, click(`tr.analysis-row a`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the copy's dashboard", `document.body.dataset.ready === "dashboard" && document.getElementById("analysis-title").textContent.startsWith("Copy of ")`)
}

// TestThesisEdit changes the verdict and the risks from the thesis card.
func TestThesisEdit(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	edit := func(field, text string) {
		t.Helper()
		if err := chromedp.Do(ctx, click("#thesis-"+field)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the editor", `document.getElementById("thesis-edit") !== null`)
		eval[bool](t, ctx, `(() => { const e = document.getElementById("thesis-edit"); e.value = `+"`"+text+"`"+`; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
		if err := chromedp.Do(ctx, click("#thesis-save")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, field+" saved", `document.getElementById("thesis-edit") === null && document.getElementById("thesis-`+field+`") !== null && document.getElementById("savestate").dataset.state === "saved"`)
	}
	edit("verdict", "No")
	edit("risks", "Debt\nCapex")
	edit("verdict", "Maybe")
	waitFor(t, ctx, "the card", `document.getElementById("thesis-verdict").textContent + "|" + document.getElementById("thesis-risks").innerText === "Maybe|Debt\nCapex"`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	a, err := m.Store().Get(ctx, 1)
	if err != nil || a.Thesis.Verdict != "Maybe" || len(a.Thesis.Risks) != 2 || a.Thesis.Risks[1] != "Capex" {
		t.Errorf("stored thesis = %+v, %v", a.Thesis, err)
	}
}

// TestGridFormulas types formulas into a grid: the cell shows the result, the
// formula bar the formula, an edit upstream recomputes it, and an error shows
// its code with the reason on hover.
func TestGridFormulas(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	typeIn := func(cell, text string) {
		t.Helper()
		if err := chromedp.Do(ctx, click("#cell-financial-health-"+cell), typeKeys(text), typeKeys(kb.Enter)); err != nil {
			t.Fatal(err)
		}
	}
	typeIn("D2", "=ROUND(B2/RANGE.MID(B3),2)")
	waitFor(t, ctx, "the formula result", `document.getElementById("cell-financial-health-D2").textContent === "14.08"`)
	if err := chromedp.Do(ctx, click("#cell-financial-health-D2")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the formula bar", `document.getElementById("fx-financial-health").textContent === "=ROUND(B2/RANGE.MID(B3),2)"`)
	typeIn("B2", "13")
	waitFor(t, ctx, "the recomputed result", `document.getElementById("cell-financial-health-D2").textContent === "10"`)
	typeIn("D3", "=B2/0")
	waitFor(t, ctx, "the error", `document.getElementById("cell-financial-health-D3").textContent === "#DIV/0!"`)
	if title := eval[string](t, ctx, `document.getElementById("cell-financial-health-D3").title`); !strings.Contains(title, "division by zero") {
		t.Errorf("error hover = %q", title)
	}
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	a, err := m.Store().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if v := a.Section("financial-health").Cell(1, 3).Value; v.Num != 10 {
		t.Errorf("server computed D2 = %+v, want 10 like the browser", v)
	}

}

// TestUndoRedoAndRows undoes and redoes an edit with Ctrl+Z and Ctrl+Y, and
// inserts and deletes a row with Ctrl+Shift+= and Ctrl+-, each an op the
// server logs.
func TestUndoRedoAndRows(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
	b2 := `document.getElementById("cell-fiber-network-B2").textContent`
	if err := chromedp.Do(ctx, click("#cell-fiber-network-B2"), typeKeys("25,000 miles"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the edit", b2+` === "25,000 miles[1]"`)
	if err := chromedp.Do(ctx, typeKeys("z", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the undo", b2+` === "20,000 miles[1]"`)
	if err := chromedp.Do(ctx, typeKeys("y", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the redo", b2+` === "25,000 miles[1]"`)
	if err := chromedp.Do(ctx, click("#undo")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the undo button", b2+` === "20,000 miles[1]"`)

	// Rows: insert above row 3, then delete it again.
	if err := chromedp.Do(ctx, click("#cell-fiber-network-A3"), typeKeys("+", ctrl, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new row", `document.getElementById("cell-fiber-network-A3").textContent === "" && document.getElementById("cell-fiber-network-A4").textContent === "Glass strands per cable"`)
	if err := chromedp.Do(ctx, typeKeys("-", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the row gone", `document.getElementById("cell-fiber-network-A3").textContent === "Glass strands per cable"`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	if got := opKinds(t, m, 1); got != "set_cell,set_cell,set_cell,set_cell,insert_row,delete_row" {
		t.Errorf("server ops = %s", got)
	}
	a, _ := m.Store().Get(ctx, 1)
	if got := a.Section("fiber-network").Cell(1, 1).Input; got != "20,000 miles" || len(a.Section("fiber-network").Cells) != 6 {
		t.Errorf("server B2 = %q, %d rows", got, len(a.Section("fiber-network").Cells))
	}
}

// TestFormatPickerAndHomeEnd changes a figure's number format from the
// picker (its value stays) and jumps with Home and End.
func TestFormatPickerAndHomeEnd(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 60*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	if err := chromedp.Do(ctx, click("#cell-financial-health-B2")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the picker on money:B", `document.getElementById("format-financial-health").value === "money:B"`)
	eval[bool](t, ctx, `(() => { const s = document.getElementById("format-financial-health"); s.value = "money:M"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	waitFor(t, ctx, "the new format", `document.getElementById("cell-financial-health-B2").dataset.show === "$18,300M"`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	a, _ := m.Store().Get(ctx, 1)
	if c := a.Section("financial-health").Cell(1, 1); c.Format != "money:M" || c.Value.Num != 18.3e9 {
		t.Errorf("server B2 = %+v", c)
	}
	if err := chromedp.Do(ctx, click("#cell-financial-health-B2"), typeKeys(kb.End)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "End", `document.querySelector("#grid-financial-health td.selected").id === "cell-financial-health-C2"`)
	if err := chromedp.Do(ctx, typeKeys(kb.Home)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "Home", `document.querySelector("#grid-financial-health td.selected").id === "cell-financial-health-A2"`)
}
