package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The word classes the What reading (what.go) and the Dates grid use. They
// are small closed lists of English function words and common verbs of
// financial news, enough to find where a noun phrase starts and ends; a
// word in no list is taken for part of a noun phrase.

var (
	determiners  = wordSet("a an the its their his her our your my this that these those some any each every another such")
	prepositions = wordSet("of in on at by for to from with without over under above below during after before since until " +
		"into onto across about around between among through than per via like within versus vs against amid despite toward towards upon near " +
		"behind beyond ahead besides alongside including excluding except plus throughout inside outside")
	conjunctions = wordSet("and or but while whereas when where which who whom whose that because although though if so yet nor as whether then")
	auxiliaries  = wordSet("is are was were be been being am has have had do does did will would shall should can could may might must it's they've")
	// adverbs are left out of a subject wherever they stand.
	adverbs = wordSet("only just also still even already recently currently further now previously reportedly sharply upward upwards " +
		"downward downwards again significantly slightly respectively")
	// bounding words stand between a subject and its figure: "more than $5B",
	// "about 10%", "a record $2B".
	bounding = wordSet("about around nearly roughly approximately almost some over under above below more less than least up " +
		"estimated record additional another current total")
	// changeVerbs say that the subject itself moved by the figure: "the
	// shares rose 12%" is about the shares' rise, so the verb is kept.
	changeVerbs = wordSet("rose rise rises risen surged surge surges fell fall falls fallen gained gain gains jumped jump jumps climbed climb " +
		"climbs dropped drop drops declined decline declines grew grow grows increased increase increases decreased decrease decreases slid " +
		"soared soars plunged plunges tumbled tumbles rallied rallies slumped sank slipped edged advanced eased lost outnumbering outnumbered outnumber")
	// pastVerbs are verb forms that are never nouns, so they end a noun
	// phrase; "rise", "trades" or "report" may be either and do not.
	pastVerbs = wordSet("rose risen surged fell fallen gained jumped climbed dropped declined grew grown increased decreased slid soared plunged " +
		"tumbled rallied slumped sank slipped edged advanced eased lost outnumbering outnumbered reached totaled totalled stood came expected " +
		"reported posted raised lifted lifting boosted narrowed widened revised secured signed won booked announced said estimated projected " +
		"guided surpassing surpassed exceeded exceeding expanded adding added reserving reserved opened closed making made generated valued " +
		"priced traded remained facing held became shed expects says remains owns reaches")
	// otherVerbs may be nouns too; they are taken as verbs only when a
	// clause is searched for its verb, as are "-ed" and "-ing" words.
	otherVerbs = wordSet("reach hit hits total totals stands comes expect report reports post raise raises cut cuts lift lifts boost " +
		"win book announce say estimate forecast project guide exceed expand add reserve open close make generate value price trade trades " +
		"shed remain face faces hold holds own become")
	// quantityNouns come before "of" without being what a figure is: "a
	// total of 5 new plants" counts plants.
	quantityNouns = wordSet("total sum average range number minimum maximum lot lots set series batch group pair couple dozen handful tranche one")
	// notInPhrase ends a noun phrase read forwards: "contracts last
	// quarter" is about contracts.
	notInPhrase = wordSet("last next this coming same")
	timeWords   = wordSet("period week weeks month months quarter quarters year years day days future past time today yesterday session")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// tok is a word or one punctuation mark.
type tok struct {
	w     string
	punct bool
}

func (t tok) lower() string { return strings.ToLower(t.w) }

// stop reports whether t ends a noun phrase.
func (t tok) stop() bool {
	l := t.lower()
	return t.punct || determiners[l] || prepositions[l] || conjunctions[l] || auxiliaries[l] || pastVerbs[l]
}

// verbish reports whether t reads as the verb of a clause.
func (t tok) verbish() bool {
	l := t.lower()
	if r, _ := utf8.DecodeRuneInString(t.w); t.punct || unicode.IsUpper(r) {
		return false // a capitalised word is a name, not a verb
	}
	return auxiliaries[l] || changeVerbs[l] || pastVerbs[l] || otherVerbs[l] ||
		len(l) > 4 && strings.HasSuffix(l, "ed") || len(l) > 5 && strings.HasSuffix(l, "ing")
}

// tokens splits s into words (letters and digits joined by & ' - / or an
// inner dot, so "S&P", "Z-Score", "call/put" stay whole) and marks.
func tokens(s string) []tok {
	var out []tok
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	start := -1
	for i, r := range s {
		if word(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && strings.ContainsRune("&'’-/.", r) {
			if next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):]); word(next) {
				continue
			}
		}
		if start >= 0 {
			out = append(out, tok{w: s[start:i]})
			start = -1
		}
		if !unicode.IsSpace(r) {
			out = append(out, tok{w: string(r), punct: true})
		}
	}
	if start >= 0 {
		out = append(out, tok{w: s[start:]})
	}
	return out
}
