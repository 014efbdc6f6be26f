// Package report turns a deep-research report, or a news article, written in
// markdown into an analysis: the question and date, the verdict, conviction,
// summary and risks from the conclusion, one typed grid per table, the ticker
// table as the watchlist, the numbered references (from the text's reference
// list, or "Reference n" for a number only cited), the reasoning itself as
// notes, every figure stated in the prose in a Facts grid saying what it is
// with the sentence it came from, and every date in a Dates grid. An
// article's byline and date lines are read (the date is its as-of date) and
// kept out of its summary, which is its first paragraph of story.
//
// It reads with goldmark and its GFM table extension, never by splitting
// lines, so other heading levels, wider tables, CRLF line ends and text in
// other languages come through. Each cell keeps its original text as its
// input; its value is typed ("$18.3B" is 18.3e9 USD, "<5 milliseconds" is an
// upper bound of 5 ms). What cannot be read is listed in the result's Skipped,
// never dropped silently.
package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"thesisboard/app/model"
)

// MaxBytes is the largest report Parse reads.
const MaxBytes = 1 << 20

// Parse reads a report. It fails only on input that is not a text report at
// all: too large, not UTF-8, or empty.
// Errors: EINVALID, ETOOLARGE.
func Parse(src []byte) (*model.ImportResult, error) {
	if len(src) > MaxBytes {
		return nil, model.Errorf(model.ETOOLARGE, "the report is %d bytes; the limit is %d", len(src), MaxBytes)
	}
	if !utf8.Valid(src) {
		return nil, model.Errorf(model.EINVALID, "the report is not UTF-8 text")
	}
	text := strings.TrimPrefix(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\ufeff")
	if strings.TrimSpace(text) == "" {
		return nil, model.Errorf(model.EINVALID, "the report is empty")
	}
	p := &parser{a: &model.Analysis{}, res: &model.ImportResult{Skipped: []string{}}}
	p.res.Analysis = p.a
	p.head(text)
	text, p.meta = header(text)
	if p.a.AsOf == "" {
		p.a.AsOf = p.meta.date()
	}
	p.body([]byte(text))
	p.finish(text)
	return p.res, nil
}

type parser struct {
	a   *model.Analysis
	res *model.ImportResult

	mode       string // "", "conclusion", "section", "risks", "references"
	section    *pendingSection
	conclusion []string // conclusion paragraphs, in order
	facts      []factRow
	factKeys   map[string][]int // a figure's value -> its facts
	events     []event
	proseRisks []string                // risk sentences anywhere, for texts with no conclusion
	cited      map[int][]string        // reference number -> the sentences citing it
	entries    map[int]model.Reference // the text's own reference list
	meta       articleMeta             // what the lines about an article said
	firstPara  string                  // an article's first paragraph of story
	tables     int
	ids        map[string]bool // section ids taken
}

type pendingSection struct {
	title string
	note  string
	rows  [][]string
}

var (
	dateLineRe = regexp.MustCompile(`^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})(\s+\d{1,2}:\d{2}\s*(am|pm)?)?$`)
	numberedRe = regexp.MustCompile(`^\s*(?:\d+[.)]|[IVX]+\.)\s*`)
)

// head reads the title line (the question) and, when the next line is a
// date, the as-of date.
func (p *parser) head(text string) {
	var lines []string
	for l := range strings.Lines(text) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
		if len(lines) == 2 {
			break
		}
	}
	title := strings.TrimSpace(strings.Trim(lines[0], "#*_ "))
	p.a.Thesis.Question = title
	p.a.Title = truncate(title, 120)
	if len(lines) > 1 {
		if m := dateLineRe.FindStringSubmatch(strings.ToLower(lines[1])); m != nil {
			if v, _ := model.ParseInput(m[1], ""); v.Kind == model.KindDate {
				p.a.AsOf = v.Text
			}
		}
	}
}

