package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"thesisboard/app/model"
)

// Dates are read here rather than by model.ParseInput because articles write
// them in words ("Aug. 25, 2025", "25 August 2025"), which a person typing
// into a cell does not, and because a date inside a sentence must not be
// taken for figures (the 25 of "August 25" is no amount).
const monthNames = `(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.|\.|t)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`

var (
	// dateRe finds a whole date: ISO, US numeric, month-first, day-first or
	// the CJK year-month-day form. Each alternative names its parts.
	dateRe = regexp.MustCompile(`\b(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})\b` +
		`|\b(?P<um>\d{1,2})/(?P<ud>\d{1,2})/(?P<uy>\d{4})\b` +
		`|\b(?P<mm>` + monthNames + `)\s*(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>\d{4})\b` +
		`|\b(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+(?P<dm>` + monthNames + `),?\s+(?P<dy>\d{4})\b` +
		`|(?P<cy>\d{4})\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*日`)
	// monthRe finds a month named in running text, with the day or year
	// that may follow it: "July", "March 3", "June 2024".
	monthRe = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2}(?:st|nd|rd|th)?\b)?(?:,?\s+(?:19|20)\d\d\b)?`)
	// timeRe finds a clock time, with its am/pm or time zone when written
	// ("11:29pm", "9:30 a.m. ET", "10:30").
	timeRe = regexp.MustCompile(`(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?(?:\s*(?:et|est|edt|pt|pst|pdt|gmt|utc|bst|cet|cest|hkt|jst)\b)?`)
)

// findDate returns the first whole date in s as YYYY-MM-DD, with where it
// starts and ends, or ok false.
func findDate(s string) (date string, start, end int, ok bool) {
	for _, m := range dateRe.FindAllStringSubmatchIndex(s, 4) {
		part := func(name string) string {
			i := dateRe.SubexpIndex(name)
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		var y, mo, d string
		switch {
		case part("iy") != "":
			y, mo, d = part("iy"), part("im"), part("id")
		case part("uy") != "":
			y, mo, d = part("uy"), part("um"), part("ud")
		case part("my") != "":
			y, mo, d = part("my"), monthNumber(part("mm")), part("md")
		case part("dy") != "":
			y, mo, d = part("dy"), monthNumber(part("dm")), part("dd")
		default:
			y, mo, d = part("cy"), part("cm"), part("cd")
		}
		if v, _ := model.ParseInput(y+"-"+pad(mo)+"-"+pad(d), ""); v.Kind == model.KindDate {
			return v.Text, m[0], m[1], true
		}
	}
	return "", 0, 0, false
}

func pad(n string) string {
	if len(n) == 1 {
		return "0" + n
	}
	return n
}

// monthNumber turns a month's name or abbreviation into its number.
func monthNumber(name string) string {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(name, m) {
			return strconv.Itoa(i + 1)
		}
	}
	return ""
}

// blankDates replaces dates, months with their day and clock times by
// spaces of the same length, so none of their numbers is read as a figure
// and the figures keep their offsets.
func blankDates(s string) string {
	for _, re := range []*regexp.Regexp{dateRe, monthRe, timeRe} {
		s = re.ReplaceAllStringFunc(s, func(m string) string {
			if re == timeRe && !strings.ContainsFunc(m, unicode.IsLetter) {
				return m // "21:10" without a marker may be a ratio
			}
			return strings.Repeat(" ", len(m))
		})
	}
	return s
}
