package model

import (
	"math"
	"strconv"
	"strings"
)

// Format says how a cell's value is shown. It is a kind with an optional scale
// after a colon: "money:B" shows 18.3e9 as $18.3B and reads a bare 17.9 typed
// into the cell as 17.9 billion; "money" picks the suffix by size.
type Format string

// Formats a cell can have.
const (
	FormatGeneral Format = ""
	FormatMoney   Format = "money"
	FormatPercent Format = "percent"
	FormatRatio   Format = "ratio"
	FormatNumber  Format = "number"
	FormatDate    Format = "date"
	FormatText    Format = "text"
)

// Kind returns the part before the colon.
func (f Format) Kind() string {
	k, _, _ := strings.Cut(string(f), ":")
	return k
}

// Scale returns the scale letter after the colon (K, M, B, T), or "".
func (f Format) Scale() string {
	_, s, _ := strings.Cut(string(f), ":")
	return s
}

// Valid reports whether f is a format the dashboard and the exporter know.
func (f Format) Valid() bool {
	switch f.Kind() {
	case "", "money", "percent", "ratio", "number", "date", "text":
	default:
		return false
	}
	switch f.Scale() {
	case "", "K", "M", "B", "T":
		return true
	}
	return false
}

// Display returns the text a cell shows for v in format f: "$18.3B",
// "$1.2–$1.4B", "<5 ms", "21:1", "93.05%", "-0.18 (distress zone)".
func Display(v Value, f Format) string {
	switch v.Kind {
	case KindEmpty, "":
		return ""
	case KindText, KindDate, KindError:
		return v.Text
	case KindBool:
		if v.Bool {
			return "TRUE"
		}
		return "FALSE"
	}
	var b strings.Builder
	if v.Bound != "" {
		b.WriteString(v.Bound)
	}
	if v.Kind == KindRange {
		b.WriteString(formatRange(v.Low, v.High, f))
	} else {
		b.WriteString(ShowNumber(v.Num, f))
	}
	if v.Unit != "" && v.Unit != "USD" {
		b.WriteString(" " + v.Unit)
	}
	if v.Note != "" {
		b.WriteString(" (" + v.Note + ")")
	}
	return b.String()
}

// ShowNumber shows one number in format f.
func ShowNumber(n float64, f Format) string {
	switch f.Kind() {
	case "money":
		word := f.Scale()
		if word == "" {
			word = autoScale(n)
		}
		sign := ""
		if n < 0 {
			sign, n = "-", -n
		}
		if word == "" {
			return sign + "$" + group(strconv.FormatFloat(round(n, 2), 'f', 2, 64))
		}
		return sign + "$" + trimNum(n/scaleOf(word), 2) + word
	case "percent":
		return trimNum(n*100, 2) + "%"
	case "ratio":
		return trimNum(n, 2) + ":1"
	case "number":
		if w := f.Scale(); w != "" {
			return trimNum(n/scaleOf(w), 2) + w
		}
		return trimNum(n, 4)
	}
	// General, as in Excel: no thousands separators, so 2025 stays a year.
	return strconv.FormatFloat(round(n, 4), 'f', -1, 64)
}

func formatRange(lo, hi float64, f Format) string {
	if f.Kind() == "money" {
		word := f.Scale()
		if word == "" {
			word = autoScale(math.Max(math.Abs(lo), math.Abs(hi)))
		}
		g := Format("money:" + word)
		if word == "" {
			return ShowNumber(lo, g) + "–" + ShowNumber(hi, g)
		}
		low := ShowNumber(lo, g)
		return strings.TrimSuffix(low, word) + "–" + ShowNumber(hi, g)
	}
	return ShowNumber(lo, f) + "–" + ShowNumber(hi, f)
}

func autoScale(n float64) string {
	switch n = math.Abs(n); {
	case n >= 1e12:
		return "T"
	case n >= 1e9:
		return "B"
	case n >= 1e6:
		return "M"
	}
	return ""
}

// trimNum formats n with at most d decimals, no trailing zeros, and
// thousands separators.
func trimNum(n float64, d int) string {
	s := strconv.FormatFloat(round(n, d), 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return group(s)
}

// group adds thousands separators to the integer part of a formatted number.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		lead := len(intPart) % 3
		if lead > 0 {
			b.WriteString(intPart[:lead])
		}
		for i := lead; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	if hasFrac {
		return sign + intPart + "." + frac
	}
	return sign + intPart
}
