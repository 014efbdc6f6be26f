package components

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"thesisboard/app/model"
	"thesisboard/app/sample"
)

// label is a text ECharts draws on a bar: shown or not, where, and its
// template.
type label struct {
	Show      bool   `json:"show"`
	Position  string `json:"position"`
	Formatter string `json:"formatter"`
}

// tooltip is what hovering an item or series shows.
type tooltip struct {
	Show      *bool  `json:"show"`
	Trigger   string `json:"trigger"`
	Formatter string `json:"formatter"`
}

type axis struct {
	Type      string `json:"type"`
	Name      string `json:"name"`
	Position  string `json:"position"`
	Inverse   bool   `json:"inverse"`
	Data      []string
	Min, Max  any
	AxisLabel struct {
		Interval  any    `json:"interval"`
		Rotate    any    `json:"rotate"`
		Formatter string `json:"formatter"`
	} `json:"axisLabel"`
}

type series struct {
	Name       string   `json:"name"`
	Stack      string   `json:"stack"`
	YAxisIndex int      `json:"yAxisIndex"`
	Label      *label   `json:"label"`
	Tooltip    *tooltip `json:"tooltip"`
	ItemStyle  *struct {
		Color string `json:"color"`
	} `json:"itemStyle"`
	Data []struct {
		Value     any `json:"value"`
		ItemStyle *struct {
			Color string `json:"color"`
		} `json:"itemStyle"`
		Label   *label   `json:"label"`
		Tooltip *tooltip `json:"tooltip"`
	} `json:"data"`
}

type option struct {
	Grid   []map[string]any `json:"grid"`
	XAxis  []axis           `json:"xAxis"`
	YAxis  []axis           `json:"yAxis"`
	Series []series         `json:"series"`
	Legend struct {
		Show *bool    `json:"show"`
		Data []string `json:"data"`
	} `json:"legend"`
	Tooltip  tooltip          `json:"tooltip"`
	DataZoom []map[string]any `json:"dataZoom"`
}

// find returns the series named name.
func (o option) find(t *testing.T, name string) series {
	t.Helper()
	for _, s := range o.Series {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no series %q in %+v", name, o.Series)
	return series{}
}

func parse(t *testing.T, s string) option {
	t.Helper()
	var o option
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, s)
	}
	// Formatters are templates ECharts fills in, never JavaScript: a
	// function in the JSON would be a string ECharts prints as it is.
	if strings.Contains(s, "function") || strings.Contains(s, "=>") || strings.Contains(s, "__f__") {
		t.Errorf("option holds JavaScript: %s", s)
	}
	if len(o.Grid) != 1 {
		t.Errorf("%d grids, want 1 (each grid is a plot area of its own)", len(o.Grid))
	}
	return o
}

func TestDebtFCFOptionFollowsCells(t *testing.T) {
	a := sample.Lumen(time.Now())
	o := parse(t, DebtFCFOption(a))
	if len(o.Series) != 3 || o.Series[0].Name != seriesDebt || o.Series[0].Data[0].Value != 18.3 {
		t.Fatalf("series = %+v", o.Series)
	}
	if err := model.Apply(a, model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B2", Input: "17.9"}); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, DebtFCFOption(a)).Series[0].Data[0].Value; got != 17.9 {
		t.Errorf("debt after edit = %v, want 17.9", got)
	}
}

