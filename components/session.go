package components

import (
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/client"
)

// session names this tab in the op log, so history can say which session
// made an edit and the server can tell a tab's own earlier edits from
// others'. It is kept in the tab's sessionStorage: after a reload the tab is
// the same session, and edits kept from before the reload are its own.
var session = sync.OnceValue(func() string {
	const key = "thesisboard/session"
	store := app.Window().Get("sessionStorage")
	if store.Truthy() {
		if v := store.Call("getItem", key); v.Truthy() {
			return v.String()
		}
	}
	id := "tab-" + strconv.FormatUint(rand.Uint64(), 36)
	if store.Truthy() {
		store.Call("setItem", key, id)
	}
	return id
})

// apiClient returns a client for the server that served the page.
func apiClient() *client.Client {
	u := app.Window().URL()
	return client.New(u.Scheme+"://"+u.Host, session())
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
