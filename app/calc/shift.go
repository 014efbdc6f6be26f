package calc

import (
	"regexp"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

var a1Re = regexp.MustCompile(`^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$`)

// axis is the way cells move when rows or columns are inserted or deleted.
type axis int

const (
	rowAxis axis = iota // rows: cells move down or up
	colAxis             // columns: cells move right or left
)

// shiftRows rewrites every formula of a after rows of section sheet moved:
// an insert of one row at row index at (delta +1) or a delete of it (delta
// -1), as Excel does: references below move, a range across the insert grows
// and across the delete shrinks, and a reference to the deleted row becomes
// #REF!. Absolute references move too; $ marks keep.
func shiftRows(a *model.Analysis, sheet string, at, delta int) { shift(a, sheet, rowAxis, at, delta) }

// shiftCols is shiftRows for a column inserted or deleted at column index
// at: references right of it move.
func shiftCols(a *model.Analysis, sheet string, at, delta int) { shift(a, sheet, colAxis, at, delta) }

func shift(a *model.Analysis, sheet string, ax axis, at, delta int) {
	names := sheetNames(a)
	target, ok := names[sheet]
	if !ok {
		return
	}
	for si := range a.Sections {
		for _, row := range a.Sections[si].Cells {
			for ci := range row {
				if c := &row[ci]; IsFormula(c.Input) {
					c.Input = shiftFormula(c.Input, si, names, target, ax, at, delta)
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
// rows or columns on section target (see shiftRows).
func shiftFormula(formula string, onSheet int, names map[string]int, target int, ax axis, at, delta int) string {
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
		moved := shiftRef(cells, ax, at, delta)
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

// shiftRef moves one reference (A5 or A2:B9) for an insert or delete at
// index at along ax.
func shiftRef(ref string, ax axis, at, delta int) string {
	a, b, isArea := strings.Cut(ref, ":")
	ra, okA := ax.index(a)
	if !isArea {
		if !okA {
			return ref
		}
		if delta < 0 && ra == at {
			return "#REF!"
		}
		return ax.with(a, move(ra, at, delta))
	}
	rb, okB := ax.index(b)
	if !okA || !okB {
		return ref
	}
	lo, hi := min(ra, rb), max(ra, rb)
	if delta < 0 && lo == at && hi == at {
		return "#REF!"
	}
	newLo, newHi := move(lo, at, delta), move(hi, at, delta)
	if delta < 0 && hi == at {
		newHi = hi - 1 // the range loses its last row or column
	}
	if ra <= rb {
		return ax.with(a, newLo) + ":" + ax.with(b, newHi)
	}
	return ax.with(a, newHi) + ":" + ax.with(b, newLo)
}

// move is where index r goes: rows (columns) at or after the insert move on;
// those after the delete move back.
func move(r, at, delta int) int {
	if delta > 0 && r >= at || delta < 0 && r > at {
		return r + delta
	}
	return r
}

// index is the zero-based row or column of an A1 reference.
func (ax axis) index(a1 string) (int, bool) {
	m := a1Re.FindStringSubmatch(a1)
	if m == nil {
		return 0, false
	}
	if ax == colAxis {
		_, c, err := model.ParseAddr(m[2] + "1")
		return c, err == nil
	}
	n, err := strconv.Atoi(m[4])
	return n - 1, err == nil
}

// with is a1 moved to row or column i, its $ marks kept.
func (ax axis) with(a1 string, i int) string {
	m := a1Re.FindStringSubmatch(a1)
	if ax == colAxis {
		return m[1] + model.ColName(i) + m[3] + m[4]
	}
	return m[1] + m[2] + m[3] + strconv.Itoa(i+1)
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
