//go:build !wasm

package server

import "net/http"

// ContentSecurityPolicy is sent with every response: the page, its scripts
// and static files, and the API. It is the policy the real page satisfies
// (a browser test loads the dashboard under it and sees no violation), so a
// script an attacker slips into an analysis's text cannot run:
//
//   - script-src: go-app's page loads wasm_exec.js, app.js and
//     echarts.min.js from this origin and has no inline script or event
//     attribute (go-app adds listeners from Go); 'wasm-unsafe-eval' lets
//     app.js compile app.wasm, and allows no eval of JavaScript.
//   - style-src-attr 'unsafe-inline': go-app writes Style() as a style
//     attribute (setAttribute), which the grid's row window, its context
//     menu and the hidden file input use, and ECharts' tooltips carry style
//     attributes in their HTML. Style sheets themselves (style-src) come only
//     from this origin, so no injected <style> can select and leak text.
//   - connect-src 'self': the API, the event streams and the service
//     worker's fetches all go to this origin.
//   - frame-ancestors 'none': no other site may frame the dashboard and trick
//     a click.
//
// base-uri, form-action and object-src close what default-src leaves open.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; style-src-attr 'unsafe-inline'; " +
	"img-src 'self'; " +
	"connect-src 'self'; " +
	"worker-src 'self'; manifest-src 'self'; font-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; " +
	"frame-ancestors 'none'"

// securityHeaders sets the headers every response carries, before the
// handler runs, so error answers (403, 421, 429) have them too.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		// A response is read as the type it says: an uploaded CSV or a
		// JSON answer holding markup is never sniffed into a page.
		h.Set("X-Content-Type-Options", "nosniff")
		// Reference links lead to other sites; they learn nothing of
		// which analysis linked to them.
		h.Set("Referrer-Policy", "no-referrer")
		// frame-ancestors for browsers that predate it.
		h.Set("X-Frame-Options", "DENY")
		// A page this one opens (a source) gets no handle on it.
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
