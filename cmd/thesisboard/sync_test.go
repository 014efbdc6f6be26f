//go:build !wasm

package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"thesisboard/app/model"
	"thesisboard/app/sqlite"
)

// TestLiveSyncBetweenTabs opens the analysis in two tabs: an edit in one
// shows in the other without a reload, and back.
func TestLiveSyncBetweenTabs(t *testing.T) {
	m := startMain(t)
	tab1 := newBrowser(t, t.TempDir(), 90*time.Second)
	tab2, cancel := chromedp.NewContext(tab1)
	defer cancel()
	openDashboard(t, tab1, m.URL()+"/a/1")
	openDashboard(t, tab2, m.URL()+"/a/1")

	if err := chromedp.Do(tab1, click(debtCell), typeKeys("17.9"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab2, "the edit from tab 1", `document.querySelector("`+debtCell+`").textContent.startsWith("$17.9B")`)
	if got := eval[float64](t, tab2, debtChartJS); got != 17.9 {
		t.Errorf("tab 2's chart = %v, want 17.9", got)
	}

	if err := chromedp.Do(tab2, click("#cell-partners-B2"), typeKeys("Joint build-out"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab1, "the edit from tab 2", `document.getElementById("cell-partners-B2").textContent.startsWith("Joint build-out")`)
	// Tab 1 edits again on top of tab 2's version: no conflict, both kept.
	if err := chromedp.Do(tab1, click(debtCell), typeKeys("18"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tab2, "the second edit from tab 1", `document.querySelector("`+debtCell+`").textContent.startsWith("$18B")`)
	a, err := m.Store().Get(tab1, 1)
	if err != nil || a.Version != 4 || a.Section("partners").Cell(1, 1).Input != "Joint build-out" {
		t.Errorf("server: version %d, partners B2 %q, %v", a.Version, a.Section("partners").Cell(1, 1).Input, err)
	}
}

// TestConflictShownAndResolved has another session change a cell this tab
// has not heard about yet (see writeUnseen), then edits the same cell here: the server keeps theirs, the page
// shows both, and "Use mine" puts this tab's value in.
func TestConflictShownAndResolved(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	// First an edit through the API, which the tab's event stream brings:
	// once the tab shows it, the stream is live.
	res, err := http.Post(m.URL()+"/api/analyses/1/ops", "application/json", strings.NewReader(`{"kind":"set_cell","sheet":"partners","cell":"A3","input":"AWS & Google"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("warm-up edit: %v %v", err, res.Status)
	}
	res.Body.Close()
	waitFor(t, ctx, "the live stream", `document.getElementById("cell-partners-A3").textContent.startsWith("AWS & Google")`)
	writeUnseen(t, m, model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: "B2", Input: "Theirs", BaseVersion: 2})
	if err := chromedp.Do(ctx, click("#cell-partners-B2"), typeKeys("Mine"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the conflict", `document.getElementById("savestate").dataset.state === "conflict" && document.querySelector('#conflicts .conflict[data-cell="partners!B2"]') !== null`)
	if got := eval[string](t, ctx, `document.getElementById("conflicts").innerText`); !strings.Contains(got, "Theirs") || !strings.Contains(got, "Mine") {
		t.Errorf("conflict card = %q", got)
	}
	waitFor(t, ctx, "theirs in the cell, marked", `document.getElementById("cell-partners-B2").classList.contains("conflict") && document.getElementById("cell-partners-B2").textContent === "Theirs[1]"`)
	// Scrolled down to the cell, the header's conflict state leads to the
	// card at the top of the page.
	eval[bool](t, ctx, `window.scrollTo(0, document.body.scrollHeight), true`)
	if err := chromedp.Do(ctx, click("#savestate")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the conflicts card in view", `(() => {
		const r = document.getElementById("conflicts").getBoundingClientRect()
		return r.top >= 0 && r.top < window.innerHeight / 2 && document.elementFromPoint(r.x + 8, r.y + 8).closest("#conflicts") !== null
	})()`)
	a, _ := m.Store().Get(ctx, 1)
	if a.Section("partners").Cell(1, 1).Input != "Theirs" {
		t.Errorf("server: B2 %q", a.Section("partners").Cell(1, 1).Input)
	}
	if err := chromedp.Do(ctx, click("#conflicts .use-mine")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "mine saved", `document.getElementById("savestate").dataset.state === "saved" && document.getElementById("cell-partners-B2").textContent === "Mine[1]" && document.getElementById("conflicts") === null`)
	if a, _ := m.Store().Get(ctx, 1); a.Section("partners").Cell(1, 1).Input != "Mine" {
		t.Errorf("server B2 after Use mine = %q", a.Section("partners").Cell(1, 1).Input)
	}
}

// TestThesisConflictShownAndResolved does for a thesis field what
// TestConflictShownAndResolved does for a cell: another session changes the
// summary unseen, this tab's edit of it is refused, the card names the
// field with both texts, and "Use mine" puts this tab's text in.
func TestThesisConflictShownAndResolved(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	// Once the tab shows an edit made through the API, its stream is live:
	// the change written below, which no event announces, is one it has
	// not seen.
	res, err := http.Post(m.URL()+"/api/analyses/1/ops", "application/json", strings.NewReader(`{"kind":"set_thesis","field":"conviction","text":"Medium"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("warm-up edit: %v %v", err, res.Status)
	}
	res.Body.Close()
	waitFor(t, ctx, "the live stream", `document.getElementById("thesis-conviction").textContent === "Medium"`)
	writeUnseen(t, m, model.Op{Kind: model.OpSetThesis, Field: "summary", Text: "Their summary", BaseVersion: 2})
	if err := chromedp.Do(ctx, click("#thesis-summary")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the editor", `document.getElementById("thesis-edit") !== null`)
	eval[bool](t, ctx, `(() => { const e = document.getElementById("thesis-edit"); e.value = "My summary"; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	if err := chromedp.Do(ctx, click("#thesis-save")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the conflict", `document.querySelector('#conflicts .conflict[data-field="summary"]') !== null`)
	if got := eval[string](t, ctx, `document.getElementById("conflicts").innerText`); !strings.Contains(got, "Thesis summary") || !strings.Contains(got, "Their summary") || !strings.Contains(got, "My summary") {
		t.Errorf("conflict card = %q", got)
	}
	waitFor(t, ctx, "theirs on the card", `document.getElementById("thesis-summary").textContent.includes("Their summary")`)
	if err := chromedp.Do(ctx, click("#conflicts .use-mine")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "mine saved", `document.getElementById("savestate").dataset.state === "saved" && document.getElementById("thesis-summary").textContent.includes("My summary") && document.getElementById("conflicts") === null`)
	if a, _ := m.Store().Get(ctx, 1); a.Thesis.Summary != "My summary" {
		t.Errorf("server summary after Use mine = %q", a.Thesis.Summary)
	}
}

// TestHistoryPanelRestores edits a cell twice, opens the history, sees old →
// new, restores the version before the edits once asked and sees the cell
// come back; restores the analysis as created, a change of several edits
// shown as one entry, and undoes that restore whole.
func TestHistoryPanelRestores(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	for _, in := range []string{"first", "second"} {
		if err := chromedp.Do(ctx, click("#cell-partners-C2"), typeKeys(in), typeKeys(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		// What Enter did shows before the next click (see the package doc
		// of components: a click right after a key can be handled first).
		waitFor(t, ctx, "the edit", `document.getElementById("cell-partners-C2").textContent === "`+in+`"`)
	}
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved" && document.getElementById("cell-partners-C2").textContent === "second"`)
	original := eval[string](t, ctx, `document.getElementById("cell-partners-C3").textContent`)
	if err := chromedp.Do(ctx, click("#history-toggle")); err != nil {
		t.Fatal(err)
	}
	const entries = `document.querySelectorAll("#history tr.history-entry:not(.created)").length`
	waitFor(t, ctx, "the history", entries+` === 2 && document.querySelector("#history tr.created") !== null`)
	if got := eval[string](t, ctx, `document.querySelector("#history tr.history-entry").innerText`); !strings.Contains(got, "partners!C2: first → second") || !strings.Contains(got, "this tab") {
		t.Errorf("newest entry = %q", got)
	}
	// Restore version 2, the state after the first edit: asked first.
	if err := chromedp.Do(ctx, click(`#history tr.history-entry[data-version="2"] button.restore`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the question", `document.getElementById("restore-ask") !== null`)
	if got := eval[string](t, ctx, `document.getElementById("restore-ask").innerText`); !strings.Contains(got, "Restore version 2?") || !strings.Contains(got, "1 edit after it") || !strings.Contains(got, "undo partners!C2: first → second") {
		t.Errorf("the question says %q", got)
	}
	if err := chromedp.Do(ctx, click("#restore-confirm")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the restored cell", `document.getElementById("cell-partners-C2").textContent === "first"`)
	waitFor(t, ctx, "the restore in the history", entries+` === 3`)
	if a, _ := m.Store().Get(ctx, 1); a.Section("partners").Cell(1, 2).Input != "first" {
		t.Errorf("server C2 after restore = %q", a.Section("partners").Cell(1, 2).Input)
	}

	// Change C3 too, then restore the analysis as created: one entry for
	// the restore's several edits, undone whole.
	if err := chromedp.Do(ctx, click("#cell-partners-C3"), typeKeys("third"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "C3 saved", `document.getElementById("cell-partners-C3").textContent === "third" && document.getElementById("savestate").dataset.state === "saved"`)
	if err := chromedp.Do(ctx, click("#history-refresh")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the C3 edit listed", entries+` === 4`)
	if err := chromedp.Do(ctx, click(`#history tr.created button.restore`), click("#restore-confirm")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the analysis as created", `document.getElementById("cell-partners-C2").textContent !== "first" && document.getElementById("cell-partners-C3").textContent === "`+original+`"`)
	waitFor(t, ctx, "the restore as one entry", entries+` === 5 && document.querySelector("#history tr.history-entry summary") !== null`)
	if got := eval[string](t, ctx, `document.querySelector("#history tr.history-entry summary").innerText`); !strings.Contains(got, "restored version 1: 2 edits") {
		t.Errorf("the restore's entry says %q", got)
	}
	if err := chromedp.Do(ctx, click(`#history tr.history-entry button.undo-change`), click("#restore-confirm")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the restore undone", `document.getElementById("cell-partners-C2").textContent === "first" && document.getElementById("cell-partners-C3").textContent === "third"`)
}

// TestPasteIsOneHistoryEntry pastes a block of four cells: the history
// lists it as one entry, its cells under it.
func TestPasteIsOneHistoryEntry(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	if err := chromedp.Do(ctx, click("#cell-partners-C2")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "C2 selected", `document.querySelector("#cell-partners-C2").classList.contains("selected")`)
	eval[bool](t, ctx, pasteJS("partners", "a\tb\nc\td"))
	waitFor(t, ctx, "the paste saved", `document.getElementById("cell-partners-D3").textContent === "d" && document.getElementById("savestate").dataset.state === "saved"`)
	if err := chromedp.Do(ctx, click("#history-toggle")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the history", `document.querySelectorAll("#history tr.history-entry:not(.created)").length === 1`)
	if got := eval[string](t, ctx, `document.querySelector("#history tr.history-entry summary").innerText`); got != "4 edits at once" {
		t.Errorf("the paste's entry says %q", got)
	}
}

// writeUnseen commits op to analysis 1 as another session through a second
// store on the server's database file, as another server process would: the
// running server's event streams do not hear of it, so the open tab has not
// seen it when it edits next.
func writeUnseen(t *testing.T, m *Main, op model.Op) {
	t.Helper()
	other, err := sqlite.Open(m.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Apply(context.Background(), 1, op, "other-session"); err != nil {
		t.Fatal(err)
	}
}
