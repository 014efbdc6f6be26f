package report

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"thesisboard/app/model"
)

// TestReferences: a number the text cites with no entry in a reference list
// is "Reference n", its citing sentences kept in the notes; a reference
// list, in any of the shapes reports use, gives its entries' titles,
// addresses and dates.
func TestReferences(t *testing.T) {
	const citing = "# Can Northwind keep growing?\n2025-03-31\n\n" +
		"## Conclusion\n**Yes**, orders are strong [3] and margins hold [12]. Debt is a risk [3].\n"
	for _, tt := range []struct {
		name, src string
		want      []model.Reference
		notes     []string // text the notes hold
	}{
		{"cited only", citing, []model.Reference{{Num: 3, Title: "Reference 3"}, {Num: 12, Title: "Reference 12"}},
			[]string{citedHeading, "Reference 3: “Yes, orders are strong [3] and margins hold [12].” “Debt is a risk [3].”",
				"Reference 12: “Yes, orders are strong [3] and margins hold [12].”"}},
		{"numbered list", citing + "\n## References\n1. Northwind Q4 results, 2025-02-10, https://example.com/q4\n2. Unused note\n3. [Order book update](https://example.com/orders)\n",
			[]model.Reference{{Num: 1, Title: "Northwind Q4 results, 2025-02-10", URL: "https://example.com/q4", AsOf: "2025-02-10"},
				{Num: 2, Title: "Unused note"}, {Num: 3, Title: "Order book update", URL: "https://example.com/orders"},
				{Num: 12, Title: "Reference 12"}},
			[]string{"Reference 12: “Yes, orders are strong [3] and margins hold [12].”"}},
		{"bracketed entries", citing + "\n### Sources\n[3] Order book update — https://example.com/orders\n[12] Margin outlook, Mar. 2, 2025\n",
			[]model.Reference{{Num: 3, Title: "Order book update", URL: "https://example.com/orders"},
				{Num: 12, Title: "Margin outlook, Mar. 2, 2025", AsOf: "2025-03-02"}}, nil},
		{"footnotes and link definitions", citing + "\n[^3]: Order book update https://example.com/orders\n\n[12]: https://example.com/margins \"Margin outlook\"\n",
			[]model.Reference{{Num: 3, Title: "Order book update", URL: "https://example.com/orders"},
				{Num: 12, Title: "Margin outlook", URL: "https://example.com/margins"}}, nil},
	} {
		a := parse(t, []byte(tt.src))
		if len(a.References) != len(tt.want) {
			t.Errorf("%s: references %+v, want %+v", tt.name, a.References, tt.want)
			continue
		}
		for i, w := range tt.want {
			got := a.References[i]
			got.Cited = nil // checked in TestSeedReportReferences
			if !reflect.DeepEqual(got, w) {
				t.Errorf("%s: reference %+v, want %+v", tt.name, a.References[i], w)
			}
		}
		for _, n := range tt.notes {
			if !strings.Contains(a.Notes, n) {
				t.Errorf("%s: notes lack %q:\n%s", tt.name, n, a.Notes)
			}
		}
		if len(tt.notes) == 0 && strings.Contains(a.Notes, citedHeading) {
			t.Errorf("%s: every number has an entry, yet the notes list cited ones:\n%s", tt.name, a.Notes)
		}
		if s := a.Section("facts"); s != nil {
			for _, row := range s.Cells[1:] {
				if strings.Contains(row[factSentence].Input, "example.com") {
					t.Errorf("%s: a reference entry was read as prose: %q", tt.name, row[factSentence].Input)
				}
			}
		}
	}
}

// TestSeedReportReferences: the seed report cites 23 numbers and lists
// none, so each is "Reference n", never one of its citing sentences, and the
// sentences are in the notes.
func TestSeedReportReferences(t *testing.T) {
	path := filepath.Join(seedDir, "000_04a9aae6d98e9d48.txt")
	if _, err := os.Stat(path); err != nil {
		t.Logf("seed report not present at %s", path)
		return
	}
	a := parseFile(t, path, false).Analysis
	for _, r := range a.References {
		if want := fmt.Sprintf("Reference %d", r.Num); r.Title != want || r.URL != "" {
			t.Errorf("reference %d = %+v, want title %q", r.Num, r, want)
		}
		if len(r.Cited) == 0 || !strings.Contains(r.Cited[0], fmt.Sprint(r.Num)) {
			t.Errorf("reference %d keeps the sentences citing it as %q", r.Num, r.Cited)
		}
	}
	_, cited, ok := strings.Cut(a.Notes, citedHeading)
	if !ok {
		t.Fatalf("notes lack %q", citedHeading)
	}
	for _, want := range []string{"Reference 2: “Reference 2 talks about", "References 6, 7, 8, 9, 10: ", "Reference 25: "} {
		if !strings.Contains(cited, want) {
			t.Errorf("cited references lack %q:\n%s", want, cited)
		}
	}
}

// TestDerivedRowsMarked: rows and grids thesisboard computes say so, in the
// label that an exported workbook keeps.
func TestDerivedRowsMarked(t *testing.T) {
	a := parseFile(t, "testdata/corning.md", false).Analysis
	bs := a.Section("balance-sheet")
	var labels []string
	for _, row := range bs.Cells[1:] {
		labels = append(labels, row[0].Input)
	}
	want := []string{"Total debt (2025)", "Free cash flow (2025)", "Altman Z-score", "Interest cover",
		"Payback years, debt ÷ FCF midpoint (computed by thesisboard)", "Altman Z zone (computed by thesisboard)"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("labels = %q, want %q", labels, want)
	}
	if s := a.Section("altman-z-check"); s == nil || !strings.HasPrefix(s.Note, "Computed by thesisboard") {
		t.Errorf("Altman check = %+v", s)
	}
}
