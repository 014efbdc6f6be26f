package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// finish adds what needs the whole report: the Facts grid, the risks, the
// references, the series the charts draw, and the derived checks.
func (p *parser) finish() {
	p.closeSection()
	if fs := p.factsSection(); fs != nil {
		p.a.Sections = append(p.a.Sections, *fs)
		p.res.Found.Sections++
	}
	if len(p.a.Thesis.Risks) == 0 {
		for _, c := range p.conclusion {
			for _, s := range sentences(c) {
				if hasRiskWord(s) {
					p.a.Thesis.Risks = append(p.a.Thesis.Risks, capitalize(strings.TrimPrefix(s, "However, ")))
				}
			}
		}
	}
	p.company()
	if len(p.a.Thesis.Risks) == 0 && len(p.conclusion) == 0 {
		p.a.Thesis.Risks = p.proseRisks
	}
	if p.a.Thesis.Summary == "" && p.a.Notes == "" && len(p.facts) > 0 {
		// A news article: its first sentences are the summary.
		p.a.Thesis.Summary = truncate(p.firstProse(), 400)
	}
	p.references()
	p.series()
	p.derived()
	calc.Recalc(p.a)
	if len(p.a.Sections) == 0 {
		p.res.Skipped = append(p.res.Skipped, "no table and no figure was found; the analysis has the text only")
	}
}

// tickerRe finds "Company Name (TICK)" the way reports introduce a company.
var tickerRe = regexp.MustCompile(`((?:[A-Z][\w&.'-]*\s){0,4}[A-Z][\w&.'-]*)\s+\(([A-Z]{1,5})\)`)

