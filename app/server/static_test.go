package server

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestStaticServesPrecompressed(t *testing.T) {
	st, err := NewStatic(fstest.MapFS{
		"app.wasm":    {Data: []byte("raw wasm")},
		"app.wasm.br": {Data: []byte("brotli")},
		"app.wasm.gz": {Data: []byte("gzip")},
		"app.css":     {Data: []byte("body{}")},
		"web.go":      {Data: []byte("package web")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, accept, encoding, body, ctype string
		status                              int
	}{
		{"/web/app.wasm", "gzip, deflate, br", "br", "brotli", "application/wasm", 200},
		{"/web/app.wasm", "gzip", "gzip", "gzip", "application/wasm", 200},
		{"/web/app.wasm", "br;q=0, gzip", "gzip", "gzip", "application/wasm", 200},
		{"/web/app.wasm", "", "", "raw wasm", "application/wasm", 200},
		{"/web/app.css", "br", "", "body{}", "text/css; charset=utf-8", 200},
		{"/web/web.go", "", "", "", "", 404},
		{"/web/../secret", "", "", "", "", 404},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", tt.path, nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Encoding", tt.accept)
		}
		w := httptest.NewRecorder()
		st.ServeHTTP(w, req)
		body, _ := io.ReadAll(w.Body)
		if w.Code != tt.status {
			t.Errorf("%s (%s): status %d, want %d", tt.path, tt.accept, w.Code, tt.status)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if got := w.Header().Get("Content-Encoding"); got != tt.encoding || string(body) != tt.body || w.Header().Get("Content-Type") != tt.ctype {
			t.Errorf("%s (%s): encoding %q body %q type %q, want %q %q %q", tt.path, tt.accept, got, body, w.Header().Get("Content-Type"), tt.encoding, tt.body, tt.ctype)
		}
	}
	if st.Size("app.wasm") != 8 || len(st.Version()) != 16 {
		t.Errorf("size %d version %q", st.Size("app.wasm"), st.Version())
	}
}

func TestServiceWorkerFallsBackOffline(t *testing.T) {
	if !strings.Contains(workerJS, `event.request.mode === "navigate"`) || !strings.Contains(workerJS, `startsWith("/api/")`) {
		t.Fatal("the service worker template was not patched: go-app's default changed")
	}
}
