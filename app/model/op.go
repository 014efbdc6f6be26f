package model

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// OpKind says what an Op does, and so which of its fields it uses.
type OpKind string

// Operation kinds. Every edit a person makes is one Op; the browser applies it
// at once, the server validates it, applies it to the stored snapshot and
// appends it to the analysis's op log in the same transaction.
const (
	OpSetCell     OpKind = "set_cell"     // Sheet, Cell, Input (and optional Format, Source)
	OpInsertRow   OpKind = "insert_row"   // Sheet, Row: a blank row is inserted at Row
	OpDeleteRow   OpKind = "delete_row"   // Sheet, Row
	OpInsertCol   OpKind = "insert_col"   // Sheet, Col: a blank column is inserted at Col
	OpDeleteCol   OpKind = "delete_col"   // Sheet, Col
	OpSetThesis   OpKind = "set_thesis"   // Field, Text
	OpAddWatch    OpKind = "add_watch"    // Watch
	OpRemoveWatch OpKind = "remove_watch" // Code
)

// Limits on what one analysis may hold. They keep a hostile or mistaken op
// from making the server allocate without bound.
const (
	MaxSectionRows = 100000
	MaxSectionCols = 256
	MaxTextLen     = 32767 // Excel's limit for one cell
	MaxWatchRows   = 100000
)

// Thesis fields an OpSetThesis can change. Risks are sent one per line.
var ThesisFields = []string{"question", "verdict", "conviction", "summary", "risks"}

// Op is one edit. Row numbers are 1-based sheet rows as in Excel: row 1 is the
// heading row of a section, data starts at row 2. Column numbers are 1-based
// too: column A is 1.
type Op struct {
	Kind   OpKind    `json:"kind"`
	Sheet  string    `json:"sheet,omitempty"`
	Cell   string    `json:"cell,omitempty"`
	Row    int       `json:"row,omitempty"`
	Col    int       `json:"col,omitempty"` // 1-based, A is 1
	Input  string    `json:"input,omitempty"`
	Format *Format   `json:"format,omitempty"`
	Source *int      `json:"source,omitempty"`
	Field  string    `json:"field,omitempty"`
	Text   string    `json:"text,omitempty"`
	Watch  *WatchRow `json:"watch,omitempty"`
	Code   string    `json:"code,omitempty"`
	// BaseVersion is the analysis version the edit was made on.
	BaseVersion int64 `json:"baseVersion,omitempty"`
	// ID, given by the client, names the edit so that sending it again,
	// after an answer lost on the way or a reload, commits it once.
	ID string `json:"id,omitempty"`
	// Group, given by the client to every op of one edit made of several
	// (a paste, a fill, the undo of either), names that edit: the store
	// logs the ops it receives one after another from one session as one
	// change (LoggedOp.Change), which history shows as one entry.
	Group string `json:"group,omitempty"`
}

// MaxOpIDLen bounds an op's ID.
const MaxOpIDLen = 128

// Apply validates op against a and applies it. On error a is unchanged and the
// error is an *Error with code EINVALID: an op that names a sheet, row or
// ticker the analysis lacks is an invalid op, not a missing analysis.
func Apply(a *Analysis, op Op) error {
	switch op.Kind {
	case OpSetCell:
		_, _, _, err := SetCell(a, op)
		return err
	case OpInsertRow, OpDeleteRow:
		return applyRow(a, op)
	case OpInsertCol, OpDeleteCol:
		return applyCol(a, op)
	case OpSetThesis:
		return applyThesis(a, op)
	case OpAddWatch:
		return applyAddWatch(a, op)
	case OpRemoveWatch:
		i := slices.IndexFunc(a.Watchlist, func(w WatchRow) bool { return strings.EqualFold(w.Code, op.Code) })
		if i < 0 {
			return Errorf(EINVALID, "watchlist has no ticker %q", op.Code)
		}
		a.Watchlist = slices.Delete(a.Watchlist, i, i+1)
		return nil
	case "":
		return Errorf(EINVALID, "op: kind is missing")
	}
	return Errorf(EINVALID, "op: unknown kind %q", op.Kind)
}

