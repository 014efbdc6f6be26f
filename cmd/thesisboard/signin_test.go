//go:build !wasm

package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"thesisboard/app/accounts"
	"thesisboard/app/server"
	"thesisboard/app/sqlite"
	"thesisboard/web"
)

// startShared starts the server program in shared mode (-auth) with one
// admin, olive, who owns the sample analysis.
func startShared(t *testing.T) *Main {
	t.Helper()
	if st, err := server.NewStatic(web.FS); err != nil || !st.Has("app.wasm") {
		t.Fatal("web/app.wasm is not built: run the tests with `make test`, which builds it first")
	}
	dir := t.TempDir()
	store, err := sqlite.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = accounts.New(store).AddUser(context.Background(), "olive", "correct horse olive", true)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{Addr: "127.0.0.1:0", DataDir: dir, Auth: true, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// signInAs fills the sign-in form as a person does and presses Enter.
func signInAs(t *testing.T, ctx context.Context, name, password string) {
	t.Helper()
	waitFor(t, ctx, "the sign-in form", `document.body.dataset.ready === "login"`)
	eval[bool](t, ctx, `(document.getElementById("login-name").value = document.getElementById("login-password").value = "") === ""`)
	err := chromedp.Do(ctx,
		click("#login-name"), typeKeys(name), click("#login-password"), typeKeys(password), typeKeys(kb.Enter))
	if err != nil {
		t.Fatal(err)
	}
}

// TestSignInAndEditAcrossExpiry: a signed-out visit to a dashboard goes to
// the sign-in form and, signed in, back to the dashboard; a wrong password
// is said so. An edit made after the session ended on the server waits in
// the browser, and is saved once the person signs in again.
func TestSignInAndEditAcrossExpiry(t *testing.T) {
	m := startShared(t)
	ctx := newBrowser(t, t.TempDir(), 120*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(m.URL()+"/a/1")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sign-in form, to come back to /a/1", `location.pathname === "/login" && new URLSearchParams(location.search).get("next") === "/a/1"`)
	signInAs(t, ctx, "olive", "not the password")
	waitFor(t, ctx, "the refusal", `document.querySelector(".login [role=alert]").textContent.includes("wrong name or password")`)
	signInAs(t, ctx, "olive", "correct horse olive")
	waitFor(t, ctx, "the dashboard", `location.pathname === "/a/1" && document.body.dataset.ready === "dashboard"`)
	if eval[bool](t, ctx, `document.cookie.includes("thesisboard_session")`) {
		t.Error("the page's script can read the session cookie")
	}

	// The session ends on the server (expired, or ended from another
	// browser); the person, not knowing, edits a cell.
	sessions, err := m.Store().Sessions(ctx, 1)
	if err != nil || len(sessions) != 1 {
		t.Fatalf("olive's sessions: %v %v", sessions, err)
	}
	if err := m.Store().DeleteSession(ctx, 1, sessions[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, click("#cell-financial-health-C2"), typeKeys("after expiry"), typeKeys(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the sign-in form", `location.pathname === "/login"`)
	signInAs(t, ctx, "olive", "correct horse olive")
	waitFor(t, ctx, "the dashboard", `location.pathname === "/a/1" && document.body.dataset.ready === "dashboard"`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		a, err := m.Store().Get(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if a.Section("financial-health").Cell(1, 2).Input == "after expiry" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edit made while signed out never reached the server (C2 = %q)", a.Section("financial-health").Cell(1, 2).Input)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
