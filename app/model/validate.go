package model

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// Limits on the parts of an analysis that an edit does not bound by itself.
// A new analysis (blank, imported or duplicated) is held to them by Validate
// and each op by Apply and Clean, so an import cannot make what an edit could
// not, and the server never stores, recomputes or sends something without
// bound.
const (
	MaxNameLen      = 300     // a title, company, section title, reference title
	MaxTickerLen    = 32      // an analysis's ticker, a watchlist code
	MaxIDLen        = 64      // a section or series id
	MaxURLLen       = 2048    // a reference's address
	MaxSections     = 100     // sections in one analysis
	MaxSeries       = 100     // series in one analysis
	MaxSeriesPoints = 10000   // points in one series
	MaxReferences   = 1000    // numbered references
	MaxRisks        = 100     // lines of the risks field
	MaxNotesLen     = 1 << 20 // an imported report's reasoning kept as notes
	// MaxCells bounds what one new analysis (an import, most often) brings
	// in at once, all sections together; edits grow a sheet within the
	// section limits, a cell at a time.
	MaxCells        = 2 << 20
	MaxSessionLen   = 128  // the session (browser tab) name an op is sent with
	maxWatchTextLen = 1000 // a watchlist row's name, theme, reason...
	maxCited        = 10   // sentences kept with a reference cited only by number
)

// Validate checks that a is something edits could have made: every text
// valid UTF-8 within its limit, every number finite, every format known,
// grids, lists and the whole within their counts. The store runs it on every
// analysis it creates (new, imported, duplicated); edits keep an analysis
// valid by themselves (Apply checks each). Errors: EINVALID, saying where.
func (a *Analysis) Validate() error {
	bad := func(format string, args ...any) error { return Errorf(EINVALID, format, args...) }
	for _, f := range []struct {
		name string
		text string
		max  int
	}{
		{"title", a.Title, MaxNameLen},
		{"company", a.Company, MaxNameLen},
		{"ticker", a.Ticker, MaxTickerLen},
		{"as-of date", a.AsOf, 32},
		{"question", a.Thesis.Question, MaxTextLen},
		{"verdict", a.Thesis.Verdict, MaxTextLen},
		{"conviction", a.Thesis.Conviction, MaxTextLen},
		{"summary", a.Thesis.Summary, MaxTextLen},
		{"notes", a.Notes, MaxNotesLen},
	} {
		if err := checkText(f.name, f.text, f.max); err != nil {
			return err
		}
	}
	if len(a.Thesis.Risks) > MaxRisks {
		return bad("the thesis lists %d risks; at most %d", len(a.Thesis.Risks), MaxRisks)
	}
	risks := 0
	for _, r := range a.Thesis.Risks {
		risks += len(r) + 1
		if err := checkText("a risk", r, MaxTextLen); err != nil {
			return err
		}
	}
	if risks > MaxTextLen+1 {
		return bad("the risks are longer than %d bytes together", MaxTextLen)
	}
	if len(a.Sections) > MaxSections {
		return bad("the analysis has %d sections; at most %d", len(a.Sections), MaxSections)
	}
	cells := 0
	ids := map[string]bool{}
	for i := range a.Sections {
		s := &a.Sections[i]
		if s.ID == "" || ids[s.ID] {
			return bad("section %d has a missing or repeated id %q", i+1, s.ID)
		}
		ids[s.ID] = true
		if err := checkText("a section id", s.ID, MaxIDLen); err != nil {
			return err
		}
		if err := checkText("section "+s.ID+"'s title", s.Title, MaxNameLen); err != nil {
			return err
		}
		if err := checkText("section "+s.ID+"'s note", s.Note, MaxTextLen); err != nil {
			return err
		}
		if len(s.Cells) > MaxSectionRows {
			return bad("section %q has %d rows; a section holds at most %d", s.Title, len(s.Cells), MaxSectionRows)
		}
		for r, row := range s.Cells {
			if len(row) > MaxSectionCols {
				return bad("section %q has %d columns; a section holds at most %d", s.Title, len(row), MaxSectionCols)
			}
			cells += len(row)
			if cells > MaxCells {
				return bad("the analysis has more than %d cells", MaxCells)
			}
			for c := range row {
				if err := row[c].validate(); err != nil {
					return bad("section %q, cell %s: %s", s.Title, Addr(r, c), ErrorMessage(err))
				}
			}
		}
	}
	if len(a.Series) > MaxSeries {
		return bad("the analysis has %d series; at most %d", len(a.Series), MaxSeries)
	}
	for _, s := range a.Series {
		if len(s.Points) > MaxSeriesPoints {
			return bad("series %q has %d points; at most %d", s.Title, len(s.Points), MaxSeriesPoints)
		}
		if err := checkText("a series id", s.ID, MaxIDLen); err != nil {
			return err
		}
		if err := checkText("series "+s.ID+"'s title", s.Title, MaxNameLen); err != nil {
			return err
		}
		for _, p := range s.Points {
			if err := checkText("a series period", p.Period, MaxNameLen); err != nil {
				return err
			}
			if len(p.Sheet) > MaxIDLen || len(p.Cell) > 16 {
				return bad("series %q points at a cell name too long", s.Title)
			}
		}
	}
	if len(a.Watchlist) > MaxWatchRows {
		return bad("the watchlist has %d rows; at most %d", len(a.Watchlist), MaxWatchRows)
	}
	for i := range a.Watchlist {
		w := a.Watchlist[i]
		if err := CleanWatchRow(&w); err != nil {
			return bad("watchlist row %d: %s", i+1, ErrorMessage(err))
		}
	}
	if len(a.References) > MaxReferences {
		return bad("the analysis has %d references; at most %d", len(a.References), MaxReferences)
	}
	for _, r := range a.References {
		if err := checkText(fmt.Sprintf("reference [%d]'s title", r.Num), r.Title, MaxTextLen); err != nil {
			return err
		}
		if err := checkText(fmt.Sprintf("reference [%d]'s address", r.Num), r.URL, MaxURLLen); err != nil {
			return err
		}
		if err := checkText(fmt.Sprintf("reference [%d]'s date", r.Num), r.AsOf, 32); err != nil {
			return err
		}
		if len(r.Cited) > maxCited {
			return bad("reference [%d] keeps %d citing sentences; at most %d", r.Num, len(r.Cited), maxCited)
		}
		for _, c := range r.Cited {
			if err := checkText(fmt.Sprintf("a sentence citing reference [%d]", r.Num), c, MaxTextLen); err != nil {
				return err
			}
		}
	}
	return nil
}

