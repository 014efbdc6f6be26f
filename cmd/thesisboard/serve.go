//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/sample"
	"thesisboard/app/server"
	"thesisboard/app/sqlite"
	"thesisboard/web"
)

// Main is the server program: the store, the HTTP server and the listener.
// Tests start it on port 0 with a temp data directory, exactly as
// `thesisboard serve` does.
type Main struct {
	Addr    string
	DataDir string
	Log     *slog.Logger
	// Hosts are more names the server answers for (-host), such as a
	// reverse proxy's public name; besides them it answers loopback names
	// and the name or addresses of Addr (server.ListenHosts). A request
	// naming another host is refused, so a rebound DNS name cannot reach
	// it.
	Hosts []string
	// Auth asks for accounts even on a loopback address; any other
	// address always does (shared mode, see sharedMode).
	Auth bool
	// TLSCert and TLSKey serve HTTPS, which a phone needs to install the
	// page as an app; TrustedProxies are the reverse proxies whose
	// X-Forwarded-* headers are believed.
	TLSCert, TLSKey string
	TrustedProxies  []netip.Prefix

	store *sqlite.Store
	srv   *server.Server
	http  *http.Server
	ln    net.Listener
	done  chan error

	stopTrash, trashDone chan struct{} // the hourly trash emptying
}

// Run opens the store (adding the sample analysis to an empty one), starts
// listening and serves in the background. It returns once the server accepts
// connections.
func (m *Main) Run(ctx context.Context) error {
	if m.Log == nil {
		m.Log = slog.Default()
	}
	registerRoutes()
	store, err := sqlite.Open(m.DataDir)
	if err != nil {
		return err
	}
	m.store = store
	if err := m.seed(ctx); err != nil {
		store.Close()
		return err
	}
	m.emptyTrash(ctx)
	static, err := server.NewStatic(web.FS)
	if err != nil {
		store.Close()
		return fmt.Errorf("read web files: %w", err)
	}
	if !static.Has("app.wasm") {
		m.Log.Warn("web/app.wasm is missing: build with `make build` so the page can run")
	}
	m.srv = &server.Server{
		Store:          store,
		Log:            m.Log,
		Page:           server.NewPage(static),
		AllowedHosts:   append(server.ListenHosts(m.Addr), m.Hosts...),
		TrustedProxies: m.TrustedProxies,
	}
	if m.srv.Accounts, err = m.accounts(ctx); err != nil {
		store.Close()
		return err
	}
	m.http = server.NewHTTPServer(m.srv.Handler(), m.Log)
	if m.ln, err = net.Listen("tcp", m.Addr); err != nil {
		store.Close()
		return err
	}
	m.done = make(chan error, 1)
	go func() {
		if m.TLSCert != "" {
			m.done <- m.http.ServeTLS(m.ln, m.TLSCert, m.TLSKey)
		} else {
			m.done <- m.http.Serve(m.ln)
		}
	}()
	m.stopTrash, m.trashDone = make(chan struct{}), make(chan struct{})
	go m.emptyTrashHourly()
	return nil
}

// emptyTrash deletes for good the analyses in the trash for longer than it
// keeps them (sqlite.TrashDays).
func (m *Main) emptyTrash(ctx context.Context) {
	if n, err := m.store.PurgeTrash(ctx, time.Now().AddDate(0, 0, -sqlite.TrashDays)); err != nil {
		m.Log.Warn("emptying old trash failed", "err", err)
	} else if n > 0 {
		m.Log.Info("deleted analyses older than the trash keeps", "count", n, "days", sqlite.TrashDays)
	}
}

// emptyTrashHourly empties the trash every hour until Close, so a server
// that runs for months keeps nothing past its time.
func (m *Main) emptyTrashHourly() {
	defer close(m.trashDone)
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-m.stopTrash:
			return
		case <-t.C:
			m.emptyTrash(context.Background())
		}
	}
}

// seed creates the sample analysis when the database has none, so a first
// start shows a real dashboard.
func (m *Main) seed(ctx context.Context) error {
	n, err := m.store.Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	a, err := m.store.Create(ctx, sample.Lumen(time.Now().UTC()))
	if err != nil {
		return fmt.Errorf("create sample analysis: %w", err)
	}
	m.Log.Info("created the sample analysis", "id", a.ID, "title", a.Title)
	return nil
}

// AllowedHosts are the host names the server answers for besides loopback.
func (m *Main) AllowedHosts() []string { return m.srv.AllowedHosts }

// URL is the server's base URL.
func (m *Main) URL() string {
	if m.TLSCert != "" {
		return "https://" + m.ln.Addr().String()
	}
	return "http://" + m.ln.Addr().String()
}

// sharedMode reports whether the server needs accounts: asked with -auth,
// or listening on an address other machines reach.
func (m *Main) sharedMode() bool {
	return m.Auth || len(server.ListenHosts(m.Addr)) > 0
}

// accounts is the account service in shared mode, nil in local mode. A
// server that needs accounts and has none refuses to start, saying how to
// make the first: it never serves everything to everyone by mistake.
func (m *Main) accounts(ctx context.Context) (*accounts.Service, error) {
	if !m.sharedMode() {
		return nil, nil
	}
	n, err := m.store.CountUsers(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%s needs accounts (it serves other machines, or -auth was given), and there are none yet; create the first with:\n  thesisboard user add -data %s -admin NAME", m.Addr, m.DataDir)
	}
	m.Log.Info("shared mode: every request signs in", "accounts", n)
	return accounts.New(m.store), nil
}

// Store is the server's store, for tests.
func (m *Main) Store() *sqlite.Store { return m.store }

// Close stops accepting requests, lets the ones in flight finish (up to ten
// seconds) and closes the database.
func (m *Main) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m.srv.Close() // end live streams, or Shutdown would wait on them
	err := m.http.Shutdown(ctx)
	if serveErr := <-m.done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	close(m.stopTrash)
	<-m.trashDone
	return errors.Join(err, m.store.Close())
}
