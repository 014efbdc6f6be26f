package model

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Value kinds.
const (
	KindEmpty  = "empty"
	KindNumber = "number"
	KindRange  = "range"
	KindText   = "text"
	KindBool   = "bool"
	KindDate   = "date"
	KindError  = "error" // a formula's error: Text is the code (#DIV/0!), Note says why
)

// Value is the typed reading of a cell's input. Numbers keep their unit
// ("USD", "ms", "miles"), a bound when the input gave one ("<5 ms" is Bound "<"
// and Num 5) and any parenthesised note; a range ("$1.2–$1.4B") keeps Low and
// High. Percentages are stored as fractions, money in units (18.3e9 for $18.3B).
type Value struct {
	Kind  string  `json:"kind"`
	Num   float64 `json:"num,omitempty"`
	Low   float64 `json:"low,omitempty"`
	High  float64 `json:"high,omitempty"`
	Text  string  `json:"text,omitempty"`
	Unit  string  `json:"unit,omitempty"`
	Bound string  `json:"bound,omitempty"`
	Note  string  `json:"note,omitempty"`
	Bool  bool    `json:"bool,omitempty"`
}

// Number returns the value as one number: the number itself, or the midpoint
// of a range. ok is false for values that are not numeric.
func (v Value) Number() (n float64, ok bool) {
	switch v.Kind {
	case KindNumber:
		return v.Num, true
	case KindRange:
		return (v.Low + v.High) / 2, true
	}
	return 0, false
}

// Bounds returns the low and high ends of a numeric value; for a plain number
// both are the number.
func (v Value) Bounds() (low, high float64, ok bool) {
	switch v.Kind {
	case KindNumber:
		return v.Num, v.Num, true
	case KindRange:
		return v.Low, v.High, true
	}
	return 0, 0, false
}

var (
	noteRe  = regexp.MustCompile(`^(.*?)\s*\(([^()]*)\)$`)
	ratioRe = regexp.MustCompile(`(?i)^(\d+(?:\.\d+)?)\s*(?:-to-|:|\s+to\s+)\s*(\d+(?:\.\d+)?)$`)
	isoRe   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	usRe    = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	// amountRe reads one amount: sign, currency, digits with separators, then a
	// percent sign or a scale word.
	amountRe = regexp.MustCompile(`(?i)^([-+−]?)\s*(\$?)\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*(%|bn\b|billion\b|million\b|thousand\b|trillion\b|[kmbt]\b)?`)
	dashRe   = regexp.MustCompile(`(?i)^\s*(?:–|—|-|to)\s*`)
)

var unitNames = map[string]string{
	"millisecond": "ms", "milliseconds": "ms", "ms": "ms",
	"mile": "miles", "miles": "miles",
}

// ParseInput reads what a person typed into a cell. prev is the cell's current
// format: a bare number typed into a money cell shown in billions is read in
// billions, and into a percent cell as a percent, as spreadsheets do. The
// returned format is the one the cell should be shown with.
//
// A number too large for a float64 (300 nines and a "T") is kept as text, as
// Excel keeps 1E+309: a value that is not finite cannot be stored or sent.
func ParseInput(input string, prev Format) (Value, Format) {
	if v, ok := plainNumber(input, prev); ok {
		return v, prev
	}
	v, f := parseInput(input, prev)
	if v.validate() != nil && v.Kind != KindText {
		return Value{Kind: KindText, Text: strings.TrimSpace(input)}, textFormat(prev)
	}
	return v, f
}

// plainNumber is the short road for the commonest input, digits with an
// optional minus sign and decimal point typed into a general cell: the value
// parseInput gives it, without its regular expressions (a test holds the two
// to the same answers).
func plainNumber(s string, prev Format) (Value, bool) {
	if prev != FormatGeneral || s == "" || len(s) > 15 {
		return Value{}, false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '-' && i == 0:
		case c == '.' && !dot:
			dot = true
		default:
			return Value{}, false
		}
	}
	if last := s[len(s)-1]; last < '0' || last > '9' || len(s) == 4 && !dot && s[0] != '-' {
		return Value{}, false // four digits may be a year: the long road decides
	}
	n, err := strconv.ParseFloat(s, 64)
	return Value{Kind: KindNumber, Num: n}, err == nil
}

