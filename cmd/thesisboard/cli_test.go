//go:build !wasm

package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/sqlite"
)

// TestImportThenExportCLI imports a report file into a data directory, then
// exports the new analysis, as a person does from a shell.
func TestImportThenExportCLI(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := importFile([]string{"-data", dir, filepath.Join("..", "..", "app", "report", "testdata", "corning.md")}, &out); err != nil {
		t.Fatal(err)
	}
	id, err := strconv.ParseInt(strings.TrimSpace(out.String()), 10, 64)
	if err != nil {
		t.Fatalf("import printed %q, want an id", out.String())
	}
	store, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := store.Get(context.Background(), id)
	store.Close()
	if err != nil || a.Thesis.Verdict != "Likely" {
		t.Fatalf("imported analysis = %+v, %v", a, err)
	}

	file := filepath.Join(t.TempDir(), "corning.xlsx")
	out.Reset()
	if err := export([]string{"-data", dir, "-analysis", strconv.FormatInt(id, 10), "-o", file}, &out); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Watchlist", "A2"); v != "GLW" {
		t.Errorf("exported watchlist starts with %q", v)
	}

	if err := importFile([]string{"-data", dir, filepath.Join(t.TempDir(), "missing.md")}, &out); err == nil {
		t.Error("importing a missing file did not fail")
	}
}
