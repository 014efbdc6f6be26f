package report

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// finish adds what needs the whole report: the references, the Facts and
// Dates grids, the risks, the company, the series the charts draw, and the
// derived checks. text is the report without its lines about an article.
func (p *parser) finish(text string) {
	p.closeSection()
	// A news article: no conclusion and no reasoning. Its summary is its
	// first paragraph of story, in whole sentences.
	article := p.a.Thesis.Summary == "" && p.a.Notes == ""
	p.references(p.meta)
	source := 0
	if len(p.cited) == 0 && len(p.entries) == 0 {
		source = 1 // the text itself, reference 1
	}
	for _, s := range []*model.Section{p.factsSection(source), p.datesSection()} {
		if s != nil {
			p.a.Sections = append(p.a.Sections, *s)
			p.res.Found.Sections++
		}
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
	p.company(text)
	if len(p.a.Thesis.Risks) == 0 && len(p.conclusion) == 0 {
		p.a.Thesis.Risks = p.proseRisks
	}
	if article {
		p.a.Thesis.Summary = leadSentences(firstNonEmpty(p.firstPara, p.firstProse()), 400)
	}
	p.series()
	p.derived()
	calc.Recalc(p.a)
	if len(p.a.Sections) == 0 {
		p.res.Skipped = append(p.res.Skipped, "no table and no figure was found; the analysis has the text only")
	}
}

// leadSentences is the opening whole sentences of par that fit in n
// characters, or its first sentence cut short when even that is longer.
func leadSentences(par string, n int) string {
	var out []string
	size := 0
	for _, s := range sentences(par) {
		size += utf8.RuneCountInString(s) + 1
		if size > n+1 && len(out) > 0 {
			break
		}
		out = append(out, s)
	}
	return truncate(strings.Join(out, " "), n)
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func (p *parser) firstProse() string {
	if len(p.facts) > 0 {
		return p.facts[0].sentence
	}
	return ""
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

// computed ends the label of a row thesisboard adds to a table of the
// report's, so neither the grid nor an exported workbook passes it off as
// the report's own figure. It is part of the label, not a note or a style,
// because the label is what survives a copy to Excel and back.
const computed = " (computed by thesisboard)"

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
		p.appendRow(debt.sheet, "Payback years, debt ÷ FCF midpoint"+computed, input, model.Value{Kind: model.KindText, Text: input})
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
		p.appendRow(z.sheet, "Altman Z zone"+computed, zone, model.Value{Kind: model.KindText, Text: zone})
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
		Note: "Computed by thesisboard, not stated in the report: enter the five ratios to recompute the score and compare it with the quoted one."}
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
