package components

import (
	"encoding/json"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"thesisboard/app/model"
)

// Chart colours, shared with app.css.
const (
	colorUp    = "#1a8f4c"
	colorDown  = "#c53030"
	colorDebt  = "#1f3a5f"
	colorFCF   = "#5fb3f9"
	colorOther = "#8a99ab"
)

// seriesValues reads a series' points from the cells they name. Missing or
// non-numeric cells give ok=false points, drawn as gaps.
type pointValue struct {
	period    string
	low, high float64
	ok        bool
}

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

// newBar returns a bar chart with the options every dashboard chart shares.
func newBar(title, yName string) *charts.Bar {
	c := charts.NewBar()
	c.SetGlobalOptions(
		charts.WithTitleOpts(opts.Title{Title: title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "48", Right: "16", Top: "48", Bottom: "40", ContainLabel: opts.Bool(true)}),
		charts.WithAnimation(false),
		charts.WithYAxisOpts(opts.YAxis{Name: yName}),
	)
	return c
}

// DebtFCFOption builds the Debt & FCF chart: debt as bars, free cash flow as
// a floating bar from guidance low to high (an invisible base bar stacked
// under the visible low–high span), both in $B.
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
	debtData := make([]opts.BarData, len(periods))
	base := make([]opts.BarData, len(periods))
	span := make([]opts.BarData, len(periods))
	for i := range periods {
		debtData[i], base[i], span[i] = opts.BarData{Value: "-"}, opts.BarData{Value: "-"}, opts.BarData{Value: "-"}
	}
	for _, pv := range debt {
		if pv.ok {
			debtData[index[pv.period]] = opts.BarData{Value: billions(pv.high)}
		}
	}
	for _, pv := range fcf {
		if pv.ok {
			i := index[pv.period]
			base[i] = opts.BarData{Value: billions(pv.low)}
			span[i] = opts.BarData{Value: billions(pv.high - pv.low)}
			if pv.high == pv.low {
				span[i] = opts.BarData{Value: 0.001} // a thin mark where guidance is a single figure
			}
		}
	}
	bar := newBar("Debt & free cash flow ($B)", "$B")
	// The invisible base bar has no place in the legend.
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0", Data: []string{"Total debt", "FCF guidance range"}}))
	bar.SetXAxis(periods).
		AddSeries("Total debt", debtData, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorDebt})).
		AddSeries("FCF guidance low", base,
			charts.WithBarChartOpts(opts.BarChart{Stack: "fcf"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: "transparent"})).
		AddSeries("FCF guidance range", span,
			charts.WithBarChartOpts(opts.BarChart{Stack: "fcf"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorFCF}))
	return optionJSON(bar)
}

// MovesOption builds the watchlist-moves chart: one bar per ticker with its
// change in percent, green when up and red when down.
func MovesOption(rows []model.WatchRow) string {
	codes := make([]string, len(rows))
	data := make([]opts.BarData, len(rows))
	for i, w := range rows {
		codes[i] = w.Code
		color := colorUp
		if w.ChangePct < 0 {
			color = colorDown
		}
		data[i] = opts.BarData{Value: math.Round(w.ChangePct*100) / 100, ItemStyle: &opts.ItemStyle{Color: color}}
	}
	bar := newBar("Watchlist moves (change %)", "%")
	bar.SetXAxis(codes).AddSeries("Change %", data)
	return optionJSON(bar)
}

// RelativeOption builds the relative-performance chart from the "relative"
// series: each point's move as a percent bar.
func RelativeOption(a *model.Analysis) string {
	pts := seriesValues(a, "relative")
	names := make([]string, len(pts))
	data := make([]opts.BarData, len(pts))
	for i, pv := range pts {
		names[i] = pv.period
		data[i] = opts.BarData{Value: "-"}
		if pv.ok {
			color := colorOther
			if i == 0 {
				color = colorDebt
			}
			data[i] = opts.BarData{Value: math.Round(pv.high*10000) / 100, ItemStyle: &opts.ItemStyle{Color: color}}
		}
	}
	bar := newBar("Relative performance (%)", "%")
	bar.SetXAxis(names).AddSeries("Move %", data)
	return optionJSON(bar)
}

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
