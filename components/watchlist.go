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
// removed through ops. Like the grids, it draws only the rows in view (see
// rowWindow), so a list of 100,000 tickers scrolls as lightly as ten.
type Watchlist struct {
	app.Compo
	Rows []model.WatchRow

	rowWindow
	sortInit bool // false keeps the analysis's own order
	sortCol  int
	desc     bool
	order    sortedRows
	listen   listeners
	add      model.WatchRow
	addPrice string
	addChg   string
	addErr   string
}

// sortedRows is the watchlist in the order shown, kept between renders: a
// scroll redraws the table, and sorting 100,000 rows each time would not do.
type sortedRows struct {
	rows       []model.WatchRow
	of         []model.WatchRow // the Rows they were sorted from
	col        int
	desc, init bool
}

func (w *Watchlist) sorted() []model.WatchRow {
	o := &w.order
	if o.rows != nil && len(o.of) == len(w.Rows) && (len(w.Rows) == 0 || &o.of[0] == &w.Rows[0]) &&
		o.col == w.sortCol && o.desc == w.desc && o.init == w.sortInit {
		return o.rows
	}
	rows := slices.Clone(w.Rows)
	if w.sortInit && w.sortCol >= 0 {
		by := watchColumns[w.sortCol].cmp
		slices.SortStableFunc(rows, func(a, b model.WatchRow) int {
			if w.desc {
				return by(b, a)
			}
			return by(a, b)
		})
	}
	*o = sortedRows{rows: rows, of: w.Rows, col: w.sortCol, desc: w.desc, init: w.sortInit}
	return rows
}

// onSort sorts by column col: a first click ascending, a second descending,
// a third back to the list's own order.
func (w *Watchlist) onSort(col int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		switch {
		case !w.sortInit || w.sortCol != col:
			w.sortInit, w.sortCol, w.desc = true, col, false
		case !w.desc:
			w.desc = true
		default:
			w.sortInit, w.desc = false, false
		}
	}
}

// Render draws the table (the rows in view) and the add form.
func (w *Watchlist) Render() app.UI {
	rows := w.sorted()
	first, last := w.bounds(len(rows))
	cols := len(watchColumns) + 1
	return app.Div().Class("card").ID("watchlist").Body(
		app.H2().Text("Watchlist"),
		app.Div().Class("watchscroll").ID("watch-scroll").Body(app.Table().Class("watch").Body(
			app.THead().Body(app.Tr().Body(
				app.Range(watchColumns).Slice(func(i int) app.UI {
					cls, order := "", "none"
					if w.sortInit && w.sortCol == i {
						cls, order = "sorted", "ascending"
						if w.desc {
							cls, order = "sorted desc", "descending"
						}
					}
					// A button in the heading: Tab reaches it, Enter sorts.
					return app.Th().Class(cls).Aria("sort", order).Body(
						app.Button().Type("button").Class("sort").ID("watch-sort-" + strconv.Itoa(i)).
							Title("Sort by " + watchColumns[i].title).Text(watchColumns[i].title).OnClick(w.onSort(i)),
					)
				}),
				app.Th().Body(hidden("Remove")),
			)),
			app.TBody().Body(
				app.If(first > 0, func() app.UI { return w.spacer(first, cols) }),
				app.Range(rows[first:last]).Slice(func(i int) app.UI { return w.renderRow(first+i, rows[first+i]) }),
				app.If(last < len(rows), func() app.UI { return w.spacer(len(rows)-last, cols) }),
			),
		)),
		w.renderAdd(),
	)
}

// OnMount follows the table's scrolling, to draw the rows that come into
// view, and measures a row for the spacers.
func (w *Watchlist) OnMount(ctx app.Context) {
	box := app.Window().GetElementByID("watch-scroll")
	if !box.Truthy() {
		return
	}
	w.listen.on(box, "scroll", func(e app.Value) {
		top := box.Get("scrollTop").Float()
		ctx.Dispatch(func(ctx app.Context) { w.scrolled(ctx, top) })
	}, false)
	w.measure(ctx, func() string {
		first, _ := w.bounds(len(w.Rows))
		return "watch-row-" + strconv.Itoa(first)
	})
}

// OnDismount stops following the scrolling.
func (w *Watchlist) OnDismount() { w.listen.removeAll() }

func (w *Watchlist) renderRow(i int, r model.WatchRow) app.UI {
	dir := "up"
	sign := "+"
	if r.ChangePct < 0 {
		dir, sign = "down", ""
	}
	return app.Tr().Class("watchrow").ID("watch-row-"+strconv.Itoa(i)).DataSet("code", r.Code).Body(
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
