//go:build !wasm

package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"
)

const debtCell = "#cell-financial-health-B2"

// debtChartJS reads the debt bar's value back from the live echarts instance.
const debtChartJS = `echarts.getInstanceByDom(document.getElementById("chart-debt-fcf")).getOption().series[0].data[0].value`

// TestDashboardEndToEnd is the first slice as a person meets it: the page
// loads with the sample, an edit redraws the chart, survives a reload and is
// in the downloaded workbook.
func TestDashboardEndToEnd(t *testing.T) {
	m := startMain(t)
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	openDashboard(t, ctx, m.URL()+"/a/1")

	if got := eval[string](t, ctx, `document.getElementById("thesis-verdict").textContent`); got != "Yes" {
		t.Errorf("verdict = %q, want Yes", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("`+debtCell+`").textContent`); !strings.HasPrefix(got, "$18.3B") {
		t.Errorf("debt cell shows %q, want $18.3B", got)
	}
	codes := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("tr.watchrow")).map(r => r.dataset.code)`)
	want := []string{"CANG", "BTCM", "CAN", "COIN", "HUT", "RIOT", "BTDR", "BTBT", "FLD", "MSTR"}
	if !slices.Equal(codes, want) {
		t.Errorf("watchlist = %v, want %v", codes, want)
	}
	for _, id := range []string{"chart-debt-fcf", "chart-moves"} {
		if !eval[bool](t, ctx, `document.querySelector("#`+id+` canvas") !== null && document.querySelector("#`+id+` canvas").width > 0`) {
			t.Errorf("chart %s drew no canvas", id)
		}
	}
	if got := eval[float64](t, ctx, debtChartJS); got != 18.3 {
		t.Errorf("debt chart starts at %v, want 18.3", got)
	}

	// Edit the debt cell the way a person does: click, type, Enter.
	if err := chromedp.Do(ctx,
		click(debtCell),
		typeKeys("17.9"),
		typeKeys(kb.Enter),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the edit to be saved", `document.getElementById("savestate").dataset.state === "saved" && document.querySelector("`+debtCell+`").textContent.startsWith("$17.9B")`)
	if got := eval[float64](t, ctx, debtChartJS); got != 17.9 {
		t.Errorf("debt chart after edit = %v, want 17.9", got)
	}
	// The source is not credited with the edit: the cell says it was
	// edited and what the source said.
	if got := eval[string](t, ctx, `(() => { const s = document.querySelector("`+debtCell+` sup.src"); return s.className + "|" + s.title })()`); !strings.Contains(got, "edited|") || !strings.Contains(got, "the source said $18.3B") {
		t.Errorf("the edited debt cell's source mark: %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("#grid-financial-health td.selected").id`); got != "cell-financial-health-B3" {
		t.Errorf("after Enter the selection is %q, want the cell below", got)
	}

	// A reload reads the analysis back from the server.
	eval[bool](t, ctx, `document.body.removeAttribute("data-ready"), true`)
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the dashboard after reload", `document.body.dataset.ready === "dashboard"`)
	if got := eval[string](t, ctx, `document.querySelector("`+debtCell+`").textContent`); !strings.HasPrefix(got, "$17.9B") {
		t.Errorf("after reload the debt cell shows %q, want $17.9B", got)
	}
	if got := eval[float64](t, ctx, debtChartJS); got != 17.9 {
		t.Errorf("after reload the debt chart = %v, want 17.9", got)
	}

	// Download Excel, clicked, gives a workbook holding the edit, and the
	// page stays where it was.
	name, body := download(t, ctx, "#export")
	if want := "LUMN - Lumen - fiber for the AI build-out.xlsx"; name != want {
		t.Errorf("the workbook downloads as %q, want %q", name, want)
	}
	if path := eval[string](t, ctx, `location.pathname`); path != "/a/1" {
		t.Errorf("after the download the page is at %s, want /a/1", path)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the downloaded %s is not a workbook: %v", name, err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Financial health", "B2", excelize.Options{RawCellValue: true}); v != "17900000000" {
		t.Errorf("workbook debt = %q, want 17900000000", v)
	}
}