func section(a *Analysis, id string) (*Section, error) {
	if id == "" {
		return nil, Errorf(EINVALID, "op: sheet is missing")
	}
	s := a.Section(id)
	if s == nil {
		return nil, Errorf(EINVALID, "no sheet %q in this analysis", id)
	}
	return s, nil
}

// SetCell applies a set_cell op (see Apply) and returns where: the index of
// the section in a.Sections and the zero-based row and column, which the
// formula engine needs next and should not work out again.
func SetCell(a *Analysis, op Op) (sheet, row, col int, err error) {
	sheet = slices.IndexFunc(a.Sections, func(s Section) bool { return s.ID == op.Sheet })
	if sheet < 0 || op.Sheet == "" {
		_, err := section(a, op.Sheet) // says which is wrong
		return 0, 0, 0, err
	}
	if row, col, err = ParseAddr(op.Cell); err != nil {
		return 0, 0, 0, err
	}
	return sheet, row, col, setCell(a, &a.Sections[sheet], row, col, op)
}

func setCell(a *Analysis, s *Section, row, col int, op Op) error {
	if row >= MaxSectionRows || col >= MaxSectionCols {
		return Errorf(EINVALID, "cell %s is outside the %d×%d a section can hold", op.Cell, MaxSectionRows, MaxSectionCols)
	}
	if len(op.Input) > MaxTextLen || !utf8.ValidString(op.Input) {
		return Errorf(EINVALID, "cell %s: input must be valid text of at most %d bytes", op.Cell, MaxTextLen)
	}
	var f Format
	var src int
	var old Cell
	if row < len(s.Cells) && col < len(s.Cells[row]) {
		old = s.Cells[row][col]
		f, src = old.Format, old.Source
	}
	if op.Format != nil {
		if !op.Format.Valid() {
			return Errorf(EINVALID, "cell %s: unknown format %q", op.Cell, *op.Format)
		}
		f = *op.Format
	}
	if op.Source != nil {
		if *op.Source != 0 && a.Reference(*op.Source) == nil {
			return Errorf(EINVALID, "cell %s: there is no reference [%d]", op.Cell, *op.Source)
		}
		src = *op.Source
	}
	v, f := ParseInput(op.Input, f)
	for len(s.Cells) <= row {
		s.Cells = append(s.Cells, nil)
	}
	for len(s.Cells[row]) <= col {
		s.Cells[row] = append(s.Cells[row], Cell{Value: Value{Kind: KindEmpty}})
	}
	s.Cells[row][col] = Cell{Input: op.Input, Value: v, Format: f, Source: src, Said: said(old, src, op.Input)}
	return nil
}

// said is what a cell's source said once old, the cell as it was, takes
// input with source src: the source's own figure is kept from the first
// edit of a sourced cell until the cell holds it again or names another
// source (or none).
func said(old Cell, src int, input string) string {
	switch {
	case src == 0 || src != old.Source:
		return ""
	case old.Said != "":
		if input == old.Said {
			return ""
		}
		return old.Said
	case input != old.Input:
		return old.Input
	}
	return ""
}

func applyRow(a *Analysis, op Op) error {
	s, err := section(a, op.Sheet)
	if err != nil {
		return err
	}
	last := len(s.Cells)
	if op.Kind == OpInsertRow {
		last++
	}
	if op.Row < 2 || op.Row > last {
		return Errorf(EINVALID, "row %d is outside sheet %q (rows 2 to %d; row 1 holds the headings)", op.Row, op.Sheet, last)
	}
	i := op.Row - 1
	if op.Kind == OpInsertRow {
		if len(s.Cells) >= MaxSectionRows {
			return Errorf(EINVALID, "sheet %q already has the most rows a section can hold (%d)", op.Sheet, MaxSectionRows)
		}
		s.Cells = slices.Insert(s.Cells, i, []Cell(nil))
		shiftSeries(a, op.Sheet, i, +1, false)
		return nil
	}
	s.Cells = slices.Delete(s.Cells, i, i+1)
	shiftSeries(a, op.Sheet, i, -1, false)
	return nil
}

