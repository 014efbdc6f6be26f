// Package client is the browser's side of the JSON API: it calls the server
// and turns its error bodies back into *model.Error values, so the page shows
// the same error code and message the server raised. It builds for the WASM
// app and natively (tests use it against a real server).
//
// In the browser requests go through the Fetch API directly (fetch_wasm.go):
// linking net/http's client into the WASM would add about 0.9 MB of brotli to
// every first visit. Natively they go through net/http (fetch_native.go).
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

// Client calls one thesisboard server.
type Client struct {
	// Base is the server's origin, such as "http://127.0.0.1:8080".
	Base string
	// Session names this browser tab in the op log.
	Session string
}

// New returns a client for the server at base.
func New(base, session string) *Client {
	return &Client{Base: base, Session: session}
}

// List returns the analyses, most recently updated first.
func (c *Client) List(ctx context.Context) ([]model.Summary, error) {
	var out []model.Summary
	err := c.do(ctx, http.MethodGet, "/api/analyses", nil, &out)
	return out, err
}

// Trash returns the deleted analyses, restorable for 30 days.
func (c *Client) Trash(ctx context.Context) ([]model.Summary, error) {
	var out []model.Summary
	err := c.do(ctx, http.MethodGet, "/api/trash", nil, &out)
	return out, err
}

