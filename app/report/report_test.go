package report

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

func parseFile(t *testing.T, name string, crlf bool) *model.ImportResult {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if crlf {
		src = []byte(strings.ReplaceAll(string(src), "\n", "\r\n"))
	}
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// cell returns the value cell of the row whose first cell contains label.
func cell(t *testing.T, a *model.Analysis, label string) model.Cell {
	t.Helper()
	for _, s := range a.Sections {
		for _, row := range s.Cells[1:] {
			if len(row) > 1 && strings.Contains(row[0].Input, label) {
				return row[1]
			}
		}
	}
	t.Fatalf("no row labelled %q", label)
	return model.Cell{}
}

// The Facts grid's columns: what the figure is, the figure, its sentence.
const (
	factWhat = iota
	factFigure
	factSentence
)

// fact reports whether the Facts grid holds a figure with this value and unit.
func fact(a *model.Analysis, num float64, unit string) bool {
	s := a.Section("facts")
	if s == nil {
		return false
	}
	for _, row := range s.Cells[1:] {
		v := row[factFigure].Value
		if lo, hi, ok := v.Bounds(); ok && (near(lo, num) || near(hi, num)) && v.Unit == unit {
			return true
		}
	}
	return false
}

func TestFixtureCorningCRLF(t *testing.T) {
	r := parseFile(t, "testdata/corning.md", true)
	a := r.Analysis
	if a.Thesis.Question != "Will Corning's optical unit outgrow its display glass business?" || a.AsOf != "2025-09-30" {
		t.Errorf("question %q as of %q", a.Thesis.Question, a.AsOf)
	}
	if a.Thesis.Verdict != "Likely" || a.Thesis.Conviction != "Medium" {
		t.Errorf("verdict %q conviction %q", a.Thesis.Verdict, a.Thesis.Conviction)
	}
	if len(a.Thesis.Risks) != 1 || !strings.Contains(a.Thesis.Risks[0], "hyperscaler capex") {
		t.Errorf("risks = %q", a.Thesis.Risks)
	}
	// A four-column table keeps every column, typed.
	opt := a.Section("optical-demand")
	if opt == nil || len(opt.Cells) != 4 || len(opt.Cells[0]) != 4 {
		t.Fatalf("optical demand grid = %+v", opt)
	}
	if v := opt.Cells[1][2].Value; !near(v.Num, 5.1e9) || v.Unit != "USD" {
		t.Errorf("2025 optical sales = %+v", v)
	}
	if v := opt.Cells[2][1].Value; !near(v.Num, 0.31) {
		t.Errorf("share of revenue = %+v", v)
	}
	if c := opt.Cells[3][1]; c.Input != "~10x" {
		t.Errorf("the original text is kept: %q", c.Input)
	}
	if v := cell(t, a, "Free cash flow").Value; v.Kind != model.KindRange || !near(v.Low, 1.3e9) || !near(v.High, 1.6e9) {
		t.Errorf("FCF = %+v", v)
	}
	if c := cell(t, a, "Interest cover"); c.Value.Kind != model.KindText || c.Input != "strong" {
		t.Errorf("untyped text stays text: %+v", c)
	}
	if got := cell(t, a, "Payback years").Value.Num; !near(got, 4.97) {
		t.Errorf("payback years = %v, want 7.2 / 1.45", got)
	}
	if got := cell(t, a, "Altman Z zone").Input; !strings.HasPrefix(got, "grey") {
		t.Errorf("zone = %q, want grey for 2.4", got)
	}
	// The five ratios recompute the score and flag a disagreement.
	if got := cell(t, a, "Check").Value.Text; got != "waiting for the five ratios" {
		t.Errorf("check before the ratios = %q", got)
	}
	check := func(ratios ...string) string {
		for i, r := range ratios {
			if err := calc.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "altman-z-check", Cell: model.Addr(i+1, 1), Input: r}); err != nil {
				t.Fatal(err)
			}
		}
		return cell(t, a, "Check").Value.Text
	}
	// 1.2*0.5 + 1.4*0.3 + 3.3*0.1 + 0.6*1 + 1*0.45 = 2.4
	if got := check("0.5", "0.3", "0.1", "1", "0.45"); got != "agrees with the quoted score" || !near(cell(t, a, "Recomputed Z").Value.Num, 2.4) {
		t.Errorf("with ratios giving 2.4: %q, Z %v", got, cell(t, a, "Recomputed Z").Value.Num)
	}
	if got := check("0.1"); got != "differs from the quoted score" {
		t.Errorf("with a lower X1: %q", got)
	}
	// Citations written [2] and ^4 become references.
	nums := []int{}
	for _, ref := range a.References {
		nums = append(nums, ref.Num)
	}
	if !slices.Equal(nums, []int{1, 2, 4}) {
		t.Errorf("references = %v, want 1 2 4", nums)
	}
	// The ticker table, matched by meaning.
	if len(a.Watchlist) != 3 || a.Watchlist[1].Code != "COHR" || a.Watchlist[1].ChangePct != -0.4 || a.Watchlist[2].Theme != "Networking" || a.Watchlist[0].LastPrice != 48.2 {
		t.Errorf("watchlist = %+v", a.Watchlist)
	}
	if len(a.Series) != 2 {
		t.Errorf("series = %+v, want debt and FCF", a.Series)
	}
	if len(r.Skipped) != 0 {
		t.Errorf("skipped = %q", r.Skipped)
	}
}

