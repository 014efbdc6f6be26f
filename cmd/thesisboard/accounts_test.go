//go:build !wasm

package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// TestSharedModeNeedsAnAccount: a server asked for accounts (-auth, or any
// address but loopback) with none refuses to start and says how to make
// the first; once made with `thesisboard user add`, it starts and asks
// everyone to sign in, while a loopback server without -auth needs no one.
func TestSharedModeNeedsAnAccount(t *testing.T) {
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	for _, addr := range []string{"127.0.0.1:0", "0.0.0.0:0"} {
		m := &Main{Addr: addr, DataDir: dir, Log: quiet, Auth: addr == "127.0.0.1:0"}
		err := m.Run(context.Background())
		if err == nil {
			m.Close()
			t.Fatalf("%s started in shared mode without an account", addr)
		}
		if !strings.Contains(err.Error(), "thesisboard user add -data "+dir+" -admin NAME") {
			t.Errorf("%s: %v; want how to add the first account", addr, err)
		}
	}
	var out bytes.Buffer
	if err := userCmd([]string{"add", "-data", dir, "-admin", "ada"}, strings.NewReader("correct horse ada\n"), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "added ada") {
		t.Errorf("user add said %q", out.String())
	}
	if err := userCmd([]string{"add", "-data", dir, "bob"}, strings.NewReader("short\n"), &out); err == nil || !strings.Contains(err.Error(), "at least 10 characters") {
		t.Errorf("a short password: %v", err)
	}
	out.Reset()
	if err := userCmd([]string{"list", "-data", dir}, nil, &out); err != nil || !strings.Contains(out.String(), "ada   true") {
		t.Errorf("user list: %v\n%s", err, out.String())
	}

	shared := &Main{Addr: "127.0.0.1:0", DataDir: dir, Log: quiet, Auth: true}
	if err := shared.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	status(t, shared.URL()+"/api/analyses", 401)
	shared.Close()

	local := &Main{Addr: "127.0.0.1:0", DataDir: dir, Log: quiet}
	if err := local.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	status(t, local.URL()+"/api/analyses", 200)
}

func status(t *testing.T, url string, want int) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Errorf("GET %s: %d, want %d", url, res.StatusCode, want)
	}
}
