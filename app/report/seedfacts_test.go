package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"thesisboard/app/model"
)

// factRows returns the Facts grid's rows under its heading.
func factRows(t *testing.T, a *model.Analysis) [][]model.Cell {
	t.Helper()
	s := a.Section("facts")
	if s == nil {
		t.Fatal("no Facts grid")
	}
	if got := []string{s.Cells[0][factWhat].Input, s.Cells[0][factFigure].Input, s.Cells[0][factSentence].Input}; strings.Join(got, "|") != "What|Figure|Stated in" {
		t.Fatalf("Facts heading = %q", got)
	}
	return s.Cells[1:]
}

// TestSeedFactsWhat: the Facts grid of each seed says what each figure the
// design lists is, holds no date or year taken for a figure, and states no
// figure twice about the same subject.
func TestSeedFactsWhat(t *testing.T) {
	type want struct {
		num   float64 // the figure, or either end of its range
		unit  string
		what  []string // words the What cell holds
		count int      // rows with this figure; 0 means 1
	}
	for _, seed := range []struct {
		file  string
		facts []want
	}{
		{"000_04a9aae6d98e9d48.txt", []want{
			{20000, "miles", []string{"fiber"}, 0},
			{800, "glass strands", []string{"strands", "per cable"}, 0},
			{1000, "customers", []string{"customers", "Network-as-a-Service"}, 0},
			{18.3e9, "USD", []string{"debt"}, 0},
			{1.2e9, "USD", []string{"Free cash flow", "2025"}, 0},
			{-0.18, "", []string{"Altman Z-Score"}, 0},
			{2e9, "USD", []string{"notes deal"}, 0},
			{21, "", []string{"call/put"}, 0},
			{400, "Gbps", []string{"connectivity", "metro"}, 0},
		}},
		{"001_2c6c0cae9b1bdc71.txt", []want{
			// Stated three times: once as "a deal" in the standfirst, twice
			// as new business orders, which are one row.
			{5e9, "USD", []string{"business orders"}, 2},
			{7e9, "USD", []string{"sales opportunities"}, 0},
			{0.9305, "", []string{"Lumen", "surged"}, 0},
			{0.0104, "", []string{"S&P 500"}, 0},
			{0.14, "", []string{"shorted"}, 0},
			{0.18, "", []string{"shorted", "SATS"}, 0},
			{0.10, "", []string{"fiber optic component capacity"}, 0},
		}},
	} {
		path := filepath.Join(seedDir, seed.file)
		if _, err := os.Stat(path); err != nil {
			t.Logf("seed %s not present; nothing to check", path)
			continue
		}
		rows := factRows(t, parseFile(t, path, false).Analysis)
		for _, w := range seed.facts {
			var whats []string
			for _, row := range rows {
				v := row[factFigure].Value
				if lo, hi, ok := v.Bounds(); ok && (near(lo, w.num) || near(hi, w.num)) && v.Unit == w.unit {
					whats = append(whats, row[factWhat].Input)
				}
			}
			if n := max(w.count, 1); len(whats) != n {
				t.Errorf("%s: %v %s is in %d rows %q, want %d", seed.file, w.num, w.unit, len(whats), whats, n)
				continue
			}
			found := false
			for _, what := range whats {
				has := true
				for _, word := range w.what {
					has = has && strings.Contains(what, word)
				}
				found = found || has
			}
			if !found {
				t.Errorf("%s: %v %s is %q, want words %q", seed.file, w.num, w.unit, whats, w.what)
			}
		}
		seen := map[string]bool{}
		for _, row := range rows {
			fig, what := row[factFigure], row[factWhat].Input
			if strings.HasSuffix(row[factSentence].Input, "…") {
				t.Errorf("%s: %q's sentence is cut: %q", seed.file, fig.Input, row[factSentence].Input)
			}
			if what == "" || row[factSentence].Input == "" {
				t.Errorf("%s: %q has what %q, sentence %q", seed.file, fig.Input, what, row[factSentence].Input)
			}
			if n := fig.Value.Num; fig.Value.Kind != model.KindNumber && fig.Value.Kind != model.KindRange ||
				n >= 1900 && n <= 2100 && n == float64(int(n)) && fig.Value.Unit == "" || monthRe.MatchString(fig.Input) {
				t.Errorf("%s: %q is a date, not a figure", seed.file, fig.Input)
			}
			key := fig.Input + "|" + strings.ToLower(what)
			if seen[key] {
				t.Errorf("%s: %q about %q twice", seed.file, fig.Input, what)
			}
			seen[key] = true
		}
	}
}
