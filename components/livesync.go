package components

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// liveStream follows an analysis's ops as the server commits them, through
// the browser's EventSource, which reconnects by itself and resumes with
// Last-Event-ID, so a dropped connection loses nothing.
type liveStream struct {
	es app.Value
	fn app.Func
}

// openLive starts following analysis id from version after; onOp runs on the
// UI goroutine for every op, in order.
func openLive(ctx app.Context, id, after int64, onOp func(app.Context, model.LoggedOp)) *liveStream {
	es := app.Window().Get("EventSource")
	if !es.Truthy() {
		return nil
	}
	url := "/api/analyses/" + strconv.FormatInt(id, 10) + "/events?after=" + strconv.FormatInt(after, 10)
	l := &liveStream{es: es.New(url)}
	l.fn = app.FuncOf(func(this app.Value, args []app.Value) any {
		var op model.LoggedOp
		if json.Unmarshal([]byte(args[0].Get("data").String()), &op) == nil {
			ctx.Dispatch(func(ctx app.Context) { onOp(ctx, op) })
		}
		return nil
	})
	l.es.Call("addEventListener", "op", l.fn)
	return l
}

func (l *liveStream) close() {
	if l == nil {
		return
	}
	l.es.Call("close")
	l.fn.Release()
}