func (p *parser) body(src []byte) {
	bs, defs := blocks(src)
	p.definitions(defs)
	for i, b := range bs {
		// A paragraph followed by a "---" rule parses as a setext heading;
		// long "headings" are such paragraphs.
		if b.kind == "heading" && (utf8.RuneCountInString(b.text) > 120 || strings.Count(b.text, ". ") > 1) {
			b.kind = "paragraph"
		}
		switch b.kind {
		case "code":
			p.reasoning(b.text)
		case "heading":
			p.heading(b)
		case "paragraph", "list":
			if i == 0 {
				// The title paragraph: the question (and date) already read.
				rest := strings.TrimSpace(strings.TrimPrefix(b.text, p.a.Thesis.Question))
				if rest == "" || dateLineRe.MatchString(strings.ToLower(rest)) {
					continue
				}
				b.text = rest
			}
			p.paragraph(b)
		case "table":
			p.table(b.rows)
		}
	}
}

func (p *parser) heading(b block) {
	p.closeSection()
	t := strings.TrimSpace(b.text)
	lower := strings.ToLower(t)
	switch {
	case refHeadRe.MatchString(strings.TrimSpace(numberedRe.ReplaceAllString(t, ""))):
		p.mode = "references"
	case numberedRe.MatchString(t):
		// "3. Financial Health and Risk Management" is an analysis section,
		// whatever words its title holds.
		p.mode = "section"
		p.section = &pendingSection{title: strings.TrimSpace(numberedRe.ReplaceAllString(t, ""))}
	case strings.Contains(lower, "conclusion") || strings.Contains(lower, "verdict") || strings.Contains(lower, "summary"):
		p.mode = "conclusion"
	case strings.Contains(lower, "risk"):
		p.mode = "risks"
	case lower == "analysis" || strings.HasPrefix(lower, "analysis ") || lower == "query":
		p.mode = ""
	default:
		p.mode = "section"
		p.section = &pendingSection{title: strings.TrimSpace(numberedRe.ReplaceAllString(t, ""))}
	}
}

func (p *parser) paragraph(b block) {
	text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(b.text), "Query"))
	if p.mode == "references" {
		p.referenceList(b)
		return
	}
	if p.footnote(text) {
		return
	}
	// An article's summary is its first paragraph of story: after the
	// lines about the article, or after the headline when it has none.
	if p.firstPara == "" && b.kind == "paragraph" && b.offset >= p.meta.bodyStart {
		var date string
		text, date = cutDateline(text)
		p.firstPara = text
		if p.a.AsOf == "" {
			p.a.AsOf = date
		}
	}
	switch p.mode {
	case "conclusion":
		p.conclusionParagraph(text, b.bold)
	case "risks":
		for _, s := range sentences(text) {
			p.a.Thesis.Risks = append(p.a.Thesis.Risks, s)
		}
	case "section":
		if p.section != nil && p.section.note == "" {
			p.section.note = truncate(text, 400)
		}
	}
	p.proseFacts(text)
}

func (p *parser) conclusionParagraph(text string, bold []string) {
	if text == "" {
		return
	}
	p.conclusion = append(p.conclusion, text)
	if p.a.Thesis.Verdict == "" {
		if len(bold) > 0 && utf8.RuneCountInString(bold[0]) <= 24 && strings.HasPrefix(text, bold[0]) {
			p.a.Thesis.Verdict = strings.Trim(bold[0], " ,.:;!")
		} else if w := strings.Trim(strings.Fields(text)[0], " ,.:;!"); isVerdictWord(w) {
			p.a.Thesis.Verdict = w
		}
	}
	if p.a.Thesis.Summary == "" {
		p.a.Thesis.Summary = text
	}
	lower := strings.ToLower(text)
	for _, c := range []string{"high", "medium", "moderate", "low"} {
		if strings.Contains(lower, c+"-conviction") || strings.Contains(lower, c+" conviction") {
			p.a.Thesis.Conviction = strings.ToUpper(c[:1]) + c[1:]
		}
	}
}

func isVerdictWord(w string) bool {
	switch strings.ToLower(w) {
	case "yes", "no", "maybe", "partially", "likely", "unlikely", "buy", "sell", "hold":
		return true
	}
	return false
}

