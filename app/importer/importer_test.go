package importer

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
	"thesisboard/exports/xlsx"
)

// TestReadByContent reads a workbook as a workbook and anything else as a
// report, whatever the file was called, and refuses what is too large.
func TestReadByContent(t *testing.T) {
	a := sample.Lumen(time.Now())
	var book bytes.Buffer
	if err := xlsx.Write(&book, a); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), book.Bytes())
	if err != nil || len(res.Analysis.Sections) != len(a.Sections) {
		t.Fatalf("a workbook: %v, %v", res, err)
	}
	res, err = Read(context.Background(), []byte("# Lumen\n\n| Metric | Value |\n|---|---|\n| Debt | $18.3B |\n"))
	if err != nil || len(res.Analysis.Sections) == 0 {
		t.Fatalf("a report: %+v, %v", res, err)
	}
	if _, err := Read(context.Background(), append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...)); model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("an old .xls: %v", err)
	}
	if _, err := Read(context.Background(), make([]byte, MaxBytes+1)); model.ErrorCode(err) != model.ETOOLARGE {
		t.Errorf("a file over the limit: %v", err)
	}
}

// TestInto works out an import into the sample: the changed cells of the
// matching section as edits made on its version, an unknown section
// skipped.
func TestInto(t *testing.T) {
	a := sample.Lumen(time.Now())
	a.Version = 7
	imported := a.Clone()
	fh := imported.Section("financial-health")
	fh.Cells[1][1].Input = "$17.9B"
	imported.Sections = append(imported.Sections, model.Section{ID: "new", Title: "Not there"})
	p, err := Into(a, &model.ImportResult{Analysis: imported})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Ops) != 1 || p.Ops[0].Cell != "B2" || p.Ops[0].Input != "$17.9B" || p.Ops[0].BaseVersion != 7 {
		t.Errorf("ops %+v", p.Ops)
	}
	if want := (model.CellChange{Sheet: "Financial health", Cell: "B2", Old: "$18.3B", New: "$17.9B"}); len(p.Changes) != 1 || p.Changes[0] != want {
		t.Errorf("changes %+v, want %+v", p.Changes, want)
	}
	if len(p.Skipped) != 1 || !strings.Contains(p.Skipped[0], "Not there") {
		t.Errorf("skipped %v", p.Skipped)
	}
}

// TestIntoRefusesTooLarge refuses an import that would change more cells
// than one change holds, before building more of it.
func TestIntoRefusesTooLarge(t *testing.T) {
	a := &model.Analysis{Title: "Big", Sections: []model.Section{{ID: "s", Title: "S"}}}
	big := model.Section{ID: "s", Title: "S", Cells: make([][]model.Cell, model.MaxChangeOps+1)}
	for i := range big.Cells {
		big.Cells[i] = []model.Cell{{Input: "x"}}
	}
	if _, err := Into(a, &model.ImportResult{Analysis: &model.Analysis{Sections: []model.Section{big}}}); model.ErrorCode(err) != model.ETOOLARGE {
		t.Errorf("an import of %d cells: %v, want ETOOLARGE", len(big.Cells), err)
	}
}
