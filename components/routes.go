// Package components is thesisboard's user interface: go-app components for
// the analyses list and the dashboard of one analysis (thesis card, editable
// grids, ECharts charts, watchlist). It runs in the browser as WASM; on the
// server go-app only prerenders the empty frame, and data loads after mount.
// The dashboard keeps its analysis in an app/replica.Replica, which owns the
// rules for edits in flight and ops arriving from other sessions; the
// components only draw it and turn keys and clicks into ops. Long tables
// (grids, watchlist) draw only the rows in view through rowWindow.
//
// Each tab is a session (session.go): a name kept in sessionStorage, made
// its own by a Web Lock the tab holds while it is open (by a roll call of
// the open tabs where the browser has no Web Locks, rollcall.go). Edits not
// yet on the server wait in localStorage under the tab's session
// (offline.go), each marked in its cell; a tab that went before the server
// had them leaves them for the next tab on the analysis to send or take
// over, or for the home page to send (orphans.go). Every page sends them
// the same way (sending.go). The header says offline as soon as the event
// stream or the browser loses the server, which the page confirms with the
// server first, and tries it again every 2 seconds (connection.go).
//
// Things about go-app v10.1.11 this package relies on, learnt the hard way:
//   - A handler built in a loop that captures the row's data needs
//     app.EventScope(id): go-app keeps an element's old handler when the new
//     one comes from the same code.
//   - Work dispatched on a context whose element has gone is dropped
//     silently; long work started from a button finishes on the page's own
//     context (kept in OnMount).
//   - A handler can run inside the browser's event dispatch; when an edit
//     swaps one element for another of the same tag, go-app reuses the node
//     and the new handler can catch the same click (the thesis editor is a
//     <form> for that reason).
//   - preventDefault from a go-app handler may come too late; the grid
//     decides it in a capture-phase listener of its own.
//   - go-app sets the value attribute, not the property, so inputs a person
//     typed in are cleared through the DOM.
//   - The server's prerendered page is inert until the WASM mounts: pages set
//     <body data-ready> when they are usable, and tests wait for it.
//   - Under load, a click that follows a key within a millisecond can be
//     handled before it; browser tests wait for what a key did, as a person
//     would look, before the next click.
package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages. Both the WASM app and the server call it, as
// go-app requires.
func Routes() {
	app.Route("/", func() app.Composer { return &ListPage{} })
	app.Route("/import", func() app.Composer { return &ImportPage{} })
	app.Route("/login", func() app.Composer { return &LoginPage{} })
	app.RouteWithRegexp(`^/a/[0-9]+$`, func() app.Composer { return &Dashboard{} })
}
