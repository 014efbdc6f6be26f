//go:build !wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"thesisboard/app/sqlite"
)

// TestKilledServerLosesNoAcknowledgedOp runs the real server binary, sends it
// bursts of edits from concurrent clients and kills it with SIGKILL at random
// moments, 20 times, restarting it on the same data each time. Every edit the
// server acknowledged before a kill must be in the log afterwards, and the
// database file must pass SQLite's integrity check. An edit whose answer
// the kill cut off is sent again, with its ID, once the server is back, as
// the dashboard does: it must be in the log once, whether or not the first
// sending was committed.
func TestKilledServerLosesNoAcknowledgedOp(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "thesisboard")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	acked := map[int64]string{} // version -> input
	var mu sync.Mutex
	type edit struct {
		input string
		base  int64
	}
	const clients = 6
	unanswered := make([]*edit, clients) // per client, the edit a kill cut off
	known := make([]int64, clients)      // per client, the last version it was answered
	resent := 0
	for round := range 20 {
		addr := freeAddr(t)
		cmd := exec.Command(bin, "serve", "-addr", addr, "-data", data)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		url := "http://" + addr
		waitUp(t, url)
		ctx, stop := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for c := range clients {
			wg.Go(func() {
				for i := 0; ctx.Err() == nil; i++ {
					e := unanswered[c]
					if e == nil {
						e = &edit{input: fmt.Sprintf("r%d-c%d-%d", round, c, i), base: known[c]}
					} else {
						mu.Lock()
						resent++
						mu.Unlock()
					}
					unanswered[c] = e
					body := fmt.Sprintf(`{"kind":"set_cell","sheet":"partners","cell":"D%d","input":%q,"id":%q,"baseVersion":%d}`, c+2, e.input, e.input, e.base)
					req, _ := http.NewRequestWithContext(ctx, "POST", url+"/api/analyses/1/ops", strings.NewReader(body))
					req.Header.Set("X-Session", fmt.Sprint("client-", c))
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						return // the server is gone; the edit waits
					}
					var ack struct{ Version int64 }
					json.NewDecoder(res.Body).Decode(&ack)
					res.Body.Close()
					if res.StatusCode != 200 || ack.Version == 0 {
						t.Errorf("client %d: %s answered %d", c, e.input, res.StatusCode)
						return
					}
					unanswered[c], known[c] = nil, max(known[c], ack.Version)
					mu.Lock()
					acked[ack.Version] = e.input
					mu.Unlock()
				}
			})
		}
		time.Sleep(time.Duration(30+rng.IntN(250)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		stop()
		wg.Wait()
	}
	store, err := sqlite.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ops, err := store.Ops(context.Background(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	logged := map[int64]string{}
	ids := map[string]int64{}
	for _, op := range ops {
		logged[op.Version] = op.Op.Input
		if first, ok := ids[op.Op.ID]; ok {
			t.Errorf("edit %s is in the log twice, at versions %d and %d", op.Op.ID, first, op.Version)
		}
		ids[op.Op.ID] = op.Version
	}
	if len(acked) < 100 || resent < 10 {
		t.Fatalf("only %d edits were acknowledged and %d sent again in 20 rounds; the test proves little", len(acked), resent)
	}
	for v, in := range acked {
		if logged[v] != in {
			t.Errorf("acknowledged edit %q at version %d is missing after the kills (log has %q)", in, v, logged[v])
		}
	}
	if res, err := store.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
	t.Logf("%d acknowledged edits over 20 kills, all in the log of %d; %d sent again after a kill", len(acked), len(ops), resent)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitUp(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(url + "/api/analyses/1"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the server did not come up")

}
