package report

import (
	"regexp"
	"strconv"
	"strings"
)

// citeRe finds citations: "Reference 3", "References 4, 5, 13, and 14",
// "Number 1", "[3]", "[3, 4]" and "^3".
var (
	citeWordRe  = regexp.MustCompile(`(?i)\b(?:references?|refs?\.?|sources?|number)\s+(\d+(?:\s*(?:,|and|&)\s*(?:and\s+)?\d+)*)`)
	citeMarkRe  = regexp.MustCompile(`\[(\d+(?:\s*,\s*\d+)*)\]|\^(\d+)`)
	citeDigitRe = regexp.MustCompile(`\d+`)
)

// citations returns the reference numbers s cites.
func citations(s string) []int {
	var out []int
	add := func(list string) {
		for _, d := range citeDigitRe.FindAllString(list, -1) {
			if n, err := strconv.Atoi(d); err == nil && n > 0 && n < 1000 {
				out = append(out, n)
			}
		}
	}
	for _, m := range citeWordRe.FindAllStringSubmatch(s, -1) {
		add(m[1])
	}
	for _, m := range citeMarkRe.FindAllStringSubmatch(s, -1) {
		add(m[1] + " " + m[2])
	}
	return out
}

// reasoning keeps the reasoning block as notes, records which sentence first
// cites each reference, and collects the figures it states.
func (p *parser) reasoning(text string) {
	text = strings.TrimSpace(text)
	if p.a.Notes != "" {
		p.a.Notes += "\n\n"
	}
	p.a.Notes += text
	for _, s := range sentences(strings.ReplaceAll(text, "\n", " ")) {
		p.cite(s)
	}
	p.proseFacts(strings.ReplaceAll(text, "\n", " "))
}

func (p *parser) cite(sentence string) {
	for _, n := range citations(sentence) {
		if p.cited == nil {
			p.cited = map[int]string{}
		}
		if _, ok := p.cited[n]; !ok {
			p.cited[n] = truncate(sentence, 200)
		}
	}
}