// shiftSeries keeps series points on their cells when rows (or, with cols,
// columns) of sheet move: an insert at index i pushes points at or after it
// on; a delete drops the points at i and pulls the ones after it back.
func shiftSeries(a *Analysis, sheet string, i, delta int, cols bool) {
	for si := range a.Series {
		pts := a.Series[si].Points[:0]
		for _, p := range a.Series[si].Points {
			r, c, err := ParseAddr(p.Cell)
			at := &r
			if cols {
				at = &c
			}
			if p.Sheet == sheet && err == nil && *at >= i {
				if delta < 0 && *at == i {
					continue
				}
				*at += delta
				p.Cell = Addr(r, c)
			}
			pts = append(pts, p)
		}
		a.Series[si].Points = pts
	}
}

func applyThesis(a *Analysis, op Op) error {
	if len(op.Text) > MaxTextLen || !utf8.ValidString(op.Text) {
		return Errorf(EINVALID, "thesis %s: text must be valid text of at most %d bytes", op.Field, MaxTextLen)
	}
	t := &a.Thesis
	switch op.Field {
	case "question":
		t.Question = op.Text
	case "verdict":
		t.Verdict = op.Text
	case "conviction":
		t.Conviction = op.Text
	case "summary":
		t.Summary = op.Text
	case "risks":
		var risks []string
		for line := range strings.Lines(op.Text) {
			if line = strings.TrimSpace(line); line != "" {
				risks = append(risks, line)
			}
		}
		if len(risks) > MaxRisks {
			return Errorf(EINVALID, "thesis risks: %d lines; at most %d", len(risks), MaxRisks)
		}
		t.Risks = append(t.Risks[:0], risks...)
	default:
		return Errorf(EINVALID, "thesis field %q is not one of %s", op.Field, strings.Join(ThesisFields, ", "))
	}
	return nil
}

func applyAddWatch(a *Analysis, op Op) error {
	w := op.Watch
	if w == nil {
		return Errorf(EINVALID, "add_watch: watch row is missing")
	}
	if err := CleanWatchRow(w); err != nil {
		return err
	}
	if slices.ContainsFunc(a.Watchlist, func(x WatchRow) bool { return strings.EqualFold(x.Code, w.Code) }) {
		return Errorf(EINVALID, "watchlist already has %s", w.Code)
	}
	if len(a.Watchlist) >= MaxWatchRows {
		return Errorf(EINVALID, "watchlist is full (%d rows)", MaxWatchRows)
	}
	a.Watchlist = append(a.Watchlist, *w)
	return nil
}

// CleanWatchRow upper-cases the code and checks a watchlist row's fields.
// Importers of long lists use it with their own duplicate check.
func CleanWatchRow(w *WatchRow) error {
	w.Code = strings.TrimSpace(strings.ToUpper(w.Code))
	if w.Code == "" || len(w.Code) > 32 {
		return Errorf(EINVALID, "add_watch: ticker code must be 1 to 32 characters")
	}
	if math.IsNaN(w.LastPrice) || math.IsInf(w.LastPrice, 0) || math.IsNaN(w.ChangePct) || math.IsInf(w.ChangePct, 0) {
		return Errorf(EINVALID, "add_watch: price and change must be numbers")
	}
	for _, s := range []string{w.StockCode, w.Name, w.Theme, w.Reason, w.MarketCode} {
		if len(s) > maxWatchTextLen || !utf8.ValidString(s) {
			return Errorf(EINVALID, "add_watch: text fields must be valid text of at most %d bytes", maxWatchTextLen)
		}
	}
	return nil
}

// LoggedOp is an op as the log holds it: the analysis version it produced,
// the session (browser tab) that sent it and when it was committed. Live sync
// streams these; history lists them.
type LoggedOp struct {
	Version int64     `json:"version"`
	Op      Op        `json:"op"`
	Session string    `json:"session,omitempty"`
	Time    time.Time `json:"time"`
	// Undo reverses the op, computed when it was committed; history shows
	// the old value from it, and restoring a version applies it.
	Undo []Op `json:"undo,omitempty"`
	// Change, for an op committed as part of a change of several (a
	// restore, an import, a CSV of tickers), is the version of the
	// change's first op, the same for all of them: history shows the
	// change as one entry, and undoes it whole by restoring Change-1.
	Change int64 `json:"change,omitempty"`
}
