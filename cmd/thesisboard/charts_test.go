//go:build !wasm

package main

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// chartJS defines, in the page, what the chart tests read back from a live
// ECharts instance: its option (what Go built, as ECharts holds it) and the
// texts it actually drew on its canvas, each with its box in the chart's
// pixels. The texts come from the chart's zrender display list, the one
// place that says what was painted: an option can ask for a label that
// ECharts then leaves out.
const chartJS = `window.chartOf = id => echarts.getInstanceByDom(document.getElementById(id));
window.drawnTexts = id => chartOf(id).getZr().storage.getDisplayList(true)
	.filter(e => e.style && e.style.text != null && e.style.text !== "")
	.map(e => {
		const r = e.getBoundingRect().clone();
		r.applyTransform(e.getComputedTransform());
		return {text: String(e.style.text), x: r.x, y: r.y, w: r.width, h: r.height};
	});
window.drawnFills = id => chartOf(id).getZr().storage.getDisplayList(true)
	.map(e => e.style && e.style.fill).filter(f => typeof f === "string");
window.seriesNamed = (id, name) => chartOf(id).getOption().series.find(s => s.name === name);
window.valueOf = d => d !== null && typeof d === "object" ? d.value : d;
true`

// drawnText is a text ECharts painted, with its box in the chart's pixels.
type drawnText struct {
	Text       string
	X, Y, W, H float64
}

// drawnTexts lists the texts painted on a chart's canvas.
func drawnTexts(t *testing.T, ctx context.Context, id string) []drawnText {
	t.Helper()
	return eval[[]drawnText](t, ctx, `drawnTexts("`+id+`")`)
}

func hasText(texts []drawnText, s string) bool {
	return slices.ContainsFunc(texts, func(d drawnText) bool { return d.Text == s })
}

