package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"thesisboard/app/client"
	"thesisboard/app/model"
	"thesisboard/app/replica"
)

// follow reads analysis id's event stream from version after, as a page's
// EventSource does: reconnecting with Last-Event-ID when the stream ends.
func follow(ctx context.Context, base string, id, after int64) <-chan model.LoggedOp {
	ch := make(chan model.LoggedOp, 1<<16)
	go func() {
		last := after
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/analyses/%d/events?after=%d", base, id, last), nil)
			req.Header.Set("Last-Event-ID", strconv.FormatInt(last, 10))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				time.Sleep(20 * time.Millisecond)
				continue
			}
			sc := bufio.NewScanner(res.Body)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				data, ok := strings.CutPrefix(sc.Text(), "data: ")
				if !ok {
					continue
				}
				var l model.LoggedOp
				if json.Unmarshal([]byte(data), &l) == nil && l.Version > last {
					last = l.Version
					ch <- l
				}
			}
			res.Body.Close()
		}
	}()
	return ch
}

// randomOp is an edit a person might make on the partners sheet: mostly
// cells (a few shared by everyone, text and formulas), sometimes rows
// inserted or deleted, sometimes the thesis summary.
func randomOp(rng *rand.Rand, a *model.Analysis, session string, i int) model.Op {
	rows := len(a.Section("partners").Cells)
	switch n := rng.IntN(20); {
	case n < 2:
		return model.Op{Kind: model.OpInsertRow, Sheet: "partners", Row: 2 + rng.IntN(rows-1)}
	case n < 4 && rows > 4:
		return model.Op{Kind: model.OpDeleteRow, Sheet: "partners", Row: 2 + rng.IntN(rows-1)}
	case n < 6:
		return model.Op{Kind: model.OpSetThesis, Field: "summary", Text: fmt.Sprintf("%s summary %d", session, i)}
	case n < 8:
		r := 2 + rng.IntN(rows-1)
		return model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("C%d", r), Input: fmt.Sprintf("=LEN(B%d)+%d", r, i)}
	}
	r := 2 + rng.IntN(min(rows-1, 10))
	return model.Op{Kind: model.OpSetCell, Sheet: "partners", Cell: fmt.Sprintf("%c%d", 'B'+rng.IntN(3), r), Input: fmt.Sprintf("%s-%d", session, i)}
}

