//go:build !wasm

package client

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

func (c *Client) roundTrip(ctx context.Context, method, url string, headers map[string]string, body []byte) (response, error) {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return response{}, err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	// A browser names the page's origin on every unsafe request; so does this
	// client, so the server's cross-origin check sees what it would in a tab.
	req.Header.Set("Origin", c.Base)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return response{}, err
	}
	return response{status: res.StatusCode, statusText: http.StatusText(res.StatusCode), body: data}, nil
}
