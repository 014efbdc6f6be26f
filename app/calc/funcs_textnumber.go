package calc

import (
	"math"
	"strconv"
	"strings"
)

// decimalDigits is x ≥ 0 written with dec decimals, rounded half away
// from zero on its 15 significant digits as Excel rounds what it shows
// (2.675 shows as 2.68 with two decimals, though binary holds 2.67499…).
func decimalDigits(x float64, dec int) (intPart, frac string) {
	if x == 0 {
		return "0", strings.Repeat("0", dec)
	}
	s := strconv.FormatFloat(x, 'e', 14, 64) // d.dddddddddddddde±XX
	mant, exp, _ := strings.Cut(s, "e")
	digits := []byte(strings.Replace(mant, ".", "", 1))
	e, _ := strconv.Atoi(exp)
	point := e + 1 // digits before the decimal point
	if keep := point + dec; keep < len(digits) {
		if keep < 0 {
			return "0", strings.Repeat("0", dec)
		}
		up := digits[keep] >= '5'
		digits = digits[:keep]
		for i := keep - 1; up && i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			up = false
		}
		if up {
			digits = append([]byte{'1'}, digits...)
			point++
		}
	}
	all := string(digits)
	switch {
	case point <= 0:
		all = strings.Repeat("0", -point) + all
		point = 0
	case point > len(all):
		all += strings.Repeat("0", point-len(all))
	}
	intPart, frac = strings.TrimLeft(all[:point], "0"), all[point:]
	if intPart == "" {
		intPart = "0"
	}
	if len(frac) < dec {
		frac += strings.Repeat("0", dec-len(frac))
	}
	return intPart, frac[:dec]
}

// numberLayout is what a number section's tokens ask for.
type numberLayout struct {
	intPH, decPH, expPH []string // the placeholders, in order
	group               bool     // a comma between integer placeholders
	scale               int      // commas after the last placeholder: ÷1000 each
	percent             int
	exp, plus           bool // E+ or E- met; plus for E+
}

func layoutOf(toks []fmtTok) numberLayout {
	var l numberLayout
	part := 0 // 0 integer, 1 decimals, 2 exponent
	lastDigit := -1
	for i, t := range toks {
		if t.k == fDigit {
			lastDigit = i
		}
	}
	for i, t := range toks {
		switch t.k {
		case fDigit:
			switch part {
			case 0:
				l.intPH = append(l.intPH, t.s)
			case 1:
				l.decPH = append(l.decPH, t.s)
			default:
				l.expPH = append(l.expPH, t.s)
			}
		case fPoint:
			part = max(part, 1)
		case fExp:
			part, l.exp, l.plus = 2, true, t.s[1] == '+'
		case fPercent:
			l.percent++
		case fComma:
			switch {
			case i > lastDigit && lastDigit >= 0 && part < 2:
				l.scale++
			case part == 0 && len(l.intPH) > 0:
				l.group = true
			}
		}
	}
	return l
}

// formatDigits writes x ≥ 0 with a number section's tokens.
func formatDigits(x float64, toks []fmtTok) (string, bool) {
	l := layoutOf(toks)
	x *= math.Pow(100, float64(l.percent))
	x /= math.Pow(1000, float64(l.scale))
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return "", false
	}
	if len(l.intPH) == 0 && len(l.decPH) > 0 {
		l.intPH = []string{"#"} // ".00" still shows the whole part
	}
	expText := ""
	if l.exp {
		x, expText = scientific(x, l)
	}
	intPart, frac := decimalDigits(x, len(l.decPH))
	ints := placeInteger(intPart, l.intPH, l.group)
	fracs := placeDecimals(frac, l.decPH)
	var b strings.Builder
	ii, di, part := 0, 0, 0
	for _, t := range toks {
		switch t.k {
		case fDigit:
			switch part {
			case 0:
				b.WriteString(ints[ii])
				ii++
			case 1:
				b.WriteString(fracs[di])
				di++
			}
		case fPoint:
			if part == 0 && ii == 0 && len(ints) > 0 {
				b.WriteString(ints[0]) // the whole part ".00" implied
				ii++
			}
			if part == 0 {
				b.WriteByte('.')
			}
			part = max(part, 1)
		case fExp:
			b.WriteString(t.s[:1] + expText)
			part = 2
		case fPercent:
			b.WriteByte('%')
		case fLit:
			b.WriteString(t.s)
		case fGeneral, fAt:
			b.WriteString(generalText(x))
		}
	}
	return b.String(), true
}