// company reads the company and its ticker from the first "Name (TICK)" in
// the summary, the question or the notes.
func (p *parser) company() {
	for _, s := range []string{p.a.Thesis.Summary, p.a.Thesis.Question, p.a.Notes} {
		if m := tickerRe.FindStringSubmatch(s); m != nil {
			p.a.Company, p.a.Ticker = strings.TrimSpace(m[1]), m[2]
			return
		}
	}
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func (p *parser) firstProse() string {
	if len(p.facts) > 0 {
		return p.facts[0][1].Input
	}
	return ""
}

// references lists every cited number, titled by the sentence that first
// cites it; a text that cites nothing gets itself as reference 1.
func (p *parser) references() {
	nums := make([]int, 0, len(p.cited))
	for n := range p.cited {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		p.a.References = append(p.a.References, model.Reference{Num: n, Title: p.cited[n], AsOf: p.a.AsOf})
	}
	if len(p.a.References) == 0 {
		p.a.References = []model.Reference{{Num: 1, Title: p.a.Title, AsOf: p.a.AsOf}}
		for i := range p.facts {
			p.facts[i][0].Source = 1
		}
		if fs := p.a.Section("facts"); fs != nil {
			for r := 1; r < len(fs.Cells); r++ {
				fs.Cells[r][0].Source = 1
			}
		}
	}
	p.res.Found.References = len(p.a.References)
}

var (
	debtRe   = regexp.MustCompile(`(?i)\bdebt\b`)
	fcfRe    = regexp.MustCompile(`(?i)free cash flow|\bfcf\b`)
	zRe      = regexp.MustCompile(`(?i)z-?\s?score`)
	periodRe = regexp.MustCompile(`\b((?:19|20)\d\d)\b`)
)

// metric is a numeric cell found by the label in column A of its row.
type metric struct {
	sheet, cell, period string
	value               model.Value
	row                 int
}

func (p *parser) find(label *regexp.Regexp) *metric {
	for _, s := range p.a.Sections {
		for r := 1; r < len(s.Cells); r++ {
			row := s.Cells[r]
			if len(row) < 2 || !label.MatchString(row[0].Input) {
				continue
			}
			v := row[1].Value
			if v.Kind != model.KindNumber && v.Kind != model.KindRange {
				continue
			}
			period := ""
			if m := periodRe.FindString(row[0].Input); m != "" {
				period = m
			}
			return &metric{sheet: s.ID, cell: model.Addr(r, 1), period: period, value: v, row: r}
		}
	}
	return nil
}

// series links debt and free cash flow figures to the Debt & FCF chart.
func (p *parser) series() {
	for _, s := range []struct {
		id, title string
		re        *regexp.Regexp
	}{{"debt", "Total debt", debtRe}, {"fcf", "Free cash flow", fcfRe}} {
		m := p.find(s.re)
		if m == nil {
			continue
		}
		period := m.period
		if period == "" {
			period = p.a.AsOf
		}
		p.a.Series = append(p.a.Series, model.Series{ID: s.id, Title: s.title, Points: []model.SeriesPoint{{Period: period, Sheet: m.sheet, Cell: m.cell}}})
	}
}

// derived adds the checks an analyst would make of the figures: how many
// years of free cash flow the debt is, and which zone an Altman Z-score is in.
func (p *parser) derived() {
	debt, fcf, z := p.find(debtRe), p.find(fcfRe), p.find(zRe)
	if debt != nil && fcf != nil {
		// A live formula: editing the debt or the guidance recomputes it.
		ref := func(m *metric) string {
			if m.sheet == debt.sheet {
				return m.cell
			}
			return m.sheet + "!" + m.cell
		}
		input := fmt.Sprintf("=ROUND(%s/RANGE.MID(%s),2)", ref(debt), ref(fcf))
		p.appendRow(debt.sheet, "Payback years (debt ÷ FCF midpoint)", input, model.Value{Kind: model.KindText, Text: input})
	}
	if z != nil {
		n, _ := z.value.Number()
		zone := "safe (above 2.99)"
		switch {
		case n < 1.81:
			zone = "distress (below 1.81)"
		case n <= 2.99:
			zone = "grey (1.81 to 2.99)"
		}
		p.appendRow(z.sheet, "Altman Z zone", zone, model.Value{Kind: model.KindText, Text: zone})
		p.altmanCheck(z)
	}
}

// altmanCheck adds a grid for the five ratios of the Altman Z-score: once
// they are entered, formulas recompute the score and say whether it agrees
// with the quoted one (within 0.1).
func (p *parser) altmanCheck(z *metric) {
	text := func(s string) model.Cell {
		return model.Cell{Input: s, Value: model.Value{Kind: model.KindText, Text: s}}
	}
	number := func(n string) model.Cell {
		v, f := model.ParseInput(n, "")
		return model.Cell{Input: n, Value: v, Format: f}
	}
	formula := func(f string) model.Cell {
		return model.Cell{Input: f, Value: model.Value{Kind: model.KindText, Text: f}}
	}
	quoted := "='" + z.sheet + "'!" + z.cell
	ratios := []struct{ name, weight string }{
		{"X1 working capital / total assets", "1.2"},
		{"X2 retained earnings / total assets", "1.4"},
		{"X3 EBIT / total assets", "3.3"},
		{"X4 market value of equity / total liabilities", "0.6"},
		{"X5 sales / total assets", "1"},
	}
	s := model.Section{ID: p.uniqueID("altman-z-check"), Title: "Altman Z-score check",
		Note: "Enter the five ratios to recompute the score and compare it with the quoted one."}
	s.Cells = append(s.Cells, []model.Cell{text("Ratio"), text("Value"), text("Weight")})
	for _, r := range ratios {
		s.Cells = append(s.Cells, []model.Cell{text(r.name), {Value: model.Value{Kind: model.KindEmpty}}, number(r.weight)})
	}
	s.Cells = append(s.Cells,
		[]model.Cell{text("Recomputed Z"), formula(`=IF(COUNT(B2:B6)<5,"",B2*C2+B3*C3+B4*C4+B5*C5+B6*C6)`)},
		[]model.Cell{text("Quoted Z"), formula(quoted)},
		[]model.Cell{text("Check"), formula(`=IF(COUNT(B2:B6)<5,"waiting for the five ratios",IF(ABS(B7-B8)>0.1,"differs from the quoted score","agrees with the quoted score"))`)},
	)
	p.a.Sections = append(p.a.Sections, s)
	p.res.Found.Sections++
}

func (p *parser) appendRow(sheet, label, input string, v model.Value) {
	s := p.a.Section(sheet)
	s.Cells = append(s.Cells, []model.Cell{
		{Input: label, Value: model.Value{Kind: model.KindText, Text: label}},
		{Input: input, Value: v},
	})
}
