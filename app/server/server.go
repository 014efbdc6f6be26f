//go:build !wasm

// Package server is thesisboard's HTTP layer: the JSON API over the store, the
// workbook download, and the go-app handler that serves the page and its
// pre-compressed static files. Handlers read top to bottom: decode, validate,
// store, respond.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// Store is what the server needs from a database. app/sqlite implements it;
// its methods' comments list the errors each returns.
type Store interface {
	List(ctx context.Context) ([]model.Summary, error)
	Get(ctx context.Context, id int64) (*model.Analysis, error)
	// Head is an analysis's latest version, read without loading it
	// (which takes seconds for a 100,000-op one): for event streams.
	Head(ctx context.Context, id int64) (int64, error)
	Create(ctx context.Context, a *model.Analysis) (*model.Analysis, error)
	Duplicate(ctx context.Context, id int64) (*model.Analysis, error)
	Delete(ctx context.Context, id int64) error
	Restore(ctx context.Context, id int64) error
	Apply(ctx context.Context, id int64, op model.Op, session string) (model.LoggedOp, error)
	// ApplyChange commits several ops as one change, in one transaction;
	// RestoreVersion commits as one change the ops that bring an analysis
	// back to an earlier version.
	ApplyChange(ctx context.Context, id int64, ops []model.Op, session string) (model.ChangeResult, error)
	RestoreVersion(ctx context.Context, id, version int64, session string) (model.ChangeResult, error)
	Ops(ctx context.Context, id, after int64) ([]model.LoggedOp, error)
	// OpsBetween is Ops with an upper bound: a page of history.
	OpsBetween(ctx context.Context, id, after, before int64) ([]model.LoggedOp, error)
	Trash(ctx context.Context) ([]model.Summary, error)
	// OnCommit has fn called with every op committed, in commit order,
	// before its edit is answered: the event streams follow it.
	OnCommit(fn func(id int64, l model.LoggedOp))
}

// MaxBodyBytes caps a JSON request body. An op or a new analysis is a few
// kilobytes; anything near this is a mistake or an attack.
const MaxBodyBytes = 1 << 20

// Server routes requests to the API and to the page handler.
type Server struct {
	Store Store
	Log   *slog.Logger
	// Page serves everything outside /api/: the go-app page, its scripts and
	// the static files.
	Page http.Handler
	// AllowedHosts are the host names (or IPs), besides loopback ones,
	// that requests may name in their Host header: the name the server
	// listens on, a reverse proxy's public name. Others are answered 421
	// (see hosts.go). Handler reads it: set it before.
	AllowedHosts []string
	// MaxStreams and MaxStreamsPerClient cap the open event streams, in
	// all and per client address; 0 is the default (see streams.go).
	MaxStreams, MaxStreamsPerClient int
	// Accounts, when set, is shared mode: every API route checks who is
	// asking (access.go). Nil is local mode: one person, no sign-in.
	Accounts *accounts.Service
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto headers are believed (proxy.go).
	TrustedProxies []netip.Prefix

	hub     hub
	streams streamGate
	follow  sync.Once // the hub follows the store's commits (see Handler)
	// gapFills counts the times a stream found a version missing and read
	// it from the log (see events); with a store that publishes in order,
	// none.
	gapFills atomic.Int64
}

// Handler returns the server's HTTP handler. Every response carries the
// security headers (headers.go); a request for a host the server is not
// configured for is refused with 421 (hosts.go), and unsafe methods from
// another origin with 403, before any handler runs.
func (s *Server) Handler() http.Handler {
	// Ops go to the event streams in the order they were committed, as
	// the store tells of them, whoever committed them.
	s.follow.Do(func() { s.Store.OnCommit(s.hub.publish) })
	mux := http.NewServeMux()
	route := func(pattern string, n need, h http.HandlerFunc) { s.route(mux, pattern, n, h) }
	route("GET /api/analyses", signedIn, s.listAnalyses)
	route("GET /api/trash", signedIn, s.listTrash)
	route("POST /api/analyses", signedIn, s.createAnalysis)
	route("POST /api/analyses/import", signedIn, s.importAnalysis)
	route("GET /api/analyses/{id}", viewer, s.getAnalysis)
	route("DELETE /api/analyses/{id}", owner, s.deleteAnalysis)
	route("POST /api/analyses/{id}/restore", owner, s.restoreAnalysis)
	route("POST /api/analyses/{id}/ops", editor, s.applyOp)
	route("GET /api/analyses/{id}/events", viewer, s.events)
	route("GET /api/analyses/{id}/history", viewer, s.history)
	route("POST /api/analyses/{id}/restore-version", editor, s.restoreVersion)
	route("GET /api/analyses/{id}/export.xlsx", viewer, s.exportXLSX)
	route("GET /api/analyses/{id}/watchlist.csv", viewer, s.exportWatchlistCSV)
	route("POST /api/analyses/{id}/watchlist.csv", editor, s.importWatchlistCSV)
	s.accountRoutes(route)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.error(w, r, model.Errorf(model.ENOTFOUND, "no API route %s %s", r.Method, r.URL.Path))
	})
	if s.Page != nil {
		mux.Handle("/", s.Page)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusForbidden, errorBody{Error: model.Error{Code: model.EINVALID, Message: "cross-origin request refused"}})
	}))
	return s.logRequests(securityHeaders(s.checkHost(cop.Handler(mux))))
}

// NewHTTPServer wraps h in an http.Server with timeouts, so a slow or stalled
// client cannot hold a connection forever.
func NewHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	err    error // why the answer failed, for the log (see failed)
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests logs API requests and failed page requests; successful static
// file requests are too many to be worth a line each.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.err != nil {
			s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", rec.status, "err", rec.err)
		} else if rec.status >= 400 || strings.HasPrefix(r.URL.Path, "/api/") {
			s.Log.Info("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
		}
	})
}
