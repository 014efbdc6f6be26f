package components

import (
	"maps"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// The home page offline. Someone who opens the installed app on a train
// lands on the list, not on an analysis. So the browser keeps the list the
// server last gave, and the page shows it when the server cannot be
// reached: the analyses this browser keeps a copy of (see offline.go) open
// as usual and take edits, their waiting edits counted beside them; the
// others, and new, duplicate and delete, wait for the server, which the
// page tries again every 2 seconds. Once it answers, the page sends the
// edits waiting in the browser itself (sendKept): nobody has to open each
// analysis again for them to be saved.

const listKey = "thesisboard/list"

// keptList is the list as the browser keeps it.
type keptList struct {
	At   time.Time       `json:"at"`
	List []model.Summary `json:"list"`
}

// keepList keeps list, just loaded from the server.
func keepList(ctx app.Context, list []model.Summary) {
	if err := ctx.LocalStorage().Set(listKey, keptList{At: time.Now(), List: list}); err != nil {
		app.Log("keeping the list in the browser failed:", err)
	}
}

// goOffline shows the kept list and which of its analyses this browser can
// open, and tries the server again in 2 seconds. It reports false when
// there is no kept list to show.
func (p *ListPage) goOffline(ctx app.Context) bool {
	ctx.After(2*time.Second, p.reload)
	var k keptList
	if ctx.LocalStorage().Get(listKey, &k) != nil || k.At.IsZero() {
		return false
	}
	p.list, p.trash, p.status, p.offline, p.err = k.List, nil, "loaded", k.At, ""
	p.kept = keptCopies(ctx.LocalStorage(), p.list)
	markReady(ctx, "list")
	return true
}

func (p *ListPage) isOffline() bool { return !p.offline.IsZero() }

// renderOffline says the list is a kept one, and what works without the
// server.
func (p *ListPage) renderOffline() app.UI {
	return app.P().Class("offline-note").ID("list-offline").Text("Offline: this is the list as of " +
		p.offline.Local().Format("Jan 2 15:04") + ". The analyses kept in this browser open and take edits, " +
		"which are sent when the server is back; the others, and new, duplicate and delete, need the server.")
}

// renderFromReport links to the import page, which needs the server.
func (p *ListPage) renderFromReport() app.UI {
	if p.isOffline() {
		return app.Span().Class("button disabled").ID("new-from-report").Aria("disabled", "true").Text("New analysis from report")
	}
	return app.A().Class("button").ID("new-from-report").Href("/import").Text("New analysis from report")
}

// renderTitle is an analysis's title, a link to it unless the page is
// offline and the browser keeps no copy of it, with its edits waiting in
// the browser counted.
func (p *ListPage) renderTitle(s model.Summary) app.UI {
	waiting, kept := p.kept[s.ID]
	if p.isOffline() && !kept {
		return app.Span().Class("muted").Text(s.Title + " (needs the server)")
	}
	link := app.A().Href("/a/" + strconv.FormatInt(s.ID, 10)).Text(s.Title)
	collided := min(p.collided[s.ID], waiting)
	if waiting == 0 {
		return link
	}
	if collided == 0 {
		return app.Span().Body(link, app.Span().Class("muted waiting").Text(" · "+edits(waiting)+" waiting"))
	}
	note := " · " + edits(collided) + " collided with another session's: open it to settle"
	if waiting > collided {
		note = " · " + edits(waiting-collided) + " waiting" + note
	}
	return app.Span().Body(link, app.Span().Class("muted waiting collided").Text(note))
}

// neverKept is what the home page says when the server cannot be reached
// and the browser keeps no list: the page tries again every 2 seconds.
const neverKept = "The server cannot be reached, and this browser has no copy of the list yet. " +
	"It opens by itself once the server is back."

// sendKept sends, once the server answers, the edits this browser keeps for
// the analyses of the list that no open tab holds: the queues of tabs
// closed before the server had them, and this tab's own, left by a
// dashboard it showed. Nobody has to open each analysis for its edits to
// reach the server. They go as a dashboard sends a gone tab's queue
// (sendQueues): each as its session and in its order, an edit the server
// has already committed once. An edit refused for a conflict stays kept,
// for its analysis to show it when opened and the person to settle it
// there; the list says so.
func (p *ListPage) sendKept(ctx app.Context) {
	if p.sending {
		return
	}
	p.sending = true
	goneQueues(ctx, true, func(ctx app.Context, all map[int64]map[string][]model.Op) {
		listed := map[int64]bool{}
		for _, s := range p.list {
			listed[s.ID] = true
		}
		maps.DeleteFunc(all, func(id int64, _ map[string][]model.Op) bool { return !listed[id] })
		if len(all) == 0 {
			p.sending, p.collided = false, nil
			return
		}
		page := p.ctx
		page.Async(func() {
			sent := map[int64]queuesSent{}
			for id, queues := range all {
				sent[id] = sendQueues(id, queues)
			}
			page.Dispatch(func(ctx app.Context) {
				p.sending, p.collided = false, map[int64]int{}
				var refused []string
				ls := ctx.LocalStorage()
				for id, r := range sent {
					refused = append(refused, r.refused...)
					for s, ok := range r.answered {
						if ok {
							settleQueue(ls, queueKey(id, s), all[id][s], r.collided[s])
							p.collided[id] += len(r.collided[s])
						}
					}
				}
				if note := refusedNote(refused); note != "" {
					p.err = note
				}
				p.kept = keptCopies(ls, p.list)
			})
		})
	})
}
