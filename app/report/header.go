package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A news article opens with a headline, often a standfirst, then lines
// about the article rather than its story: a byline ("By Jane Doe", "Jane
// Doe, Staff Writer", "Author: …"), a publication date, the editor, the
// outlet. header reads those lines into the analysis (the date becomes its
// as-of date, the author and outlet go with the article's reference) and
// takes them out of the text, so they never run into the summary or the
// facts. Only the first lines are looked at: a "Source:" deep in a report is
// the report's own text.

// headerLines is how many non-empty lines after the headline may be such
// lines about the article.
const headerLines = 12

var (
	labelRe = regexp.MustCompile(`(?i)^(authors?|by|written by|words by|reporting by|reported by|reporters?|editors?|edited by|sources?|publisher|outlet|` +
		`published(?: on| at)?|first published|updated|last updated|posted|date|dateline|photos?|image|credits?|translated by|translator|compiled by)\s*[:：]\s*(.*)$`)
	publishedRe = regexp.MustCompile(`(?i)^(published|first published|updated|last updated|posted)\b\s*(?:on\s+|at\s+)?(.*)$`)
	byRe        = regexp.MustCompile(`(?i)^by\s+(.+)$`)
	roleRe      = regexp.MustCompile(`(?i)^(.+?),\s*((?:senior |chief |staff |contributing |news |deputy |special )*(?:writer|reporter|correspondent|editor|columnist|contributor|analyst|journalist|bureau chief))\b.{0,40}$`)
	partSepRe   = regexp.MustCompile(`\s+[|·•—]\s+|\s+\|\s*|\s*\|\s+`)
	weekdayRe   = regexp.MustCompile(`(?i)\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\b\.?`)
	// datelineRe is a wire-style dateline opening a paragraph: "NEW YORK,
	// Aug. 25, 2025 (Reuters) — ".
	datelineRe = regexp.MustCompile(`^[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){0,3}(?:,\s*[A-Z][A-Za-z.]+)?,?\s*` +
		`((?:(?:Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:` + monthNames + `\s*\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+` + monthNames + `(?:\s+\d{4})?|\d{4}-\d{2}-\d{2}))?` +
		`\s*(\([A-Za-z .&]{1,30}\)|/[A-Za-z .&]{1,30}/)?\s*(?:--|—|–|-)\s+`)
)

var authorLabels = map[string]bool{"author": true, "authors": true, "by": true, "written by": true, "words by": true,
	"reporting by": true, "reported by": true, "reporter": true, "reporters": true}

// articleMeta is what the lines about an article said.
type articleMeta struct {
	author, outlet string
	published      string // YYYY-MM-DD
	updated        string
	bodyStart      int // offset in the cleaned text where the story starts; 0 when no such line was found
}

// header returns text without the lines about the article, and what they
// said. The headline is the first non-empty line and stays.
func header(text string) (string, articleMeta) {
	var meta articleMeta
	var out strings.Builder
	seen, done := 0, false
	for line := range strings.Lines(text) {
		t := strings.TrimSpace(line)
		if t == "" || done {
			out.WriteString(line)
			continue
		}
		seen++
		if seen == 1 {
			out.WriteString(line) // the headline
			continue
		}
		if seen > headerLines+1 || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "#") {
			done = true // a report's body, or a story past its opening lines
			out.WriteString(line)
			continue
		}
		if !meta.read(strings.Trim(t, "*_> ")) {
			// A standfirst may come before the byline; a paragraph after
			// it, or a long one, is the story.
			done = meta.bodyStart > 0 || utf8.RuneCountInString(t) > 250
			out.WriteString(line)
			continue
		}
		out.WriteString("\n")
		meta.bodyStart = out.Len()
	}
	return out.String(), meta
}

// read takes one line in if it is about the article, and says whether it
// was. A line may hold several parts: "By Jane Doe | March 3, 2025".
func (m *articleMeta) read(line string) bool {
	parts := partSepRe.Split(line, 8)
	next := *m
	for _, part := range parts {
		if !next.readPart(strings.TrimSpace(part)) {
			return false
		}
	}
	*m = next
	return true
}

func (m *articleMeta) readPart(s string) bool {
	if s == "" {
		return true
	}
	if g := labelRe.FindStringSubmatch(s); g != nil && utf8.RuneCountInString(g[2]) <= 100 {
		label, value := strings.ToLower(g[1]), strings.TrimSpace(g[2])
		switch {
		case authorLabels[label]:
			m.author = firstNonEmpty(m.author, value)
		case strings.HasPrefix(label, "source") || label == "publisher" || label == "outlet":
			m.outlet = firstNonEmpty(m.outlet, value)
		case strings.Contains(label, "updated"):
			m.dated(value, true)
		case strings.Contains(label, "publish") || strings.HasPrefix(label, "date") || label == "posted":
			m.dated(value, false)
		}
		return true
	}
	if g := publishedRe.FindStringSubmatch(s); g != nil {
		if d, _, _, ok := findDate(g[2]); ok {
			m.dated(d, strings.Contains(strings.ToLower(g[1]), "updated"))
			return true
		}
	}
	if g := byRe.FindStringSubmatch(s); g != nil && nameLike(g[1]) {
		m.author = firstNonEmpty(m.author, strings.TrimRight(g[1], " .,"))
		return true
	}
	if g := roleRe.FindStringSubmatch(s); g != nil && nameLike(g[1]) && len(strings.Fields(g[1])) <= 5 {
		m.author = firstNonEmpty(m.author, g[1])
		return true
	}
	if d, start, end, ok := findDate(s); ok {
		rest := s[:start] + s[end:]
		rest = weekdayRe.ReplaceAllString(timeRe.ReplaceAllString(rest, ""), "")
		if strings.Trim(rest, " ,.-–—()") == "" {
			m.dated(d, false)
			return true
		}
	}
	return false
}

// dated records a date line's date; the first publication date wins over
// any update.
func (m *articleMeta) dated(s string, updated bool) {
	d, _, _, ok := findDate(s)
	if !ok {
		return
	}
	if updated {
		m.updated = firstNonEmpty(m.updated, d)
	} else {
		m.published = firstNonEmpty(m.published, d)
	}
}

func (m articleMeta) date() string { return firstNonEmpty(m.published, m.updated) }

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// nameParticles may stand lowercase inside a byline: "Ana de la Cruz",
// "Jane Doe and John Roe for Reuters".
var nameParticles = wordSet("de la le du da van von der den di al bin and & for of at in")

// nameLike reports whether s reads as a byline's names: capitalised words
// (a few lowercase particles aside), no digits, not a sentence.
func nameLike(s string) bool {
	s = strings.TrimRight(s, " .")
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if len(words) == 0 || len(words) > 10 || strings.ContainsAny(s, "0123456789:;!?") {
		return false
	}
	names := 0
	for _, w := range words {
		if nameParticles[strings.ToLower(w)] {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
		names++
	}
	return names > 0
}

// cutDateline takes a wire dateline off the start of a paragraph and
// returns the date it held, if it named one with its year.
func cutDateline(par string) (rest, date string) {
	m := datelineRe.FindStringSubmatchIndex(par)
	// Capital words and a dash are a dateline only with a date or a news
	// agency ("(Reuters)", "/PRNewswire/"); "NVIDIA (NVDA) - " is not one.
	if m == nil || m[2] < 0 && (m[4] < 0 || strings.ToUpper(par[m[4]:m[5]]) == par[m[4]:m[5]]) {
		return par, ""
	}
	if m[2] >= 0 {
		date, _, _, _ = findDate(par[m[2]:m[3]])
	}
	return par[m[1]:], date
}
