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
type liveStream struct {
	ctx    app.Context
	id     int64
	last   int64 // the version of the last op delivered
	onOp   func(app.Context, model.LoggedOp)
	es     app.Value
	fn     app.Func
	onErr  app.Func
	wait   time.Duration // before the next reopening
	closed bool
}

// Waits before a refused stream is opened again.
const (
	firstReopen = 10 * time.Second
	maxReopen   = 2 * time.Minute
)

// openLive starts following analysis id from version after; onOp runs on the
// UI goroutine for every op, in order.
func openLive(ctx app.Context, id, after int64, onOp func(app.Context, model.LoggedOp)) *liveStream {
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
		if this.Get("readyState").Int() == 2 { // CLOSED: the browser gave up
			ctx.Dispatch(func(ctx app.Context) { l.reopenLater(ctx) })
		}
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
}
