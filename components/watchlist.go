package components

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// watchColumns are the watchlist's columns, those of the research report's
// ticker table, each with how to compare two rows by it.
var watchColumns = []struct {
	title   string
	numeric bool
	cmp     func(a, b model.WatchRow) int
}{
	{"Code", false, func(a, b model.WatchRow) int { return cmp.Compare(a.Code, b.Code) }},
	{"Stock code", false, func(a, b model.WatchRow) int { return cmp.Compare(a.StockCode, b.StockCode) }},
	{"Name", false, func(a, b model.WatchRow) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }},
	{"Last price", true, func(a, b model.WatchRow) int { return cmp.Compare(a.LastPrice, b.LastPrice) }},
	{"Change %", true, func(a, b model.WatchRow) int { return cmp.Compare(a.ChangePct, b.ChangePct) }},
	{"Theme", false, func(a, b model.WatchRow) int { return cmp.Compare(a.Theme, b.Theme) }},
	{"Inclusion reason", false, func(a, b model.WatchRow) int { return cmp.Compare(a.Reason, b.Reason) }},
	{"Market", false, func(a, b model.WatchRow) int { return cmp.Compare(a.MarketCode, b.MarketCode) }},
}

// Watchlist is the sortable table of related tickers. A click on a heading
// sorts by that column, a second click reverses it; rows are added and
// removed through ops.
type Watchlist struct {
	app.Compo
	Rows []model.WatchRow

	sortInit bool // false keeps the analysis's own order
	sortCol  int
	desc     bool
	add      model.WatchRow
	addPrice string
	addChg   string
	addErr   string
}

func (w *Watchlist) sorted() []model.WatchRow {
	rows := slices.Clone(w.Rows)
	if !w.sortInit || w.sortCol < 0 {
		return rows
	}
	by := watchColumns[w.sortCol].cmp
	slices.SortStableFunc(rows, func(a, b model.WatchRow) int {
		if w.desc {
			return by(b, a)
		}
		return by(a, b)
	})
	return rows
}

func (w *Watchlist) onSort(col int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if w.sortInit && w.sortCol == col {
			w.desc = !w.desc
			return
		}
		w.sortInit, w.sortCol, w.desc = true, col, false
	}
}

// Render draws the table and the add form.
func (w *Watchlist) Render() app.UI {
	rows := w.sorted()
	return app.Div().Class("card").ID("watchlist").Body(
		app.H2().Text("Watchlist"),
		app.Table().Class("watch").Body(
			app.THead().Body(app.Tr().Body(
				app.Range(watchColumns).Slice(func(i int) app.UI {
					cls := ""
					if w.sortInit && w.sortCol == i {
						cls = "sorted"
						if w.desc {
							cls += " desc"
						}
					}
					return app.Th().Class(cls).ID("watch-sort-" + strconv.Itoa(i)).Text(watchColumns[i].title).OnClick(w.onSort(i))
				}),
				app.Th(),
			)),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI { return w.renderRow(rows[i]) })),
		),
		w.renderAdd(),
	)
}

func (w *Watchlist) renderRow(r model.WatchRow) app.UI {
	dir := "up"
	sign := "+"
	if r.ChangePct < 0 {
		dir, sign = "down", ""
	}
	return app.Tr().Class("watchrow").DataSet("code", r.Code).Body(
		app.Td().Class("code").Body(app.Strong().Text(r.Code)),
		app.Td().Text(r.StockCode),
		app.Td().Text(r.Name),
		app.Td().Class("num").Text(strconv.FormatFloat(r.LastPrice, 'f', -1, 64)),
		app.Td().Class("num "+dir).Text(sign+strconv.FormatFloat(r.ChangePct, 'f', 2, 64)+"%"),
		app.Td().Text(r.Theme),
		app.Td().Text(r.Reason),
		app.Td().Text(r.MarketCode),
		app.Td().Body(app.Button().Title("Remove "+r.Code).Text("×").OnClick(func(ctx app.Context, e app.Event) {
			sendOp(ctx, model.Op{Kind: model.OpRemoveWatch, Code: r.Code})
		}, app.EventScope(r.Code))),
	)
}

func (w *Watchlist) renderAdd() app.UI {
	field := func(id, placeholder, value string, set func(string)) app.UI {
		return app.Input().ID(id).Placeholder(placeholder).Value(value).
			OnInput(func(ctx app.Context, e app.Event) { set(ctx.JSSrc().Get("value").String()) })
	}
	return app.Div().Class("watchadd").Body(
		field("watch-add-code", "Code", w.add.Code, func(s string) { w.add.Code = s }),
		field("watch-add-name", "Name", w.add.Name, func(s string) { w.add.Name = s }),
		field("watch-add-price", "Last price", w.addPrice, func(s string) { w.addPrice = s }),
		field("watch-add-change", "Change %", w.addChg, func(s string) { w.addChg = s }),
		app.Button().ID("watch-add").Text("Add ticker").OnClick(w.onAdd),
		app.If(w.addErr != "", func() app.UI { return app.Span().Class("error").Text(w.addErr) }),
	)
}

func (w *Watchlist) onAdd(ctx app.Context, e app.Event) {
	row := w.add
	var err error
	if strings.TrimSpace(w.addPrice) != "" {
		if row.LastPrice, err = strconv.ParseFloat(strings.TrimSpace(w.addPrice), 64); err != nil {
			w.addErr = "Last price must be a number."
			return
		}
	}
	if s := strings.TrimSuffix(strings.TrimSpace(w.addChg), "%"); s != "" {
		if row.ChangePct, err = strconv.ParseFloat(s, 64); err != nil {
			w.addErr = "Change % must be a number."
			return
		}
	}
	if strings.TrimSpace(row.Code) == "" {
		w.addErr = "Enter a ticker code."
		return
	}
	w.addErr = ""
	w.add, w.addPrice, w.addChg = model.WatchRow{}, "", ""
	// go-app sets the value attribute, which no longer shows once a person
	// has typed in the box, so the boxes are emptied directly.
	for _, id := range []string{"watch-add-code", "watch-add-name", "watch-add-price", "watch-add-change"} {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Set("value", "")
		}
	}
	sendOp(ctx, model.Op{Kind: model.OpAddWatch, Watch: &row})
}
