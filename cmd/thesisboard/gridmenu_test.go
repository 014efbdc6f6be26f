//go:build !wasm

package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// rightClick presses the right mouse button on the element, as a person
// opening the context menu does.
func rightClick(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel)))
	if err != nil || len(nodes) == 0 {
		t.Fatalf("%s: %v", sel, err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickNode(nodes[0], chromedp.ButtonRight)); err != nil {
		t.Fatal(err)
	}
}

// TestColumnsAndContextMenu inserts a column from the context menu, deletes
// it with Ctrl+Space then Ctrl+-, undoes that, and inserts a row below from
// the menu: a formula right of the column follows each move, and the server
// holds the same ops and cells.
func TestColumnsAndContextMenu(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
	cell := func(addr string) string {
		return `document.getElementById("cell-financial-health-` + addr + `").textContent`
	}
	if err := chromedp.Do(ctx, click("#cell-financial-health-D2"), typeKeys("=B2/1e9"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the formula", cell("D2")+` === "18.3"`)

	rightClick(t, ctx, "#cell-financial-health-B2")
	waitFor(t, ctx, "the menu", `document.getElementById("menu-financial-health") !== null && document.querySelector("#grid-financial-health td.selected").id === "cell-financial-health-B2"`)
	if err := chromedp.Do(ctx, typeKeys(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "Escape to close the menu", `document.getElementById("menu-financial-health") === null`)
	rightClick(t, ctx, "#cell-financial-health-B2")
	waitFor(t, ctx, "the menu again", `document.getElementById("menu-financial-health") !== null`)
	if err := chromedp.Do(ctx, click("#menu-financial-health-insert-col-left")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new column B", cell("B2")+` === "" && `+cell("C2")+`.startsWith("$18.3B") && `+cell("E2")+` === "18.3" && document.getElementById("menu-financial-health") === null`)

	// Ctrl+Space selects column B whole; Ctrl+- deletes it.
	if err := chromedp.Do(ctx, click("#cell-financial-health-B3"), typeKeys(" ", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "column B selected", `document.getElementById("grid-financial-health").dataset.sel.startsWith("0,1,") && document.getElementById("grid-financial-health").dataset.sel.endsWith(",1")`)
	if err := chromedp.Do(ctx, typeKeys("-", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "column B gone", cell("B2")+`.startsWith("$18.3B") && `+cell("D2")+` === "18.3"`)
	if err := chromedp.Do(ctx, typeKeys("z", ctrl)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the column back on undo", cell("B2")+` === "" && `+cell("E2")+` === "18.3"`)

	rightClick(t, ctx, "#cell-financial-health-A3")
	if err := chromedp.Do(ctx, click("#menu-financial-health-insert-row-below")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the row below", cell("A4")+` === "" && `+cell("A5")+`.startsWith("Altman")`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)

	if got := opKinds(t, m, 1); got != "set_cell,insert_col,delete_col,insert_col,insert_row" {
		t.Errorf("server ops = %s", got)
	}
	a, _ := m.Store().Get(ctx, 1)
	fh := a.Section("financial-health")
	if fh.Cell(1, 4).Input != "=C2/1e9" || fh.Cell(1, 4).Value.Num != 18.3 || fh.Cell(1, 1).Input != "" || fh.Cell(4, 0).Input != "Altman Z-score" {
		t.Errorf("server: E2 %q = %v, B2 %q, A5 %q", fh.Cell(1, 4).Input, fh.Cell(1, 4).Value.Num, fh.Cell(1, 1).Input, fh.Cell(4, 0).Input)
	}
}
