//go:build !wasm

package server

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NewPage returns the go-app handler that serves the dashboard page, its
// manifest and service worker, and the static files of st. Icons and scripts
// are local, so the installed app works offline.
func NewPage(st *Static) *app.Handler {
	return &app.Handler{
		Name:            "thesisboard",
		ShortName:       "thesisboard",
		Title:           "thesisboard",
		Description:     "Investment theses as live, editable grids and charts, and back into Excel.",
		Author:          "thesisboard",
		Keywords:        []string{"investment research", "dashboard", "spreadsheet", "excel"},
		Lang:            "en",
		BackgroundColor: "#0f1720",
		ThemeColor:      "#1f3a5f",
		LoadingLabel:    "Loading thesisboard {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles:                []string{"/web/app.css"},
		Scripts:               []string{"/web/echarts.min.js"},
		Resources:             st,
		ServiceWorkerTemplate: workerJS,
		Version:               st.Version(),
		WasmContentLength:     strconv.Itoa(st.Size("app.wasm")),
	}
}

// workerJS is go-app's service worker with one change to its fetch handler:
// the API always goes to the network, and opening a page the cache does not
// hold (/a/7) while offline gets the cached app shell ("/"), which routes
// itself in the browser. So a dashboard opened before reloads offline.
var workerJS = strings.Replace(app.DefaultAppWorkerJS, `self.addEventListener("fetch", (event) => {
  event.respondWith(fetchWithCache(event.request));
});`, `self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.pathname.startsWith("/api/")) {
    return;
  }
  if (event.request.mode === "navigate") {
    event.respondWith(fetch(event.request).catch(() => caches.match("/")));
    return;
  }
  event.respondWith(fetchWithCache(event.request));
});`, 1)
