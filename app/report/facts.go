package report

import (
	"fmt"
	"strings"

	"thesisboard/app/model"
)

// factRow is one figure the prose states: what it is (read from its
// sentence), the figure, the first sentence stating it and the reference
// that sentence cites.
type factRow struct {
	what     string
	fig      figure
	sentence string
	source   int
}

// event is a date the prose names and what happened then.
type event struct {
	when     model.Cell
	what     string
	sentence string
}

// maxSentence is how long a sentence kept with a figure, a date or a
// citation may be: long enough for any real sentence, so the page can show
// it whole on hover; only run-on text without full stops is cut.
const maxSentence = 1000

// maxSameValue bounds how many facts of one value a new one is compared
// with, so a text repeating one figure thousands of times stays linear.
const maxSameValue = 8

// proseFacts adds every figure stated in text to the Facts grid and every
// date to the Dates grid, each with the sentence it came from. A figure
// stated again about the same subject is one row.
func (p *parser) proseFacts(text string) {
	for _, s := range sentences(text) {
		p.cite(s)
		if hasRiskWord(s) && len(p.proseRisks) < 5 {
			p.proseRisks = append(p.proseRisks, truncate(s, 300))
		}
		sentence := truncate(s, maxSentence)
		source := 0
		if c := citations(s); len(c) > 0 {
			source = c[0]
		}
		blank := blankDates(blankCitations(s))
		prev := ""
		for _, fig := range blankedFigures(blank) {
			what := figureWhat(blank, fig, prev)
			prev = what
			p.addFact(factRow{what: what, fig: fig, sentence: sentence, source: source})
		}
		p.proseDates(s, sentence)
	}
}

func (p *parser) addFact(f factRow) {
	v := f.fig.value
	key := fmt.Sprintf("%s|%g|%g|%g|%s|%s", v.Kind, v.Num, v.Low, v.High, v.Unit, v.Bound)
	same := p.factKeys[key]
	for _, i := range same[max(0, len(same)-maxSameValue):] {
		if old := &p.facts[i]; sameSubject(old.what, f.what) {
			if old.what == "" {
				old.what = f.what
			}
			if old.source == 0 {
				old.source = f.source
			}
			return
		}
	}
	if p.factKeys == nil {
		p.factKeys = map[string][]int{}
	}
	p.factKeys[key] = append(same, len(p.facts))
	p.facts = append(p.facts, f)
	p.res.Found.Figures++
}

// proseDates records the dates s names. A month alone counts only after a
// preposition ("in July") or with its day or year, so the verb "may" and a
// "March" in a name are not taken for dates.
func (p *parser) proseDates(s, sentence string) {
	var taken [][]int
	for _, m := range dateRe.FindAllStringIndex(s, 4) {
		d, _, _, ok := findDate(s[m[0]:m[1]])
		if !ok {
			continue
		}
		taken = append(taken, m)
		when := model.Cell{Input: s[m[0]:m[1]], Value: model.Value{Kind: model.KindDate, Text: d}, Format: model.FormatDate}
		p.addEvent(event{when: when, what: eventWhat(s, m[0], m[1]), sentence: sentence})
	}
	for _, m := range monthRe.FindAllStringIndex(s, 4) {
		if overlaps(taken, m) {
			continue
		}
		lead := tokens(s[max(0, m[0]-12):m[0]])
		prep := len(lead) > 0 && (prepositions[lead[len(lead)-1].lower()] || wordSet("early late mid last this next")[lead[len(lead)-1].lower()])
		if !prep && !strings.ContainsAny(s[m[0]:m[1]], "0123456789") {
			continue
		}
		text := s[m[0]:m[1]]
		p.addEvent(event{when: model.Cell{Input: text, Value: model.Value{Kind: model.KindText, Text: text}}, what: eventWhat(s, m[0], m[1]), sentence: sentence})
	}
}

func overlaps(spans [][]int, m []int) bool {
	for _, t := range spans {
		if m[0] < t[1] && t[0] < m[1] {
			return true
		}
	}
	return false
}

func (p *parser) addEvent(e event) {
	for _, old := range p.events {
		if old.when.Input == e.when.Input && strings.EqualFold(old.what, e.what) {
			return
		}
	}
	if len(p.events) < 1000 {
		p.events = append(p.events, e)
	}
}

// eventWhat reads what happened at the date s[start:end]: the rest of the
// comma-separated clause holding it or, when the date stood alone there
// ("In July, Lumen reached…"), the clause after it.
func eventWhat(s string, start, end int) string {
	lo := strings.LastIndexAny(s[:start], ",;") + 1
	hi := strings.IndexAny(s[end:], ",;")
	if hi < 0 {
		hi = len(s)
	} else {
		hi += end
	}
	words := trimTrailing(tokens(s[lo:start]), prepositions)
	rest := tokens(s[end:hi])
	what := join(append(words, rest...))
	if len(strings.Fields(what)) < 2 && hi < len(s) {
		next := strings.IndexAny(s[hi+1:], ",;")
		if next < 0 {
			next = len(s) - hi - 1
		}
		what = join(tokens(s[hi+1 : hi+1+next]))
	}
	f := strings.Fields(strings.Trim(what, " .!?"))
	if len(f) > 10 {
		f = f[:10]
	}
	return strings.Join(f, " ")
}

// textCell is a cell holding text as typed.
func textCell(s string) model.Cell {
	if s == "" {
		return model.Cell{Value: model.Value{Kind: model.KindEmpty}}
	}
	return model.Cell{Input: s, Value: model.Value{Kind: model.KindText, Text: s}}
}

// factsSection is the Facts grid, or nil when the prose stated no figure.
// The What column is thesisboard's reading of each sentence, which is why
// the note says so: the figure and the sentence are the text's own.
func (p *parser) factsSection(source int) *model.Section {
	if len(p.facts) == 0 {
		return nil
	}
	rows := [][]model.Cell{{textCell("What"), textCell("Figure"), textCell("Stated in")}}
	for _, f := range p.facts {
		fig := model.Cell{Input: f.fig.text, Value: f.fig.value, Format: f.fig.form, Source: f.source}
		if fig.Source == 0 {
			fig.Source = source
		}
		rows = append(rows, []model.Cell{textCell(f.what), fig, textCell(f.sentence)})
	}
	return &model.Section{
		ID:    p.uniqueID("facts"),
		Title: "Facts from the text",
		Note:  "Every figure the text states, once per subject, with the sentence it first comes from. What each figure is (the What column) is read by thesisboard from that sentence.",
		Cells: rows,
	}
}

// datesSection is the grid of dates the prose names, or nil.
func (p *parser) datesSection() *model.Section {
	if len(p.events) == 0 {
		return nil
	}
	rows := [][]model.Cell{{textCell("When"), textCell("What"), textCell("Stated in")}}
	for _, e := range p.events {
		rows = append(rows, []model.Cell{e.when, textCell(e.what), textCell(e.sentence)})
	}
	return &model.Section{
		ID:    p.uniqueID("dates"),
		Title: "Dates from the text",
		Note:  "Every date the text names, with what happened then as read by thesisboard from the sentence.",
		Cells: rows,
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