// generalText is a number as the General format shows it in text.
func generalText(x float64) string {
	return strconv.FormatFloat(excel15(x), 'f', -1, 64)
}

// scientific splits x into the mantissa the integer placeholders show and
// the exponent's text: E+ always signed, E- only when negative; with more
// than one integer placeholder the exponent is a multiple of their count
// (##0.0E+0 is engineering notation).
func scientific(x float64, l numberLayout) (float64, string) {
	n := max(len(l.intPH), 1)
	exp := 0
	if x != 0 {
		_, e, _ := strings.Cut(strconv.FormatFloat(x, 'e', 14, 64), "e")
		exp, _ = strconv.Atoi(e)
		exp = int(math.Floor(float64(exp)/float64(n))) * n
		if ip, _ := decimalDigits(x/math.Pow(10, float64(exp)), len(l.decPH)); len(ip) > n {
			exp += n // 9.999 is 10.00 with two decimals: one more power
		}
		x /= math.Pow(10, float64(exp))
	}
	sign := ""
	switch {
	case exp < 0:
		sign = "-"
	case l.plus:
		sign = "+"
	}
	digits := strconv.Itoa(abs(exp))
	if pad := countZeros(l.expPH) - len(digits); pad > 0 {
		digits = strings.Repeat("0", pad) + digits
	}
	return x, sign + digits
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func countZeros(ph []string) int {
	n := 0
	for _, p := range ph {
		if p == "0" {
			n++
		}
	}
	return n
}

// placeInteger spreads the whole part's digits over the placeholders from
// the right; the leftmost takes any digits left over. A placeholder with
// no digit shows 0 for 0, a space for ?, nothing for #. Grouped, the whole
// part is written at the first placeholder with its commas.
func placeInteger(digits string, ph []string, group bool) []string {
	if digits == "0" {
		digits = ""
	}
	out := make([]string, len(ph))
	for i := range ph {
		k := len(ph) - 1 - i // placeholders to its right
		switch {
		case k < len(digits):
			out[i] = string(digits[len(digits)-1-k])
		case ph[i] == "0":
			out[i] = "0"
		case ph[i] == "?":
			out[i] = " "
		}
	}
	if len(ph) > 0 && len(digits) > len(ph) {
		out[0] = digits[:len(digits)-len(ph)+1]
	}
	if group && len(ph) > 0 {
		whole := strings.Join(out, "")
		clear(out)
		out[0] = groupThousands(whole)
	}
	return out
}

func groupThousands(s string) string {
	lead := len(s) - len(strings.TrimLeft(s, " "))
	d := s[lead:]
	var b strings.Builder
	b.WriteString(s[:lead])
	for i := range len(d) {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(d[i])
	}
	return b.String()
}

// placeDecimals writes the decimals, trailing zeros dropped where the
// placeholder is # (or shown as a space for ?).
func placeDecimals(frac string, ph []string) []string {
	out := make([]string, len(ph))
	trailing := true
	for i := len(ph) - 1; i >= 0; i-- {
		d := frac[i]
		switch {
		case trailing && d == '0' && ph[i] == "#":
		case trailing && d == '0' && ph[i] == "?":
			out[i] = " "
		default:
			trailing = false
			out[i] = string(d)
		}
	}
	return out
}
