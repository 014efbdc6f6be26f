package components

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// rowWindow draws a long table in a scrolled box: windowRows rows from top,
// with spacers of the measured row height standing for the rows above and
// below, so a 100,000-row sheet or watchlist keeps about a hundred rows in
// the DOM and the scroll bar still maps to every row. The grids and the
// watchlist embed one.
type rowWindow struct {
	top   int     // the first row drawn
	rowPx float64 // a drawn row's height, measured
}

// windowRows is how many rows a window draws.
const windowRows = 80

// bounds is the range of rows to draw out of rows.
func (w *rowWindow) bounds(rows int) (first, last int) {
	first = min(max(w.top, 0), max(rows-windowRows, 0))
	return first, min(first+windowRows, rows)
}

// spacer stands for n rows that are not drawn, in a table of cols columns.
func (w *rowWindow) spacer(n, cols int) app.UI {
	h := strconv.FormatFloat(float64(n)*w.rowHeight(), 'f', 1, 64) + "px"
	return app.Tr().Class("spacer").Body(app.Td().ColSpan(cols).Style("height", h))
}

// rowHeight is a drawn row's height in pixels, measured once mounted.
func (w *rowWindow) rowHeight() float64 {
	if w.rowPx > 0 {
		return w.rowPx
	}
	return 29
}

// measure reads the height of the drawn row holding element id, once the DOM
// is drawn; the spacers use it so the scroll bar maps to rows exactly.
func (w *rowWindow) measure(ctx app.Context, id func() string) {
	ctx.Defer(func(ctx app.Context) {
		el := app.Window().GetElementByID(id())
		if !el.Truthy() {
			return
		}
		row := el.Call("closest", "tr")
		if h := row.Call("getBoundingClientRect").Get("height").Float(); h > 0 && math.Abs(h-w.rowHeight()) > 0.25 {
			w.rowPx = h
			ctx.Dispatch(nil) // draw the spacers again at the right height
		}
	})
}

// scrolled moves the window when the box has scrolled near its edge, and
// skips the redraw otherwise.
func (w *rowWindow) scrolled(ctx app.Context, scrollTop float64) {
	top := int(scrollTop/w.rowHeight()) - windowRows/4
	if abs(top-w.top) >= windowRows/4 {
		w.top = max(top, 0)
	} else {
		ctx.PreventUpdate()
	}
}

// show moves the window so that row r is drawn.
func (w *rowWindow) show(r, rows int) {
	if first, last := w.bounds(rows); r < first || r >= last {
		w.top = r - windowRows/2
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// listeners are DOM event listeners a component adds itself, in OnMount, for
// what go-app's handlers cannot do (act inside the browser's event call,
// listen to scroll), removed in OnDismount.
type listeners []listener

type listener struct {
	target  app.Value
	event   string
	fn      app.Func
	capture bool
}

func (ls *listeners) on(target app.Value, event string, fn func(e app.Value), capture bool) {
	f := app.FuncOf(func(this app.Value, args []app.Value) any {
		fn(args[0])
		return nil
	})
	target.Call("addEventListener", event, f, capture)
	*ls = append(*ls, listener{target: target, event: event, fn: f, capture: capture})
}

func (ls *listeners) removeAll() {
	for _, l := range *ls {
		l.target.Call("removeEventListener", l.event, l.fn, l.capture)
		l.fn.Release()
	}
	*ls = nil
}
