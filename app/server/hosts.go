//go:build !wasm

package server

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"

	"thesisboard/app/model"
)

// DNS rebinding: a page at http://attacker.example:8080 whose name the
// attacker then points at 127.0.0.1 is, to the browser, same-origin with
// itself; its requests reach this server with "Host: attacker.example:8080"
// and a matching Origin, which http.CrossOriginProtection lets through. So
// the server answers only the host names it is meant to be reached by: the
// Host header of such a page names the attacker's domain, never one of
// these.

// allowedHost reports whether a request's Host header (name or IP, with or
// without a port) is one the server answers: a loopback name (localhost,
// any 127.x address, ::1), or one of allowed. Names compare without case
// and without a trailing dot.
func allowedHost(host string, allowed []string) bool {
	name := hostName(host)
	if name == "" {
		return false
	}
	if name == "localhost" {
		return true
	}
	if ip := net.ParseIP(name); ip != nil && ip.IsLoopback() {
		return true
	}
	return slices.Contains(allowed, name)
}

// hostName is the name or IP of a Host header or -host value, lower case,
// without port, brackets or trailing dot.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	return strings.ToLower(host)
}

// checkHost answers 421 Misdirected Request to a request for a host name
// the server is not configured for, before any handler runs: JSON for the
// API, plain text for the rest.
func (s *Server) checkHost(next http.Handler) http.Handler {
	allowed := make([]string, 0, len(s.AllowedHosts))
	for _, h := range s.AllowedHosts {
		if n := hostName(h); n != "" {
			allowed = append(allowed, n)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowedHost(r.Host, allowed) {
			next.ServeHTTP(w, r)
			return
		}
		msg := fmt.Sprintf("this server does not answer for host %q; if that is its name, start it with -host %s", r.Host, hostName(r.Host))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.errorStatus(w, r, http.StatusMisdirectedRequest, model.Errorf(model.EINVALID, "%s", msg))
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, msg, http.StatusMisdirectedRequest)
	})
}

// ListenHosts is the names a server listening on addr (a -addr value) is
// reached by beyond loopback: the host of addr when it is a name or an
// address other than loopback, or, for an address that listens on every
// interface (":8080", "0.0.0.0:8080", "[::]:8080"), the addresses of the
// machine's interfaces. A name a reverse proxy forwards is not among them:
// it is given with -host.
func ListenHosts(addr string) []string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(hostName(host))
	switch {
	case host == "" || ip != nil && ip.IsUnspecified():
		var out []string
		addrs, _ := net.InterfaceAddrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() {
				out = append(out, n.IP.String())
			}
		}
		return out
	case hostName(host) == "localhost" || ip != nil && ip.IsLoopback():
		return nil
	}
	return []string{hostName(host)}
}
