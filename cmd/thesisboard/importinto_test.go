//go:build !wasm

package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"thesisboard/exports/xlsx"
)

// TestImportIntoThisAnalysis picks, on the dashboard, a workbook of this
// analysis changed in Excel: the page shows the cell it would change, old →
// new, before anything is written; applying it changes the cell, here and
// on the server, as one change.
func TestImportIntoThisAnalysis(t *testing.T) {
	m := startMain(t)
	a, err := m.Store().Get(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Financial health", "B2", "$17.5B") // as typed in Excel
	file := filepath.Join(t.TempDir(), "lumen edited.xlsx")
	if err := f.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#import-into-file"), []string{file})); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the preview", `document.getElementById("import-preview") !== null`)
	rows := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#import-preview tr.import-change")).map(r => r.innerText.replace(/\s+/g, " ").trim())`)
	if len(rows) != 1 || rows[0] != "Financial health!B2 $18.3B → $17.5B" {
		t.Errorf("the preview lists %q, want the one cell changed", rows)
	}
	if got, _ := m.Store().Get(t.Context(), 1); got.Version != a.Version {
		t.Fatalf("the preview wrote: version %d → %d", a.Version, got.Version)
	}
	if err := chromedp.Do(ctx, click("#import-apply")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the imported cell", `document.querySelector("`+debtCell+`").textContent.startsWith("$17.5B") && document.getElementById("import-preview") === null`)
	if note := eval[string](t, ctx, `document.getElementById("import-into-note").textContent`); !strings.Contains(note, "1 cell updated") {
		t.Errorf("the note after importing: %q", note)
	}
	got, err := m.Store().Get(t.Context(), 1)
	if err != nil || got.Section("financial-health").Cells[1][1].Input != "$17.5B" {
		t.Fatalf("the server's B2 after the import: %+v, %v", got.Section("financial-health").Cells[1][1], err)
	}
}
