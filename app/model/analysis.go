package model

import (
	"strings"
	"time"
	"unicode"
)

// Analysis is one investment thesis with everything the dashboard shows: the
// thesis itself, section grids, series drawn as charts, a watchlist and the
// numbered references the figures cite.
type Analysis struct {
	ID         int64       `json:"id"`
	Version    int64       `json:"version"`
	Title      string      `json:"title"`
	Company    string      `json:"company"`
	Ticker     string      `json:"ticker"`
	AsOf       string      `json:"asOf"` // YYYY-MM-DD
	Thesis     Thesis      `json:"thesis"`
	Sections   []Section   `json:"sections"`
	Series     []Series    `json:"series"`
	Watchlist  []WatchRow  `json:"watchlist"`
	References []Reference `json:"references"`
	// Notes keeps text the analysis came with that has no grid of its own,
	// such as an imported report's reasoning.
	Notes   string    `json:"notes,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Thesis is the question an analysis answers and the answer it gives.
type Thesis struct {
	Question   string   `json:"question"`
	Verdict    string   `json:"verdict"`
	Conviction string   `json:"conviction"`
	Summary    string   `json:"summary"`
	Risks      []string `json:"risks"`
}

// Section is a titled grid of cells. Row 0 holds the column headings, so cell
// addresses mean the same thing here as on the section's sheet in Excel.
type Section struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Note  string   `json:"note,omitempty"`
	Cells [][]Cell `json:"cells"`
}

// Cell keeps what the person typed (Input), the typed value read from it, the
// number format it is shown with and, optionally, the reference it came from.
type Cell struct {
	Input  string `json:"input"`
	Value  Value  `json:"value"`
	Format Format `json:"format,omitempty"`
	Source int    `json:"source,omitempty"` // reference number, 0 for none
	// Said is what the source said, kept when a sourced figure is edited
	// to something else, so the page and the workbook can say "edited;
	// the source said $18.3B" rather than credit the source with the
	// edit. Empty while the cell holds what its source said.
	Said string `json:"said,omitempty"`
}

// Series is a named run of values by period, each read from a cell, so a chart
// drawn from it follows every edit of those cells.
type Series struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Points []SeriesPoint `json:"points"`
}

// SeriesPoint is the value of a series for one period: the cell Sheet!Cell. A
// range value (guidance low–high) is drawn as a range.
type SeriesPoint struct {
	Period string `json:"period"`
	Sheet  string `json:"sheet"`
	Cell   string `json:"cell"`
}

// WatchRow is one row of the watchlist, with the columns of the research
// report's ticker table. ChangePct is in percent points: -1.7 means -1.7%.
type WatchRow struct {
	Code       string  `json:"code"`
	StockCode  string  `json:"stockCode"`
	Name       string  `json:"name"`
	LastPrice  float64 `json:"lastPrice"`
	ChangePct  float64 `json:"changePct"`
	Theme      string  `json:"theme,omitempty"`
	Reason     string  `json:"reason,omitempty"`
	MarketCode string  `json:"marketCode,omitempty"`
}

// Reference is a numbered source cited by cells and by the thesis.
type Reference struct {
	Num   int    `json:"num"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	AsOf  string `json:"asOf,omitempty"` // YYYY-MM-DD
	// Cited holds, for a reference a report cites only by its number
	// (no entry in a reference list), the sentences that cite it: all a
	// reader has to go on to find the source.
	Cited []string `json:"cited,omitempty"`
}

// Summary is the short form of an analysis shown in lists.
type Summary struct {
	ID      int64     `json:"id"`
	Version int64     `json:"version"`
	Title   string    `json:"title"`
	Ticker  string    `json:"ticker"`
	Verdict string    `json:"verdict"`
	Updated time.Time `json:"updated"`
}

// Summarize returns the list form of a.
func (a *Analysis) Summarize() Summary {
	return Summary{ID: a.ID, Version: a.Version, Title: a.Title, Ticker: a.Ticker, Verdict: a.Thesis.Verdict, Updated: a.Updated}
}

// Section returns the section with the given id, or nil.
func (a *Analysis) Section(id string) *Section {
	for i := range a.Sections {
		if a.Sections[i].ID == id {
			return &a.Sections[i]
		}
	}
	return nil
}

// Reference returns the reference numbered num, or nil.
func (a *Analysis) Reference(num int) *Reference {
	for i := range a.References {
		if a.References[i].Num == num {
			return &a.References[i]
		}
	}
	return nil
}

// Cell returns the cell at zero-based row and col, or an empty cell when the
// grid does not reach that far.
func (s *Section) Cell(row, col int) Cell {
	if row < 0 || row >= len(s.Cells) || col < 0 || col >= len(s.Cells[row]) {
		return Cell{}
	}
	return s.Cells[row][col]
}

// Cell0 returns row r of the grid, or nil past its end.
func (s *Section) Cell0(r int) []Cell {
	if r < 0 || r >= len(s.Cells) {
		return nil
	}
	return s.Cells[r]
}

// Width returns the number of columns of the widest row.
func (s *Section) Width() int {
	w := 0
	for _, r := range s.Cells {
		w = max(w, len(r))
	}
	return w
}

// Clone returns a deep copy of a, so an operation can be tried on the copy and
// thrown away when it fails.
func (a *Analysis) Clone() *Analysis {
	c := *a
	c.Thesis.Risks = append([]string(nil), a.Thesis.Risks...)
	c.Sections = make([]Section, len(a.Sections))
	for i, s := range a.Sections {
		c.Sections[i] = s
		c.Sections[i].Cells = make([][]Cell, len(s.Cells))
		for r, row := range s.Cells {
			c.Sections[i].Cells[r] = append([]Cell(nil), row...)
		}
	}
	c.Series = make([]Series, len(a.Series))
	for i, s := range a.Series {
		c.Series[i] = s
		c.Series[i].Points = append([]SeriesPoint(nil), s.Points...)
	}
	c.Watchlist = append([]WatchRow(nil), a.Watchlist...)
	c.References = append([]Reference(nil), a.References...)
	return &c
}

// SectionID makes a section id from a title: lower-case letters and digits
// of any script, runs of anything else as one dash, at most 40 bytes.
func SectionID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if id := strings.Trim(b.String(), "-"); id != "" {
		return id
	}
	return "section"
}
