package components

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"thesisboard/app/model"
)

// The options below are plain JSON for echarts.setOption: every formatter is
// a template string ECharts fills in itself ("{b}: {c}%"), never a
// JavaScript function. Where a text depends on more than one value (a
// guidance range), Go writes it out whole in the data item. ECharts puts a
// tooltip's template into the page as HTML and escapes only what it
// substitutes, so user text (periods, tickers) reaches a tooltip through
// {b}, never spelled out in the template.

// Chart colours, shared with app.css.
const (
	colorUp    = "#1a8f4c"
	colorDown  = "#c53030"
	colorDebt  = "#1f3a5f"
	colorFCF   = "#5fb3f9"
	colorOther = "#8a99ab"
)

// Series names the dashboard's charts draw; tests find series by them.
const (
	seriesDebt     = "Total debt"
	seriesFCFBase  = "FCF guidance low"
	seriesFCFRange = "FCF guidance range"
	seriesUp       = "Up"
	seriesDown     = "Down"
	seriesMove     = "Move %"
)

// movesInView is how many tickers the moves chart labels at once; past it a
// slider scrolls the list, so each ticker in view keeps a readable label
// instead of all of them overprinting in a 300 px chart.
const movesInView = 12

// pointValue is one point of a series, read from the cell it names.
// Missing or non-numeric cells give ok=false points, drawn as gaps.
type pointValue struct {
	period    string
	low, high float64
	ok        bool
}

// seriesValues reads a series' points from the cells they name.
func seriesValues(a *model.Analysis, id string) []pointValue {
	for _, s := range a.Series {
		if s.ID != id {
			continue
		}
		out := make([]pointValue, 0, len(s.Points))
		for _, p := range s.Points {
			pv := pointValue{period: p.Period}
			if sec := a.Section(p.Sheet); sec != nil {
				if r, c, err := model.ParseAddr(p.Cell); err == nil {
					pv.low, pv.high, pv.ok = sec.Cell(r, c).Value.Bounds()
				}
			}
			out = append(out, pv)
		}
		return out
	}
	return nil
}

// billions rounds a dollar amount to billions with three decimals, the unit
// the debt and cash flow axes use.
func billions(v float64) float64 { return math.Round(v/1e6) / 1e3 }

// round3 drops the float noise of a difference (1.4-1.2 is 0.19999…).
func round3(v float64) float64 { return math.Round(v*1e3) / 1e3 }

// moneyB writes an amount in billions as the grids show it: "$1.2B", "-$0.4B".
func moneyB(v float64) string { return money(v) + "B" }

// rangeB writes a range in billions as the report does: "$1.2–$1.4B".
func rangeB(low, high float64) string { return money(low) + "–" + moneyB(high) }

func money(v float64) string {
	s := "$" + strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	if v < 0 {
		return "-" + s
	}
	return s
}

// niceCeil is the smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6
// or 8 times a power of ten) at or above v > 0: a value axis ending there
// keeps tidy ticks and leaves room for the labels beyond the longest bar.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v*(1-1e-9) {
			return round3(m * p)
		}
	}
	return 10 * p
}

// valueBounds returns the axis ends for values drawn from zero, each side
// widened by pad (1.5 = half again the longest bar) so a label past a bar's
// end stays inside the chart; nil leaves that end to ECharts.
func valueBounds(vals []float64, pad float64) (lo, hi any) {
	var minV, maxV float64
	for _, v := range vals {
		minV, maxV = math.Min(minV, v), math.Max(maxV, v)
	}
	if maxV > 0 {
		hi = niceCeil(maxV * pad)
	}
	if minV < 0 {
		lo = -niceCeil(-minV * pad)
	}
	return lo, hi
}

// plotArea is the grid (plot area) of a chart whose title is at the top and
// legend, if any, at the bottom; top leaves room for the title (and axis
// names), right for a slider. Axis labels are inside it (ContainLabel), so
// a long ticker never runs off the canvas.
func plotArea(top, right string) opts.Grid {
	return opts.Grid{Left: "8", Right: right, Top: top, Bottom: "36", ContainLabel: opts.Bool(true)}
}

// valueLabels is the axis label of a value axis with the given ends
// (valueBounds) and template. When both ends are set, ECharts' ticks rarely
// land on them, and the end labels would crowd the nearest ticks' ("-5%"
// against "-4%"), so they are left out.
func valueLabels(lo, hi any, formatter string) *opts.AxisLabel {
	l := &opts.AxisLabel{Formatter: types.FuncStr(formatter)}
	if lo != nil && hi != nil {
		l.ShowMinLabel, l.ShowMaxLabel = opts.Bool(false), opts.Bool(false)
	}
	return l
}

