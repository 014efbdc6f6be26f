package components

import (
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
// page tries again every 2 seconds.

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
	if waiting == 0 {
		return link
	}
	return app.Span().Body(link, app.Span().Class("muted waiting").Text(" · "+edits(waiting)+" waiting"))
}
