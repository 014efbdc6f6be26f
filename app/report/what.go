package report

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The What column of the Facts grid says what a figure is, read from the
// words around it the way a reader would: the noun after "of"/"in" ("$5
// billion in new orders"), the noun the number modifies ("a $2B notes
// deal"), the noun before "of"/"at"/"(" ("a Z-score of -0.18", "SATS
// (18%)"), or the subject of the verb that moved ("the index rose 1%").
// It is a heuristic over words, not a grammar: when none of these shapes
// fits it falls back to the nearest words before the figure. It looks at a
// bounded window around each figure, so a long sentence full of numbers
// costs linear time.

// whatWindow is how many bytes either side of a figure the reading looks at.
const whatWindow = 200

// maxWhatWords keeps a subject to a few words, as a label in a grid is.
const maxWhatWords = 6

// figureWhat says what fig is in s, the sentence with its citations and
// dates blanked. prev is what the figure before it in the sentence is
// (used for "second only to SATS (18%)").
func figureWhat(s string, fig figure, prev string) string {
	lo, hi := max(0, fig.start-whatWindow), min(len(s), fig.end+whatWindow)
	before, after := tokens(s[lo:fig.start]), tokens(s[fig.end:hi])
	if lo > 0 && len(before) > 0 {
		before = before[1:] // maybe half a word
	}
	if hi < len(s) && len(after) > 0 {
		after = after[:len(after)-1]
	}
	what := readWhat(before, after, fig, prev)
	if what != "" && len(after) > 1 && (after[0].lower() == "for" || after[0].lower() == "in") && yearRe.MatchString(after[1].w) {
		what += ", " + after[1].w
	}
	return what
}

// readWhat tries the shapes in the order that is right most often: a noun
// after "of"/"in" names what a figure measures even when a subject stands
// before it ("Lumen reserved 10% of global capacity"); a counted noun is its
// own subject; a noun right before "of"/"at"/"(" beats the noun after the
// figure ("Revenue of $900M beat estimates"); the clause's subject comes
// last because it is the furthest from the figure.
func readWhat(before, after []tok, fig figure, prev string) string {
	money := fig.value.Unit == "USD"
	// "$5 billion in new orders", "10% of global capacity"
	if len(after) > 1 && (after[0].lower() == "of" || after[0].lower() == "in" && money) {
		if np := forward(after[1:]); np != "" && !timeWords[strings.ToLower(lastWord(np))] {
			return np
		}
	}
	// "1,000 customers on the platform", "1,700 strands per cable"
	if u := fig.value.Unit; u != "" && !measures[strings.ToLower(u)] {
		w := u
		if len(after) > 1 && (after[0].lower() == "per" || after[0].lower() == "on" || after[0].lower() == "across") {
			if np := forward(after[1:]); np != "" {
				w += " " + after[0].w + " " + np
			}
		}
		return clip(w)
	}
	trimmed := trimBound(before)
	if n := len(trimmed); n > 1 {
		if mark := trimmed[n-1].lower(); mark == "(" || mark == ":" || mark == "of" || mark == "at" {
			np := backward(trimmed[:n-1])
			if mark == "(" && prev != "" && isName(np) && !strings.Contains(prev, np) {
				return clip(prev) + ", " + np // "second only to SATS (18%)"
			}
			if np != "" && !quantityNouns[strings.ToLower(lastWord(np))] {
				return np
			}
		}
	}
	// "a $2B notes deal", "400Gbps connectivity across metro markets"
	if len(after) > 0 && !after[0].stop() && !adverbs[after[0].lower()] && !bounding[after[0].lower()] {
		if np, n := forwardN(after); np != "" {
			if len(after) > n+1 && (after[n].lower() == "across" || after[n].lower() == "per") {
				if tail := forward(after[n+1:]); tail != "" {
					np = clip(np + " " + after[n].w + " " + tail)
				}
			}
			return np
		}
	}
	before = trimmed
	if w := clauseSubject(before); w != "" {
		return w
	}
	return backward(trimTrailing(before, prepositions))
}

// measures are units that say how a figure is measured, not what it counts.
var measures = wordSet("usd miles mile ms milliseconds gbps mbps years months days km kg mw gw tb")

// forward reads the noun phrase at the start of ts.
func forward(ts []tok) string {
	np, _ := forwardN(ts)
	return np
}

// forwardN is forward, also saying how many tokens the phrase took.
func forwardN(ts []tok) (string, int) {
	i := 0
	for i < len(ts) && determiners[ts[i].lower()] {
		i++
	}
	var words []string
	for ; i < len(ts); i++ {
		t := ts[i]
		if t.w == "(" && len(words) > 0 {
			// "Network-as-a-Service (NaaS) platform": the noun goes on.
			if j := slices.IndexFunc(ts[i:min(len(ts), i+6)], func(t tok) bool { return t.w == ")" }); j > 0 {
				i += j
				continue
			}
		}
		if t.stop() || notInPhrase[t.lower()] || monthRe.MatchString(t.w) || yearRe.MatchString(t.w) || len(words) == maxWhatWords {
			break
		}
		words = append(words, t.w)
	}
	return strings.Join(words, " "), i
}

