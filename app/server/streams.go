//go:build !wasm

package server

import (
	"net"
	"net/http"
	"strconv"
	"sync"

	"thesisboard/app/model"
)

// An open event stream holds a connection, so a file descriptor, for as
// long as its browser tab is open. 20,000 of them once used up the
// process's descriptors and the API stopped accepting connections. The
// server therefore caps how many streams are open at once, in all and per
// client address, and refuses one over a cap before it touches the store.
const (
	// DefaultMaxStreams is the cap on open streams in all: a tab holds
	// one, so it is a thousand people with a dashboard open, and it leaves
	// most of a typical descriptor limit to the API, the database and
	// downloads. It is lowered to a quarter of the process's descriptor
	// limit where that is smaller (see fdLimit).
	DefaultMaxStreams = 1000
	// DefaultMaxStreamsPerClient is the cap per client address (an IPv6
	// client's /64): a person with many tabs stays well under it, one
	// client cannot take every stream. Behind a reverse proxy every
	// stream comes from the proxy's address: raise it there.
	DefaultMaxStreamsPerClient = 32
	// streamsFullRetry and clientFullRetry are the Retry-After, in
	// seconds, of a refused stream: a full server frees streams as tabs
	// close; a client over its cap has tabs of its own to close.
	streamsFullRetry = 30
	clientFullRetry  = 10
)

// streamGate counts the open streams, in all and per client address.
type streamGate struct {
	mu       sync.Mutex
	open     int
	byClient map[string]int
}

// enter takes a stream slot for the client at remoteAddr. It returns the
// function that gives the slot back, or 0 and the status of the refusal:
// 503 when the server is full, 429 when the client is.
func (g *streamGate) enter(remoteAddr string, max, perClient int) (leave func(), refused int) {
	client := clientKey(remoteAddr)
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.open >= max:
		return nil, http.StatusServiceUnavailable
	case g.byClient[client] >= perClient:
		return nil, http.StatusTooManyRequests
	}
	if g.byClient == nil {
		g.byClient = map[string]int{}
	}
	g.open++
	g.byClient[client]++
	return sync.OnceFunc(func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.open--
		if g.byClient[client]--; g.byClient[client] <= 0 {
			delete(g.byClient, client)
		}
	}), 0
}

// count returns the streams open in all.
func (g *streamGate) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.open
}

// clientKey is who a stream is counted against: the IP of remoteAddr, or
// for IPv6 its /64, since one host commonly holds a whole /64.
func clientKey(remoteAddr string) string {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}

// enterStream takes a stream slot for r, or answers the refusal (with
// Retry-After) and returns false.
func (s *Server) enterStream(w http.ResponseWriter, r *http.Request) (leave func(), ok bool) {
	leave, refused := s.streams.enter(r.RemoteAddr, s.maxStreams(), s.maxStreamsPerClient())
	if refused == 0 {
		return leave, true
	}
	retry, msg := streamsFullRetry, "too many live streams are open on this server; try again later"
	if refused == http.StatusTooManyRequests {
		retry, msg = clientFullRetry, "too many live streams are open from this address; close some tabs"
	}
	w.Header().Set("Retry-After", strconv.Itoa(retry))
	s.errorStatus(w, r, refused, model.Errorf(model.EUNAVAILABLE, "%s", msg))
	return nil, false
}

func (s *Server) maxStreams() int {
	if s.MaxStreams > 0 {
		return s.MaxStreams
	}
	return defaultMaxStreams
}

func (s *Server) maxStreamsPerClient() int {
	if s.MaxStreamsPerClient > 0 {
		return s.MaxStreamsPerClient
	}
	return DefaultMaxStreamsPerClient
}

// defaultMaxStreams is DefaultMaxStreams, or a quarter of the process's
// descriptor limit when that is lower (Go raises the soft limit to the hard
// one at start; a container may still hold it at 1,024).
var defaultMaxStreams = func() int {
	if n := fdLimit(); n > 0 && n/4 < DefaultMaxStreams {
		return max(n/4, 1)
	}
	return DefaultMaxStreams
}()
