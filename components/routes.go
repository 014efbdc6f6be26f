// Package components is thesisboard's user interface: go-app components for
// the analyses list and the dashboard of one analysis (thesis card, editable
// grids, ECharts charts, watchlist). It runs in the browser as WASM; on the
// server go-app only prerenders the empty frame, and data loads after mount.
package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages. Both the WASM app and the server call it, as
// go-app requires.
func Routes() {
	app.Route("/", func() app.Composer { return &ListPage{} })
	app.Route("/import", func() app.Composer { return &ImportPage{} })
	app.RouteWithRegexp(`^/a/[0-9]+$`, func() app.Composer { return &Dashboard{} })
}
