//go:build wasm

package client

import (
	"context"
	"errors"
	"syscall/js"
)

// roundTrip calls window.fetch. It must run on a goroutine of its own (go-app's
// ctx.Async): it waits for the promises while the browser's event loop goes on.
func (c *Client) roundTrip(ctx context.Context, method, url string, headers map[string]string, body []byte) (response, error) {
	init := js.Global().Get("Object").New()
	init.Set("method", method)
	init.Set("credentials", "same-origin")
	h := js.Global().Get("Object").New()
	for k, v := range headers {
		h.Set(k, v)
	}
	init.Set("headers", h)
	if body != nil {
		// Bytes, not a string: a workbook is binary.
		buf := js.Global().Get("Uint8Array").New(len(body))
		js.CopyBytesToJS(buf, body)
		init.Set("body", buf)
	}
	res, err := await(ctx, js.Global().Call("fetch", url, init))
	if err != nil {
		return response{}, err
	}
	text, err := await(ctx, res.Call("text"))
	if err != nil {
		return response{}, err
	}
	return response{
		status:     res.Get("status").Int(),
		statusText: res.Get("statusText").String(),
		body:       []byte(text.String()),
	}, nil
}

// await waits for a JavaScript promise to settle.
func await(ctx context.Context, promise js.Value) (js.Value, error) {
	done := make(chan js.Value, 1)
	failed := make(chan js.Value, 1)
	onDone := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- args[0]; return nil })
	onFail := js.FuncOf(func(_ js.Value, args []js.Value) any { failed <- args[0]; return nil })
	defer onDone.Release()
	defer onFail.Release()
	promise.Call("then", onDone, onFail)
	select {
	case v := <-done:
		return v, nil
	case e := <-failed:
		return js.Undefined(), errors.New(e.Call("toString").String())
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}
