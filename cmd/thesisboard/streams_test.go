//go:build !wasm

package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"thesisboard/app/model"
	"thesisboard/app/server"
)

// TestRefusedStreamOpensAgain fills the server's streams for this client
// address before the page opens: the browser's EventSource is refused (429)
// and gives up, and the page opens it again once there is room, so an edit
// made elsewhere still reaches it.
func TestRefusedStreamOpensAgain(t *testing.T) {
	m := startMain(t)
	var held []*http.Response
	release := func() {
		for _, r := range held {
			r.Body.Close()
		}
		held = nil
	}
	defer release()
	for range server.DefaultMaxStreamsPerClient {
		res, err := http.Get(m.URL() + "/api/analyses/1/events")
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 200 {
			t.Fatalf("stream %d: %d", len(held)+1, res.StatusCode)
		}
		held = append(held, res)
	}
	ctx := newBrowser(t, t.TempDir(), 90*time.Second)
	refused := make(chan struct{}, 1)
	if err := chromedp.Listen(ctx, func(ev any) {
		if r, ok := ev.(*network.EventResponseReceived); ok && strings.Contains(r.Response.URL, "/events") && r.Response.Status == 429 {
			select {
			case refused <- struct{}{}:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	openDashboard(t, ctx, m.URL()+"/a/1")
	select {
	case <-refused:
	case <-ctx.Done():
		t.Fatal("the page's stream was never refused")
	}
	release()
	if _, err := m.Store().Apply(t.Context(), 1, model.Op{Kind: model.OpSetCell, Sheet: "financial-health", Cell: "B2", Input: "17.1"}, "elsewhere"); err != nil {
		t.Fatal(err)
	}
	// The first reopening is 10 s after the refusal: wait on the page,
	// not on a clock.
	js := `document.querySelector("` + debtCell + `").textContent.startsWith("$17.1B")`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the edit made elsewhere never reached the page: it shows %q", strings.TrimSpace(eval[string](t, ctx, `document.querySelector("`+debtCell+`").textContent`)))
	}
}
