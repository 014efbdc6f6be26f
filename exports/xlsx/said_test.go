package xlsx

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// TestEditedFigureSaysSo exports the sample with its sourced debt figure
// edited: the cell's note says so and what the source said, and the
// workbook read back keeps it.
func TestEditedFigureSaysSo(t *testing.T) {
	a := sample.Lumen(time.Now())
	if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B2", Input: "$17.9B"}); err != nil {
		t.Fatal(err)
	}
	if said := a.Section("financial-health").Cells[1][1].Said; said != "$18.3B" {
		t.Fatalf("the edited cell keeps %q as what the source said", said)
	}
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	comments, _ := f.GetComments("Financial health")
	f.Close()
	note := ""
	for _, c := range comments {
		if c.Cell == "B2" {
			note = c.Text
		}
	}
	if !strings.Contains(note, "Source [") || !strings.Contains(note, "Edited; the source said $18.3B") {
		t.Errorf("B2's note: %q", note)
	}
	res, err := Read(context.Background(), buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Analysis.Section("financial-health").Cells[1][1]; c.Said != "$18.3B" || c.Input != "$17.9B" || c.Source == 0 {
		t.Errorf("read back: %+v", c)
	}
}
