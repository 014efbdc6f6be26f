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
// the same session, and edits kept from before the reload are its own. A
// duplicated tab starts with a copy of it; claimSession gives that one a
// session of its own.
func session() string {
	tab.Lock()
	defer tab.Unlock()
	if tab.session == "" {
		if store := sessionStore(); store.Truthy() {
			if v := store.Call("getItem", sessionKey); v.Truthy() {
				tab.session = v.String()
				return tab.session
			}
		}
		tab.session = newSession()
	}
	return tab.session
}

// tab is this page's session and its claim on it (see claimSession).
var tab struct {
	sync.Mutex
	session           string
	claiming, claimed bool
	waiting           []func() // called once the claim is settled
}

const (
	sessionKey = "thesisboard/session"  // in sessionStorage
	lockPrefix = "thesisboard/session/" // + the session: its Web Lock
)

func sessionStore() app.Value { return app.Window().Get("sessionStorage") }

// newSession makes up a session name and keeps it in sessionStorage.
func newSession() string {
	id := "tab-" + strconv.FormatUint(rand.Uint64(), 36)
	if store := sessionStore(); store.Truthy() {
		store.Call("setItem", sessionKey, id)
	}
	return id
}

// claimSession calls then once this tab is sure to be the only open one with
// its session, taking a new session when it is not.
//
// Two live tabs on one session would keep their waiting edits under one
// browser storage key, each save overwriting the other's edits: that is
// what a duplicated tab, which inherits a copy of sessionStorage, would do.
// A tab holds a Web Lock named after its session for as long as it is open
// (the browser lets it go when the tab closes or crashes), so a tab that
// finds its session's lock held is the copy, and renames itself. Where the
// browser has no Web Locks, a roll call stands in for them (see rollCall).
func claimSession(then func()) {
	tab.Lock()
	if tab.claimed {
		tab.Unlock()
		then()
		return
	}
	tab.waiting = append(tab.waiting, then)
	start := !tab.claiming
	tab.claiming = true
	tab.Unlock()
	if start {
		lockSession()
	}
}

// lockSession asks for this session's lock if no other tab holds it, and
// keeps it until the page goes; when another tab holds it, it renames this
// tab and asks again.
func lockSession() {
	locks := app.Window().Get("navigator").Get("locks")
	if !locks.Truthy() {
		rollCall(func(live map[string]bool) {
			if live[session()] {
				renameSession()
			}
			sessionClaimed()
		})
		return
	}
	opts := app.Window().Get("Object").New()
	opts.Set("ifAvailable", true)
	var granted app.Func
	granted = app.FuncOf(func(_ app.Value, args []app.Value) any {
		granted.Release()
		if args[0].IsNull() {
			renameSession()
			lockSession()
			return nil
		}
		sessionClaimed()
		never := app.FuncOf(func(app.Value, []app.Value) any { return nil })
		return app.Window().Get("Promise").New(never) // held until the page goes
	})
	locks.Call("request", lockPrefix+session(), opts, granted)
}

// renameSession gives this tab a new session: another open tab has its
// old one.
func renameSession() {
	tab.Lock()
	defer tab.Unlock()
	tab.session = newSession()
}

// sessionClaimed settles the claim and calls what waited for it.
func sessionClaimed() {
	tab.Lock()
	tab.claimed = true
	waiting := tab.waiting
	tab.waiting = nil
	tab.Unlock()
	for _, f := range waiting {
		f()
	}
}

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