// backward reads the noun phrase that ends ts, dropping a parenthesis that
// closes it ("Microsoft (MSFT)").
func backward(ts []tok) string {
	if n := len(ts); n > 0 && ts[n-1].w == ")" {
		for i := n - 1; i >= 0; i-- {
			if ts[i].w == "(" {
				ts = ts[:i]
				break
			}
		}
	}
	start := len(ts)
	for start > 0 && !ts[start-1].stop() && len(ts)-start < maxWhatWords {
		start--
	}
	for start < len(ts) && bounding[ts[start].lower()] {
		start++
	}
	return join(ts[start:])
}

// clauseSubject reads the clause that ends at the figure: "the index only
// rose by" gives "index rose", "projections have been revised to" gives
// "projections", "lifting its order book by" gives "order book".
func clauseSubject(before []tok) string {
	start := len(before)
	for start > 0 && !before[start-1].punct && !conjunctions[before[start-1].lower()] && before[start-1].lower() != "with" {
		start--
	}
	clause := trimTrailing(before[start:], prepositions)
	v := -1
	for i, t := range clause {
		if t.verbish() {
			v = i
			break
		}
	}
	if v < 0 {
		return ""
	}
	if v == 0 {
		return backward(clause[1:])
	}
	subject := backward(clause[:v])
	if subject == "" {
		return ""
	}
	// Past the auxiliaries and adverbs to the main verb.
	m := v
	for m < len(clause) && (auxiliaries[clause[m].lower()] || adverbs[clause[m].lower()]) {
		m++
	}
	if m < len(clause) && changeVerbs[clause[m].lower()] {
		rest := []string{clause[m].w}
		for _, t := range clause[m+1:] {
			if !determiners[t.lower()] && !adverbs[t.lower()] && !t.punct {
				rest = append(rest, t.w)
			}
		}
		return clip(subject + " " + strings.Join(rest, " "))
	}
	return subject
}

// trimBound drops the words that bound a figure ("more than", "at least",
// "up to", "about", "a", "the") from the end of the words before it.
func trimBound(ts []tok) []tok {
	for len(ts) > 0 {
		l := ts[len(ts)-1].lower()
		pair := len(ts) > 1 && (l == "least" && ts[len(ts)-2].lower() == "at" || l == "to" && ts[len(ts)-2].lower() == "up")
		switch {
		case pair:
			ts = ts[:len(ts)-2]
		case bounding[l] || adverbs[l] || determiners[l]:
			ts = ts[:len(ts)-1]
		default:
			return ts
		}
	}
	return ts
}

func trimTrailing(ts []tok, set map[string]bool) []tok {
	for len(ts) > 0 && (set[ts[len(ts)-1].lower()] || adverbs[ts[len(ts)-1].lower()] || bounding[ts[len(ts)-1].lower()] || determiners[ts[len(ts)-1].lower()]) {
		ts = ts[:len(ts)-1]
	}
	return ts
}

// join writes words back with single spaces, leaving out parentheses.
func join(ts []tok) string {
	var words []string
	depth := 0
	for _, t := range ts {
		switch {
		case t.w == "(":
			depth++
		case t.w == ")":
			depth = max(0, depth-1)
		case depth == 0 && !t.punct && !adverbs[t.lower()]:
			words = append(words, t.w)
		}
	}
	return strings.Join(words, " ")
}

// clip keeps the last maxWhatWords+2 words of a subject.
func clip(s string) string {
	f := strings.Fields(s)
	if len(f) > maxWhatWords+2 {
		f = f[len(f)-maxWhatWords-2:]
	}
	return strings.Join(f, " ")
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// isName reports whether every word of s is capitalised: a company or a
// ticker rather than a description.
func isName(s string) bool {
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// sameSubject reports whether two subjects of one figure name the same thing:
// equal, or sharing a word that is not a function word ("Altman Z-Score" and
// "negative Altman Z-Score"; "call/put ratio" and "call options outnumbering
// puts"). Facts with the same value and the same subject are one row.
func sameSubject(a, b string) bool {
	if a == "" || b == "" || strings.EqualFold(a, b) {
		return true
	}
	seen := map[string]bool{}
	for _, w := range contentWords(a) {
		seen[w] = true
	}
	for _, w := range contentWords(b) {
		if seen[w] {
			return true
		}
	}
	return false
}

func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 3 && !determiners[w] && !prepositions[w] && !conjunctions[w] && !adverbs[w] && !bounding[w] {
			out = append(out, w)
		}
	}
	return out
}
