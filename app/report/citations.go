package report

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	gparser "github.com/yuin/goldmark/parser"

	"thesisboard/app/model"
)

// citeRe finds citations: "Reference 3", "References 4, 5, 13, and 14",
// "Number 1", "[3]", "[3, 4]" and "^3".
var (
	citeWordRe  = regexp.MustCompile(`(?i)\b(?:references?|refs?\.?|sources?|number)\s+(\d+(?:\s*(?:,|and|&)\s*(?:and\s+)?\d+)*)`)
	citeMarkRe  = regexp.MustCompile(`\[(\d+(?:\s*,\s*\d+)*)\]|\^(\d+)`)
	citeDigitRe = regexp.MustCompile(`\d+`)
	// refHeadRe is the heading of a reference list.
	refHeadRe = regexp.MustCompile(`(?i)^\W*(references?|sources?|citations?|bibliography|works cited|footnotes|endnotes|notes and sources|sources and notes)\b\W*$`)
	// entryRe is the number opening one entry of a reference list: "[12]",
	// "[^12]:", "^12", "12." or "12)".
	entryRe = regexp.MustCompile(`^\s*(?:\[\^?(\d{1,3})\]:?|\^(\d{1,3})[.:]?|(\d{1,3})[.)]:?)\s*`)
	// entrySplitRe finds where entries begin inside one paragraph.
	entrySplitRe = regexp.MustCompile(`(?:^|\s)(?:\[\^?\d{1,3}\]:?|\^\d{1,3}[.:]?)\s`)
	footRe       = regexp.MustCompile(`^\[\^?\d{1,3}\]:`)
	urlRe        = regexp.MustCompile(`https?://[^\s<>()\[\]"]+`)
)

// maxCiting is how many distinct sentences are kept for each reference.
const maxCiting = 3

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

// reasoning keeps the reasoning block as notes and collects the figures
// and citations it states.
func (p *parser) reasoning(text string) {
	text = strings.TrimSpace(text)
	if p.a.Notes != "" {
		p.a.Notes += "\n\n"
	}
	p.a.Notes += text
	p.proseFacts(strings.ReplaceAll(text, "\n", " "))
}

// cite records the sentence as citing each number it cites, keeping a few
// distinct sentences per number.
func (p *parser) cite(sentence string) {
	s := ""
	for _, n := range citations(sentence) {
		if p.cited == nil {
			p.cited = map[int][]string{}
		}
		if s == "" {
			s = truncate(sentence, maxSentence)
		}
		if have := p.cited[n]; len(have) < maxCiting && !slices.Contains(have, s) {
			p.cited[n] = append(have, s)
		}
	}
}

// referenceList reads the entries of a block under a "References" heading:
// a list (numbered by the list or by a "[12]" inside each item) or
// paragraphs of "[12] Title https://…" entries.
func (p *parser) referenceList(b block) {
	if b.kind == "list" && len(b.items) > 0 {
		for _, it := range b.items {
			p.addEntry(it.num, it.text, it.url)
		}
		return
	}
	text := b.text
	starts := entrySplitRe.FindAllStringIndex(text, model.MaxReferences)
	if len(starts) == 0 {
		p.addEntry(0, text, "")
		return
	}
	for i, m := range starts {
		end := len(text)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		p.addEntry(0, text[m[0]:end], "")
	}
}

// footnote reads a paragraph that is one "[^12]: Title" or "[12]: Title"
// entry wherever it stands, and says whether it was one.
func (p *parser) footnote(text string) bool {
	if !footRe.MatchString(text) {
		return false
	}
	p.addEntry(0, text, "")
	return true
}

// addEntry records one reference list entry. num is the list's number for
// it, 0 when the entry must say its own.
func (p *parser) addEntry(num int, text, url string) {
	if m := entryRe.FindStringSubmatch(text); m != nil {
		if n, err := strconv.Atoi(m[1] + m[2] + m[3]); err == nil {
			num = n
		}
		text = text[len(m[0]):]
	}
	if num <= 0 || num >= 1000 || len(p.entries) >= model.MaxReferences {
		return
	}
	if url == "" {
		url = urlRe.FindString(text)
	}
	title := strings.TrimSpace(strings.Replace(text, url, "", 1))
	title = strings.Trim(title, " -–—,.:;<>()[]")
	if title == "" {
		title = url
	}
	ref := model.Reference{Num: num, Title: truncate(title, 500), URL: truncate(url, model.MaxURLLen)}
	if d, _, _, ok := findDate(text); ok {
		ref.AsOf = d
	}
	if p.entries == nil {
		p.entries = map[int]model.Reference{}
	}
	if _, ok := p.entries[num]; !ok {
		p.entries[num] = ref
	}
}

// definitions adds the link reference definitions whose label is a number,
// "[12]: https://… "Title"", as entries.
func (p *parser) definitions(defs []gparser.Reference) {
	for _, d := range defs {
		label := strings.TrimPrefix(string(d.Label()), "^")
		n, err := strconv.Atoi(label)
		if err != nil {
			continue
		}
		text := strings.TrimSpace(string(d.Title()) + " " + string(d.Destination()))
		p.addEntry(n, text, string(d.Destination()))
	}
}