// The $1.2–$1.4B guidance is drawn on an axis of its own, as a band from
// 1.2 to 1.4 that says "$1.2–$1.4B" on it and on hover; the transparent base
// under it neither shows a tooltip nor sits in the legend.
func TestDebtFCFOptionDrawsGuidanceRange(t *testing.T) {
	o := parse(t, DebtFCFOption(sample.Lumen(time.Now())))
	if len(o.YAxis) != 2 || o.YAxis[1].Position != "right" {
		t.Fatalf("y axes = %+v, want debt's and free cash flow's", o.YAxis)
	}
	if o.Series[0].YAxisIndex != 0 || o.Series[0].Label == nil || !o.Series[0].Label.Show {
		t.Errorf("debt bar = %+v, want on the left axis with its figure", o.Series[0])
	}
	base, span := o.find(t, seriesFCFBase), o.find(t, seriesFCFRange)
	if base.YAxisIndex != 1 || span.YAxisIndex != 1 || base.Stack != "fcf" || span.Stack != "fcf" {
		t.Errorf("FCF bars on axis %d/%d stacks %q/%q, want both stacked on axis 1", base.YAxisIndex, span.YAxisIndex, base.Stack, span.Stack)
	}
	if base.Data[0].Value != 1.2 || span.Data[0].Value != 0.2 {
		t.Errorf("FCF range drawn as base %v + span %v, want 1.2 + 0.2", base.Data[0].Value, span.Data[0].Value)
	}
	if base.ItemStyle == nil || base.ItemStyle.Color != "transparent" || base.Data[0].Tooltip == nil || *base.Data[0].Tooltip.Show {
		t.Errorf("base = %+v, want transparent and without tooltip", base)
	}
	d := span.Data[0]
	if d.Label == nil || !d.Label.Show || d.Label.Formatter != "$1.2–$1.4B" {
		t.Errorf("range label = %+v, want $1.2–$1.4B shown", d.Label)
	}
	if d.Tooltip == nil || !strings.HasSuffix(d.Tooltip.Formatter, ": $1.2–$1.4B") {
		t.Errorf("range tooltip = %+v, want it to end in $1.2–$1.4B", d.Tooltip)
	}
	if o.Tooltip.Trigger != "item" {
		t.Errorf("tooltip trigger %q: an axis tooltip would list the base and the span's 0.2", o.Tooltip.Trigger)
	}
	if !slices.Equal(o.Legend.Data, []string{seriesDebt, seriesFCFRange}) {
		t.Errorf("legend = %v", o.Legend.Data)
	}
	if o.XAxis[0].AxisLabel.Interval != "0" {
		t.Errorf("period labels interval = %v, want every one", o.XAxis[0].AxisLabel.Interval)
	}
}

// A guidance range of either sign, or across zero, is drawn from its low to
// its high end given the way ECharts stacks negatives apart from positives.
func TestFCFBand(t *testing.T) {
	for _, c := range []struct {
		low, high  float64
		base, span any
		drawBase   bool
		text       string
	}{
		{1.2, 1.4, 1.2, 0.2, false, "$1.2–$1.4B"},
		{-0.5, -0.2, -0.2, -0.3, false, "-$0.5–-$0.2B"},
		{-0.2, 0.4, -0.2, 0.4, true, "-$0.2–$0.4B"},
		{1.3, 1.3, "-", 1.3, false, "$1.3B"},
	} {
		base, span := fcfBand(c.low, c.high)
		if base.Value != c.base || span.Value != c.span {
			t.Errorf("%v–%v: base %v span %v, want %v and %v", c.low, c.high, base.Value, span.Value, c.base, c.span)
		}
		if drawn := base.ItemStyle != nil && base.ItemStyle.Color == colorFCF; drawn != c.drawBase {
			t.Errorf("%v–%v: base drawn %v, want %v", c.low, c.high, drawn, c.drawBase)
		}
		if span.Label.Formatter != c.text {
			t.Errorf("%v–%v: label %q, want %q", c.low, c.high, span.Label.Formatter, c.text)
		}
	}
}