// newBar returns a bar chart with the options every dashboard chart shares.
// The tooltip follows the item under the pointer, so each bar (and the FCF
// range) can say what it is in its own words. There is no legend unless a
// chart turns one on with entries whose colours are its bars' (a series'
// legend swatch is the series colour, not its bars' own). ECharts draws one
// grid per entry, so the grid is set here once.
func newBar(title string, grid opts.Grid) *charts.Bar {
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: title, TitleStyle: &opts.TextStyle{FontSize: 15}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(grid),
		charts.WithAnimation(false),
	)
	return c
}

// everyLabel asks a category axis to print every label: ECharts otherwise
// skips some when it judges them too close ("interval" 0 keeps them all).
// go-echarts types the interval as a string; ECharts reads "0" as 0 (the
// browser test checks every ticker is painted), but any other number would
// need to be a JSON number.
func everyLabel() *opts.AxisLabel { return &opts.AxisLabel{Interval: "0", FontSize: 12} }

// optionJSON validates a chart and returns its option as JSON for
// echarts.setOption.
func optionJSON(c interface {
	Validate()
	JSON() map[string]interface{}
}) string {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return "{}"
	}
	return string(b)
}

// DebtFCFOption builds the Debt & FCF chart. Debt ($18.3B) and free cash
// flow guidance ($1.2–$1.4B) differ by more than ten times, so on one axis
// the guidance would be a sliver: debt reads on the left axis, free cash flow
// on its own axis on the right, and both bars carry their figure. The
// guidance is a floating bar from low to high (an invisible base stacked
// under the visible span), labelled and explained as "$1.2–$1.4B".
func DebtFCFOption(a *model.Analysis) string {
	debt := seriesValues(a, "debt")
	fcf := seriesValues(a, "fcf")
	periods := []string{}
	index := map[string]int{}
	for _, pv := range append(append([]pointValue{}, debt...), fcf...) {
		if _, ok := index[pv.period]; !ok {
			index[pv.period] = len(periods)
			periods = append(periods, pv.period)
		}
	}
	gaps := func() []opts.BarData {
		d := make([]opts.BarData, len(periods))
		for i := range d {
			d[i] = opts.BarData{Value: "-"}
		}
		return d
	}
	debtData, base, span := gaps(), gaps(), gaps()
	for _, pv := range debt {
		if pv.ok {
			debtData[index[pv.period]] = opts.BarData{Value: billions(pv.high)}
		}
	}
	for _, pv := range fcf {
		if pv.ok {
			i := index[pv.period]
			base[i], span[i] = fcfBand(billions(pv.low), billions(pv.high))
		}
	}
	bar := newBar("Debt & free cash flow ($B)", plotArea("68", "16"))
	bar.SetGlobalOptions(
		// The invisible base bar has no place in the legend.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{seriesDebt, seriesFCFRange}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: everyLabel()}),
		charts.WithYAxisOpts(opts.YAxis{Name: "Debt", Type: "value",
			AxisLabel: &opts.AxisLabel{Formatter: "${value}B"},
			AxisLine:  &opts.AxisLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorDebt, Width: 2}}}),
	)
	bar.ExtendYAxis(opts.YAxis{Name: "FCF", Type: "value", Position: "right",
		AxisLabel: &opts.AxisLabel{Formatter: "${value}B"},
		AxisLine:  &opts.AxisLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorFCF, Width: 2}},
		SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
	onFCFAxis := opts.BarChart{Stack: "fcf", YAxisIndex: 1}
	bar.SetXAxis(periods).
		AddSeries(seriesDebt, debtData,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDebt}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "${c}B"}),
			charts.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{a}, {b}: ${c}B"})).
		AddSeries(seriesFCFBase, base,
			charts.WithBarChartOpts(onFCFAxis),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: "transparent"})).
		AddSeries(seriesFCFRange, span,
			charts.WithBarChartOpts(onFCFAxis),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorFCF}))
	return optionJSON(bar)
}

// fcfBand returns the two stacked bars that draw guidance from low to high
// ($B). ECharts stacks negative values apart from positive ones, so the
// base is the end nearer zero when both ends have one sign, and the low end
// itself (drawn) when the range spans zero. A single figure is a plain bar.
func fcfBand(low, high float64) (base, span opts.BarData) {
	text := rangeB(low, high)
	if low == high {
		text = moneyB(high)
	}
	tip := &opts.Tooltip{Show: opts.Bool(true), Formatter: types.FuncStr("Free cash flow guidance, {b}: " + text)}
	hidden := &opts.Tooltip{Show: opts.Bool(false)}
	label := func(pos string) *opts.Label {
		return &opts.Label{Show: opts.Bool(true), Position: pos, Formatter: text, Color: colorDebt}
	}
	switch {
	case low == high:
		return opts.BarData{Value: "-", Tooltip: hidden}, opts.BarData{Value: high, Label: label(side(high)), Tooltip: tip}
	case low >= 0:
		return opts.BarData{Value: low, Tooltip: hidden}, opts.BarData{Value: round3(high - low), Label: label("top"), Tooltip: tip}
	case high <= 0:
		return opts.BarData{Value: high, Tooltip: hidden}, opts.BarData{Value: round3(low - high), Label: label("bottom"), Tooltip: tip}
	default:
		return opts.BarData{Value: low, ItemStyle: &opts.ItemStyle{Color: colorFCF}, Tooltip: tip},
			opts.BarData{Value: high, Label: label("top"), Tooltip: tip}
	}
}

