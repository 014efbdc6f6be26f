package components

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
	"thesisboard/app/replica"
)

// Each tab keeps its own queue of waiting edits in the browser (queueKey)
// and sends it itself. A tab can go before the server has them: closed
// while offline, crashed, or the browser restarted (a new tab is a new
// session). Its queue is then orphaned, and the next tab on the analysis,
// or the home page (see ListPage.sendKept), sends it once the server
// answers, as the gone tab's session and in its order (sendQueues), so that
// the server carries each edit over what happened since exactly as it
// would have for that tab, and commits once any edit it has already (every
// edit has an ID). A conflict is shown in the tab that sent it, for the
// person to settle there; the home page, which cannot, keeps the edit for
// its analysis to show.
//
// A tab holds a Web Lock named after its session for as long as it is open
// (see claimSession); the browser lets it go when the tab closes or
// crashes. A queue whose session holds no lock is orphaned. Where the
// browser has no Web Locks, one whose session does not answer a roll call
// is (see rollCall).

// orphans calls fn, on the UI goroutine, with the queues of this analysis
// kept by tabs that are gone, by session.
func (d *Dashboard) orphans(ctx app.Context, fn func(app.Context, map[string][]model.Op)) {
	goneQueues(ctx, false, func(ctx app.Context, all map[int64]map[string][]model.Op) { fn(ctx, all[d.id]) })
}

// goneQueues calls fn, on the UI goroutine, with the queues of waiting
// edits kept in this browser by sessions no open tab holds, by analysis and
// session. With own, this tab's queues count too, held or not: the home
// page has no analysis open, so what its session kept was left by a
// dashboard it showed before.
func goneQueues(ctx app.Context, own bool, fn func(app.Context, map[int64]map[string][]model.Op)) {
	liveSessions(func(held map[string]bool) {
		if own {
			// Held by this tab, or by the page it showed before, which
			// the browser may keep a while after it is left (its
			// back-forward cache), lock and all. (A duplicated tab that
			// kept this tab's session while this one claimed none holds
			// it too: its edits are then sent twice and committed once.)
			delete(held, session())
		}
		ctx.Dispatch(func(ctx app.Context) {
			all := map[int64]map[string][]model.Op{}
			ls := ctx.LocalStorage()
			ls.ForEach(func(k string) {
				id, s, ok := parseQueueKey(k)
				if !ok || held[s] || s == session() && !own {
					return
				}
				var q []model.Op
				if ls.Get(k, &q) != nil || len(q) == 0 {
					return
				}
				if all[id] == nil {
					all[id] = map[string][]model.Op{}
				}
				all[id][s] = q
			})
			fn(ctx, all)
		})
	})
}

// parseQueueKey reads the analysis and the session from a queue's key (see
// Dashboard.queueKey).
func parseQueueKey(k string) (id int64, session string, ok bool) {
	rest, ok := strings.CutPrefix(k, analysisKeys)
	if !ok {
		return 0, "", false
	}
	n, s, ok := strings.Cut(rest, "/queue/")
	if !ok || s == "" {
		return 0, "", false
	}
	id, err := strconv.ParseInt(n, 10, 64)
	return id, s, err == nil
}

// liveSessions calls fn, on any goroutine, with the sessions open tabs
// hold: by their Web Locks, else by a roll call.
func liveSessions(fn func(held map[string]bool)) {
	locks := app.Window().Get("navigator").Get("locks")
	if !locks.Truthy() {
		rollCall(fn)
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
		fn(held)
		return nil
	})
	locks.Call("query").Call("then", then)
}

// offlineOrphans runs when the page starts offline from the browser's copy.
// This tab is what is left of the tabs whose queues are orphaned (closed
// while offline, or the browser was restarted, which gives each tab a new
// session): it takes their edits as its own, so that they show again in
// the cells and are sent from here, its own waiting edits and theirs in the
// order of the versions they were made on. It does so only when all those
// queues are independent (see independent): sent as one session, an edit
// is not carried over that session's earlier ones, and two tabs that never
// saw each other's edits must not overwrite each other's cells or miss
// each other's inserted rows unseen. Otherwise, and while one of its own
// edits is being sent, it counts the orphaned edits, for the header, and
// sendOrphans sends each queue as its own session once the server answers.
//
// withMine says whether the tab's own waiting edits lie on a base kept
// beside them, so that they can be laid again with the others; a copy kept
// before bases were shows them in its one state, and then the orphans are
// taken only when the tab has none.
func (d *Dashboard) offlineOrphans(ctx app.Context, withMine bool) {
	d.orphans(ctx, func(ctx app.Context, queues map[string][]model.Op) {
		d.orphaned = 0
		if len(queues) == 0 {
			return
		}
		if d.rep != nil && !d.sending && (withMine || d.rep.Settled()) {
			all := maps.Clone(queues)
			if mine := d.rep.Queue(); len(mine) > 0 {
				all[session()] = mine
			}
			if independent(all) {
				d.rep = replica.Resume(d.rep.Base(), nil, inOrder(all))
				d.a = d.rep.Analysis()
				d.persist(ctx)
				for s := range queues {
					ctx.LocalStorage().Del(d.queueKey(s))
				}
				return
			}
		}
		for _, q := range queues {
			d.orphaned += len(q)
		}
	})
}

// independent reports whether edits of different queues can be sent in any
// order as one session: one queue always; several when no two touch the
// same cell or thesis field and all their edits are of cells or the thesis
// (an inserted or deleted row, column or ticker moves what the others'
// edits name).
func independent(queues map[string][]model.Op) bool {
	if len(queues) == 1 {
		return true
	}
	owner := map[string]string{}
	for s, q := range queues {
		for _, op := range q {
			var key string
			switch op.Kind {
			case model.OpSetCell:
				key = "cell " + op.Sheet + "!" + strings.ToUpper(op.Cell)
			case model.OpSetThesis:
				key = "thesis " + op.Field
			default:
				return false
			}
			if o, ok := owner[key]; ok && o != s {
				return false
			}
			owner[key] = s
		}
	}
	return true
}

// inOrder joins queues of edits, each in its own order, queue after queue:
// the one whose first edit was made on the oldest version first (then by
// session, so that the order is the same on every start).
func inOrder(queues map[string][]model.Op) []model.Op {
	sessions := slices.Collect(maps.Keys(queues))
	slices.SortFunc(sessions, func(a, b string) int {
		return cmp.Or(cmp.Compare(queues[a][0].BaseVersion, queues[b][0].BaseVersion), strings.Compare(a, b))
	})
	var ops []model.Op
	for _, s := range sessions {
		ops = append(ops, queues[s]...)
	}
	return ops
}

// sendOrphans sends the orphaned queues (see above) and drops each once the
// server has answered every edit in it; the conflicts are this tab's to
// show. It runs when the analysis loads from the server.
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
		page, id := d.ctx, d.id
		ctx.Async(func() {
			r := sendQueues(id, queues)
			page.Dispatch(func(ctx app.Context) {
				d.sendingOrphans = false
				d.conflicts = append(d.conflicts, r.conflicts...)
				if note := refusedNote(r.refused); note != "" {
					d.saveErr = note
				}
				for s, ok := range r.answered {
					if ok {
						settleQueue(ctx.LocalStorage(), d.queueKey(s), queues[s], nil)
						d.orphaned -= len(queues[s])
					}
				}
			})
		})
	})
}
