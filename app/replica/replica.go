// Package replica is one session's copy of an analysis, kept in step with
// the server. The person's edits apply to it at once and wait, in order, to
// be sent; other sessions' ops arrive from the event stream in version order
// and apply too. The dashboard keeps one per open analysis; the convergence
// test runs twenty against a real server.
//
// A replica holds two states. The base is the server's analysis at the last
// version the stream brought: every logged op applied in the server's order,
// exactly as the server applied it. The view, what the person sees, is the
// base with this session's pending edits on top. An op of another session
// that the server ordered before those edits is carried over them before it
// reaches the view, and they over it (calc.Rebase, the rule the server uses
// for an edit that crossed others), so view and server end in the same
// state. A refused edit is taken out by computing the view again from the
// base.
//
// Every edit gets an ID (model.Op.ID) when it is made. The stream's ops are
// known as this session's by it, whichever session sent them (a restarted
// browser has a new one), and the server commits an edit sent twice once,
// so an edit whose answer was lost is simply sent again. Queue, kept across
// reloads, holds every edit not yet back from the stream, each with the
// version it was made on; Resume takes it up with the base kept beside it
// and the stream brings the rest.
package replica

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// Replica is the copy. It is not safe for concurrent use.
type Replica struct {
	names   string          // the start of this copy's op IDs (see names)
	base    *model.Analysis // the server's, at base.Version; formulas not computed
	view    *model.Analysis // base and the pending edits, computed by engine
	engine  *calc.Engine
	pending []pending // this session's edits not yet back from the stream, in order
	seq     int
}

// pending is one of this session's edits. Its op is relative to the base and
// the pending edits before it, and is carried over every op the base takes.
// One restored from before a reload (old) is relative to the version it was
// made on instead: until the base reaches that version, the stream's ops
// are ones it has seen (see adopt); one made on a version older than the
// base (the copy reloaded the analysis) is left for the server to carry
// over what this copy missed.
type pending struct {
	seq     int
	op      model.Op
	state   int   // waiting, sent, acked
	version int64 // the version the server committed it at, once acked
	old     int64 // the version a restored edit was made on, or 0
}

const (
	waiting = iota
	sent
	acked
)

// New starts a replica of a, the server's analysis, with queue
// (edits kept from before a reload, each with the version it was made on)
// applied on top.
func New(a *model.Analysis, queue []model.Op) *Replica {
	r := &Replica{names: names()}
	r.base = a.Clone()
	for _, op := range queue {
		r.enqueue(op, op.BaseVersion)
	}
	r.adopt()
	r.rebuild(a)
	return r
}

// Resume starts a replica from a copy kept in the browser: base, the
// server's analysis as last seen, and queue. (A copy kept before bases were,
// which already shows queue, passes nil for base and that copy as view.)
func Resume(base, view *model.Analysis, queue []model.Op) *Replica {
	r := &Replica{names: names()}
	for _, op := range queue {
		r.enqueue(op, op.BaseVersion)
	}
	if base == nil {
		r.base, r.view, r.engine = view.Clone(), view, calc.NewEngine(view)
		return r
	}
	r.base = base.Clone()
	r.adopt()
	r.rebuild(base)
	return r
}

// adopt makes the restored edits made on the base's version ordinary
// pending edits, in order: from now on the stream's ops are carried over
// them here, as the server would, and they are sent on the latest version.
func (r *Replica) adopt() {
	for i := range r.pending {
		switch p := &r.pending[i]; {
		case p.old == 0:
		case p.old == r.base.Version:
			p.old = 0
		default:
			return
		}
	}
}

func (r *Replica) enqueue(op model.Op, old int64) {
	r.seq++
	if op.ID == "" {
		op.ID = r.names + strconv.Itoa(r.seq)
	}
	r.pending = append(r.pending, pending{seq: r.seq, op: op, old: old})
}

// names starts the IDs of a copy's edits (model.Op.ID): random, so that no
// two copies, in any tab or after any reload, name two edits alike, and the
// server commits an edit sent twice once.
func names() string {
	return strconv.FormatUint(rand.Uint64(), 36) + "."
}

// rebuild computes the view again: a copy of from (the base, or the base
// with its values computed), with the pending edits applied in order.
func (r *Replica) rebuild(from *model.Analysis) {
	view := from.Clone()
	view.Version = r.base.Version
	r.engine = calc.NewEngine(view)
	for _, p := range r.pending {
		r.engine.Apply(p.op) // one that no longer applies is refused when sent
	}
	r.view = view
}

// Analysis is what the person sees. Each change makes a new copy (go-app
// redraws what differs from what it drew, so the old one must stay as it
// was); do not change it.
func (r *Replica) Analysis() *model.Analysis { return r.view }

// Base is the server's analysis at Version, as this session last heard it,
// to keep with Queue across a reload. Its formulas are not computed.
func (r *Replica) Base() *model.Analysis { return r.base }

