//go:build !wasm

package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// clipboardJS fires a copy (or cut) event on a grid's editor with a fresh
// DataTransfer, as the browser does on Ctrl+C, and returns what the page put
// on the clipboard.
func clipboardJS(event, sheet string) string {
	return `(() => { const dt = new DataTransfer();
		document.getElementById("editor-` + sheet + `").dispatchEvent(new ClipboardEvent("` + event + `", {clipboardData: dt, bubbles: true, cancelable: true}));
		return dt.getData("text/plain") })()`
}

func pasteJS(sheet, text string) string {
	return `(() => { const dt = new DataTransfer(); dt.setData("text/plain", ` + "`" + text + "`" + `);
		document.getElementById("editor-` + sheet + `").dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
		return true })()`
}

// TestClipboardAndFill selects a range with Shift+click, copies it as
// tab-separated text, pastes it elsewhere, fills a formula down with Ctrl+D
// and clears a range with Delete.
func TestClipboardAndFill(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	text := func(addr string) string {
		return eval[string](t, ctx, `document.getElementById("cell-financial-health-`+addr+`").dataset.show || ""`)
	}
	// Select A2:B3: click, then Shift+Down, Shift+Right.
	if err := chromedp.Do(ctx, click("#cell-financial-health-A2"), typeKeys(kb.ArrowDown, shift), typeKeys(kb.ArrowRight, shift)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the range", `document.getElementById("grid-financial-health").dataset.sel === "1,0,2,1"`)
	copied := eval[string](t, ctx, clipboardJS("copy", "financial-health"))
	if copied != "Total debt\t$18.3B\r\nFree cash flow guidance\t$1.2–$1.4B" {
		t.Fatalf("copied %q", copied)
	}
	// An empty cell copies as an empty field.
	if err := chromedp.Do(ctx, click("#cell-financial-health-C5"), typeKeys(kb.ArrowRight, shift)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the range C5:D5", `document.getElementById("grid-financial-health").dataset.sel === "4,2,4,3"`)
	if got := eval[string](t, ctx, clipboardJS("copy", "financial-health")); got != "2025	" {
		t.Errorf("copy of C5:D5 = %q, want the year and an empty field", got)
	}
	// Paste at D2: the block lands at D2:E3 and reads back the same.
	if err := chromedp.Do(ctx, click("#cell-financial-health-D2")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, pasteJS("financial-health", copied))
	waitFor(t, ctx, "the paste", `document.getElementById("cell-financial-health-E3").dataset.show === "$1.2–$1.4B"`)
	for _, c := range [][2]string{{"D2", "A2"}, {"E2", "B2"}, {"D3", "A3"}, {"E3", "B3"}} {
		if got, want := text(c[0]), text(c[1]); got != want {
			t.Errorf("%s = %q, copied from %s = %q", c[0], got, c[1], want)
		}
	}
	// The pasted block grows the sheet: paste 3 rows at F5.
	if err := chromedp.Do(ctx, click("#cell-financial-health-F5")); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, pasteJS("financial-health", "1\n2\n3"))
	waitFor(t, ctx, "the sheet to grow", `document.getElementById("cell-financial-health-F7") !== null && document.getElementById("cell-financial-health-F7").dataset.show === "3"`)

	// Fill down: a formula in G5 copied to G6:G7 with its references moved.
	if err := chromedp.Do(ctx, click("#cell-financial-health-G5"), typeKeys("=F5*10"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	// As a person would, see the result before selecting again.
	waitFor(t, ctx, "the formula", `document.getElementById("cell-financial-health-G5").dataset.show === "10"`)
	if err := chromedp.Do(ctx, click("#cell-financial-health-G5"), typeKeys(kb.ArrowDown, shift), typeKeys(kb.ArrowDown, shift)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "G5:G7 selected", `document.getElementById("grid-financial-health").dataset.sel === "4,6,6,6"`)
	if err := chromedp.Do(ctx, typeKeys("d", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the fill", `document.getElementById("cell-financial-health-G7").dataset.show === "30"`)

	// Delete clears the selection (G5:G7); one Ctrl+Z brings all three back.
	if err := chromedp.Do(ctx, typeKeys(kb.Delete)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the clear", `["G5","G6","G7"].every(a => (document.getElementById("cell-financial-health-" + a).dataset.show || "") === "")`)
	if err := chromedp.Do(ctx, typeKeys("z", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the undo of the clear", `document.getElementById("cell-financial-health-G6").dataset.show === "20"`)
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	a, _ := m.Store().Get(ctx, 1)
	if got := a.Section("financial-health").Cell(5, 6).Input; got != "=F6*10" {
		t.Errorf("server G6 = %q, want the filled formula =F6*10", got)
	}
	if got := a.Section("financial-health").Cell(2, 4).Input; !strings.Contains(got, "1.2") {
		t.Errorf("server E3 = %q", got)
	}
}

// shortcut presses Ctrl+key the way a person's keyboard does, with the
// editing command the browser runs for it (copy, cut, paste): the page gets
// the browser's own clipboard events, backed by the system clipboard.
func shortcut(key, code string, vk int64, command string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Modifiers: int64(chromedp.ModifierCtrl), Key: key, Code: code,
			WindowsVirtualKeyCode: vk, NativeVirtualKeyCode: vk, Commands: []string{command}}
		if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Commands = input.DispatchKeyEventTypeKeyUp, nil
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, up)
		return err
	})
}

// TestClipboardThroughTheSystemClipboard copies a range with Ctrl+C and
// reads the system clipboard, then puts a block on it the way Excel does (a
// quoted cell holding a line break and a tab) and pastes it with Ctrl+V, then
// copies the pasted block back: the same text comes out.
func TestClipboardThroughTheSystemClipboard(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: "granted", Origin: m.URL()}); err != nil {
			t.Fatal(err)
		}
	}
	readClipboard := func() string {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	shift := chromedp.KeyModifiers(chromedp.ModifierShift)
	copyKeys := shortcut("c", "KeyC", 67, "copy")
	if err := chromedp.Do(ctx, click("#cell-financial-health-A2"), typeKeys(kb.ArrowDown, shift), typeKeys(kb.ArrowRight, shift)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the range", `document.getElementById("grid-financial-health").dataset.sel === "1,0,2,1"`)
	if err := chromedp.Do(ctx, copyKeys); err != nil {
		t.Fatal(err)
	}
	if got := readClipboard(); got != "Total debt\t$18.3B\r\nFree cash flow guidance\t$1.2–$1.4B" {
		t.Fatalf("the system clipboard holds %q", got)
	}

	block := "Note\t\"two\nlines\"\r\n7\t\"a\tb\""
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`navigator.clipboard.writeText(`+"`"+block+"`"+`)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, click("#cell-financial-health-D2"), shortcut("v", "KeyV", 86, "paste")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the paste", `document.getElementById("cell-financial-health-E3").dataset.show === "a\tb"`)
	if got := eval[string](t, ctx, `document.getElementById("cell-financial-health-E2").dataset.show`); got != "two\nlines" {
		t.Errorf("E2 = %q, want the two lines", got)
	}
	// The pasted block is selected, as in Excel: copy it again.
	waitFor(t, ctx, "the pasted block selected", `document.getElementById("grid-financial-health").dataset.sel === "1,3,2,4"`)
	if err := chromedp.Do(ctx, copyKeys); err != nil {
		t.Fatal(err)
	}
	if got := readClipboard(); got != block {
		t.Errorf("copied back %q, pasted %q", got, block)
	}
	waitFor(t, ctx, "saved", `document.getElementById("savestate").dataset.state === "saved"`)
	a, _ := m.Store().Get(ctx, 1)
	if got := a.Section("financial-health").Cell(1, 4).Input; got != "two\nlines" {
		t.Errorf("server E2 = %q", got)
	}
}
