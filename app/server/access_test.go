package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
	"thesisboard/app/sample"
	"thesisboard/app/sqlite"
)

// cheap makes test accounts quick to sign in to; the real parameters are
// measured in BenchmarkHashPassword.
var cheap = accounts.Params{Memory: 64, Time: 1, Threads: 1}

// credential is how a principal of the table proves who it is.
type credential struct{ cookie, bearer string }

func (c credential) apply(req *http.Request) {
	if c.cookie != "" {
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: c.cookie})
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
}

// accessWorld is a data directory with analyses 1 (olive's, shared with
// victor as viewer and edith as editor), 2 (otto's) and 3 (olive's), and
// the credentials of every principal of the route table.
type accessWorld struct {
	dir   string
	creds map[string]credential
}

func buildAccessWorld(t *testing.T) accessWorld {
	t.Helper()
	dir := t.TempDir()
	store, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	svc := accounts.New(store)
	svc.Params = cheap
	for i := 0; i < 3; i++ {
		if _, err := store.Create(ctx, sample.Lumen(time.Now())); err != nil {
			t.Fatal(err)
		}
	}
	users := map[string]accounts.User{}
	for _, name := range []string{"olive", "victor", "edith", "otto", "ada", "dora"} {
		u, err := svc.AddUser(ctx, name, "correct horse "+name, name == "ada")
		if err != nil {
			t.Fatal(err)
		}
		users[name] = u
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(store.SetOwner(ctx, 1, users["olive"].ID))
	must(store.SetOwner(ctx, 2, users["otto"].ID))
	must(store.SetOwner(ctx, 3, users["olive"].ID))
	must(store.SetShare(ctx, 1, users["victor"].ID, model.RoleViewer))
	must(store.SetShare(ctx, 1, users["edith"].ID, model.RoleEditor))
	must(store.SetShare(ctx, 1, users["dora"].ID, model.RoleEditor))
	w := accessWorld{dir: dir, creds: map[string]credential{"anonymous": {}}}
	for _, name := range []string{"olive", "victor", "edith", "otto", "ada", "dora"} {
		secret, _, err := svc.Login(ctx, name, "correct horse "+name, "127.0.0.1", "test")
		must(err)
		w.creds[name] = credential{cookie: secret}
	}
	olive := &accounts.Who{User: users["olive"]}
	read, _, err := svc.CreateToken(ctx, olive, accounts.NewToken{Name: "read"})
	must(err)
	limited, _, err := svc.CreateToken(ctx, olive, accounts.NewToken{Name: "three", Write: true, Analysis: 3})
	must(err)
	expired, _, err := svc.CreateToken(ctx, olive, accounts.NewToken{Name: "soon", Write: true, Expires: time.Now().Add(time.Second)})
	must(err)
	w.creds["read token"] = credential{bearer: read}
	w.creds["token for 3"] = credential{bearer: limited}
	w.creds["expired token"] = credential{bearer: expired}
	w.creds["bad token"] = credential{bearer: "tbt_not-a-token"}
	must(svc.SetDisabled(ctx, "dora", true))
	return w
}

// open copies the world's database into a fresh directory and serves it
// in shared mode, one hour later (the expiring token has expired).
func (w accessWorld) open(t *testing.T) (*httptest.Server, *sqlite.Store) {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(w.dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, sqlite.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	svc := accounts.New(store)
	svc.Params = cheap
	svc.Now = func() time.Time { return time.Now().Add(time.Hour) }
	s := &Server{Store: store, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Accounts: svc}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() { s.Close(); ts.Close(); store.Close() })
	return ts, store
}

// state is what a refused request must leave as it was: analysis 1's
// version and place (not in the trash), its shares, and the users.
func state(t *testing.T, store *sqlite.Store) string {
	t.Helper()
	ctx := context.Background()
	head, err := store.Head(ctx, 1)
	list, _ := store.List(ctx)
	shares, _ := store.Shares(ctx, 1)
	users, _ := store.Users(ctx)
	tokens, _ := store.Tokens(ctx, 1)
	return fmt.Sprintf("head %d %v; %d listed; shares %v; users %v; %d tokens", head, err, len(list), shares, users, len(tokens))
}

// Principals of the route table, by what they may do with analysis 1.
var (
	signedOut = []string{"anonymous", "expired token", "bad token", "dora"}
	readers   = []string{"olive", "victor", "edith", "ada", "read token"}
	editors   = []string{"olive", "edith", "ada"}
	owners    = []string{"olive", "ada"}
	everyone  = []string{"olive", "victor", "edith", "otto", "ada", "read token", "token for 3"}
	people    = []string{"olive", "victor", "edith", "otto", "ada"}
	admins    = []string{"ada"}
)

// TestRouteAccess is the route × principal table: every API route, asked
// by each principal, answers 401 signed out (an expired or unknown token,
// a disabled account), 403 signed in without the right, and its own
// answer otherwise; a refused request changes nothing.
func TestRouteAccess(t *testing.T) {
	world := buildAccessWorld(t)
	md := "# Lumen (LUMN)\n\n| Metric | Value |\n|---|---|\n| Debt | $18.3B |\n"
	routes := []struct {
		method, path, body string
		allowed            []string // the others signed in get 403
		ok                 int      // what the allowed get
	}{
		{"GET", "/api/me", "", everyone, 200},
		{"GET", "/api/analyses", "", everyone, 200},
		{"GET", "/api/trash", "", everyone, 200},
		{"POST", "/api/analyses", `{"title":"New"}`, people, 201},
		{"POST", "/api/analyses", `{"duplicateOf":1}`, []string{"olive", "victor", "edith", "ada"}, 201},
		{"POST", "/api/analyses/import", md, people, 201},
		{"GET", "/api/analyses/1", "", readers, 200},
		{"GET", "/api/analyses/1/events?after=1", "", readers, 200},
		{"GET", "/api/analyses/1/history", "", readers, 200},
		{"GET", "/api/analyses/1/export.xlsx", "", readers, 200},
		{"GET", "/api/analyses/1/watchlist.csv", "", readers, 200},
		{"GET", "/api/analyses/1/shares", "", readers, 200},
		{"POST", "/api/analyses/1/ops", `{"kind":"set_cell","sheet":"financial-health","cell":"B2","input":"17.9"}`, editors, 200},
		{"POST", "/api/analyses/1/restore-version", `{"version":1}`, editors, 200},
		{"POST", "/api/analyses/1/watchlist.csv", "ticker,price\nLUMN,5.12\n", editors, 200},
		{"POST", "/api/analyses/import?into=1", md, editors, 200},
		{"DELETE", "/api/analyses/1", "", owners, 204},
		{"POST", "/api/analyses/1/restore", "", owners, 404}, // not in the trash
		{"PUT", "/api/analyses/1/shares/otto", `{"role":"viewer"}`, owners, 204},
		{"DELETE", "/api/analyses/1/shares/victor", "", owners, 204},
		{"GET", "/api/sessions", "", people, 200},
		{"GET", "/api/tokens", "", people, 200},
		{"POST", "/api/tokens", `{"name":"script"}`, people, 201},
		{"GET", "/api/users", "", admins, 200},
		{"POST", "/api/users", `{"name":"newbie","password":"long enough pw"}`, admins, 201},
		{"POST", "/api/users/victor/disable", "", admins, 204},
	}
	principals := append(append([]string{}, signedOut...), everyone...)
	for _, rt := range routes {
		for _, who := range principals {
			want := http.StatusForbidden
			switch {
			case slices.Contains(signedOut, who):
				want = http.StatusUnauthorized
			case slices.Contains(rt.allowed, who):
				want = rt.ok
			}
			t.Run(rt.method+" "+rt.path+" as "+who, func(t *testing.T) {
				ts, store := world.open(t)
				before := state(t, store)
				got, body := ask(t, ts.URL, rt.method, rt.path, rt.body, world.creds[who])
				if got != want {
					t.Fatalf("%d, want %d: %s", got, want, body)
				}
				if want == http.StatusUnauthorized && !strings.Contains(body, "sign in") && !strings.Contains(body, "token") && !strings.Contains(body, "disabled") {
					t.Errorf("a 401 that does not say what to do: %s", body)
				}
				if want >= 400 && want != rt.ok {
					if after := state(t, store); after != before {
						t.Errorf("a refused request changed things:\n before %s\n after  %s", before, after)
					}
				}
			})
		}
	}
}

// ask sends one request with a principal's credentials and answers the
// status and, but for an event stream, the body.
func ask(t *testing.T, base, method, path, body string, c credential) (int, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	c.apply(req)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		return res.StatusCode, ""
	}
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