// Get returns one analysis. Errors: ENOTFOUND.
func (c *Client) Get(ctx context.Context, id int64) (*model.Analysis, error) {
	var out model.Analysis
	if err := c.do(ctx, http.MethodGet, analysisPath(id), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Create makes a blank analysis with the given title.
func (c *Client) Create(ctx context.Context, title string) (*model.Analysis, error) {
	var out model.Analysis
	err := c.do(ctx, http.MethodPost, "/api/analyses", map[string]any{"title": title}, &out)
	return &out, err
}

// Duplicate copies an analysis. Errors: ENOTFOUND.
func (c *Client) Duplicate(ctx context.Context, id int64) (*model.Analysis, error) {
	var out model.Analysis
	err := c.do(ctx, http.MethodPost, "/api/analyses", map[string]any{"duplicateOf": id}, &out)
	return &out, err
}

// Delete moves an analysis to the trash. Errors: ENOTFOUND.
func (c *Client) Delete(ctx context.Context, id int64) error {
	return c.do(ctx, http.MethodDelete, analysisPath(id), nil, nil)
}

// Restore takes an analysis out of the trash. Errors: ENOTFOUND.
func (c *Client) Restore(ctx context.Context, id int64) error {
	return c.do(ctx, http.MethodPost, analysisPath(id)+"/restore", nil, nil)
}

// Apply sends one op and returns the version it was committed at; a returned
// version is on the server's disk. Errors: ENOTFOUND, EINVALID.
func (c *Client) Apply(ctx context.Context, id int64, op model.Op) (int64, error) {
	var out struct {
		Version int64 `json:"version"`
	}
	err := c.do(ctx, http.MethodPost, analysisPath(id)+"/ops", op, &out)
	return out.Version, err
}

// Import sends a report (markdown or text) or an .xlsx workbook and returns
// what the server found; with preview set nothing is stored, otherwise the
// result holds the new analysis.
// Errors: EINVALID, ETOOLARGE.
func (c *Client) Import(ctx context.Context, file []byte, preview bool) (*model.ImportResult, error) {
	return c.importFile(ctx, "/api/analyses/import", file, preview)
}

// ImportInto sends a workbook or report to update analysis id's sections of
// the same titles; with preview set nothing is written and the result's
// Changes say what would change, cell by cell.
// Errors: ENOTFOUND, EINVALID, ETOOLARGE.
func (c *Client) ImportInto(ctx context.Context, id int64, file []byte, preview bool) (*model.ImportResult, error) {
	return c.importFile(ctx, "/api/analyses/import?into="+strconv.FormatInt(id, 10), file, preview)
}

func (c *Client) importFile(ctx context.Context, path string, file []byte, preview bool) (*model.ImportResult, error) {
	if preview {
		if strings.Contains(path, "?") {
			path += "&preview=1"
		} else {
			path += "?preview=1"
		}
	}
	contentType := "text/markdown; charset=utf-8"
	if bytes.HasPrefix(file, []byte("PK")) {
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	var out model.ImportResult
	err := c.send(ctx, http.MethodPost, path, contentType, file, &out)
	return &out, err
}

// History returns an analysis's latest ops, newest first, each with the
// ops that reverse it. Errors: ENOTFOUND.
func (c *Client) History(ctx context.Context, id int64) ([]model.LoggedOp, error) {
	var out []model.LoggedOp
	err := c.do(ctx, http.MethodGet, analysisPath(id)+"/history", nil, &out)
	return out, err
}

// RestoreVersion brings an analysis back to how it was at version, as new
// ops committed as one change. Errors: ENOTFOUND, EINVALID, ETOOLARGE (a
// restore that would undo more than model.MaxChangeOps edits).
func (c *Client) RestoreVersion(ctx context.Context, id, version int64) (int64, error) {
	var out struct {
		Version int64 `json:"version"`
	}
	err := c.do(ctx, http.MethodPost, analysisPath(id)+"/restore-version", map[string]int64{"version": version}, &out)
	return out.Version, err
}

// WatchlistImport is what a CSV upload did.
type WatchlistImport struct {
	Version int64    `json:"version"`
	Added   int      `json:"added"`
	Skipped []string `json:"skipped"`
}

// ImportWatchlistCSV adds the rows of a CSV to an analysis's watchlist.
// Errors: ENOTFOUND, EINVALID, ETOOLARGE.
func (c *Client) ImportWatchlistCSV(ctx context.Context, id int64, csv string) (*WatchlistImport, error) {
	var out WatchlistImport
	err := c.send(ctx, http.MethodPost, analysisPath(id)+"/watchlist.csv", "text/csv; charset=utf-8", []byte(csv), &out)
	return &out, err
}

// WatchlistCSVURL is where the watchlist downloads from as CSV.
func WatchlistCSVURL(id int64) string { return analysisPath(id) + "/watchlist.csv" }

// ExportURL is where the workbook of an analysis downloads from.
func ExportURL(id int64) string { return analysisPath(id) + "/export.xlsx" }

func analysisPath(id int64) string { return "/api/analyses/" + strconv.FormatInt(id, 10) }

// response is what a transport brings back.
type response struct {
	status     int
	statusText string
	body       []byte
}

// do sends in as JSON and decodes the answer into out.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = b
	}
	return c.send(ctx, method, path, "application/json", body, out)
}

// send sends body with the given content type and decodes the answer into out.
func (c *Client) send(ctx context.Context, method, path, contentType string, body []byte, out any) error {
	headers := map[string]string{}
	if body != nil {
		headers["Content-Type"] = contentType
	}
	if c.Session != "" {
		headers["X-Session"] = c.Session
	}
	res, err := c.roundTrip(ctx, method, c.Base+path, headers, body)
	if err != nil {
		return &model.Error{Code: model.EUNAVAILABLE, Message: "cannot reach the server: " + err.Error()}
	}
	if res.status >= 400 {
		var e struct {
			Error model.Error `json:"error"`
		}
		if json.Unmarshal(res.body, &e) == nil && e.Error.Code != "" {
			return &e.Error
		}
		return &model.Error{Code: model.EINTERNAL, Message: fmt.Sprintf("server answered %d %s", res.status, res.statusText)}
	}
	if out == nil || res.status == 204 {
		return nil
	}
	if err := json.Unmarshal(res.body, out); err != nil {
		return &model.Error{Code: model.EINTERNAL, Message: "the server's answer is not valid JSON: " + err.Error()}
	}
	return nil
}

// Login signs in with a name and password; the server sets the session
// cookie. Errors: EUNAUTHORIZED (wrong name or password), ETOOMANY.
func (c *Client) Login(ctx context.Context, name, password string) (model.Me, error) {
	var out model.Me
	err := c.do(ctx, http.MethodPost, "/api/login", map[string]string{"name": name, "password": password}, &out)
	return out, err
}

// Logout ends the session, on the server too.
func (c *Client) Logout(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/api/logout", nil, nil)
}

// Me says who the server takes this browser to be. Errors: EUNAUTHORIZED.
func (c *Client) Me(ctx context.Context) (model.Me, error) {
	var out model.Me
	err := c.do(ctx, http.MethodGet, "/api/me", nil, &out)
	return out, err
}
