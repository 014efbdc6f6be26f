package components

import (
	"context"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/client"
	"thesisboard/app/model"
	"thesisboard/app/replica"
)

// Each tab keeps its own queue of waiting edits in the browser (queueKey)
// and sends it itself. A tab can go before the server has them: closed
// while offline, crashed, or the browser restarted (a new tab is a new
// session). Its queue is then orphaned, and the next tab on the analysis
// sends it once the server answers, as the gone tab's session and in its
// order, so that the server carries each edit over what happened since
// exactly as it would have for that tab, and commits once any edit it has
// already (every edit has an ID). A conflict is shown in the tab that sent
// it, for the person to settle there.
//
// A tab holds a Web Lock named after its session for as long as it is open
// (see claimSession); the browser lets it go when the tab closes or
// crashes. A queue whose session holds no lock is orphaned. Where the browser has no Web Locks
// (pages served over plain HTTP to another machine), every other tab's
// queue counts as orphaned: the IDs keep that safe, at the price of a
// conflict shown in two tabs.

// orphans calls fn, on the UI goroutine, with the queues of this analysis
// kept by tabs that are gone, by session.
func (d *Dashboard) orphans(ctx app.Context, fn func(app.Context, map[string][]model.Op)) {
	prefix := d.queueKey("")
	collect := func(held map[string]bool) {
		ctx.Dispatch(func(ctx app.Context) {
			queues := map[string][]model.Op{}
			ls := ctx.LocalStorage()
			ls.ForEach(func(k string) {
				s, ok := strings.CutPrefix(k, prefix)
				if !ok || s == session() || held[s] {
					return
				}
				var q []model.Op
				if ls.Get(k, &q) == nil && len(q) > 0 {
					queues[s] = q
				}
			})
			fn(ctx, queues)
		})
	}
	locks := app.Window().Get("navigator").Get("locks")
	if !locks.Truthy() {
		collect(nil)
		return
	}
	var then app.Func
	then = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer then.Release()
		held := map[string]bool{}
		h := args[0].Get("held")
		for i := range h.Length() {
			if s, ok := strings.CutPrefix(h.Index(i).Get("name").String(), lockPrefix); ok {
				held[s] = true
			}
		}
		collect(held)
		return nil
	})
	locks.Call("query").Call("then", then)
}

// offlineOrphans runs when the page starts offline from the browser's copy.
// With no edits of its own and one orphaned queue, this tab is what is left
// of that one (the browser was restarted, which gives the tab a new
// session): it takes the queue as its own, so its edits show again in the
// cells. Otherwise it counts the orphaned edits, for the header.
func (d *Dashboard) offlineOrphans(ctx app.Context) {
	d.orphans(ctx, func(ctx app.Context, queues map[string][]model.Op) {
		d.orphaned = 0
		for s, q := range queues {
			if len(queues) == 1 && d.rep != nil && d.rep.Settled() {
				d.rep = replica.Resume(d.rep.Base(), nil, q)
				d.a = d.rep.Analysis()
				d.persist(ctx)
				ctx.LocalStorage().Del(d.queueKey(s))
				return
			}
			d.orphaned += len(q)
		}
	})
}

// sendOrphans sends the orphaned queues (see above) and drops each once the
// server has answered every edit in it. It runs when the analysis loads
// from the server.
func (d *Dashboard) sendOrphans(ctx app.Context) {
	if d.sendingOrphans {
		return
	}
	d.sendingOrphans = true
	d.orphans(ctx, func(ctx app.Context, queues map[string][]model.Op) {
		d.orphaned = 0
		for _, q := range queues {
			d.orphaned += len(q)
		}
		if len(queues) == 0 {
			d.sendingOrphans = false
			return
		}
		page, id, base := d.ctx, d.id, apiClient().Base
		ctx.Async(func() {
			var conflicts []model.Conflict
			var refused []string
			sent := map[string]bool{}
			for s, q := range queues {
				cl := client.New(base, s)
				sent[s] = true
				for _, op := range q {
					_, err := cl.Apply(context.Background(), id, op)
					if model.ErrorCode(err) == model.EUNAVAILABLE {
						sent[s] = false // kept for the next time the server answers
						break
					}
					if c := model.ConflictOf(err); c != nil {
						conflicts = append(conflicts, *c)
					} else if err != nil {
						refused = append(refused, model.ErrorMessage(err))
					}
				}
			}
			page.Dispatch(func(ctx app.Context) {
				d.sendingOrphans = false
				d.conflicts = append(d.conflicts, conflicts...)
				if len(refused) > 0 {
					d.saveErr = "an edit kept from a closed tab was refused: " + strings.Join(refused, "; ")
				}
				for s, ok := range sent {
					if ok {
						ctx.LocalStorage().Del(d.queueKey(s))
						d.orphaned -= len(queues[s])
					}
				}
			})
		})
	})
}