// side is where a vertical bar's label goes: past its end, above a positive
// bar and below a negative one.
func side(v float64) string {
	if v < 0 {
		return "bottom"
	}
	return "top"
}

// MovesOption builds the watchlist-moves chart: one horizontal bar per
// ticker with its change in percent, tickers down the side (each one
// labelled, none rotated) in watchlist order. Rises and falls are two series,
// green and red, so the legend's colours are the bars' colours; every bar
// carries its figure, since a -0.32% bar is too short to read.
func MovesOption(rows []model.WatchRow) string {
	codes := make([]string, len(rows))
	up := make([]opts.BarData, len(rows))
	down := make([]opts.BarData, len(rows))
	vals := make([]float64, len(rows))
	for i, w := range rows {
		codes[i] = w.Code
		v := math.Round(w.ChangePct*100) / 100
		vals[i] = v
		up[i], down[i] = opts.BarData{Value: v}, opts.BarData{Value: "-"}
		if v < 0 {
			up[i], down[i] = down[i], up[i]
		}
	}
	lo, hi := valueBounds(vals, 1.5)
	right := "16"
	if len(rows) > movesInView {
		right = "44" // room for the slider
	}
	bar := newBar("Watchlist moves (change %)", plotArea("48", right))
	if len(rows) > movesInView {
		bar.SetGlobalOptions(charts.WithDataZoomOpts(opts.DataZoom{
			Type: "slider", Orient: "vertical", YAxisIndex: 0, FilterMode: "none",
			Start: 0, End: float32(100 * movesInView / float64(len(rows))),
		}))
	}
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{seriesUp, seriesDown}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Min: lo, Max: hi, AxisLabel: valueLabels(lo, hi, "{value}%")}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: everyLabel()}),
	)
	small := float32(11)
	bar.SetXAxis(codes).XYReversal().
		AddSeries(seriesUp, up,
			charts.WithBarChartOpts(opts.BarChart{Stack: "move"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorUp}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "+{c}%", FontSize: small}),
			charts.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{b}: +{c}%"})).
		AddSeries(seriesDown, down,
			charts.WithBarChartOpts(opts.BarChart{Stack: "move"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDown}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "left", Formatter: "{c}%", FontSize: small}),
			charts.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{b}: {c}%"}))
	return optionJSON(bar)
}

// RelativeOption builds the relative-performance chart from the "relative"
// series: each point's move as a percent bar, the first (the analysis'
// own stock) in the debt colour, the others grey. The axis names each bar,
// so there is no legend (one series' legend would show one colour for
// bars of two); each bar carries its figure, since the S&P 500's +1.04%
// beside LUMN's +93.05% is too short to see.
func RelativeOption(a *model.Analysis) string {
	pts := seriesValues(a, "relative")
	names := make([]string, len(pts))
	data := make([]opts.BarData, len(pts))
	var vals []float64
	for i, pv := range pts {
		names[i] = pv.period
		data[i] = opts.BarData{Value: "-"}
		if !pv.ok {
			continue
		}
		color := colorOther
		if i == 0 {
			color = colorDebt
		}
		v := math.Round(pv.high*10000) / 100
		vals = append(vals, v)
		format := "+{c}%"
		if v < 0 {
			format = "{c}%"
		}
		data[i] = opts.BarData{Value: v, ItemStyle: &opts.ItemStyle{Color: color},
			Label: &opts.Label{Show: opts.Bool(true), Position: side(v), Formatter: format}}
	}
	lo, hi := valueBounds(vals, 1.15)
	bar := newBar("Relative performance (%)", plotArea("48", "16"))
	bar.SetGlobalOptions(
		charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: everyLabel()}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: lo, Max: hi, AxisLabel: valueLabels(lo, hi, "{value}%")}),
	)
	bar.SetXAxis(names).AddSeries(seriesMove, data,
		charts.WithSeriesTooltipOpts(opts.SeriesTooltip{Formatter: "{b}: {c}%"}))
	return optionJSON(bar)
}
