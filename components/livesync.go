package components

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// liveStream follows an analysis's ops as the server commits them, through
// the browser's EventSource, which reconnects by itself and resumes with
// Last-Event-ID, so a dropped connection loses nothing.
//
// The browser gives up for good, though, when the server refuses a stream
// (429 or 503: it has as many open as it takes, in all or from this
// address): then the stream is opened again after a wait that grows, from
// the last op it delivered.
//
// The page is told when the stream is lost (an error while the browser
// tries again, or gives up) and when it opens again, so that its header
// can say offline before any edit fails (see connection.go).
type liveStream struct {
	ctx    app.Context
	id     int64
	last   int64 // the version of the last op delivered
	onOp   func(app.Context, model.LoggedOp)
	es     app.Value
	fn     app.Func
	onErr  app.Func
	onOpen app.Func
	wait   time.Duration // before the next reopening
	closed bool
}

// Waits before a refused stream is opened again.
const (
	firstReopen = 10 * time.Second
	maxReopen   = 2 * time.Minute
)

// openLive starts following analysis id from version after; onOp runs on the
// UI goroutine for every op, in order, and onLink with true when the stream
// opens, false when it is lost.
func openLive(ctx app.Context, id, after int64, onOp func(app.Context, model.LoggedOp), onLink func(app.Context, bool)) *liveStream {
	if !app.Window().Get("EventSource").Truthy() {
		return nil
	}
	l := &liveStream{ctx: ctx, id: id, last: after, onOp: onOp, wait: firstReopen}
	l.fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		var op model.LoggedOp
		if json.Unmarshal([]byte(args[0].Get("data").String()), &op) == nil {
			ctx.Dispatch(func(ctx app.Context) {
				l.last, l.wait = max(l.last, op.Version), firstReopen
				onOp(ctx, op)
			})
		}
		return nil
	})
	l.onErr = app.FuncOf(func(this app.Value, args []app.Value) any {
		switch this.Get("readyState").Int() {
		case 0: // CONNECTING: lost, the browser tries again
			ctx.Dispatch(func(ctx app.Context) { l.link(ctx, onLink, false) })
		case 2: // CLOSED: the browser gave up
			ctx.Dispatch(func(ctx app.Context) {
				l.link(ctx, onLink, false)
				l.reopenLater(ctx)
			})
		}
		return nil
	})
	l.onOpen = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { l.link(ctx, onLink, true) })
		return nil
	})
	l.open()
	return l
}

// open starts an EventSource from l.last.
func (l *liveStream) open() {
	url := "/api/analyses/" + strconv.FormatInt(l.id, 10) + "/events?after=" + strconv.FormatInt(l.last, 10)
	l.es = app.Window().Get("EventSource").New(url)
	l.es.Call("addEventListener", "op", l.fn)
	l.es.Call("addEventListener", "error", l.onErr)
	l.es.Call("addEventListener", "open", l.onOpen)
}

// link tells the page the stream opened or was lost, unless the page
// closed it meanwhile.
func (l *liveStream) link(ctx app.Context, onLink func(app.Context, bool), open bool) {
	if !l.closed {
		onLink(ctx, open)
	}
}

// reopenLater opens the stream again after l.wait, doubled for the next
// time, unless it was closed meanwhile.
func (l *liveStream) reopenLater(ctx app.Context) {
	wait := l.wait
	l.wait = min(2*l.wait, maxReopen)
	ctx.After(wait, func(ctx app.Context) {
		if !l.closed {
			l.es.Call("close")
			l.open()
		}
	})
}

func (l *liveStream) close() {
	if l == nil {
		return
	}
	l.closed = true
	l.es.Call("close")
	l.fn.Release()
	l.onErr.Release()
	l.onOpen.Release()
}