// TestChartsReadAsAnAnalystWould opens the sample's dashboard and reads the
// three charts back from the page as an analyst would look at them: the
// $1.2–$1.4B free cash flow guidance is a band one can see and hover beside
// the $18.3B debt, every watchlist ticker has its label, the legend's
// colours are the bars', and a +1.04% bar says so.
func TestChartsReadAsAnAnalystWould(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")
	for _, id := range []string{"chart-debt-fcf", "chart-moves", "chart-relative"} {
		waitFor(t, ctx, id+" drawn", `echarts.getInstanceByDom(document.getElementById("`+id+`")).getOption().series.length > 0`)
	}
	eval[bool](t, ctx, chartJS)

	t.Run("FCF guidance range", func(t *testing.T) {
		const id = "chart-debt-fcf"
		low := eval[float64](t, ctx, `valueOf(seriesNamed("`+id+`", "FCF guidance low").data[0])`)
		span := eval[float64](t, ctx, `valueOf(seriesNamed("`+id+`", "FCF guidance range").data[0])`)
		if low != 1.2 || low+span < 1.4-1e-9 || low+span > 1.4+1e-9 {
			t.Errorf("FCF drawn from %v to %v, want 1.2 to 1.4", low, low+span)
		}
		if debt := eval[float64](t, ctx, `valueOf(seriesNamed("`+id+`", "Total debt").data[0])`); debt != 18.3 {
			t.Errorf("debt bar = %v, want 18.3", debt)
		}
		// Drawn on its own scale: the band ECharts laid out is tall enough
		// to see, where on the debt's axis 1.2 to 1.4 would be a pixel or two.
		band := eval[[]float64](t, ctx, `(() => {
			const c = chartOf("`+id+`");
			const r = c.getModel().getSeriesByName("FCF guidance range")[0].getData().getItemLayout(0);
			const onDebtAxis = c.convertToPixel({yAxisIndex: 0}, 1.2) - c.convertToPixel({yAxisIndex: 0}, 1.4);
			return [r.x + r.width / 2, r.y + r.height / 2, Math.abs(r.height), r.width, onDebtAxis];
		})()`)
		if band[2] < 12 || band[3] < 8 {
			t.Errorf("the guidance band is %.1f×%.1f px, want at least 8 wide and 12 tall (on the debt axis it would be %.1f px tall)", band[3], band[2], band[4])
		}
		if texts := drawnTexts(t, ctx, id); !hasText(texts, "$1.2–$1.4B") || !hasText(texts, "$18.3B") {
			t.Errorf("chart texts = %v, want $1.2–$1.4B and $18.3B on the bars", texts)
		}

		// Hover the band, as a person checks a figure.
		eval[bool](t, ctx, `document.getElementById("`+id+`").scrollIntoView({block: "center"}), true`)
		at := eval[[]float64](t, ctx, `(() => { const r = document.getElementById("`+id+`").getBoundingClientRect(); return [r.x, r.y] })()`)
		if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, at[0]+band[0], at[1]+band[1])); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the guidance tooltip", `Array.from(document.querySelectorAll("#`+id+` div")).some(d => d.textContent.includes("Free cash flow guidance, 2025: $1.2–$1.4B") && getComputedStyle(d).display !== "none")`)
	})

	t.Run("every ticker labelled", func(t *testing.T) {
		const id = "chart-moves"
		codes := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("tr.watchrow")).map(r => r.dataset.code)`)
		axis := eval[[]string](t, ctx, `chartOf("`+id+`").getOption().yAxis[0].data`)
		if len(codes) != 10 || !slices.Equal(axis, codes) {
			t.Errorf("chart tickers %v, watchlist %v", axis, codes)
		}
		if iv := eval[string](t, ctx, `String(chartOf("`+id+`").getOption().yAxis[0].axisLabel.interval)`); iv != "0" {
			t.Errorf("ticker labels interval %s, want 0 (every one)", iv)
		}
		texts := drawnTexts(t, ctx, id)
		var labels []drawnText
		for _, c := range codes {
			i := slices.IndexFunc(texts, func(d drawnText) bool { return d.Text == c })
			if i < 0 {
				t.Errorf("ticker %s has no label on the chart", c)
				continue
			}
			labels = append(labels, texts[i])
		}
		for i := 1; i < len(labels); i++ {
			if a, b := labels[i-1], labels[i]; b.Y < a.Y+a.H && a.Y < b.Y+b.H && b.X < a.X+a.W && a.X < b.X+b.W {
				t.Errorf("labels %s and %s overlap: %+v %+v", a.Text, b.Text, a, b)
			}
		}
		for _, v := range []string{"+3.06%", "-0.32%", "-2.74%"} {
			if !hasText(texts, v) {
				t.Errorf("no %s on the moves chart: %v", v, texts)
			}
		}
	})

	t.Run("legend colours are the bars'", func(t *testing.T) {
		const id = "chart-moves"
		legend := eval[[]string](t, ctx, `(chartOf("`+id+`").getOption().legend[0].data || []).map(d => typeof d === "string" ? d : d.name)`)
		if !slices.Equal(legend, []string{"Up", "Down"}) {
			t.Fatalf("legend = %v, want Up and Down", legend)
		}
		// Each legend entry's series is one colour (no bar of its own
		// colour), green for rises and red for falls, and those are the
		// only bar colours painted: no palette colour for a legend swatch
		// that matches no bar.
		colors := eval[[]string](t, ctx, `["Up", "Down"].map(n => {
			const s = seriesNamed("`+id+`", n);
			return s.data.some(d => d && d.itemStyle && d.itemStyle.color) ? "per-bar colours" : s.itemStyle.color;
		})`)
		if colors[0] != "#1a8f4c" || colors[1] != "#c53030" {
			t.Errorf("Up and Down colours = %v, want green and red", colors)
		}
		for _, id := range []string{"chart-moves", "chart-relative", "chart-debt-fcf"} {
			if fills := eval[[]string](t, ctx, `drawnFills("`+id+`")`); slices.Contains(fills, "#5470c6") {
				t.Errorf("%s paints ECharts' default palette blue, a colour no bar has: %v", id, fills)
			}
		}
		if texts := drawnTexts(t, ctx, "chart-relative"); hasText(texts, "Move %") {
			t.Errorf("the relative chart has a one-colour legend for two colours of bars: %v", texts)
		}
	})

	t.Run("small bars carry their figure", func(t *testing.T) {
		texts := drawnTexts(t, ctx, "chart-relative")
		for _, v := range []string{"+93.05%", "+1.04%"} {
			if !hasText(texts, v) {
				t.Errorf("no %s on the relative chart: %v", v, texts)
			}
		}
		for _, v := range []string{"LUMN", "S&P 500"} {
			if !hasText(texts, v) {
				t.Errorf("no %s label on the relative chart", v)
			}
		}
	})

	// No option carries JavaScript: every formatter is a template.
	for _, id := range []string{"chart-debt-fcf", "chart-moves", "chart-relative"} {
		if js := eval[string](t, ctx, `JSON.stringify(chartOf("`+id+`").getOption())`); strings.Contains(js, "function") || strings.Contains(js, "=>") {
			t.Errorf("%s option holds JavaScript", id)
		}
	}
}
