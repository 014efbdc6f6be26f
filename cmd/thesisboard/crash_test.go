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
// database file must pass SQLite's integrity check.
func TestKilledServerLosesNoAcknowledgedOp(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "thesisboard")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	acked := map[int64]string{} // version -> input
	var mu sync.Mutex
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
		for c := range 6 {
			wg.Go(func() {
				for i := 0; ctx.Err() == nil; i++ {
					input := fmt.Sprintf("r%d-c%d-%d", round, c, i)
					body := fmt.Sprintf(`{"kind":"set_cell","sheet":"partners","cell":"D%d","input":%q}`, c+2, input)
					req, _ := http.NewRequestWithContext(ctx, "POST", url+"/api/analyses/1/ops", strings.NewReader(body))
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						return // the server is gone
					}
					var ack struct{ Version int64 }
					json.NewDecoder(res.Body).Decode(&ack)
					res.Body.Close()
					if res.StatusCode == 200 && ack.Version > 0 {
						mu.Lock()
						acked[ack.Version] = input
						mu.Unlock()
					}
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
	for _, op := range ops {
		logged[op.Version] = op.Op.Input
	}
	if len(acked) < 100 {
		t.Fatalf("only %d edits were acknowledged in 20 rounds; the test proves little", len(acked))
	}
	for v, in := range acked {
		if logged[v] != in {
			t.Errorf("acknowledged edit %q at version %d is missing after the kills (log has %q)", in, v, logged[v])
		}
	}
	if res, err := store.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
	t.Logf("%d acknowledged edits over 20 kills, all in the log of %d", len(acked), len(ops))
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