// riskWords mark a sentence of the conclusion as a risk.
var riskWords = []string{"risk", "debt", "challenge", "distress", "pressure", "declin", "concern", "headwind", "volatil", "uncertain"}

func (p *parser) closeSection() {
	s := p.section
	p.section = nil
	if s == nil || len(s.rows) == 0 {
		return
	}
	p.addSection(s.title, s.note, s.rows)
}

// addSection turns table rows into a typed grid.
func (p *parser) addSection(title, note string, rows [][]string) {
	if title == "" {
		title = fmt.Sprintf("Table %d", p.tables)
	}
	sec := model.Section{ID: p.uniqueID(title), Title: truncate(title, 80), Note: note}
	for r, row := range rows {
		cells := make([]model.Cell, len(row))
		for c, text := range row {
			if r == 0 || c == 0 {
				cells[c] = model.Cell{Input: text, Value: textValue(text)}
				continue
			}
			v, f := typeCell(text)
			cells[c] = model.Cell{Input: text, Value: v, Format: f}
			if v.Kind == model.KindNumber || v.Kind == model.KindRange {
				p.res.Found.Figures++
			}
		}
		sec.Cells = append(sec.Cells, cells)
	}
	p.a.Sections = append(p.a.Sections, sec)
	p.res.Found.Sections++
}

func textValue(s string) model.Value {
	if s == "" {
		return model.Value{Kind: model.KindEmpty}
	}
	return model.Value{Kind: model.KindText, Text: s}
}

func (p *parser) table(rows [][]string) {
	p.tables++
	if len(rows) < 2 {
		p.res.Skipped = append(p.res.Skipped, fmt.Sprintf("table %d has no data rows", p.tables))
		return
	}
	if cols := model.WatchColumns(rows[0]); cols != nil {
		p.watchlist(rows, cols)
		return
	}
	if p.section != nil && len(p.section.rows) == 0 {
		p.section.rows = rows
		p.closeSection()
		return
	}
	p.addSection("", "", rows)
}

func (p *parser) uniqueID(title string) string {
	base := model.SectionID(title)
	id := base
	for i := 2; p.ids[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	if p.ids == nil {
		p.ids = map[string]bool{}
	}
	p.ids[id] = true
	return id
}

// truncate cuts s to at most n runes, ending with "…" when it cut. It reads
// no further than the cut, so cutting a huge sentence costs little.
func truncate(s string, n int) string {
	count := 0
	for i := range s {
		if count == n-1 {
			if utf8.RuneCountInString(s[i:]) <= 1 {
				return s
			}
			return strings.TrimSpace(s[:i]) + "…"
		}
		count++
	}
	return s
}

// abbreviations end with a dot that does not end a sentence: "Aug. 25",
// "Lumen Technologies Inc. (LUMN)", "vs. the index".
var abbreviations = wordSet("mr mrs ms dr prof inc corp co ltd plc jr sr st vs no nos jan feb mar apr jun jul aug sep sept oct nov dec " +
	"u.s u.k e.g i.e approx est fig dept govt a.m p.m")

// notSentenceEnd reports whether the dot at text[i] closes an abbreviation
// or an initial rather than a sentence, or is followed by a lowercase word.
func notSentenceEnd(text string, i int) bool {
	w := i
	for w > 0 && text[w-1] != ' ' && text[w-1] != '\n' && text[w-1] != '(' {
		w--
	}
	word := strings.ToLower(text[w:i])
	if abbreviations[word] || len(word) == 1 && word[0] >= 'a' && word[0] <= 'z' {
		return true
	}
	next := strings.TrimLeft(text[i+1:min(len(text), i+4)], " ")
	return next != "" && next[0] >= 'a' && next[0] <= 'z'
}

// sentences splits text at sentence ends.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') && !(c == '.' && notSentenceEnd(text, i)) {
			if s := strings.TrimSpace(text[start : i+1]); len(s) > 1 {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return slices.DeleteFunc(out, func(s string) bool { return strings.Trim(s, " .!?") == "" })
}
