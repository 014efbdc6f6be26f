//go:build !wasm

package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// download clicks sel as a person does and returns the file the browser
// saved from that click, with the name the browser gave it. It fails the
// test when no download starts (a click the page routed elsewhere) or when
// the download does not complete.
func download(tb testing.TB, ctx context.Context, sel string) (name string, body []byte) {
	tb.Helper()
	dir := tb.TempDir()
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	began := make(chan *browser.EventDownloadWillBegin, 1)
	ended := make(chan *browser.EventDownloadProgress, 1)
	if err := chromedp.Listen(lctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			select {
			case began <- ev:
			default:
			}
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted || ev.State == browser.DownloadProgressStateCanceled {
				select {
				case ended <- ev:
				default:
				}
			}
		}
	}); err != nil {
		tb.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
				DownloadPath:  dir,
				EventsEnabled: new(true),
			})
			return err
		}),
		click(sel),
	); err != nil {
		tb.Fatal(err)
	}
	var start *browser.EventDownloadWillBegin
	select {
	case start = <-began:
	case <-time.After(30 * time.Second):
		tb.Fatalf("clicking %s started no download; the page is at %s", sel, eval[string](tb, ctx, `location.href`))
	}
	select {
	case ev := <-ended:
		if ev.State != browser.DownloadProgressStateCompleted {
			tb.Fatalf("download of %s (%s) was %s", start.SuggestedFilename, start.URL, ev.State)
		}
	case <-ctx.Done():
		tb.Fatalf("download of %s (%s) did not complete: %v", start.SuggestedFilename, start.URL, ctx.Err())
	}
	// AllowAndName saves the file under its download's GUID.
	body, err := os.ReadFile(filepath.Join(dir, start.GUID))
	if err != nil {
		tb.Fatal(err)
	}
	return start.SuggestedFilename, body
}
