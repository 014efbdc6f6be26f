package calc

import (
	"regexp"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

var a1Re = regexp.MustCompile(`^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$`)

// shiftRows rewrites every formula of a after rows of section sheet moved:
// an insert of one row at row index at (delta +1) or a delete of it (delta
// -1), as Excel does: references below move, a range across the insert grows
// and across the delete shrinks, and a reference to the deleted row becomes
// #REF!. Absolute references move too; $ marks keep.
func shiftRows(a *model.Analysis, sheet string, at, delta int) {
	names := sheetNames(a)
	target, ok := names[sheet]
	if !ok {
		return
	}
	for si := range a.Sections {
		for _, row := range a.Sections[si].Cells {
			for ci := range row {
				if c := &row[ci]; IsFormula(c.Input) {
					c.Input = shiftFormula(c.Input, si, names, target, at, delta)
				}
			}
		}
	}
}

// sheetNames maps the ids and lower-case titles of a's sections to their
// indexes, the names a formula may use for them.
func sheetNames(a *model.Analysis) map[string]int {
	names := map[string]int{}
	for i, s := range a.Sections {
		names[s.ID], names[strings.ToLower(s.Title)] = i, i
	}
	return names
}

// shiftFormula rewrites formula, written on section onSheet, for a move of
// rows on section target (see shiftRows).
func shiftFormula(formula string, onSheet int, names map[string]int, target, at, delta int) string {
	out, _ := render(formula, func(ref string) string {
		refSheet := onSheet
		name, cells := "", ref
		if i := strings.LastIndex(ref, "!"); i >= 0 {
			name, cells = ref[:i], ref[i+1:]
			n := strings.Trim(name, "'")
			idx, ok := names[n]
			if !ok {
				idx, ok = names[strings.ToLower(n)]
			}
			if !ok {
				return quoteSheet(name) + "!" + cells
			}
			refSheet = idx
		}
		if refSheet != target {
			return prefix(name) + cells
		}
		moved := shiftRef(cells, at, delta)
		if moved == "#REF!" {
			return moved // Excel drops the sheet name too
		}
		return prefix(name) + moved
	}, nil)
	return out
}

func prefix(name string) string {
	if name == "" {
		return ""
	}
	return quoteSheet(name) + "!"
}

func quoteSheet(name string) string {
	name = strings.Trim(name, "'")
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// shiftRef moves one reference (A5 or A2:B9) for an insert or delete at row
// index at.
func shiftRef(ref string, at, delta int) string {
	a, b, isArea := strings.Cut(ref, ":")
	ra, okA := rowOf(a)
	if !isArea {
		if !okA {
			return ref
		}
		if delta < 0 && ra == at {
			return "#REF!"
		}
		return withRow(a, move(ra, at, delta))
	}
	rb, okB := rowOf(b)
	if !okA || !okB {
		return ref
	}
	lo, hi := min(ra, rb), max(ra, rb)
	if delta < 0 && lo == at && hi == at {
		return "#REF!"
	}
	newLo, newHi := move(lo, at, delta), move(hi, at, delta)
	if delta < 0 && hi == at {
		newHi = hi - 1 // the range loses its last row
	}
	if ra <= rb {
		return withRow(a, newLo) + ":" + withRow(b, newHi)
	}
	return withRow(a, newHi) + ":" + withRow(b, newLo)
}

// move is where row r goes: rows at or below the insert move down; rows
// below the delete move up.
func move(r, at, delta int) int {
	if delta > 0 && r >= at || delta < 0 && r > at {
		return r + delta
	}
	return r
}

func rowOf(a1 string) (int, bool) {
	m := a1Re.FindStringSubmatch(a1)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[4])
	return n - 1, err == nil
}

func withRow(a1 string, row int) string {
	m := a1Re.FindStringSubmatch(a1)
	return m[1] + m[2] + m[3] + strconv.Itoa(row+1)
}

// Offset moves a formula's relative references by dr rows and dc columns, as
// copying it from one cell to another does; $-anchored parts stay. A
// reference pushed off the sheet becomes #REF!.
func Offset(formula string, dr, dc int) string {
	out, _ := render(formula, func(ref string) string {
		name, cells := "", ref
		if i := strings.LastIndex(ref, "!"); i >= 0 {
			name, cells = ref[:i], ref[i+1:]
		}
		var parts []string
		for _, p := range strings.Split(cells, ":") {
			m := a1Re.FindStringSubmatch(p)
			if m == nil {
				return ref
			}
			row, _ := strconv.Atoi(m[4])
			col := m[2]
			if m[3] == "" {
				row += dr
			}
			if m[1] == "" {
				_, c, err := model.ParseAddr(col + "1")
				if err != nil {
					return ref
				}
				c += dc
				if c < 0 {
					return "#REF!"
				}
				col = model.ColName(c)
			}
			if row < 1 {
				return "#REF!"
			}
			parts = append(parts, m[1]+strings.ToUpper(col)+m[3]+strconv.Itoa(row))
		}
		return prefix(name) + strings.Join(parts, ":")
	}, nil)
	return out
}