// TestReplicasConverge runs 20 sessions, each with the replica the
// dashboard keeps, over the real API and event stream: 200 random edits
// each (shared cells, formulas, rows inserted and deleted, the thesis), sent
// one at a time in order while the others' ops stream in; one answer in ten
// is lost and the edit sent again, and must be committed once; one edit in
// 25 is followed by a reload of the page (see reload). Every refused
// edit tells its session what collided. The stream must bring every version
// in order, and every op must apply on each copy: no copy ever needs to
// load the analysis again. Whenever a session has nothing in flight,
// its copy must be the server's analysis at that version (checked afterwards
// by replaying the server's log), and at the end every copy is the server's.
func TestReplicasConverge(t *testing.T) {
	ts, store := newTestServer(t)
	const sessions, edits = 20, 200
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sent, conflicts, invalid, lostAnswers, reloaded atomic.Int64
	final := make(chan int64)
	states := make([]*model.Analysis, sessions)
	start, err := client.New(ts.URL, "").Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var seenMu sync.Mutex
	seen := map[int64]map[string]int{} // version -> content -> a session that showed it
	record := func(s int, rep *replica.Replica) {
		if !rep.Settled() {
			return
		}
		c := content(rep.Analysis())
		seenMu.Lock()
		defer seenMu.Unlock()
		if seen[rep.Version()] == nil {
			seen[rep.Version()] = map[string]int{}
		}
		seen[rep.Version()][c] = s
	}
	// collided records, per version, the sessions told their edit collided
	// with that version's op: it must be another person's, never their own.
	collided := map[int64][]int{}
	collide := func(s int, version int64) {
		seenMu.Lock()
		defer seenMu.Unlock()
		collided[version] = append(collided[version], s)
	}
	var sending, done sync.WaitGroup
	sending.Add(sessions)
	for s := range sessions {
		done.Go(func() {
			session := fmt.Sprintf("session-%d", s)
			rng := rand.New(rand.NewPCG(uint64(s), 7))
			cl := client.New(ts.URL, session)
			a, err := cl.Get(ctx, 1)
			if err != nil {
				t.Error(err)
				sending.Done()
				return
			}
			rep := replica.New(a, nil)
			fctx, stop := context.WithCancel(ctx)
			events := follow(fctx, ts.URL, 1, a.Version)
			// reload does what a reload of the page does: the base and the
			// queue go through the browser's storage as JSON, and the page
			// starts again from them, following the stream from the base.
			// Now and then the browser restarts too, with a new session.
			reloads := 0
			reload := func() {
				reloads++
				base, _ := json.Marshal(rep.Base())
				queue, _ := json.Marshal(rep.Queue())
				stop()
				var b *model.Analysis
				var q []model.Op
				if json.Unmarshal(base, &b) != nil || json.Unmarshal(queue, &q) != nil {
					t.Error("the kept copy does not decode")
				}
				if rng.IntN(2) == 0 {
					session = fmt.Sprintf("session-%d-%d", s, reloads)
					cl = client.New(ts.URL, session)
				}
				rep = replica.Resume(b, nil, q)
				fctx, stop = context.WithCancel(ctx)
				events = follow(fctx, ts.URL, 1, rep.Version())
			}
			reset := func() {
				a, err := cl.Get(ctx, 1)
				if err != nil {
					t.Error(err)
					return
				}
				rep.Reset(a)
			}
			// pump takes what the stream brought, then sends what may go.
			pump := func() {
				for {
					select {
					case l := <-events:
						lost, ok := rep.Remote(l)
						if !ok {
							t.Errorf("%s: the stream skipped to version %d, or its op did not apply here: %s", session, l.Version, rep)
							reset()
						}
						for _, c := range lost {
							if c.Yours == "" && !c.Gone && c.Field == "" {
								t.Errorf("%s: a conflict without what collided: %+v", session, c)
							}
							collide(s, c.Version)
						}
						conflicts.Add(int64(len(lost)))
						record(s, rep)
						continue
					default:
					}
					seq, op, ok := rep.Next()
					if !ok {
						return
					}
					version, err := cl.Apply(ctx, 1, op)
					sent.Add(1)
					var me *model.Error
					switch {
					case err == nil && version > 0 && rng.IntN(10) == 0:
						lostAnswers.Add(1) // the answer never arrived: send it again
						rep.Unsent(seq)
					case err == nil && version > 0:
						rep.Acked(seq, version)
					case errors.As(err, &me) && me.Code == model.ECONFLICT:
						if me.Conflict == nil || me.Conflict.Yours == "" && !me.Conflict.Gone && me.Conflict.Field == "" {
							t.Errorf("%s: a conflict without what collided: %+v", session, me)
						} else {
							collide(s, me.Conflict.Version)
						}
						conflicts.Add(1)
						rep.Refused(seq)
					case model.ErrorCode(err) == model.EINVALID:
						invalid.Add(1) // e.g. a row others deleted first
						rep.Refused(seq)
					default:
						t.Errorf("%s: %v", session, err)
						rep.Refused(seq)
					}
				}
			}
			// settle sends what is left as the stream brings each edit back.
			settle := func() {
				for deadline := time.Now().Add(time.Minute); !rep.Settled() && time.Now().Before(deadline); {
					pump()
					time.Sleep(time.Millisecond)
				}
				if !rep.Settled() {
					t.Errorf("%s: %d edits never came back: %s", session, rep.Waiting(), rep)
				}
			}
			for i := range edits {
				pump()
				rep.Edit(randomOp(rng, rep.Analysis(), session, i)) // one that does not apply here is not made
				if rng.IntN(25) == 0 {
					reload()
					reloaded.Add(1)
				}
				pump()
				if rng.IntN(8) == 0 {
					settle() // a pause, as people make
				}
			}
			settle()
			sending.Done()
			want := <-final
			deadline := time.Now().Add(time.Minute)
			for rep.Version() < want && time.Now().Before(deadline) {
				select {
				case l := <-events:
					if _, ok := rep.Remote(l); !ok {
						t.Errorf("%s: the stream skipped to version %d, or its op did not apply here: %s", session, l.Version, rep)
						reset()
					}
				case <-time.After(50 * time.Millisecond):
				}
			}
			states[s] = rep.Analysis()
		})
	}
	sending.Wait()
	server, err := store.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	for range sessions {
		final <- server.Version
	}
	done.Wait()
	if conflicts.Load() == 0 {
		t.Error("no edit collided: the test exercised nothing")
	}
	// Replay the log: at each version some session showed, it showed this.
	ops, err := store.Ops(ctx, 1, start.Version)
	if err != nil {
		t.Fatal(err)
	}
	replay := replica.New(start, nil)
	checked := 0
	ids := map[string]int64{}
	for _, l := range ops {
		for _, s := range collided[l.Version] {
			if strings.Split(l.Session, "-")[1] == strconv.Itoa(s) {
				t.Errorf("session %d was told its edit collided with its own, %s at version %d", s, l.Op.Kind, l.Version)
			}
		}
		if first, ok := ids[l.Op.ID]; ok {
			t.Errorf("edit %s committed twice, at versions %d and %d", l.Op.ID, first, l.Version)
		}
		ids[l.Op.ID] = l.Version
		l.Session = "log"
		if _, ok := replay.Remote(l); !ok {
			t.Fatalf("the server's own log does not replay at version %d", l.Version)
		}
		if shown := seen[l.Version]; shown != nil {
			want := content(replay.Analysis())
			for c, s := range shown {
				checked++
				if c != want {
					t.Errorf("session %d showed version %d differently from the server: %s", s, l.Version, firstDiff(c, want))
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d settled copies were checked against the log", checked)
	}
	want := content(server)
	for s, a := range states {
		if a == nil {
			continue
		}
		if a.Version != server.Version {
			t.Errorf("session %d is at version %d, the server at %d", s, a.Version, server.Version)
			continue
		}
		if got := content(a); !reflect.DeepEqual(got, want) {
			t.Errorf("session %d differs from the server: %s", s, firstDiff(got, want))
		}
	}
	if n := servers[ts].gapFills.Load(); n != 0 {
		t.Errorf("the streams had to read %d missing versions from the log: ops were published out of commit order", n)
	}
	if lostAnswers.Load() == 0 {
		t.Error("no answer was lost: retries were not exercised")
	}
	t.Logf("%d edits sent (%d again after a lost answer), %d refused as conflicts, %d as invalid; %d reloads; final version %d, partners has %d rows; %d settled copies checked",
		sent.Load(), lostAnswers.Load(), conflicts.Load(), invalid.Load(), reloaded.Load(), server.Version, len(server.Section("partners").Cells), checked)
}

// content is what a person sees of an analysis, as JSON.
func content(a *model.Analysis) string {
	b, _ := json.MarshalIndent(struct {
		Sections  []model.Section
		Thesis    model.Thesis
		Watchlist []model.WatchRow
		Series    []model.Series
	}{a.Sections, a.Thesis, a.Watchlist, a.Series}, "", " ")
	return string(b)
}

// firstDiff shows where two texts first differ, with a little context.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			lo := max(i-6, 0)
			return fmt.Sprintf("at line %d\n got: %s\nwant: %s", i+1, strings.Join(g[lo:min(i+3, len(g))], "\n      "), strings.Join(w[lo:min(i+3, len(w))], "\n      "))
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(g), len(w))
}
