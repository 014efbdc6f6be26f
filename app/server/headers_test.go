package server

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shellPage is a page for go-app's handler to render in these tests (the
// real pages are the components', which cmd/thesisboard registers).
type shellPage struct{ app.Compo }

func (p *shellPage) Render() app.UI { return app.Div().Text("thesisboard") }

func init() { app.Route("/", func() app.Composer { return &shellPage{} }) }

// newPageServer serves the API over the sample analysis and go-app's page
// with a few static files.
func newPageServer(t *testing.T) *httptest.Server {
	t.Helper()
	st, err := NewStatic(fstest.MapFS{
		"app.css":  {Data: []byte("body{}")},
		"app.wasm": {Data: []byte("wasm")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := newTestServerWith(t, func(s *Server) { s.Page = NewPage(st) })
	return ts
}

// TestSecurityHeadersOnEveryResponse checks the page, go-app's scripts, the
// static files and API answers, failed ones included, all carry the
// security headers.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	ts := newPageServer(t)
	tests := []struct {
		name, method, path string
		header             map[string]string
		status             int
	}{
		{"page", "GET", "/", nil, 200},
		{"service worker", "GET", "/app-worker.js", nil, 200},
		{"app.js", "GET", "/app.js", nil, 200},
		{"manifest", "GET", "/manifest.webmanifest", nil, 200},
		{"static file", "GET", "/web/app.css", nil, 200},
		{"missing static file", "GET", "/web/nothing.css", nil, 404},
		{"API", "GET", "/api/analyses/1", nil, 200},
		{"API not found", "GET", "/api/analyses/99", nil, 404},
		{"cross-origin refusal", "DELETE", "/api/analyses/1", map[string]string{"Origin": "https://evil.example"}, 403},
		{"misdirected", "GET", "/api/analyses", map[string]string{"Host": "evil.example"}, 421},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			req.Host = req.Header.Get("Host")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			for k, want := range map[string]string{
				"Content-Security-Policy": ContentSecurityPolicy,
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
				"X-Frame-Options":         "DENY",
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

// TestPolicyAllowsNoInlineScript checks the directives the policy is for.
func TestPolicyAllowsNoInlineScript(t *testing.T) {
	directives := map[string]string{}
	for d := range strings.SplitSeq(ContentSecurityPolicy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for name, want := range map[string]string{
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"connect-src":     "'self'",
		"frame-ancestors": "'none'",
		"style-src":       "'self'",
		"object-src":      "'none'",
		"base-uri":        "'none'",
	} {
		if got := directives[name]; got != want {
			t.Errorf("%s %q, want %q", name, got, want)
		}
	}
	if strings.Contains(directives["script-src"]+directives["default-src"], "unsafe-inline") {
		t.Error("the policy lets inline scripts run")
	}
}

// TestPageHasNothingInline reads the page go-app renders: a script in it
// (an inline <script>, an event attribute, a javascript: link) or an inline
// style sheet would be refused under the policy.
func TestPageHasNothingInline(t *testing.T) {
	ts := newPageServer(t)
	_, body := do(t, "GET", ts.URL+"/", "")
	page := string(body)
	if !strings.Contains(page, `src="/app.js"`) {
		t.Fatalf("not go-app's page:\n%s", page)
	}
	for _, bad := range []struct{ what, re string }{
		{"an inline script", `<script(\s[^>]*)?>[^<]+</script>`},
		{"a script without src", `<script(\s+(defer|async|type="[^"]*"))*\s*>`},
		{"an event attribute", `(?i)\son[a-z]+\s*=`},
		{"a javascript: URL", `(?i)javascript:`},
		{"a style element", `(?i)<style`},
	} {
		if m := regexp.MustCompile(bad.re).FindString(page); m != "" {
			t.Errorf("the page has %s: %s", bad.what, m)
		}
	}
}
