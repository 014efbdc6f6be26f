package report

import (
	"strings"
	"testing"
)

// whatOf reads the What of the figure written fig in sentence s.
func whatOf(t *testing.T, s, fig string) string {
	t.Helper()
	blank := blankDates(blankCitations(s))
	prev := ""
	for _, f := range blankedFigures(blank) {
		what := figureWhat(blank, f, prev)
		if f.text == fig {
			return what
		}
		prev = what
	}
	t.Fatalf("no figure %q in %q (found %+v)", fig, s, findFigures(s))
	return ""
}

// TestFigureWhat reads what a figure is from the shapes of sentence that
// reports and articles use. The sentences are made up for the test.
func TestFigureWhat(t *testing.T) {
	for _, tt := range []struct {
		sentence, figure, want string
	}{
		// The noun after "of" or, for money, "in".
		{"The group booked $3 billion in new cloud contracts last quarter.", "$3 billion", "new cloud contracts"},
		{"It will set aside 15% of its wafer output for the next year.", "15%", "wafer output"},
		{"Northwind carries $4.1B in debt [7].", "$4.1B", "debt"},
		{"Sales rose 5% in the quarter.", "5%", "Sales rose"},
		// The noun the figure modifies.
		{"It closed a $750M term loan to refinance its notes.", "$750M", "term loan"},
		{"The carrier offers 800Gbps links across ten metro areas.", "800Gbps", "links across ten metro areas"},
		{"Management expects to open 4 new plants in Ohio.", "4", "new plants"},
		// A counted noun is its own subject.
		{"The platform passed 2,500 customers on its self-service portal.", "2,500 customers", "customers on self-service portal"},
		// The noun before "of", "at", ":" or the parenthesis.
		{"Its Piotroski score of 3 is weak.", "3", "Piotroski score"},
		{"It ranks among the most crowded trades at 22%, behind only ACME (25%).", "22%", "most crowded trades"},
		{"It ranks among the most crowded trades at 22%, behind only ACME (25%).", "25%", "most crowded trades, ACME"},
		{"Gross margin: 41%.", "41%", "Gross margin"},
		{"A weak interest cover (1.3) worries lenders.", "1.3", "weak interest cover"},
		// The subject of the verb that moved, with the verb when it is the move.
		{"While the Nasdaq Composite only gained 0.6% that week, the stock jumped by 41.5%.", "0.6%", "Nasdaq Composite gained"},
		{"While the Nasdaq Composite only gained 0.6% that week, the stock jumped by 41.5%.", "41.5%", "stock jumped"},
		{"Capex guidance has been cut to $2.0–$2.2B for 2026.", "$2.0–$2.2B", "Capex guidance, 2026"},
		{"The lender signed new loans, lifting its loan book by 9%.", "9%", "loan book"},
		{"Demand is strong, with bids outnumbering offers 3-to-1.", "3-to-1", "bids outnumbering offers"},
		// Bounds and determiners between the subject and the figure.
		{"Revenue of more than $900M beat estimates.", "$900M", "Revenue"},
	} {
		if got := whatOf(t, tt.sentence, tt.figure); got != tt.want {
			t.Errorf("%q in %q: what = %q, want %q", tt.figure, tt.sentence, got, tt.want)
		}
	}
}

// TestNotFigures: dates, years, clock times, list and ordinal numbers,
// citation numbers and numbers inside names are not figures.
func TestNotFigures(t *testing.T) {
	for _, s := range []string{
		"On Aug. 25, 2025 the board met.",
		"The deal closed on 3 March 2025 after review.",
		"Results are due 2025-11-04 at 4:05 pm ET.",
		"The plan runs through 2027.",
		"(2) the second point stands.",
		"It was the 3rd time this year.",
		"Its Q3 results and 5G rollout impressed [12].",
		"References 4, 5 and 9 agree; see also Number 2.",
		"It shipped H100 parts.",
	} {
		if got := findFigures(s); len(got) != 0 {
			t.Errorf("%q: figures %+v, want none", s, got)
		}
	}
	if got := findFigures("US$5 billion was raised in March 2024."); len(got) != 1 || got[0].text != "$5 billion" {
		t.Errorf("money after a currency prefix: %+v", got)
	}
}

func TestSameSubject(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Altman Z-Score", "negative Altman Z-Score", true},
		{"new business orders", "new business orders", true},
		{"deal", "new business orders", false},
		{"", "debt", true},
		{"S&P 500 index rose", "Lumen surged", false},
	} {
		if got := sameSubject(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSubject(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// TestSentencesKeepAbbreviations: a dot after an abbreviation or an
// initial does not end a sentence, so a date such as "Aug. 25, 2025" stays
// whole and none of its numbers becomes a figure.
func TestSentencesKeepAbbreviations(t *testing.T) {
	text := "On Aug. 25, 2025 Acme Inc. (ACME) signed with J. Doe vs. two rivals. It rose 5%. the end"
	got := sentences(text)
	want := []string{"On Aug. 25, 2025 Acme Inc. (ACME) signed with J. Doe vs. two rivals.", "It rose 5%. the end"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
	if figs := findFigures(got[0]); len(figs) != 0 {
		t.Errorf("figures in %q: %+v", got[0], figs)
	}
}
