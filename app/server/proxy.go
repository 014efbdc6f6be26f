//go:build !wasm

package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Behind a reverse proxy every request comes from the proxy's address and
// over plain HTTP, whatever the client used. The proxy says who the client
// was and how it connected in X-Forwarded-For and X-Forwarded-Proto, but
// anyone can send those headers: they are believed only from the addresses
// in Server.TrustedProxies (-trusted-proxy).

// fromTrustedProxy reports whether r came straight from a trusted proxy.
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	if len(s.TrustedProxies) == 0 {
		return false
	}
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	for _, p := range s.TrustedProxies {
		if p.Contains(ap.Addr().Unmap()) {
			return true
		}
	}
	return false
}

// clientAddr is the address of the client r comes from: the peer, or the
// last address a trusted proxy added to X-Forwarded-For (those before it
// are whatever the client sent).
func (s *Server) clientAddr(r *http.Request) string {
	if s.fromTrustedProxy(r) {
		fwd := r.Header.Values("X-Forwarded-For")
		if len(fwd) > 0 {
			hops := strings.Split(fwd[len(fwd)-1], ",")
			if ip := net.ParseIP(strings.TrimSpace(hops[len(hops)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// overHTTPS reports whether the client reached the server over TLS,
// directly or through a trusted proxy: the session cookie is then Secure.
func (s *Server) overHTTPS(r *http.Request) bool {
	return r.TLS != nil || s.fromTrustedProxy(r) && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
