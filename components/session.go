package components

import (
	"math/rand/v2"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/client"
)

// sessionID names this tab in the op log, so history can say which session
// made an edit.
var sessionID = "tab-" + strconv.FormatUint(rand.Uint64(), 36)

// apiClient returns a client for the server that served the page.
func apiClient() *client.Client {
	u := app.Window().URL()
	return client.New(u.Scheme+"://"+u.Host, sessionID)
}

// markReady sets data-ready on <body> once a page has its data drawn, and
// records when (window.thesisboardReadyAt, in ms since navigation start), so
// the browser tests and the load benchmark can tell when it is interactive.
func markReady(ctx app.Context, page string) {
	ctx.Defer(func(ctx app.Context) {
		w := app.Window()
		if w.Get("thesisboardReadyAt").IsUndefined() {
			w.Set("thesisboardReadyAt", w.Get("performance").Call("now"))
		}
		w.Get("document").Get("body").Call("setAttribute", "data-ready", page)
	})
}
