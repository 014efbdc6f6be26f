package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"thesisboard/app/model"
)

// FuzzParse feeds the importer arbitrary text: it must never panic, and what
// it returns must be an analysis the store and the dashboard accept.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/corning.md", "testdata/mixed.md", "testdata/news.md", filepath.Join(seedDir, "000_04a9aae6d98e9d48.txt")} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("| a |\n|---|\n| $1–$ |"))
	f.Add([]byte("#### 1. **x**\n```\nReference 99999999999999999999\n```"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := Parse(src)
		if err != nil {
			if code := model.ErrorCode(err); code != model.EINVALID && code != model.ETOOLARGE {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		a := r.Analysis
		for _, s := range a.Sections {
			if !utf8.ValidString(s.ID) || s.ID == "" {
				t.Fatalf("bad section id %q", s.ID)
			}
			for _, row := range s.Cells {
				for _, c := range row {
					if !c.Format.Valid() {
						t.Fatalf("invalid format %q for %q", c.Format, c.Input)
					}
				}
			}
		}
		// The analysis must take a person's first edit.
		if len(a.Sections) > 0 {
			if err := model.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: a.Sections[0].ID, Cell: "A1", Input: "x"}); err != nil {
				t.Fatalf("imported analysis refuses an edit: %v", err)
			}
		}
	})
}

// bigReport builds a report of about n bytes in the seed's shape: sections
// with prose, figures, citations and tables, and a ticker table.
func bigReport(n int) []byte {
	var b strings.Builder
	b.WriteString("Can a generated company keep growing?\n2025-01-31\n```\nReference 1 says revenue grew 12%. References 2, 3 and 4 cite $1.5B of orders.\n```\n### Conclusion\n**Yes**, with high-conviction; debt is the risk.\n")
	for i := 0; b.Len() < n-2000; i++ {
		fmt.Fprintf(&b, "#### %d. **Section %d**\nRevenue reached $%d.%dB while margins held at %d%% [%d].\n", i+1, i, i%90+1, i%10, i%50, i%30+1)
		b.WriteString("| Metric | Value | Note |\n|---|---|---|\n")
		fmt.Fprintf(&b, "| Debt (2025) | $%d.2B | rising |\n| Free cash flow (2025) | $1.%d–$1.%dB | guidance |\n| Latency | <%d ms | target |\n", i%40+1, i%5, i%5+3, i%9+1)
	}
	b.WriteString("\nQuery\n|code|stock code|stock name|Last Price|Last Change|market_code|\n|---|---|---|---|---|---|\n|AAA|AAA.N|Alpha|1.5|-2.5|169|\n")
	return []byte(b.String())
}

func TestParseLargeReport(t *testing.T) {
	src := bigReport(MaxBytes)
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if r.Found.Sections < 1000 || len(r.Analysis.Watchlist) != 1 {
		t.Errorf("found %+v, watchlist %d", r.Found, len(r.Analysis.Watchlist))
	}
}

func BenchmarkParseSeedReport(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(seedDir, "000_04a9aae6d98e9d48.txt"))
	if err != nil {
		src = bigReport(7000)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse1MB(b *testing.B) {
	src := bigReport(MaxBytes)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