func TestFixtureMixedLanguageNoDate(t *testing.T) {
	r := parseFile(t, "testdata/mixed.md", false)
	a := r.Analysis
	if !strings.HasPrefix(a.Thesis.Question, "Peut-on encore croire") || a.AsOf != "" {
		t.Errorf("question %q as of %q", a.Thesis.Question, a.AsOf)
	}
	if a.Thesis.Verdict != "No" {
		t.Errorf("verdict = %q", a.Thesis.Verdict)
	}
	s := a.Section("überblick")
	if s == nil {
		ids := []string{}
		for _, s := range a.Sections {
			ids = append(ids, s.ID)
		}
		t.Fatalf("no Überblick section among %q", ids)
	}
	if s.Title != "Überblick 🔋" {
		t.Errorf("title = %q", s.Title)
	}
	if v := s.Cells[1][1].Value; !near(v.Num, 1200) || v.Unit != "MW" {
		t.Errorf("capacity = %+v", v)
	}
	if c := s.Cells[3][1]; c.Input != "hoch" || c.Value.Kind != model.KindText {
		t.Errorf("marge = %+v", c)
	}
	if len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], "no data rows") {
		t.Errorf("skipped = %q, want the empty table named", r.Skipped)
	}
	if len(a.Watchlist) != 0 {
		t.Errorf("watchlist = %+v", a.Watchlist)
	}
}

func TestFixtureNews(t *testing.T) {
	a := parseFile(t, "testdata/news.md", false).Analysis
	if a.Thesis.Question != "Harbor Freight Rail doubles its terminal capacity" {
		t.Errorf("question = %q", a.Thesis.Question)
	}
	for _, f := range []struct {
		num  float64
		unit string
	}{{2.4e9, "USD"}, {0.38, ""}, {0.125, ""}, {0.008, ""}} {
		if !fact(a, f.num, f.unit) {
			t.Errorf("facts lack %v %s", f.num, f.unit)
		}
	}
	if fact(a, 2000, "") {
		t.Error("the index name Russell 2000 was taken for a figure")
	}
	facts := a.Section("facts")
	for _, row := range facts.Cells[1:] {
		if row[factFigure].Source != 1 || !strings.HasSuffix(row[factSentence].Input, ".") {
			t.Errorf("fact %q: source %d, sentence %q", row[factFigure].Input, row[factFigure].Source, row[factSentence].Input)
		}
	}
	if len(a.Thesis.Risks) != 1 || !strings.Contains(a.Thesis.Risks[0], "fuel costs") {
		t.Errorf("risks = %q", a.Thesis.Risks)
	}
}

func TestRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		src  []byte
		code model.Code
	}{
		{"empty", []byte(" \n\n "), model.EINVALID},
		{"binary", []byte{0xff, 0xfe, 0x00, 0x01}, model.EINVALID},
		{"too large", make([]byte, MaxBytes+1), model.ETOOLARGE},
	} {
		if _, err := Parse(tt.src); model.ErrorCode(err) != tt.code {
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.code)
		}
	}
}

func parse(t *testing.T, src []byte) *model.Analysis {
	t.Helper()
	r, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return r.Analysis
}
