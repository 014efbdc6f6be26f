package components

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
	"thesisboard/app/replica"
)

// The browser keeps, per analysis, what the page needs to show it and to
// send its edits without the server, through a reload and a browser restart
// (localStorage): the server's analysis as a tab last heard it (the base,
// one per analysis) and the edits not yet on the server (the queue, one per
// tab: see queueKey and orphans.go), from which the page is computed again.
//
// The queue is saved at every change: an edit must never be lost. The base
// is large (a whole analysis; encoding 100,000 rows takes the browser a few
// hundred milliseconds), so it is saved when the page loads it, when the
// page is hidden or left, and when the server goes away, not at every edit.
// A saved base a little behind only means that, offline, the page shows
// others' latest changes later: back online, the page follows the event
// stream from the base's version, and the ops it missed are carried over
// the queued edits as the server carries them (see copyFor). The queue
// keeps each edit's ID and the version it was made on, so edits made on a
// newer version than the saved base (the tab closed before it saved the
// base) wait for the stream to reach it, and an edit already committed
// whose answer never came is known when it comes back and is committed
// once when sent again.

// offlineCopy is how a tab kept an analysis before base and queue were
// apart: the page as shown (Analysis) or the base, and the queue.
type offlineCopy struct {
	Base     *model.Analysis `json:"base,omitempty"`
	Analysis *model.Analysis `json:"analysis,omitempty"`
	Queue    []model.Op      `json:"queue"`
}

func (d *Dashboard) storageKey() string { return analysisKey(d.id) }

// analysisKey starts the keys under which the browser keeps analysis id.
func analysisKey(id int64) string { return analysisKeys + strconv.FormatInt(id, 10) }

const analysisKeys = "thesisboard/analysis/"

// keptCopies tells which analyses of list the browser keeps a copy of (a
// base, or a copy kept by an earlier version), with how many edits wait in
// their queues: the list shows them, offline and on.
func keptCopies(ls app.BrowserStorage, list []model.Summary) map[int64]int {
	kept := map[int64]int{}
	for _, s := range list {
		if key := analysisKey(s.ID); ls.Contains(key+"/base") || ls.Contains(key) {
			kept[s.ID] = 0
		}
	}
	ls.ForEach(func(k string) {
		rest, ok := strings.CutPrefix(k, analysisKeys)
		id, queue, _ := strings.Cut(rest, "/")
		n, err := strconv.ParseInt(id, 10, 64)
		if _, isKept := kept[n]; !ok || err != nil || !isKept || queue != "queue" && !strings.HasPrefix(queue, "queue/") {
			return
		}
		var q []model.Op
		if ls.Get(k, &q) == nil {
			kept[n] += len(q)
		}
	})
	return kept
}

// queueKey is where the tab of session s keeps its queue: each tab its own,
// since two tabs on one analysis share the browser's storage and neither may
// overwrite the other's waiting edits.
func (d *Dashboard) queueKey(s string) string { return queueKey(d.id, s) }

// queueKey is where session s keeps its waiting edits of analysis id.
func queueKey(id int64, s string) string { return analysisKey(id) + "/queue/" + s }

// persist saves the queue, and the base when the browser has none from this
// load yet.
func (d *Dashboard) persist(ctx app.Context) {
	if d.rep == nil || app.IsServer {
		return
	}
	if q := d.rep.Queue(); len(q) > 0 {
		d.store(ctx, "/queue/"+session(), q)
	} else {
		ctx.LocalStorage().Del(d.queueKey(session()))
	}
	if !d.baseSaved {
		d.saveBase(ctx)
	}
}

// keepOnHide saves the base when the page is hidden or left, the last
// moment a browser promises.
func (d *Dashboard) keepOnHide(ctx app.Context) {
	doc := app.Window().Get("document")
	save := func(app.Value) {
		if doc.Get("visibilityState").String() == "hidden" {
			ctx.Dispatch(d.saveBase)
		}
	}
	d.listen.on(doc, "visibilitychange", save, false)
	d.listen.on(app.Window(), "pagehide", func(app.Value) { d.saveBase(ctx) }, false)
}

func (d *Dashboard) saveBase(ctx app.Context) {
	if d.rep != nil {
		d.store(ctx, "/base", d.rep.Base())
		d.baseSaved = true
	}
}

func (d *Dashboard) store(ctx app.Context, suffix string, v any) {
	if err := ctx.LocalStorage().Set(d.storageKey()+suffix, v); err != nil {
		app.Log("keeping the analysis in the browser failed:", err)
	}
}

// saved is what the browser kept of the analysis, if anything: the base and
// this tab's queue. A queue kept by an earlier version, one per analysis,
// becomes this tab's.
func (d *Dashboard) saved(ctx app.Context) (offlineCopy, bool) {
	var c offlineCopy
	ls := ctx.LocalStorage()
	if ls.Get(d.storageKey()+"/base", &c.Base) == nil && c.Base != nil {
		ls.Get(d.queueKey(session()), &c.Queue)
		if legacy := d.storageKey() + "/queue"; ls.Contains(legacy) {
			var q []model.Op
			ls.Get(legacy, &q)
			c.Queue = append(q, c.Queue...)
			ls.Del(legacy)
		}
		return c, true
	}
	err := ls.Get(d.storageKey(), &c) // kept by an earlier version
	return c, err == nil && (c.Base != nil || c.Analysis != nil)
}

// restore shows the copy kept in the browser when the server cannot be
// reached.
func (d *Dashboard) restore(ctx app.Context) bool {
	c, ok := d.saved(ctx)
	if !ok {
		return false
	}
	d.rep = replica.Resume(c.Base, c.Analysis, c.Queue)
	d.a, d.status = d.rep.Analysis(), "loaded"
	d.baseSaved = true
	d.offlineOrphans(ctx, c.Base != nil)
	markReady(ctx, "dashboard")
	return true
}
