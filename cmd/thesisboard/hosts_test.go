//go:build !wasm

package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"testing"
)

// TestServeAnswersConfiguredHosts starts the program as `thesisboard serve
// -host dash.example.com` would: that name and loopback ones are answered,
// a rebound name is not.
func TestServeAnswersConfiguredHosts(t *testing.T) {
	var hosts hostList
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.Var(&hosts, "host", "")
	if err := fs.Parse([]string{"-host", "dash.example.com", "-host", "10.0.0.7:8443"}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(hosts, hostList{"dash.example.com", "10.0.0.7:8443"}) {
		t.Fatalf("-host twice = %q", hosts)
	}
	if err := fs.Parse([]string{"-host", "http://dash.example.com/"}); err == nil {
		t.Error("-host took a URL")
	}
	m := &Main{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Hosts: hosts}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	for host, want := range map[string]int{
		"dash.example.com":      200,
		"10.0.0.7":              200,
		"localhost:1234":        200,
		"rebind.example:80":     421,
		"dash.example.com.evil": 421,
	} {
		req, _ := http.NewRequest("GET", m.URL()+"/api/analyses", nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, res.StatusCode, want)
		}
	}
}