// Every ticker has a label (horizontal bars, no label skipped or rotated),
// rises and falls are two series so the legend's green and red are the
// bars', and every bar carries its figure.
func TestMovesOption(t *testing.T) {
	rows := sample.Lumen(time.Now()).Watchlist
	o := parse(t, MovesOption(rows))
	y := o.YAxis[0]
	want := make([]string, len(rows))
	for i, r := range rows {
		want[i] = r.Code
	}
	if y.Type != "category" || !y.Inverse || !slices.Equal(y.Data, want) {
		t.Errorf("y axis = %+v, want the tickers top to bottom in watchlist order", y)
	}
	if y.AxisLabel.Interval != "0" || y.AxisLabel.Rotate != nil {
		t.Errorf("ticker labels interval %v rotate %v, want every one, level", y.AxisLabel.Interval, y.AxisLabel.Rotate)
	}
	if o.XAxis[0].Type != "value" || o.XAxis[0].AxisLabel.Formatter != "{value}%" {
		t.Errorf("x axis = %+v", o.XAxis[0])
	}
	up, down := o.find(t, seriesUp), o.find(t, seriesDown)
	if up.ItemStyle.Color != colorUp || down.ItemStyle.Color != colorDown {
		t.Errorf("colours up %s down %s", up.ItemStyle.Color, down.ItemStyle.Color)
	}
	if !slices.Equal(o.Legend.Data, []string{seriesUp, seriesDown}) {
		t.Errorf("legend = %v", o.Legend.Data)
	}
	if up.Data[0].Value != 3.06 || up.Data[9].Value != "-" || down.Data[9].Value != -2.74 || down.Data[0].Value != "-" {
		t.Errorf("CANG up %v down %v, MSTR up %v down %v", up.Data[0].Value, down.Data[0].Value, up.Data[9].Value, down.Data[9].Value)
	}
	if !up.Label.Show || up.Label.Formatter != "+{c}%" || !down.Label.Show || down.Label.Formatter != "{c}%" || down.Label.Position != "left" {
		t.Errorf("labels up %+v down %+v", up.Label, down.Label)
	}
	// The axis runs past the longest bars, so "+3.06%" and "-2.74%" fit.
	if o.XAxis[0].Min != -5.0 || o.XAxis[0].Max != 5.0 {
		t.Errorf("x axis from %v to %v, want -5 to 5", o.XAxis[0].Min, o.XAxis[0].Max)
	}
	if len(o.DataZoom) != 0 {
		t.Errorf("ten tickers scroll: %v", o.DataZoom)
	}
}

// A long watchlist scrolls through the chart a dozen tickers at a time
// rather than printing forty labels over each other.
func TestMovesOptionScrollsLongList(t *testing.T) {
	var rows []model.WatchRow
	for i := range 40 {
		rows = append(rows, model.WatchRow{Code: "T" + string(rune('A'+i%26)) + string(rune('A'+i/26)), ChangePct: float64(i) - 20})
	}
	o := parse(t, MovesOption(rows))
	if len(o.YAxis[0].Data) != 40 || o.YAxis[0].AxisLabel.Interval != "0" {
		t.Fatalf("y axis = %+v", o.YAxis[0])
	}
	if len(o.DataZoom) != 1 || o.DataZoom[0]["yAxisIndex"] != 0.0 || o.DataZoom[0]["end"] != 30.0 {
		t.Errorf("dataZoom = %v, want a slider over the tickers showing 12 of 40", o.DataZoom)
	}
}

// LUMN's +93.05% and the S&P 500's +1.04% both carry their figure, and no
// legend shows one colour for the two colours of bars.
func TestRelativeOption(t *testing.T) {
	o := parse(t, RelativeOption(sample.Lumen(time.Now())))
	d := o.Series[0].Data
	if o.XAxis[0].Data[0] != "LUMN" || d[0].Value != 93.05 || d[1].Value != 1.04 {
		t.Fatalf("relative = %+v %+v", o.XAxis, o.Series)
	}
	for i, want := range []string{colorDebt, colorOther} {
		if d[i].ItemStyle.Color != want {
			t.Errorf("bar %d colour %s, want %s", i, d[i].ItemStyle.Color, want)
		}
		if d[i].Label == nil || !d[i].Label.Show || d[i].Label.Formatter != "+{c}%" || d[i].Label.Position != "top" {
			t.Errorf("bar %d label = %+v, want +{c}%% on top", i, d[i].Label)
		}
	}
	if o.Legend.Show == nil || *o.Legend.Show {
		t.Errorf("legend shown: %+v", o.Legend)
	}
	if o.XAxis[0].AxisLabel.Interval != "0" {
		t.Errorf("name labels interval = %v", o.XAxis[0].AxisLabel.Interval)
	}
	if o.YAxis[0].Max != 120.0 {
		t.Errorf("y axis max %v, want 120: room above 93.05 for its label", o.YAxis[0].Max)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{4.59, 5}, {107, 120}, {0.39, 0.4}, {1, 1}, {8.1, 10}, {0, 1},
	} {
		if got := niceCeil(c.in); got != c.want {
			t.Errorf("niceCeil(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