// Version is the last version whose ops this copy has applied in order: the
// base every edit is sent on.
func (r *Replica) Version() int64 { return r.base.Version }

// Queue is the edits not yet back from the stream, oldest first, each with
// the version it is relative to, to keep across a reload. It holds those
// committed whose op the stream has yet to bring: a copy restored from it
// knows them when they come (by their IDs), rather than carry the edits
// made after them over them, and sends them again, which the server
// answers with their commit.
func (r *Replica) Queue() []model.Op {
	out := make([]model.Op, len(r.pending))
	for i, p := range r.pending {
		out[i] = p.outgoing(r.base.Version)
	}
	return out
}

// outgoing is p as the server must get it: made on version base, or on the
// older one a restored edit was made on.
func (p pending) outgoing(base int64) model.Op {
	op := p.op
	op.BaseVersion = base
	if p.old != 0 {
		op.BaseVersion = p.old
	}
	return op
}

// Settled reports whether every edit of this session is back from the
// stream: the view is then the server's analysis at Version.
func (r *Replica) Settled() bool { return len(r.pending) == 0 }

// Waiting is how many edits are not yet committed.
func (r *Replica) Waiting() int {
	n := 0
	for _, p := range r.pending {
		if p.state != acked {
			n++
		}
	}
	return n
}

// Edit applies ops to the view at once, as one change (one new copy), and
// queues them. It stops at the first op that does not apply and returns the
// ops that reverse the applied ones, newest first, and that op's error.
func (r *Replica) Edit(ops ...model.Op) (reverse []model.Op, err error) {
	next := r.view.Clone()
	r.engine.Use(next)
	applied := 0
	for _, op := range ops {
		op.BaseVersion, op.ID = 0, "" // a new edit, named by enqueue
		inv := calc.Inverse(next, op)
		if err = r.engine.Apply(op); err != nil {
			break
		}
		reverse = append(inv, reverse...)
		r.enqueue(op, 0)
		applied++
	}
	if applied == 0 {
		r.engine.Use(r.view)
		return nil, err
	}
	r.view = next
	return reverse, err
}

// Next is the oldest edit not yet sent, with the number to report its fate
// by; false when none waits or one is on its way. Edits go one at a time, in
// order, each on a version that holds the ones before: then the only ops the
// server carries it over are other sessions', each relative to the state the
// one before left, which is what calc.Rebase assumes. That version is known
// at once when the server acknowledged the edits before at the versions
// right after the base (nobody else committed in between, the common case);
// otherwise the next edit waits for the stream to bring them back.
func (r *Replica) Next() (seq int, op model.Op, ok bool) {
	base := r.base.Version
	for i := range r.pending {
		switch p := &r.pending[i]; p.state {
		case sent:
			return 0, model.Op{}, false
		case acked:
			if p.version != base+1 {
				return 0, model.Op{}, false // another session's op is in between
			}
			base++
		case waiting:
			if p.old > r.base.Version {
				return 0, model.Op{}, false // made on a version the stream has yet to bring
			}
			p.state = sent
			return p.seq, p.outgoing(base), true
		}
	}
	return 0, model.Op{}, false
}

// Unsent puts the edit seq back to be sent again (the server could not be
// reached).
func (r *Replica) Unsent(seq int) {
	if i := r.find(seq); i >= 0 && r.pending[i].state == sent {
		r.pending[i].state = waiting
	}
}

// Acked records that the server committed edit seq at version. An edit
// the base holds already (the copy was Reset on an analysis loaded after
// the commit) is done: the view is computed again without it.
func (r *Replica) Acked(seq int, version int64) {
	i := r.find(seq)
	switch {
	case i < 0:
	case version <= r.base.Version:
		r.pending = slices.Delete(r.pending, i, i+1)
		r.rebuild(r.base)
	default:
		r.pending[i].state, r.pending[i].version = acked, version
	}
}

// Refused takes out edit seq, which the server refused: the view is computed
// again from the base and the other pending edits, those after it carried
// over its undoing.
func (r *Replica) Refused(seq int) {
	i := r.find(seq)
	if i < 0 {
		return
	}
	undo := calc.Inverse(r.base, r.pending[i].op) // approximate: relative to the base
	r.pending = slices.Delete(r.pending, i, i+1)
	for j := i; j < len(r.pending); j++ {
		for _, u := range undo {
			if op, err := calc.Rebase(r.base, r.pending[j].op, u, 0); err == nil {
				r.pending[j].op = op
			}
		}
	}
	r.rebuild(r.base)
}

// Discard drops every edit not yet committed, after an error that makes the
// page load the analysis again.
func (r *Replica) Discard() {
	r.pending = slices.DeleteFunc(r.pending, func(p pending) bool { return p.state != acked })
	r.rebuild(r.base)
}

func (r *Replica) find(seq int) int {
	return slices.IndexFunc(r.pending, func(p pending) bool { return p.seq == seq })
}

