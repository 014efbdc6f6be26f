//go:build !wasm

package xlsx

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"thesisboard/app/model"
)

// chartsSheet draws the dashboard's charts as native Excel charts on a
// Charts sheet: debt and free cash flow by period (guidance low and high as
// their own columns), and the watchlist's moves, bars coloured by sign. The
// debt column is a formula on the section's cell, so the chart follows an
// edit made in Excel.
func (b *book) chartsSheet(sheet string) {
	debt, fcf := b.seriesByID("debt"), b.seriesByID("fcf")
	if sheet == "" {
		return
	}
	heads := []string{"Period", "Total debt ($B)", "FCF guidance low ($B)", "FCF guidance high ($B)", "FCF midpoint ($B)"}
	for c, h := range heads {
		b.check(b.f.SetCellStr(sheet, model.Addr(0, c), h))
	}
	periods := map[string]int{}
	row := func(period string) int {
		if r, ok := periods[period]; ok {
			return r
		}
		r := len(periods) + 1
		periods[period] = r
		b.check(b.f.SetCellStr(sheet, model.Addr(r, 0), period))
		return r
	}
	for _, pt := range pointsOf(debt) {
		r := row(pt.Period)
		if c, ok := b.pointCell(pt); ok && c.Value.Kind == model.KindNumber {
			b.check(b.f.SetCellFloat(sheet, model.Addr(r, 1), c.Value.Num/1e9, -1, 64))
			// The sheet name quoted as a formula wants it (an apostrophe in it
			// doubled) and the address as parsed, never as the point spells it.
			pr, pc, _ := model.ParseAddr(pt.Cell)
			ref := "'" + strings.ReplaceAll(b.sheetOf[pt.Sheet], "'", "''") + "'!" + model.Addr(pr, pc)
			b.check(b.f.SetCellFormula(sheet, model.Addr(r, 1), ref+"/1e9"))
		}
	}
	for _, pt := range pointsOf(fcf) {
		r := row(pt.Period)
		if c, ok := b.pointCell(pt); ok {
			if lo, hi, ok := c.Value.Bounds(); ok {
				b.check(b.f.SetCellFloat(sheet, model.Addr(r, 2), lo/1e9, -1, 64))
				b.check(b.f.SetCellFloat(sheet, model.Addr(r, 3), hi/1e9, -1, 64))
				b.check(b.f.SetCellFloat(sheet, model.Addr(r, 4), (lo+hi)/2e9, -1, 64))
				b.check(b.f.SetCellFormula(sheet, model.Addr(r, 4), "AVERAGE("+model.Addr(r, 2)+":"+model.Addr(r, 3)+")"))
			}
		}
	}
	b.headerRow(sheet, len(heads))
	b.widths(sheet, []int{10, 16, 22, 22, 18})
	// The chart data to two decimals, as a person reads billions.
	if n := len(periods); n > 0 {
		b.check(b.f.SetCellStyle(sheet, "B2", model.Addr(n, len(heads)-1), b.numStyle("0.00")))
	}
	// Charts print beside their data only on a wide screen: on paper,
	// a page of their own (not squeezed one page wide with the data).
	b.printLayout(sheet, false)
	b.chartsOnTheirOwnPage(sheet, "G1")
	if n := len(periods); n > 0 {
		last := strconv.Itoa(n + 1)
		var series []excelize.ChartSeries
		for c, color := range []string{"1F3A5F", "9BC9F5", "5FB3F9"} {
			col := model.ColName(c + 1)
			series = append(series, excelize.ChartSeries{
				Name:       "Charts!$" + col + "$1",
				Categories: "Charts!$A$2:$A$" + last,
				Values:     "Charts!$" + col + "$2:$" + col + "$" + last,
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
			})
		}
		// Columns for debt and the guidance's ends, a line through the
		// guidance midpoint.
		line := &excelize.Chart{Type: excelize.Line, Series: []excelize.ChartSeries{{
			Name:       "Charts!$E$1",
			Categories: "Charts!$A$2:$A$" + last,
			Values:     "Charts!$E$2:$E$" + last,
			Line:       excelize.LineOptions{Width: 2.25},
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 7},
		}}}
		b.check(b.f.AddChart(sheet, "G2", &excelize.Chart{
			Type:   excelize.Col,
			Series: series,
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Debt & free cash flow ($B)"}}},
			Legend: excelize.ChartLegend{Position: "bottom"},
		}, line))
	}
	if n := min(len(b.a.Watchlist), maxChartTickers); n > 0 {
		// Rises and falls as two stacked series, green and red, each a
		// formula on the Watchlist sheet: a bar's colour follows its sign.
		const top = 20 // the helper table's heading row, 1-based
		for c, h := range []string{"Code", "Up %", "Down %"} {
			b.check(b.f.SetCellStr(sheet, model.Addr(top-1, c), h))
		}
		for i, w := range b.a.Watchlist[:n] {
			r := top + i // 0-based row of this ticker
			src := "Watchlist!E" + strconv.Itoa(i+2)
			b.check(b.f.SetCellStr(sheet, model.Addr(r, 0), w.Code))
			b.check(b.f.SetCellFormula(sheet, model.Addr(r, 0), "Watchlist!A"+strconv.Itoa(i+2)))
			up, down := w.ChangePct, 0.0
			if w.ChangePct < 0 {
				up, down = 0, w.ChangePct
			}
			b.check(b.f.SetCellFloat(sheet, model.Addr(r, 1), up, -1, 64))
			b.check(b.f.SetCellFormula(sheet, model.Addr(r, 1), "MAX("+src+",0)"))
			b.check(b.f.SetCellFloat(sheet, model.Addr(r, 2), down, -1, 64))
			b.check(b.f.SetCellFormula(sheet, model.Addr(r, 2), "MIN("+src+",0)"))
		}
		first, last := strconv.Itoa(top+1), strconv.Itoa(top+n)
		series := func(col, color string) excelize.ChartSeries {
			return excelize.ChartSeries{
				Name:       "Charts!$" + col + "$" + strconv.Itoa(top),
				Categories: "Charts!$A$" + first + ":$A$" + last,
				Values:     "Charts!$" + col + "$" + first + ":$" + col + "$" + last,
				Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}},
			}
		}
		b.check(b.f.AddChart(sheet, "G20", &excelize.Chart{
			Type:   excelize.ColStacked,
			Series: []excelize.ChartSeries{series("B", "1A8F4C"), series("C", "C53030")},
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Watchlist moves (change %)"}}},
			Legend: excelize.ChartLegend{Position: "none"},
		}))
	}
}

// maxChartTickers is how many watchlist rows the moves chart shows, as the
// dashboard's chart can hold them legibly.
const maxChartTickers = 50

func (b *book) seriesByID(id string) *model.Series {
	for i := range b.a.Series {
		if b.a.Series[i].ID == id {
			return &b.a.Series[i]
		}
	}
	return nil
}

func pointsOf(s *model.Series) []model.SeriesPoint {
	if s == nil {
		return nil
	}
	return s.Points
}

func (b *book) pointCell(p model.SeriesPoint) (model.Cell, bool) {
	s := b.a.Section(p.Sheet)
	r, c, err := model.ParseAddr(p.Cell)
	if s == nil || err != nil || b.sheetOf[p.Sheet] == "" {
		return model.Cell{}, false
	}
	return s.Cell(r, c), true
}

// hasCharts reports whether the analysis has anything to chart.
func (b *book) hasCharts() bool {
	return b.seriesByID("debt") != nil || b.seriesByID("fcf") != nil || len(b.a.Watchlist) > 0
}
