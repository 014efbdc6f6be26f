package components

import (
	"context"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// The header says "offline" as soon as the server is out of reach, not at
// the first edit that fails to go: an analyst who sees it keeps working,
// knowing the edits wait in the browser. Three things tell the page the
// connection may be gone: an edit that could not be sent, the event
// stream's error (the browser lost it and tries again, or gave up), and
// the browser's offline event. The last two are only hints (a stream
// refused for being one too many, or a network gone that a server on this
// machine does not need), so the page asks the server first (checkServer).
// Offline, it tries the server every 2 seconds, and at once when the stream
// opens again or the browser is back online; the first answer loads the
// analysis, which follows the stream again and sends what waits.

// retryEvery is how often an offline page tries the server.
const retryEvery = 2 * time.Second

// watchConnection listens to the browser's online and offline events; it
// runs in OnMount.
func (d *Dashboard) watchConnection(ctx app.Context) {
	d.listen.on(app.Window(), "offline", func(app.Value) { ctx.Dispatch(d.checkServer) }, false)
	d.listen.on(app.Window(), "online", func(app.Value) { ctx.Dispatch(d.tryServer) }, false)
}

// onLink is told by the event stream whether it is open (true) or lost
// (false), on the UI goroutine.
func (d *Dashboard) onLink(ctx app.Context, open bool) {
	if open {
		d.tryServer(ctx)
		return
	}
	d.checkServer(ctx)
}

// checkServer asks the server for the list, the cheapest answer it gives,
// and marks the page offline when it cannot be reached.
func (d *Dashboard) checkServer(ctx app.Context) {
	if d.offline || d.checking || d.rep == nil {
		return
	}
	d.checking = true
	page := d.ctx
	page.Async(func() {
		_, err := apiClient().List(context.Background())
		page.Dispatch(func(ctx app.Context) {
			d.checking = false
			if model.ErrorCode(err) == model.EUNAVAILABLE && d.rep != nil {
				d.goOffline(ctx)
			}
		})
	})
}

// goOffline marks the page offline and tries the server again shortly,
// once however many things found it gone.
func (d *Dashboard) goOffline(ctx app.Context) {
	if !d.offline {
		d.saveBase(ctx) // the freshest base this tab will have for a while
	}
	d.offline = true
	d.persist(ctx)
	if d.retryQueued {
		return
	}
	d.retryQueued = true
	d.ctx.After(retryEvery, func(ctx app.Context) {
		d.retryQueued = false
		d.tryServer(ctx)
	})
}

// tryServer loads the analysis when the page is offline and no load is on
// its way: it catches up from the stream, then sends what waits; failing,
// it goes offline again, which tries once more later.
func (d *Dashboard) tryServer(ctx app.Context) {
	if d.offline && !d.trying {
		d.trying = true
		d.load(ctx)
	}
}
