package report

import (
	"regexp"
	"strings"

	"thesisboard/app/model"
)

// figureRe finds a figure inside running text: an optional bound, a number
// with optional currency, range, scale word or percent, ratio tail, and a
// unit word (one adjective may stand between: "1,700 glass strands").
var figureRe = regexp.MustCompile(`(?i)(?:(?:<=|>=|<|>|≤|≥|~)\s*)?[-−]?\$?\d[\d,]*(?:\.\d+)?` +
	`(?:\s*(?:–|—|-|to)\s*\$?\d[\d,]*(?:\.\d+)?)?` +
	`(?:\s*(?:%|percent\b|bn\b|billion\b|million\b|thousand\b|trillion\b|[kmbt]\b))?` +
	`(?:\s*(?:-to-|:)\s*\d+(?:\.\d+)?)?` +
	`(?:\s*(?:[a-z-]+\s+)?(?:miles|milliseconds|ms|gbps|mbps|customers|strands|years|months|days)\b)?`)

// boundWords turn a leading phrase into a bound. "Exceeded 1,000 customers"
// is read as at least 1,000: reports use it for a threshold reached.
var boundWords = []struct{ prefix, bound string }{
	{"exceeded", ">="}, {"exceeds", ">="}, {"surpassed", ">="}, {"over", ">"}, {"more than", ">"}, {"above", ">"},
	{"at least", ">="}, {"under", "<"}, {"below", "<"}, {"less than", "<"}, {"up to", "<="},
	{"about", "~"}, {"around", "~"}, {"approximately", "~"}, {"nearly", "~"},
}

var (
	yearRe   = regexp.MustCompile(`^(19|20|21)\d\d$`)
	clockRe  = regexp.MustCompile(`(?i)^\s*(am|pm)\b`)
	citeBack = regexp.MustCompile(`(?i)(references?|refs?\.?|number|no\.|\[|\^|#|s&p|nasdaq|russell|ftse|dow|nikkei)\s*$`)
	// listNumRe is a bare small number closing a list marker: "(2)", "2)".
	listNumRe = regexp.MustCompile(`^\d{1,2}$`)
)

// figure is one number found in text, with the words it stood among.
type figure struct {
	text       string // as written: "$5 billion", "<5 milliseconds"
	value      model.Value
	form       model.Format
	start, end int // where the figure is in the sentence
}

// findFigures returns the figures of s that read as numbers and are not
// dates, years, clock times, list or ordinal numbers, citation numbers or
// parts of names ("Q3", "5G", "H100").
func findFigures(s string) []figure {
	return blankedFigures(blankDates(blankCitations(s)))
}

// blankedFigures is findFigures for a sentence whose citations and dates
// are already blanked.
func blankedFigures(s string) []figure {
	var out []figure
	for _, m := range figureRe.FindAllStringIndex(s, -1) {
		raw := strings.TrimSpace(s[m[0]:m[1]])
		m[1] = m[0] + len(strings.TrimRight(s[m[0]:m[1]], " "))
		// Look only at the few bytes around the figure: matching the whole
		// rest of a long sentence for each figure would be quadratic.
		before, after := s[max(0, m[0]-16):m[0]], s[m[1]:min(len(s), m[1]+8)]
		if yearRe.MatchString(raw) || clockRe.MatchString(after) || citeBack.MatchString(before) {
			continue
		}
		if m[1] < len(s) && s[m[1]] == '.' && m[1]+1 < len(s) && s[m[1]+1] == ' ' && m[0] == 0 {
			continue // "1. Title": a list number
		}
		if glued(s, m[0], m[1]) {
			continue
		}
		if listNumRe.MatchString(raw) && strings.HasPrefix(after, ")") && (m[0] == 0 || strings.HasSuffix(before, "(")) {
			continue // "(2) the second point", "2) the second point"
		}
		v, f := typeFigure(raw)
		if v.Kind != model.KindNumber && v.Kind != model.KindRange {
			continue
		}
		out = append(out, figure{text: raw, value: v, form: f, start: m[0], end: m[1]})
	}
	return out
}

// glued reports whether the number at s[start:end] is part of a word: a
// letter right before it ("Q3", "H100") or right after it ("5G", "3rd").
// Units the figure already holds ("400Gbps") end the match, so what follows
// them is a space or punctuation.
func glued(s string, start, end int) bool {
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	if start > 0 && isLetter(s[start-1]) && s[start] != '$' { // "US$5" is money
		return true
	}
	return end < len(s) && isLetter(s[end])
}

// blankCitations replaces citations ("References 4, 5 and 13", "[3]") with
// spaces of the same length, so their numbers are not taken for figures and
// the other figures keep their offsets.
func blankCitations(s string) string {
	for _, re := range []*regexp.Regexp{citeWordRe, citeMarkRe} {
		s = re.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
	}
	return s
}

// typeFigure types one figure's text through the same reader a person's
// typing goes through.
func typeFigure(raw string) (model.Value, model.Format) {
	s := strings.NewReplacer(" percent", "%", "percent", "%", "−", "-").Replace(raw)
	return model.ParseInput(s, "")
}

// typeCell reads a table cell. The cell keeps its text as its input; its
// value is the text itself when that reads as a value ("$18.3B", "21-to-1"),
// else the first figure in it, bounded by words such as "Exceeded".
func typeCell(text string) (model.Value, model.Format) {
	t := strings.TrimSpace(text)
	// The whole text, when it is a value with at most a one-word unit;
	// "20,000 miles of high-density fiber" reads better as its figure.
	if v, f := model.ParseInput(t, ""); v.Kind != model.KindText && len(strings.Fields(v.Unit)) <= 1 {
		return v, f
	}
	figs := findFigures(t)
	if len(figs) == 0 {
		return model.Value{Kind: model.KindText, Text: t}, ""
	}
	fig := figs[0]
	v := fig.value
	if v.Bound == "" {
		lead := strings.ToLower(strings.TrimSpace(t[:fig.start]))
		for _, w := range boundWords {
			if strings.HasSuffix(lead, w.prefix) {
				v.Bound = w.bound
				break
			}
		}
	}
	return v, fig.form
}