// validate checks one cell: what was typed, its format and its value.
func (c *Cell) validate() error {
	if err := checkText("input", c.Input, MaxTextLen); err != nil {
		return err
	}
	if err := checkText("what the source said", c.Said, MaxTextLen); err != nil {
		return err
	}
	if !c.Format.Valid() {
		return Errorf(EINVALID, "unknown format %q", c.Format)
	}
	return c.Value.validate()
}

// validate checks that a value can be stored and sent: numbers finite, text
// within a cell's limit.
func (v Value) validate() error {
	for _, n := range []float64{v.Num, v.Low, v.High} {
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return Errorf(EINVALID, "a number too large to store (%v)", n)
		}
	}
	if err := checkText("value", v.Text, MaxTextLen); err != nil {
		return err
	}
	if len(v.Unit) > MaxNameLen || len(v.Note) > MaxTextLen || len(v.Bound) > 2 {
		return Errorf(EINVALID, "a value's unit or note is too long")
	}
	return nil
}

// checkText checks that s is valid UTF-8 of at most max bytes.
func checkText(what, s string, max int) error {
	if len(s) > max {
		return Errorf(EINVALID, "%s is longer than %d bytes", what, max)
	}
	if !utf8.ValidString(s) {
		return Errorf(EINVALID, "%s is not valid UTF-8 text", what)
	}
	return nil
}

// Clean returns op with only the fields its kind uses (what is logged and
// sent to other sessions: a field the kind ignores could otherwise carry a
// megabyte into the log and every stream), after checking their lengths.
// The store cleans every op before applying it. Errors: EINVALID.
func (op Op) Clean() (Op, error) {
	out := Op{Kind: op.Kind, BaseVersion: op.BaseVersion, ID: op.ID, Group: op.Group}
	if op.BaseVersion < 0 {
		return out, Errorf(EINVALID, "op: base version %d is negative", op.BaseVersion)
	}
	if err := checkText("op id", op.ID, MaxOpIDLen); err != nil {
		return out, err
	}
	if err := checkText("op group", op.Group, MaxOpIDLen); err != nil {
		return out, err
	}
	switch op.Kind {
	case OpSetCell:
		out.Sheet, out.Cell, out.Input, out.Format, out.Source = op.Sheet, op.Cell, op.Input, op.Format, op.Source
		// One spelling of an address ("$b$2" is B2), so that the store's
		// same-cell checks (conflicts, retries) compare like with like.
		if r, c, err := ParseAddr(op.Cell); err == nil {
			out.Cell = Addr(r, c)
		}
	case OpInsertRow, OpDeleteRow:
		out.Sheet, out.Row = op.Sheet, op.Row
	case OpInsertCol, OpDeleteCol:
		out.Sheet, out.Col = op.Sheet, op.Col
	case OpSetThesis:
		out.Field, out.Text = op.Field, op.Text
	case OpAddWatch:
		if op.Watch != nil {
			w := *op.Watch
			out.Watch = &w
		}
	case OpRemoveWatch:
		out.Code = op.Code
	case "":
		return out, Errorf(EINVALID, "op: kind is missing")
	default:
		return out, Errorf(EINVALID, "op: unknown kind %q", truncate(string(op.Kind), 40))
	}
	if len(out.Sheet) > MaxIDLen || len(out.Cell) > 16 || len(out.Field) > 16 || len(out.Code) > MaxTickerLen {
		return out, Errorf(EINVALID, "op: a sheet, cell, field or ticker name is too long")
	}
	if err := checkText("input", out.Input, MaxTextLen); err != nil {
		return out, err
	}
	if err := checkText("text", out.Text, MaxTextLen); err != nil {
		return out, err
	}
	return out, nil
}

// CheckSession checks the name of the session (browser tab) an op comes
// from, which the log keeps and history shows. Errors: EINVALID.
func CheckSession(session string) error { return checkText("session name", session, MaxSessionLen) }

// truncate cuts s to at most n bytes on a rune boundary, for error messages
// that quote what was sent.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
