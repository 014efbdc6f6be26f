package components

import (
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A page served over plain HTTP from another machine is not a secure
// context, and the browser gives it no Web Locks (see claimSession). The
// tabs then take a roll call instead: a tab asks on a BroadcastChannel,
// and every other open tab of the site answers with its session. It is a
// weaker check than a lock, as a tab too busy to answer within
// rollCallWait counts as gone, but each way it errs is safe: a duplicated
// tab not found keeps sharing its session, and a live tab's waiting edits
// taken as orphaned are sent twice and committed once (every edit has an
// ID), a conflict then shown in two tabs.

const (
	rollCallChannel = "thesisboard/sessions"
	rollCallWait    = 250 * time.Millisecond
	rollCallAsk     = "who is open?"
	rollCallHere    = "open: " // + the answering tab's session
)

// roll is this page's end of the roll call.
var roll struct {
	sync.Mutex
	channel   app.Value
	opened    bool
	listening map[*answers]bool // the calls under way
}

// answers are the sessions that answered one call.
type answers struct{ live map[string]bool }

// rollCall calls fn, after rollCallWait, with the sessions of the other
// open tabs that answered; at once with none where the browser has no
// BroadcastChannel either.
func rollCall(fn func(live map[string]bool)) {
	ch := rollChannel()
	if ch == nil {
		fn(nil)
		return
	}
	a := &answers{live: map[string]bool{}}
	roll.Lock()
	roll.listening[a] = true
	roll.Unlock()
	ch.Call("postMessage", rollCallAsk)
	time.AfterFunc(rollCallWait, func() {
		roll.Lock()
		delete(roll.listening, a)
		roll.Unlock()
		fn(a.live)
	})
}

// rollChannel opens this page's channel once, which answers the others'
// calls with this tab's session once it has claimed it; nil without
// BroadcastChannel.
func rollChannel() app.Value {
	roll.Lock()
	defer roll.Unlock()
	if roll.opened {
		return roll.channel
	}
	roll.opened = true
	bc := app.Window().Get("BroadcastChannel")
	if !bc.Truthy() {
		return nil
	}
	ch := bc.New(rollCallChannel)
	ch.Set("onmessage", app.FuncOf(func(_ app.Value, args []app.Value) any {
		msg := args[0].Get("data")
		if msg.Type() != app.TypeString {
			return nil
		}
		if msg.String() == rollCallAsk {
			tab.Lock()
			claimed := tab.claimed
			tab.Unlock()
			if claimed {
				ch.Call("postMessage", rollCallHere+session())
			}
			return nil
		}
		if s, ok := strings.CutPrefix(msg.String(), rollCallHere); ok {
			roll.Lock()
			for a := range roll.listening {
				a.live[s] = true
			}
			roll.Unlock()
		}
		return nil
	}))
	roll.channel, roll.listening = ch, map[*answers]bool{}
	return ch
}
