package components

import (
	"context"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/client"
	"thesisboard/app/model"
)

// Waiting edits reach the server by one path, whoever sends them: a
// dashboard its own edits, one at a time as its replica lets them go
// (sendNext), and a dashboard or the home page the queues kept in the
// browser by tabs that are gone (sendQueues, see orphans.go), each queue
// as its session and in its order. Both come down to sendEdits, so that an
// edit means the same to the server and its answer the same to the page
// whichever page sent it.

// editAnswer is the server's answer to one edit.
type editAnswer struct {
	version  int64           // the version it was committed at
	conflict *model.Conflict // refused: another session changed the same thing first
	err      error           // refused for another reason
}

// sendEdits sends ops to analysis id, in order, as the session cl names,
// and returns the server's answer to each. It stops at the first edit the
// server could not be reached for, or wanted a sign-in for: stopped is
// then why, and the answers are those of the edits before it, which the
// server has. It waits for the server, so it runs in ctx.Async.
func sendEdits(cl *client.Client, id int64, ops []model.Op) (answers []editAnswer, stopped error) {
	for _, op := range ops {
		version, err := cl.Apply(context.Background(), id, op)
		if c := model.ErrorCode(err); c == model.EUNAVAILABLE || c == model.EUNAUTHORIZED {
			// Not refused: the server is out of reach, or wants a
			// sign-in first. The edit waits in the browser either way.
			return answers, err
		}
		a := editAnswer{version: version}
		if a.conflict = model.ConflictOf(err); a.conflict == nil {
			a.err = err
		}
		answers = append(answers, a)
	}
	return answers, nil
}

// sendNext sends the next edit of the tab when it may go (see replica.Next).
func (d *Dashboard) sendNext(ctx app.Context) {
	if d.sending || d.rep == nil {
		return
	}
	seq, op, ok := d.rep.Next()
	if !ok {
		return
	}
	d.sending = true
	id := d.id
	ctx.Async(func() {
		answers, stopped := sendEdits(apiClient(), id, []model.Op{op})
		ctx.Dispatch(func(ctx app.Context) {
			d.sending = false
			if stopped != nil {
				// Offline or signed out: the edit waits, in order, and is
				// tried again once back online or signed in.
				d.rep.Unsent(seq)
				d.persist(ctx)
				if !signInFirst(ctx, stopped) {
					d.goOffline(ctx)
				}
				return
			}
			switch a := answers[0]; {
			case a.conflict != nil:
				// Theirs is on its way in the stream; load it now rather
				// than show neither.
				d.conflicts = append(d.conflicts, *a.conflict)
				d.rep.Refused(seq)
				d.rebase(ctx)
				return
			case a.err != nil:
				d.rep.Discard()
				d.saveErr = model.ErrorMessage(a.err)
				d.load(ctx)
				return
			default:
				d.rep.Acked(seq, a.version)
				if d.offline {
					d.load(ctx) // back online: catch up and follow again
					return
				}
			}
			d.persist(ctx)
			d.sendNext(ctx)
		})
	})
}

// queuesSent is what sending the kept queues of one analysis came to.
type queuesSent struct {
	conflicts []model.Conflict
	refused   []string // the messages of edits refused for other reasons
	// answered holds the sessions whose every edit the server answered;
	// collided, per session, the edits it refused for a conflict.
	answered map[string]bool
	collided map[string][]model.Op
}

// sendQueues sends the queues of analysis id kept by tabs that are gone,
// each as its session and in its order (see orphans.go). It waits for the
// server, so it runs in ctx.Async.
func sendQueues(id int64, queues map[string][]model.Op) queuesSent {
	base := apiClient().Base
	r := queuesSent{answered: map[string]bool{}, collided: map[string][]model.Op{}}
	for s, q := range queues {
		answers, stopped := sendEdits(client.New(base, s), id, q)
		r.answered[s] = stopped == nil // else kept for the next time the server answers
		for i, a := range answers {
			switch {
			case a.conflict != nil:
				r.conflicts = append(r.conflicts, *a.conflict)
				r.collided[s] = append(r.collided[s], q[i])
			case a.err != nil:
				r.refused = append(r.refused, model.ErrorMessage(a.err))
			}
		}
	}
	return r
}

// settleQueue drops the queue kept under key once the server answered all
// of sent, keeping only the edits in keep. A queue that changed meanwhile
// (this tab's own, which its dashboard took up again) is left as it is:
// its edits are sent again from there, and the server commits each once.
func settleQueue(ls app.BrowserStorage, key string, sent, keep []model.Op) {
	var now []model.Op
	if ls.Get(key, &now) != nil || !slices.EqualFunc(now, sent, func(a, b model.Op) bool { return a.ID == b.ID }) {
		return
	}
	if len(keep) == 0 {
		ls.Del(key)
		return
	}
	if err := ls.Set(key, keep); err != nil {
		app.Log("keeping the collided edits in the browser failed:", err)
	}
}

// refusedNote says which kept edits the server refused, or nothing.
func refusedNote(refused []string) string {
	if len(refused) == 0 {
		return ""
	}
	return "an edit kept from a closed tab was refused: " + strings.Join(refused, "; ")
}
