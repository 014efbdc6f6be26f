package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedArticleHeader: the seed article, as published and with the date
// and byline lines other outlets write, gives the ticker LUMN, the date as
// the as-of date, and a summary that is the story's first paragraph, never
// the byline.
func TestSeedArticleHeader(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(seedDir, "001_2c6c0cae9b1bdc71.txt"))
	if err != nil {
		t.Logf("seed article not present: %v", err)
		return
	}
	lines := strings.Split(string(src), "\n")
	// withHeader puts head after the standfirst, before the seed's own
	// author, editor and source lines, and body before the story.
	withHeader := func(head, body string) []byte {
		out := append([]string{}, lines[:2]...)
		if head != "" {
			out = append(out, strings.Split(head, "\n")...)
		}
		out = append(out, lines[2:5]...)
		out = append(out, body+lines[5])
		return []byte(strings.Join(append(out, lines[6:]...), "\n"))
	}
	for _, tt := range []struct {
		name, head, body string
		asOf             string
		byline           []string // text that must not reach the summary
	}{
		{"as published", "", "", "", []string{"Zhang Yifan", "Shen Siqi", "Hard AI", "Author", "Editor"}},
		{"by and published", "By Jane Doe | Published Aug. 25, 2025", "", "2025-08-25", []string{"Jane Doe", "Published"}},
		{"role and date line", "Jane Doe, Staff Writer\nAugust 25, 2025 10:30 AM ET", "", "2025-08-25", []string{"Jane Doe", "Staff Writer"}},
		{"labels", "Published: 2025-08-25\nBy JANE DOE and John Roe", "", "2025-08-25", []string{"JANE DOE", "John Roe"}},
		{"day first, updated", "Updated 26 August 2025\nPublished on Monday, 25 August 2025", "", "2025-08-25", []string{"Updated", "Monday"}},
		{"numeric with time", "8/25/2025 11:29pm\n*By Jane Doe*", "", "2025-08-25", []string{"11:29", "Jane Doe"}},
		{"CJK date", "2025年8月25日", "", "2025-08-25", []string{"年"}},
		{"wire dateline", "By Jane Doe, Reuters", "NEW YORK, Aug. 25, 2025 (Reuters) - ", "2025-08-25", []string{"NEW YORK", "Reuters"}},
	} {
		a := parse(t, withHeader(tt.head, tt.body))
		if a.Ticker != "LUMN" || a.Company != "Lumen Technologies" {
			t.Errorf("%s: ticker %q company %q", tt.name, a.Ticker, a.Company)
		}
		if a.AsOf != tt.asOf {
			t.Errorf("%s: as of %q, want %q", tt.name, a.AsOf, tt.asOf)
		}
		if !strings.HasPrefix(a.Thesis.Summary, "Lumen Technologies, a fiber optic network company") || !strings.HasSuffix(a.Thesis.Summary, ".") {
			t.Errorf("%s: summary %q", tt.name, a.Thesis.Summary)
		}
		for _, b := range tt.byline {
			if strings.Contains(a.Thesis.Summary, b) {
				t.Errorf("%s: %q is in the summary %q", tt.name, b, a.Thesis.Summary)
			}
		}
		for _, row := range a.Section("facts").Cells[1:] {
			if strings.Contains(row[factSentence].Input, "Zhang Yifan") {
				t.Errorf("%s: the byline is in a fact's sentence %q", tt.name, row[factSentence].Input)
			}
		}
	}
}

// TestArticleTicker: each way an article names a ticker, including the
// company mentioned most when it names several.
func TestArticleTicker(t *testing.T) {
	for _, tt := range []struct {
		name, text, ticker, company string
	}{
		{"parenthesis", "Lumen Technologies (LUMN) wins a fiber order", "LUMN", "Lumen Technologies"},
		{"exchange in parenthesis", "Carrier lands contract\n\nLumen Technologies Inc. (NYSE: LUMN) said it won a $1 billion order.", "LUMN", "Lumen Technologies Inc."},
		{"exchange prefix", "Carrier lands contract\n\nShares of the carrier, NYSE:LUMN, rose 8% after Lumen signed the order. Lumen expects more.", "LUMN", "Lumen"},
		{"cashtag", "Traders pile in\n\nTraders bought $LUMN calls as Lumen Technologies won an order. Lumen shares rose 8%.", "LUMN", "Lumen Technologies"},
		{"the company mentioned most", "Carrier lands contract\n\nLumen said it signed with Microsoft (MSFT). Lumen will buy tools from Corning (GLW). Lumen expects LUMN's margin to rise.", "LUMN", "Lumen"},
		{"a defined term is no ticker", "Carrier lands contract\n\nAcme Corp (ACME) sells Network As A Service (NAAS) plans. Its Network As A Service (NAAS) plans grew 5%.", "ACME", "Acme Corp"},
	} {
		a := parse(t, []byte(tt.text))
		if a.Ticker != tt.ticker || a.Company != tt.company {
			t.Errorf("%s: ticker %q company %q, want %q %q", tt.name, a.Ticker, a.Company, tt.ticker, tt.company)
		}
	}
}
