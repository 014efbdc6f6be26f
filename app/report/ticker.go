package report

import (
	"regexp"
	"slices"
	"strings"
)

// A text names its company's ticker in one of a few ways: "Lumen
// Technologies (LUMN)", "(NYSE: LUMN)", "NYSE:LUMN", the cashtag "$LUMN",
// or, in an article that introduced other companies with theirs, only in
// passing ("LUMN's services"). An article names several companies; the one
// it is about is the one it mentions most, so each ticker found is scored by
// how often its company's name (or the ticker) occurs.

var (
	exchanges = `(?:NYSE American|NYSE Arca|NYSE|NASDAQ|Nasdaq|AMEX|TSXV?|LSE|ASX|HKEX|OTCQX|OTC|CBOE|BATS)`
	// tickerRe finds "Company Name (TICK)" or "Company Name (NYSE: TICK)".
	tickerRe = regexp.MustCompile(`((?:[A-Z][\w&.'’-]*\s){0,4}[A-Z][\w&.'’-]*)\s+\((?:` + exchanges + `\s*:\s*)?([A-Z]{1,5}(?:\.[A-Z]{1,2})?)\)`)
	// listingRe finds "NYSE: TICK" and "NYSE:TICK" anywhere.
	listingRe = regexp.MustCompile(`\b` + exchanges + `\s*:\s*([A-Z]{1,5}(?:\.[A-Z]{1,2})?)\b`)
	cashtagRe = regexp.MustCompile(`(?:^|[^\w$])\$([A-Z]{1,5})\b`)
	capRe     = regexp.MustCompile(`\b[A-Z][A-Za-z]*\b`)
	// notTickers are capital words texts use for other things.
	notTickers = wordSet("AI CEO CFO COO CTO USD EUR GBP GDP EPS ETF IPO FCF ESG API USA US UK EU ET PM AM Q NAAS SEC FDA")
	// corporate words may follow a company's first name in its full name.
	corporate = wordSet("Technologies Technology Inc Inc. Corp Corp. Corporation Group Holdings Systems Networks Communications Energy Industries " +
		"Company Co Co. Ltd Ltd. Limited Plc PLC AG SA NV SE International Global Solutions Labs Therapeutics Pharmaceuticals Bank " +
		"Financial Motors Platforms Digital Mining Resources Semiconductor Software")
	// leadWords open a sentence before a company's name: "While Lumen
	// (LUMN)" names Lumen.
	leadWords = wordSet("while when after as and but in on at the shares of for with since although though however meanwhile recently")
)

// candidate is a ticker the text names, with its company.
type candidate struct {
	ticker, name string
	order        int // first seen, for ties
}

// company finds the company the text is about and its ticker.
func (p *parser) company(text string) {
	var cands []candidate
	add := func(ticker, name string) {
		for i := range cands {
			if cands[i].ticker == ticker {
				if cands[i].name == "" {
					cands[i].name = name
				}
				return
			}
		}
		cands = append(cands, candidate{ticker: ticker, name: name, order: len(cands)})
	}
	for _, m := range tickerRe.FindAllStringSubmatch(text, 100) {
		if name := trimLead(m[1]); !notTickers[m[2]] && m[2] != initials(name) {
			add(m[2], name) // "Network as a Service (NAAS)" defines a term
		}
	}
	for _, re := range []*regexp.Regexp{listingRe, cashtagRe} {
		for _, m := range re.FindAllStringSubmatch(text, 100) {
			add(m[1], "")
		}
	}
	// A name mentioned often, and an all-capital word that abbreviates it,
	// is a ticker named in passing: "Lumen" and "LUMN".
	counts := map[string]int{}
	for _, w := range capRe.FindAllString(text, 20000) {
		counts[w]++
	}
	var names []string
	for w, n := range counts {
		if n >= 2 && len(w) >= 4 && strings.ToUpper(w) != w {
			names = append(names, w)
		}
	}
	slices.Sort(names)
	var caps []string
	for w := range counts {
		caps = append(caps, w)
	}
	slices.Sort(caps)
	for _, w := range caps {
		if len(w) < 3 || len(w) > 5 || strings.ToUpper(w) != w || notTickers[w] || strings.Contains(exchanges, w) {
			continue
		}
		for _, name := range names {
			if abbreviates(w, name) {
				add(w, name)
				break
			}
		}
	}
	best, bestScore := -1, 0
	for i := range cands {
		c := &cands[i]
		if c.name == "" {
			c.name = namedBy(c.ticker, counts)
		}
		score := counts[c.ticker]
		if first := strings.Fields(c.name); len(first) > 0 {
			score += counts[first[0]]
		}
		if score > bestScore || score == bestScore && best >= 0 && c.order < cands[best].order {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return
	}
	p.a.Ticker = cands[best].ticker
	p.a.Company = fullName(cands[best].name, text)
}

// trimLead drops the words that open a sentence before a name.
func trimLead(name string) string {
	f := strings.Fields(name)
	for len(f) > 1 && leadWords[strings.ToLower(f[0])] {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// abbreviates reports whether ticker is name shortened: the same first
// letter, then the ticker's letters in order ("LUMN" for "Lumen", "MSFT" for
// "Microsoft").
func abbreviates(ticker, name string) bool {
	up := strings.ToUpper(name)
	if up == ticker || up[0] != ticker[0] {
		return false
	}
	j := 1
	for i := 1; i < len(up) && j < len(ticker); i++ {
		if up[i] == ticker[j] {
			j++
		}
	}
	return j == len(ticker)
}

// namedBy is the most mentioned name the ticker abbreviates, or "".
func namedBy(ticker string, counts map[string]int) string {
	best, n := "", 0
	for name, c := range counts {
		if abbreviates(ticker, name) && (c > n || c == n && name < best) {
			best, n = name, c
		}
	}
	return best
}

// fullName is the longest run of capitalised words the text writes
// starting with the name's first word, such as "Lumen Technologies" for
// "Lumen".
func fullName(name, text string) string {
	f := strings.Fields(name)
	if len(f) != 1 {
		return name
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(f[0]) + `((?:\s+[A-Z][\w&.]*){1,3})`)
	best := name
	for _, m := range re.FindAllStringSubmatch(text, 50) {
		var extra []string
		for _, w := range strings.Fields(m[1]) {
			if !corporate[w] {
				break
			}
			extra = append(extra, w)
		}
		if full := strings.Join(append([]string{name}, extra...), " "); len(full) > len(best) {
			best = full
		}
	}
	return best
}

// initials are the first letters of a name's words: "NAAS" for "Network
// As A Service".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' }) {
		b.WriteByte(strings.ToUpper(w[:1])[0])
	}
	return b.String()
}
