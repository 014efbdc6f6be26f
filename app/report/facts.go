package report

import (
	"strings"

	"thesisboard/app/model"
)

// proseFacts adds every figure stated in text to the Facts grid, with the
// sentence it came from, once per figure and sentence.
func (p *parser) proseFacts(text string) {
	for _, s := range sentences(text) {
		p.cite(s)
		if hasRiskWord(s) && len(p.proseRisks) < 5 {
			p.proseRisks = append(p.proseRisks, truncate(s, 300))
		}
		sentence := truncate(s, 300)
		add := func(input string, v model.Value, f model.Format) {
			key := input + "\x00" + sentence
			if p.factSeen[key] {
				return
			}
			if p.factSeen == nil {
				p.factSeen = map[string]bool{}
			}
			p.factSeen[key] = true
			p.facts = append(p.facts, []model.Cell{
				{Input: input, Value: v, Format: f},
				{Input: sentence, Value: model.Value{Kind: model.KindText, Text: sentence}},
			})
			p.res.Found.Figures++
		}
		for _, fig := range findFigures(s) {
			add(fig.text, fig.value, fig.form)
		}
		for _, m := range monthRe.FindAllString(s, -1) {
			add(m, model.Value{Kind: model.KindText, Text: m}, model.FormatText)
		}
	}
}

// factsSection is the Facts grid, or nil when the prose stated no figure.
func (p *parser) factsSection() *model.Section {
	if len(p.facts) == 0 {
		return nil
	}
	head := []model.Cell{
		{Input: "Figure", Value: model.Value{Kind: model.KindText, Text: "Figure"}},
		{Input: "Stated in", Value: model.Value{Kind: model.KindText, Text: "Stated in"}},
	}
	return &model.Section{
		ID:    p.uniqueID("facts"),
		Title: "Facts from the text",
		Note:  "Every figure the prose states, with the sentence it comes from.",
		Cells: append([][]model.Cell{head}, p.facts...),
	}
}

// hasRiskWord reports whether a sentence reads as a risk.
func hasRiskWord(s string) bool {
	lower := strings.ToLower(s)
	for _, w := range riskWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}
