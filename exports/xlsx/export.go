//go:build !wasm

// Package xlsx writes an analysis as an Excel workbook with excelize: a Thesis
// sheet, one sheet per section, the watchlist and the sources, each with a
// styled and frozen header row, Excel number formats that match the dashboard
// and notes that carry each figure's source. Every figure is a number Excel
// computes with (a range is its midpoint, the range in a note), so formulas
// give in Excel what they give in the dashboard; a formula is live only when
// thesisboard computes it and it cannot reach outside the workbook, and is
// text with a note otherwise (see formulas.go).
package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Write writes a as an .xlsx workbook to w.
func Write(w io.Writer, a *model.Analysis) error {
	f, err := Build(a)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

// Build returns the workbook for a; the caller closes it.
func Build(a *model.Analysis) (*excelize.File, error) {
	b := &book{f: excelize.NewFile(), a: a, names: map[string]bool{}, styles: map[string]int{},
		meta: meta{Series: a.Series, AsOf: a.AsOf}, sheetOf: map[string]string{}}
	b.names[metaSheet] = true
	if err := b.build(); err != nil {
		b.f.Close()
		return nil, fmt.Errorf("build workbook for analysis %d: %w", a.ID, err)
	}
	return b.f, nil
}

// book carries the state of one export: the names already used (sheet names
// must be unique) and the styles made so far (one per number format).
type book struct {
	f      *excelize.File
	a      *model.Analysis
	names  map[string]bool
	styles map[string]int
	header int
	wrap   int
	err    error
	meta   meta                   // what the metadata sheet's head says
	metaW  *excelize.StreamWriter // the metadata sheet (see openMeta)
	metaN  int                    // rows written to it
	// sheetOf maps section ids and lower-case titles to sheet names.
	sheetOf map[string]string
	scratch *calc.Engine // made by parses when first needed
}

func (b *book) build() error {
	var err error
	if b.header, err = b.f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3A5F"}},
		Border: []excelize.Border{{Type: "bottom", Color: "0B1A2B", Style: 1}},
	}); err != nil {
		return err
	}
	if b.wrap, err = b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return err
	}
	b.thesisSheet()
	// The new file's own sheet goes now, before a section takes its name:
	// a workbook made elsewhere often has a sheet called Sheet1.
	b.check(b.f.DeleteSheet("Sheet1"))
	// Name every section's sheet first: formulas may refer to later ones.
	names := make([]string, len(b.a.Sections))
	for i, s := range b.a.Sections {
		names[i] = b.sheet(s.Title)
		b.sheetOf[s.ID] = names[i]
		b.sheetOf[strings.ToLower(s.Title)] = names[i]
		b.meta.Sections = append(b.meta.Sections, metaSection{Sheet: names[i], ID: s.ID, Note: s.Note})
	}
	// The other sheets too, so the hidden metadata sheet, streamed from
	// here on as the sections are, comes last.
	watchlist, sources, charts := b.sheet("Watchlist"), b.sheet("Sources"), ""
	if b.hasCharts() {
		charts = b.sheet("Charts")
	}
	b.openMeta()
	for i := range b.a.Sections {
		b.sectionSheet(&b.a.Sections[i], names[i])
	}
	b.watchlistSheet(watchlist)
	b.sourcesSheet(sources)
	b.chartsSheet(charts)
	b.closeMeta()
	// Excel recomputes every formula on opening, whatever the cached values.
	full := true
	b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}))
	b.check(b.f.SetDocProps(&excelize.DocProperties{
		Title:       b.a.Title,
		Subject:     b.a.Thesis.Question,
		Creator:     "thesisboard",
		Description: b.a.Thesis.Summary,
		Keywords:    b.a.Ticker,
		Created:     b.a.Created.UTC().Format("2006-01-02T15:04:05Z"),
		Modified:    b.a.Updated.UTC().Format("2006-01-02T15:04:05Z"),
	}))
	b.f.SetActiveSheet(0)
	return b.err
}

// check keeps the first error, so the sheet writers read top to bottom.
func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// sheet adds a sheet with a name Excel accepts (31 characters at most, none of
// : \ / ? * [ ]) that no other sheet of the book has.
func (b *book) sheet(title string) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.Trim(title, "'"))
	if name == "" {
		name = "Sheet"
	}
	base := truncate(name, 31)
	name = base
	for i := 2; b.names[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = truncate(base, 31-len(suffix)) + suffix
	}
	b.names[strings.ToLower(name)] = true
	_, err := b.f.NewSheet(name)
	b.check(err)
	b.printLayout(name, true)
	return name
}

