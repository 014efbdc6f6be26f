//go:build !wasm

package xlsx

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/efp"

	"thesisboard/app/model"
)

// additiveFunctions keep the unit of what they read: a SUM of $B figures is
// in $B, and so is their MAX; a product or a quotient is not.
var additiveFunctions = setOf("SUM", "AVERAGE", "MIN", "MAX", "MEDIAN", "ABS", "ROUND", "ROUNDUP", "ROUNDDOWN")

// maxFormatCells bounds the cells a formula's references are read through
// to pick its result's number format; past it, the default applies.
const maxFormatCells = 10000

// resultNumFmt is the number format of a formula cell whose value is a
// number. A format the person gave the cell wins. Otherwise the result reads
// like the cells it computes from when it only adds, subtracts or
// aggregates cells of one format; a formula that rounds to n places shows
// n; anything else shows two decimals (13.77), where Excel's General would
// show 13.7692307692. Whole numbers stay General, so a year stays 2025.
func (b *book) resultNumFmt(c model.Cell, on *model.Section) string {
	if c.Format != model.FormatGeneral {
		return NumFmt(c.Value, c.Format)
	}
	n := c.Value.Num
	toks, _ := formulaTokens(c.Input)
	if f, unit, ok := b.sharedFormat(toks, on); ok {
		return NumFmt(model.Value{Kind: model.KindNumber, Num: n, Unit: unit}, f)
	}
	if d, ok := roundedTo(toks); ok {
		if d == 0 {
			return "#,##0"
		}
		return "#,##0." + strings.Repeat("0", d)
	}
	if isWhole(n) || math.Abs(n) < 0.01 {
		return "General"
	}
	return "#,##0.00"
}

// formulaTokens are a formula's tokens without whitespace; false when efp
// cannot take the formula.
func formulaTokens(input string) (toks []efp.Token, ok bool) {
	defer func() {
		if recover() != nil { // efp is third-party: malformed input must not crash
			toks, ok = nil, false
		}
	}()
	p := efp.ExcelParser()
	for _, t := range p.Parse(input) {
		if t.TType != efp.TokenTypeWhitespace {
			toks = append(toks, t)
		}
	}
	return toks, true
}

// sharedFormat is the format (and unit) shared by every number a formula of
// additions, subtractions and additiveFunctions reads; false for any other
// formula, or when the numbers it reads differ in format.
func (b *book) sharedFormat(toks []efp.Token, on *model.Section) (f model.Format, unit string, ok bool) {
	first := true
	for _, t := range toks {
		switch t.TType {
		case efp.TokenTypeFunction:
			if t.TSubType == efp.TokenSubTypeStart && !additiveFunctions[strings.ToUpper(t.TValue)] {
				return "", "", false
			}
		case efp.TokenTypeOperatorInfix:
			if t.TValue != "+" && t.TValue != "-" {
				return "", "", false
			}
		case efp.TokenTypeOperatorPostfix:
			return "", "", false
		case efp.TokenTypeOperand:
			switch t.TSubType {
			case efp.TokenSubTypeNumber:
				continue
			case efp.TokenSubTypeRange:
			default:
				return "", "", false
			}
			s, r1, c1, r2, c2, found := b.refArea(t.TValue, on)
			if !found || (r2-r1+1)*(c2-c1+1) > maxFormatCells {
				return "", "", false
			}
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					cell := s.Cell(r, c)
					if k := cell.Value.Kind; k != model.KindNumber && k != model.KindRange {
						continue // SUM and AVERAGE skip text; + would be #VALUE! anyway
					}
					switch {
					case first:
						f, unit, first = cell.Format, cell.Value.Unit, false
					case cell.Format != f:
						return "", "", false
					case cell.Value.Unit != unit:
						unit = ""
					}
				}
			}
		}
	}
	switch f.Kind() {
	case "money", "percent", "ratio", "number":
		return f, unit, true
	}
	return "", "", false
}

// roundedTo is n when the formula is ROUND, ROUNDUP or ROUNDDOWN of
// something to n places (0 to 10).
func roundedTo(toks []efp.Token) (int, bool) {
	if len(toks) < 4 {
		return 0, false
	}
	head, last := toks[0], toks[len(toks)-1]
	digits, comma := toks[len(toks)-2], toks[len(toks)-3]
	if head.TType != efp.TokenTypeFunction || head.TSubType != efp.TokenSubTypeStart ||
		!strings.HasPrefix(strings.ToUpper(head.TValue), "ROUND") || !additiveFunctions[strings.ToUpper(head.TValue)] ||
		last.TType != efp.TokenTypeFunction || last.TSubType != efp.TokenSubTypeStop ||
		comma.TType != efp.TokenTypeArgument || digits.TSubType != efp.TokenSubTypeNumber {
		return 0, false
	}
	// The last stop must close the first call, not a later one.
	depth := 0
	for _, t := range toks[:len(toks)-1] {
		if t.TType == efp.TokenTypeFunction {
			if t.TSubType == efp.TokenSubTypeStart {
				depth++
			} else if depth--; depth == 0 {
				return 0, false
			}
		}
	}
	n, err := strconv.Atoi(digits.TValue)
	return n, err == nil && n >= 0 && n <= 10
}

// refArea finds the rectangle a reference names, as a formula on section on
// spells it (efp has taken the quotes off a sheet name).
func (b *book) refArea(ref string, on *model.Section) (s *model.Section, r1, c1, r2, c2 int, ok bool) {
	s = on
	if i := strings.LastIndex(ref, "!"); i >= 0 {
		name := strings.Trim(ref[:i], "'")
		if s = b.a.Section(name); s == nil {
			s = b.sectionByTitle(name)
		}
		ref = ref[i+1:]
	}
	from, to, _ := strings.Cut(ref, ":")
	if to == "" {
		to = from
	}
	r1, c1, err1 := model.ParseAddr(from)
	r2, c2, err2 := model.ParseAddr(to)
	if s == nil || err1 != nil || err2 != nil {
		return nil, 0, 0, 0, 0, false
	}
	return s, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2), true
}
