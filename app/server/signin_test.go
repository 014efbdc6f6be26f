package server

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/sample"
	"thesisboard/app/sqlite"
)

// newSharedServer serves a store with one analysis, owned by olive, in
// shared mode; more users are added with add.
func newSharedServer(t *testing.T, set func(*Server)) (*httptest.Server, *Server, func(name string, admin bool)) {
	t.Helper()
	store, err := sqlite.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	svc := accounts.New(store)
	svc.Params = cheap
	add := func(name string, admin bool) {
		t.Helper()
		if _, err := svc.AddUser(context.Background(), name, "correct horse "+name, admin); err != nil {
			t.Fatal(err)
		}
	}
	add("olive", false)
	a, err := store.Create(context.Background(), sample.Lumen(time.Now()))
	if err == nil {
		err = store.SetOwner(context.Background(), a.ID, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Accounts: svc}
	if set != nil {
		set(s)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() { s.Close(); ts.Close(); store.Close() })
	return ts, s, add
}

// signIn posts a name and password with extra headers and answers the
// response (its body read).
func signIn(t *testing.T, base, name, password string, header http.Header) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/login", strings.NewReader(`{"name":"`+name+`","password":"`+password+`"}`))
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

func sessionCookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == SessionCookie {
			return c
		}
	}
	t.Fatalf("%d: no session cookie", res.StatusCode)
	return nil
}

func TestSessionCookieFlags(t *testing.T) {
	ts, _, _ := newSharedServer(t, func(s *Server) {
		s.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
	c := sessionCookie(t, signIn(t, ts.URL, "olive", "correct horse olive", nil))
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure {
		t.Errorf("over plain HTTP: %+v; want HttpOnly, SameSite=Lax, Path=/, not Secure", c)
	}
	if !strings.HasPrefix(c.Value, "tbs_") || len(c.Value) < 40 {
		t.Errorf("session secret %q", c.Value)
	}
	https := http.Header{"X-Forwarded-Proto": {"https"}}
	if c := sessionCookie(t, signIn(t, ts.URL, "olive", "correct horse olive", https)); !c.Secure {
		t.Error("behind a trusted HTTPS proxy the cookie is not Secure")
	}
	untrusted, _, _ := newSharedServer(t, nil)
	if c := sessionCookie(t, signIn(t, untrusted.URL, "olive", "correct horse olive", https)); c.Secure {
		t.Error("X-Forwarded-Proto from a client that is no trusted proxy was believed")
	}
}

// TestSessionFixationAndLogout: a cookie planted before sign-in is not the
// session; after logout the old cookie opens nothing, even if kept.
func TestSessionFixationAndLogout(t *testing.T) {
	ts, _, _ := newSharedServer(t, nil)
	planted := "tbs_planted-by-someone-else-0123456789abcdef"
	res := signIn(t, ts.URL, "olive", "correct horse olive", http.Header{"Cookie": {SessionCookie + "=" + planted}})
	c := sessionCookie(t, res)
	if c.Value == planted {
		t.Fatal("sign-in kept the planted secret")
	}
	if got, _ := ask(t, ts.URL, "GET", "/api/me", "", credential{cookie: planted}); got != 401 {
		t.Errorf("the planted cookie answers %d after sign-in", got)
	}
	if got, body := ask(t, ts.URL, "GET", "/api/analyses", "", credential{cookie: c.Value}); got != 200 || !strings.Contains(body, "Lumen") {
		t.Fatalf("signed in: %d %s", got, body)
	}
	if got, _ := ask(t, ts.URL, "POST", "/api/logout", "", credential{cookie: c.Value}); got != 204 {
		t.Fatalf("logout: %d", got)
	}
	if got, body := ask(t, ts.URL, "GET", "/api/analyses", "", credential{cookie: c.Value}); got != 401 || !strings.Contains(body, "sign in") {
		t.Errorf("the cookie kept after logout: %d %s", got, body)
	}
}

// TestLoginRateLimit: wrong passwords for one account are refused with 429
// and a message after the burst, and then so is the right one; another
// account from another address is not held up.
func TestLoginRateLimit(t *testing.T) {
	ts, _, add := newSharedServer(t, nil)
	add("victor", false)
	for i := 0; i < 5; i++ {
		if res := signIn(t, ts.URL, "olive", "wrong password", nil); res.StatusCode != 401 {
			t.Fatalf("wrong password %d: %d", i+1, res.StatusCode)
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/login", strings.NewReader(`{"name":"olive","password":"correct horse olive"}`))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 429 || !strings.Contains(string(body), "too many sign-in attempts for this account") || res.Header.Get("Retry-After") == "" {
		t.Errorf("sixth attempt: %d %s", res.StatusCode, body)
	}
	if res := signIn(t, ts.URL, "victor", "correct horse victor", nil); res.StatusCode != 200 {
		t.Errorf("another account: %d", res.StatusCode)
	}
	if res := signIn(t, ts.URL, "nobody", "whatever", nil); res.StatusCode != 401 {
		t.Errorf("an unknown name: %d, want 401 like a wrong password", res.StatusCode)
	}
}

// TestRevocationEndsStream: a viewer's open event stream ends, with the
// reason, when the owner takes the share away; a disabled user's session
// stops working.
func TestRevocationEndsStream(t *testing.T) {
	ts, _, add := newSharedServer(t, nil)
	add("victor", false)
	add("ada", true)
	olive := sessionCookie(t, signIn(t, ts.URL, "olive", "correct horse olive", nil)).Value
	victor := sessionCookie(t, signIn(t, ts.URL, "victor", "correct horse victor", nil)).Value
	ada := sessionCookie(t, signIn(t, ts.URL, "ada", "correct horse ada", nil)).Value
	if got, body := ask(t, ts.URL, "PUT", "/api/analyses/1/shares/victor", `{"role":"viewer"}`, credential{cookie: olive}); got != 204 {
		t.Fatalf("share: %d %s", got, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/api/analyses/1/events", nil)
	credential{cookie: victor}.apply(req)
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("stream: %v %v", res, err)
	}
	defer res.Body.Close()
	lines := bufio.NewScanner(res.Body)
	lines.Scan() // retry:
	if got, _ := ask(t, ts.URL, "DELETE", "/api/analyses/1/shares/victor", "", credential{cookie: olive}); got != 204 {
		t.Fatalf("unshare: %d", got)
	}
	var ended string
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "data: ") {
			ended = lines.Text()
		}
	}
	if !strings.Contains(ended, "forbidden") || !strings.Contains(ended, "do not have access") {
		t.Errorf("the stream ended with %q, want the reason", ended)
	}
	if got, _ := ask(t, ts.URL, "POST", "/api/users/victor/disable", "", credential{cookie: ada}); got != 204 {
		t.Fatalf("disable: %d", got)
	}
	if got, body := ask(t, ts.URL, "GET", "/api/me", "", credential{cookie: victor}); got != 401 {
		t.Errorf("a disabled user's session: %d %s", got, body)
	}
	if res := signIn(t, ts.URL, "victor", "correct horse victor", nil); res.StatusCode != 401 {
		t.Errorf("a disabled user signs in: %d", res.StatusCode)
	}
}
