//go:build !wasm

package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Static serves the files of the web/ folder under /web/. Next to a large file
// such as app.wasm the build leaves name.br and name.gz; Static answers with
// the smallest one the client accepts and the matching Content-Encoding, since
// go-app's handler compresses nothing itself.
//
// Static is also the go-app Handler's ResourceResolver: because it is an
// http.Handler too, go-app hands it every /web/ request.
type Static struct {
	files   map[string][]byte
	version string
}

// NewStatic reads every file of fsys into memory and derives a version from
// their contents, so the service worker cache changes exactly when the build
// does.
func NewStatic(fsys fs.FS) (*Static, error) {
	s := &Static{files: map[string][]byte{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		s.files[p] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write(s.files[n])
	}
	s.version = hex.EncodeToString(h.Sum(nil))[:16]
	return s, nil
}

// Version is a hash of all the files served.
func (s *Static) Version() string { return s.version }

// Size returns the uncompressed size of a file, or 0 when it is missing.
func (s *Static) Size(name string) int { return len(s.files[name]) }

// Has reports whether the file exists.
func (s *Static) Has(name string) bool { _, ok := s.files[name]; return ok }

// Resolve maps a /web/ location to its URL on this server.
func (s *Static) Resolve(location string) string {
	if location == "" || location == "/" {
		return "/"
	}
	if strings.Contains(location, "://") {
		return location
	}
	return "/" + strings.TrimLeft(location, "/")
}

var modTime = time.Now()

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/web/")
	body, ok := s.files[name]
	if !ok || name == "" {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Add("Vary", "Accept-Encoding")
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if c, ok := s.files[name+enc.ext]; ok && acceptsEncoding(accept, enc.token) {
			w.Header().Set("Content-Encoding", enc.token)
			body = c
			break
		}
	}
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// acceptsEncoding reports whether an Accept-Encoding header allows token (a
// "q=0" entry refuses it).
func acceptsEncoding(header, token string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			if k, v, _ := strings.Cut(strings.TrimSpace(p), "="); k == "q" {
				q, _ = strconv.ParseFloat(v, 64)
			}
		}
		return q > 0
	}
	return false
}