// Remote takes the op of version l.Version from the stream and returns the
// conflicts it caused: waiting edits of this session it would overwrite
// unseen, dropped as the server would refuse them. ok is false when the copy
// cannot follow (a version missing, an op that does not apply): load the
// server's analysis and Reset.
func (r *Replica) Remote(l model.LoggedOp) (conflicts []model.Conflict, ok bool) {
	if l.Version <= r.base.Version {
		return nil, true // already here
	}
	if l.Version > r.base.Version+1 {
		return nil, false
	}
	if err := calc.ApplyUncomputed(r.base, l.Op); err != nil {
		return nil, false
	}
	r.base.Version = l.Version
	defer r.adopt()
	if i := r.mine(l); i >= 0 {
		// One of ours, back: the view shows it already, unless the server
		// carried it further than this copy did or it came back before
		// edits made ahead of it (sent before a reload, say, its answer
		// lost).
		mine := r.pending[i]
		r.pending = slices.Delete(r.pending, i, i+1)
		for j := i; j < len(r.pending); j++ {
			if p := &r.pending[j]; p.old == l.Version-1 {
				p.old = l.Version // restored, made on top of it: now on the version it made
			}
		}
		if same(mine.op, l.Op) && mine.old == 0 && i == 0 {
			r.view.Version = l.Version
		} else {
			r.rebuild(r.base)
		}
		return nil, true
	}
	// Another session's: carry it over the pending edits, and them over it.
	op, dropped, absorbed, under := l.Op, false, false, false
	for i := 0; i < len(r.pending); i++ {
		p := &r.pending[i]
		if p.old >= l.Version {
			under = true // made after l: l goes under it as it is
			continue
		}
		if p.old != 0 {
			continue // the server carries a restored edit over what this copy missed
		}
		moved, err := calc.Rebase(r.base, p.op, op, l.Version)
		if err != nil {
			if p.state == waiting {
				// The server would refuse it: say so now, and drop it.
				if c := model.ConflictOf(err); c != nil {
					conflicts = append(conflicts, *c)
				}
				r.pending = slices.Delete(r.pending, i, i+1)
				i--
				dropped = true
			}
			continue // a sent one comes back refused
		}
		if !absorbed {
			over, err := calc.Rebase(r.base, op, p.op, 0)
			if err != nil {
				// What it changes is gone from the view (a row this
				// session deleted), or this session's edit of the same
				// thing is on its way back refused, which computes the
				// view again.
				absorbed = true
			}
			op = over
		}
		p.op = moved
	}
	if dropped || under {
		r.rebuild(r.base)
		return conflicts, true
	}
	if absorbed {
		r.view.Version = l.Version
		return conflicts, true
	}
	next := r.view.Clone()
	r.engine.Use(next)
	if err := r.engine.Apply(op); err != nil {
		r.rebuild(r.base)
		return conflicts, true
	}
	next.Version = l.Version
	r.view = next
	return conflicts, true
}

// mine is the index of the pending edit l is, known by its ID, or -1 when
// l is another session's (or this session's made elsewhere, a CSV import
// say).
func (r *Replica) mine(l model.LoggedOp) int {
	if l.Op.ID == "" {
		return -1
	}
	return slices.IndexFunc(r.pending, func(p pending) bool { return p.op.ID == l.Op.ID })
}

// same reports whether two ops do the same thing.
func same(a, b model.Op) bool {
	a.BaseVersion, b.BaseVersion = 0, 0
	if (a.Format == nil) != (b.Format == nil) || a.Format != nil && *a.Format != *b.Format ||
		(a.Source == nil) != (b.Source == nil) || a.Source != nil && *a.Source != *b.Source ||
		(a.Watch == nil) != (b.Watch == nil) || a.Watch != nil && *a.Watch != *b.Watch {
		return false
	}
	a.Format, b.Format, a.Source, b.Source, a.Watch, b.Watch = nil, nil, nil, nil, nil, nil
	return a == b
}

// Reset takes a, the server's analysis at some later version, as the base,
// after the copy lost its way. The pending edits go on top as they are, and
// go to the server as made on the version they were relative to, for it to
// carry them over what this copy missed.
func (r *Replica) Reset(a *model.Analysis) {
	r.pending = slices.DeleteFunc(r.pending, func(p pending) bool { return p.state == acked })
	for i := range r.pending {
		if r.pending[i].old == 0 {
			r.pending[i].old = r.base.Version
		}
	}
	r.base = a.Clone()
	r.adopt()
	r.rebuild(a)
}

// String describes the replica's version and pending edits, for logs.
func (r *Replica) String() string {
	out := fmt.Sprintf("at version %d;", r.base.Version)
	for _, p := range r.pending {
		out += fmt.Sprintf(" %s %s %s%s (%s", p.op.ID, p.op.Kind, p.op.Sheet, "!"+p.op.Cell, [...]string{"waiting", "sent", "acked"}[p.state])
		if p.version != 0 {
			out += fmt.Sprintf(" at %d", p.version)
		}
		out += ")"
	}
	return out
}
