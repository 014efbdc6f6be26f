package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestMisdirectedHostRefused is DNS rebinding: a page at
// http://rebind.example:PORT, its name now pointing at this server, sends
// same-origin requests (Origin matches Host) that CrossOriginProtection
// lets through. Only the names the server is configured for get answers.
func TestMisdirectedHostRefused(t *testing.T) {
	ts, s := newTestServerWith(t, func(s *Server) {
		s.AllowedHosts = []string{"dash.example.com", "[2001:db8::5]:443"}
	})
	port := ts.URL[strings.LastIndex(ts.URL, ":"):]
	tests := []struct {
		method, path, host string
		status             int
		ctype, contain     string
	}{
		{"GET", "/api/analyses", "localhost" + port, 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "LocalHost.", 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "127.0.0.1" + port, 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "127.8.9.10:1", 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "[::1]" + port, 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "dash.example.com", 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "Dash.Example.COM:8443", 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "[2001:db8::5]", 200, "application/json", `"ticker":"LUMN"`},
		{"GET", "/api/analyses", "rebind.example" + port, 421, "application/json", `"code":"invalid"`},
		{"GET", "/api/analyses/1", "rebind.example" + port, 421, "application/json", `-host rebind.example`},
		{"DELETE", "/api/analyses/1", "rebind.example" + port, 421, "application/json", `does not answer`},
		{"GET", "/api/analyses", "localhost.rebind.example", 421, "application/json", `does not answer`},
		{"GET", "/api/analyses", "127.0.0.1.rebind.example", 421, "application/json", `does not answer`},
		{"GET", "/api/analyses", "example.com", 421, "application/json", `does not answer`},
		{"GET", "/a/1", "rebind.example" + port, 421, "text/plain", `does not answer`},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
		req.Host = tt.host
		if tt.method != "GET" {
			req.Header.Set("Origin", "http://"+tt.host)
			req.Header.Set("Sec-Fetch-Site", "same-origin")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(body), tt.contain) {
			t.Errorf("%s %s Host %s = %d %s %s, want %d %s containing %q", tt.method, tt.path, tt.host,
				res.StatusCode, res.Header.Get("Content-Type"), body, tt.status, tt.ctype, tt.contain)
		}
	}
	if _, err := s.Store.Get(context.Background(), 1); err != nil {
		t.Errorf("analysis 1 after the misdirected DELETE: %v", err)
	}
}

func TestListenHosts(t *testing.T) {
	for addr, want := range map[string][]string{
		"127.0.0.1:8080":    nil,
		"localhost:8080":    nil,
		"[::1]:8080":        nil,
		"192.168.1.5:8080":  {"192.168.1.5"},
		"MyBox.lan:8080":    {"mybox.lan"},
		"[2001:db8::1]:443": {"2001:db8::1"},
	} {
		if got := ListenHosts(addr); !slices.Equal(got, want) {
			t.Errorf("ListenHosts(%q) = %q, want %q", addr, got, want)
		}
	}
	// Every interface: its addresses, which are not loopback.
	for _, addr := range []string{":8080", "0.0.0.0:8080", "[::]:8080"} {
		for _, h := range ListenHosts(addr) {
			if ip := net.ParseIP(h); ip == nil || ip.IsLoopback() {
				t.Errorf("ListenHosts(%q) has %q", addr, h)
			}
		}
	}
}
