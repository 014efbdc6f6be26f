package server

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"

	"thesisboard/app/model"
)

// TestConvergenceAndNoSilentOverwrite has 20 clients send 200 edits each to a
// few shared cells at once, each edit made on the version its client last
// saw. Afterwards every client reads the same analysis as the server holds;
// no accepted edit overwrote another session's change it had not seen; and
// every refused edit was refused for such a change, and told the client both
// values.
func TestConvergenceAndNoSilentOverwrite(t *testing.T) {
	ts, store := newTestServer(t)
	const clients, edits = 20, 200
	cells := []string{"C2", "C3", "D2", "D3"}
	type sent struct {
		session, cell, input string
		base, version        int64
		conflict             *model.Conflict
	}
	var mu sync.Mutex
	var all []sent
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 99))
			session := fmt.Sprintf("client-%d", c)
			var seen int64 = 1
			for i := range edits {
				cell := cells[rng.IntN(len(cells))]
				input := fmt.Sprintf("%s-%d", session, i)
				body := fmt.Sprintf(`{"kind":"set_cell","sheet":"partners","cell":%q,"input":%q,"baseVersion":%d}`, cell, input, seen)
				req, _ := http.NewRequest("POST", ts.URL+"/api/analyses/1/ops", strings.NewReader(body))
				req.Header.Set("X-Session", session)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				var out struct {
					Version int64        `json:"version"`
					Error   *model.Error `json:"error"`
				}
				json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				s := sent{session: session, cell: cell, input: input, base: seen}
				switch res.StatusCode {
				case 200:
					s.version = out.Version
				case 409:
					s.conflict = out.Error.Conflict
				default:
					t.Errorf("status %d", res.StatusCode)
					return
				}
				// Now and then the client catches up, as a page does from
				// its event stream.
				if rng.IntN(3) == 0 || res.StatusCode == 409 {
					status, body := do(t, "GET", ts.URL+"/api/analyses/1", "")
					var a model.Analysis
					if status == 200 && json.Unmarshal(body, &a) == nil {
						seen = a.Version
					}
				}
				mu.Lock()
				all = append(all, s)
				mu.Unlock()
			}
		})
	}
	wg.Wait()

	ops, err := store.Ops(context.Background(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	byVersion := map[int64]model.LoggedOp{}
	for _, o := range ops {
		byVersion[o.Version] = o
	}
	// changedBy reports another session's edit of cell in versions (from, to).
	changedBy := func(cell, session string, from, to int64) (model.LoggedOp, bool) {
		for v := from + 1; v < to; v++ {
			if o, ok := byVersion[v]; ok && o.Op.Cell == cell && o.Session != session {
				return o, true
			}
		}
		return model.LoggedOp{}, false
	}
	accepted, refused := 0, 0
	for _, s := range all {
		if s.conflict == nil {
			accepted++
			if o, overwrote := changedBy(s.cell, s.session, s.base, s.version); overwrote {
				t.Errorf("%s (made on v%d, committed v%d) overwrote %s's v%d it had not seen", s.input, s.base, s.version, o.Session, o.Version)
			}
			continue
		}
		refused++
		if _, real := changedBy(s.cell, s.session, s.base, 1<<62); !real || s.conflict.Yours != s.input || s.conflict.Theirs == "" {
			t.Errorf("%s was refused without cause or without both values: %+v", s.input, s.conflict)
		}
	}
	if accepted == 0 || refused == 0 {
		t.Fatalf("accepted %d, refused %d: the test exercised nothing", accepted, refused)
	}
	// Every client reads what the server holds.
	final, _ := store.Get(context.Background(), 1)
	for c := range clients {
		status, body := do(t, "GET", ts.URL+"/api/analyses/1", "")
		var a model.Analysis
		json.Unmarshal(body, &a)
		if status != 200 || a.Version != final.Version || a.Section("partners").Cell(1, 2).Input != final.Section("partners").Cell(1, 2).Input {
			t.Errorf("client %d reads version %d, server holds %d", c, a.Version, final.Version)
		}
	}
	t.Logf("%d edits accepted, %d refused as conflicts, final version %d", accepted, refused, final.Version)
}