func parseInput(input string, prev Format) (Value, Format) {
	s := strings.TrimSpace(input)
	if s == "" {
		return Value{Kind: KindEmpty}, prev
	}
	if len(s) > 1 && s[0] == '=' {
		// A formula: package calc computes its value.
		return Value{Kind: KindText, Text: s}, prev
	}
	switch strings.ToUpper(s) {
	case "TRUE", "FALSE":
		return Value{Kind: KindBool, Bool: strings.EqualFold(s, "TRUE")}, prev
	}
	if d, ok := parseDate(s); ok {
		return Value{Kind: KindDate, Text: d}, FormatDate
	}
	var v Value
	if m := noteRe.FindStringSubmatch(s); m != nil && m[1] != "" {
		s, v.Note = m[1], m[2]
	}
	if m := ratioRe.FindStringSubmatch(s); m != nil {
		a, _ := strconv.ParseFloat(m[1], 64)
		b, _ := strconv.ParseFloat(m[2], 64)
		if b != 0 {
			v.Kind, v.Num = KindNumber, a/b
			return v, FormatRatio
		}
	}
	v.Bound, s = cutBound(s)
	first, rest, ok := readAmount(s)
	if !ok {
		return Value{Kind: KindText, Text: strings.TrimSpace(input)}, textFormat(prev)
	}
	f := first.format(prev)
	v.Kind, v.Num = KindNumber, first.value(f)
	if m := dashRe.FindStringIndex(rest); m != nil {
		if second, rest2, ok := readAmount(rest[m[1]:]); ok {
			if second.scaleWord != "" && first.scaleWord == "" {
				first.scaleWord, first.scale = second.scaleWord, second.scale
			}
			if second.money {
				first.money = true
			}
			f = second.format(prev)
			if first.money {
				f = first.format(prev)
			}
			v.Kind, v.Num = KindRange, 0
			v.Low, v.High = first.value(f), second.value(f)
			rest = rest2
		}
	}
	if strings.HasPrefix(rest, "+") && v.Bound == "" {
		v.Bound, rest = ">=", rest[1:]
	}
	unit := strings.TrimSpace(rest)
	if n, ok := unitNames[strings.ToLower(unit)]; ok {
		unit = n
	}
	if len(strings.Fields(unit)) > 4 {
		return Value{Kind: KindText, Text: strings.TrimSpace(input)}, textFormat(prev)
	}
	v.Unit = unit
	if f.Kind() == "money" {
		v.Unit = "USD"
	}
	return v, f
}

func textFormat(prev Format) Format {
	if prev.Kind() == "text" {
		return prev
	}
	return ""
}

func cutBound(s string) (bound, rest string) {
	for _, b := range []struct{ in, out string }{{"<=", "<="}, {">=", ">="}, {"≤", "<="}, {"≥", ">="}, {"<", "<"}, {">", ">"}, {"~", "~"}} {
		if strings.HasPrefix(s, b.in) {
			return b.out, strings.TrimSpace(s[len(b.in):])
		}
	}
	return "", s
}

type amount struct {
	neg       bool
	money     bool
	percent   bool
	num       float64
	scale     float64
	scaleWord string // K, M, B or T
	grouped   bool   // typed with thousands separators: "20,000"
}

func readAmount(s string) (a amount, rest string, ok bool) {
	m := amountRe.FindStringSubmatchIndex(s)
	if m == nil {
		return a, s, false
	}
	sub := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	digits := strings.ReplaceAll(sub(3), ",", "")
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return a, s, false
	}
	a = amount{neg: sub(1) == "-" || sub(1) == "−", money: sub(2) == "$", num: n, scale: 1, grouped: strings.Contains(sub(3), ",")}
	switch w := strings.ToLower(sub(4)); w {
	case "%":
		a.percent = true
	case "k", "thousand":
		a.scale, a.scaleWord = 1e3, "K"
	case "m", "million":
		a.scale, a.scaleWord = 1e6, "M"
	case "b", "bn", "billion":
		a.scale, a.scaleWord = 1e9, "B"
	case "t", "trillion":
		a.scale, a.scaleWord = 1e12, "T"
	}
	return a, s[m[1]:], true
}

// format picks the format an amount is shown with, given the cell's format.
func (a amount) format(prev Format) Format {
	switch {
	case a.percent:
		return FormatPercent
	case a.money && a.scaleWord == "":
		if prev.Kind() == "money" {
			return prev
		}
		return FormatMoney
	case a.money:
		return Format("money:" + a.scaleWord)
	case a.scaleWord == "" && (prev.Kind() == "money" || prev.Kind() == "percent" || prev.Kind() == "ratio"):
		return prev
	case a.scaleWord != "":
		return Format("number:" + a.scaleWord)
	}
	if prev.Kind() == "number" || a.grouped {
		return FormatNumber
	}
	return ""
}

// value is the stored number for the amount shown with format f.
func (a amount) value(f Format) float64 {
	n := a.num * a.scale
	if a.scaleWord == "" {
		n *= scaleOf(f.Scale())
	}
	if f.Kind() == "percent" {
		n /= 100
	}
	if a.neg {
		n = -n
	}
	return n
}

func parseDate(s string) (string, bool) {
	if m := isoRe.FindStringSubmatch(s); m != nil {
		return validDate(m[1], m[2], m[3])
	}
	if m := usRe.FindStringSubmatch(s); m != nil {
		return validDate(m[3], m[1], m[2])
	}
	return "", false
}

func validDate(y, mo, d string) (string, bool) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 || yi < 1900 {
		return "", false
	}
	return strconv.Itoa(yi) + "-" + pad2(mi) + "-" + pad2(di), true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func scaleOf(word string) float64 {
	switch word {
	case "K":
		return 1e3
	case "M":
		return 1e6
	case "B":
		return 1e9
	case "T":
		return 1e12
	}
	return 1
}

// round rounds n to d decimals, dropping float noise such as 3.0612239999.
func round(n float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(n*p) / p
}