func truncate(s string, n int) string {
	for len(s) > n || !utf8.ValidString(s) {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// headerRow styles row 1 of sheet over cols columns and freezes it.
func (b *book) headerRow(sheet string, cols int) {
	if cols == 0 {
		return
	}
	b.check(b.f.SetCellStyle(sheet, "A1", model.Addr(0, cols-1), b.header))
	b.check(b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}

// widths sets each column's width from the longest text shown in it.
func (b *book) widths(sheet string, longest []int) {
	for c, n := range longest {
		col := model.ColName(c)
		b.check(b.f.SetColWidth(sheet, col, col, float64(min(max(n+2, 8), 60))))
	}
}

// numStyle returns the style for a number format, made once per book.
func (b *book) numStyle(format string) int {
	if id, ok := b.styles[format]; ok {
		return id
	}
	id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	b.check(err)
	b.styles[format] = id
	return id
}

func (b *book) thesisSheet() {
	const sheet = "Thesis"
	b.names[strings.ToLower(sheet)] = true
	_, err := b.f.NewSheet(sheet)
	b.check(err)
	b.printLayout(sheet, true)
	t := b.a.Thesis
	rows := [][2]string{
		{"Field", "Value"},
		{"Title", b.a.Title},
		{"Company", b.a.Company},
		{"Ticker", b.a.Ticker},
		{"As of", b.a.AsOf},
		{"Question", t.Question},
		{"Verdict", t.Verdict},
		{"Conviction", t.Conviction},
		{"Summary", t.Summary},
		{"Risks", "• " + strings.Join(t.Risks, "\n• ")},
	}
	if b.a.Notes != "" {
		rows = append(rows, [2]string{"Notes", b.a.Notes})
	}
	for r, row := range rows {
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 0), row[0]))
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 1), row[1]))
	}
	b.check(b.f.SetCellStyle(sheet, "B2", model.Addr(len(rows)-1, 1), b.wrap))
	b.headerRow(sheet, 2)
	b.widths(sheet, []int{12, 90})
}

// sourceNote is the note of a cell taken from reference num.
func (b *book) sourceNote(num int) string {
	text := fmt.Sprintf("Source [%d]", num)
	if ref := b.a.Reference(num); ref != nil {
		text += ": " + ref.Title
		if ref.AsOf != "" {
			text += ", " + ref.AsOf
		}
	}
	return text
}

// watchlistSheet writes the watchlist, streamed like the sections: an Excel
// table with the change column green or red by sign.
func (b *book) watchlistSheet(sheet string) {
	heads := model.WatchHeadings
	longest := make([]int, len(heads))
	for c, h := range heads {
		longest[c] = len(h)
	}
	for _, w := range b.a.Watchlist {
		for c, s := range []string{w.Code, w.StockCode, w.Name, "", "", w.Theme, w.Reason, w.MarketCode} {
			longest[c] = max(longest[c], utf8.RuneCountInString(s))
		}
	}
	longest[3], longest[4] = max(longest[3], 10), max(longest[4], 9)
	price := b.numStyle(`#,##0.00##`)
	// Change stays in percent points, as quote tables give it (-1.7 is
	// -1.7%), with a literal percent sign: the number round-trips exactly.
	change := b.numStyle(`+0.00"%";-0.00"%";0.00"%"`)
	n := len(b.a.Watchlist)
	if n > 0 {
		b.changeColours(sheet, "E2:E"+strconv.Itoa(n+1))
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	b.streamLayout(sw, longest)
	head := make([]any, len(heads))
	for c, h := range heads {
		head[c] = excelize.Cell{StyleID: b.header, Value: h}
	}
	b.check(sw.SetRow("A1", head))
	for i, w := range b.a.Watchlist {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		b.check(sw.SetRow(cell, []any{w.Code, w.StockCode, w.Name,
			excelize.Cell{StyleID: price, Value: w.LastPrice},
			excelize.Cell{StyleID: change, Value: w.ChangePct},
			w.Theme, w.Reason, w.MarketCode}))
	}
	if n > 0 {
		b.check(sw.AddTable(&excelize.Table{Range: "A1:" + model.Addr(n, len(heads)-1), Name: "Watchlist",
			StyleName: "TableStyleLight9", ShowRowStripes: boolPtr(true)}))
	}
	b.check(sw.Flush())
}

// changeColours shows rises in green and falls in red, as the dashboard does.
func (b *book) changeColours(sheet, ref string) {
	up, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "1A8F4C"}})
	b.check(err)
	down, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "C53030"}})
	b.check(err)
	b.check(b.f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{
		{Type: "cell", Criteria: ">", Format: &up, Value: "0"},
		{Type: "cell", Criteria: "<", Format: &down, Value: "0"},
	}))
}

func boolPtr(v bool) *bool { return &v }

func (b *book) sourcesSheet(sheet string) {
	heads := []string{"Ref", "Title", "URL", "As of", "Cited for"}
	for c, h := range heads {
		b.check(b.f.SetCellStr(sheet, model.Addr(0, c), h))
	}
	longest := []int{4, 10, 10, 10, 40}
	for i, ref := range b.a.References {
		r := i + 1
		b.check(b.f.SetCellInt(sheet, model.Addr(r, 0), int64(ref.Num)))
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 1), ref.Title))
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 2), ref.URL))
		if strings.HasPrefix(ref.URL, "https://") || strings.HasPrefix(ref.URL, "http://") {
			b.check(b.f.SetCellHyperLink(sheet, model.Addr(r, 2), ref.URL, "External"))
		}
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 3), ref.AsOf))
		if len(ref.Cited) > 0 { // a reference known only by its number
			b.check(b.f.SetCellStr(sheet, model.Addr(r, 4), strings.Join(ref.Cited, "\n")))
			b.check(b.f.SetCellStyle(sheet, model.Addr(r, 4), model.Addr(r, 4), b.wrap))
		}
		longest[1] = max(longest[1], utf8.RuneCountInString(ref.Title))
		longest[2] = max(longest[2], utf8.RuneCountInString(ref.URL))
	}
	b.headerRow(sheet, len(heads))
	b.widths(sheet, longest)
}
