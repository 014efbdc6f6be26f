//go:build !wasm

package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"thesisboard/app/model"
)

type errorBody struct {
	Error model.Error `json:"error"`
}

// statusOf maps a domain error code to an HTTP status.
func statusOf(code model.Code) int {
	switch code {
	case model.EINVALID:
		return http.StatusUnprocessableEntity
	case model.EMALFORMED:
		return http.StatusBadRequest
	case model.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case model.ENOTFOUND:
		return http.StatusNotFound
	case model.ECONFLICT:
		return http.StatusConflict
	case model.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case model.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case model.EFORBIDDEN:
		return http.StatusForbidden
	case model.ETOOMANY:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// error writes err as {"error": {"code", "message"}}. Internal errors are
// logged with their detail and shown as a generic message.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	s.errorStatus(w, r, statusOf(model.ErrorCode(err)), err)
}

func (s *Server) errorStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	code := model.ErrorCode(err)
	if code == model.EINTERNAL {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	body := model.Error{Code: code, Message: model.ErrorMessage(err)}
	var me *model.Error
	if errors.As(err, &me) {
		body.Conflict = me.Conflict
	}
	writeJSON(w, status, errorBody{Error: body})
}

// writeJSON answers v as JSON with status. v is encoded before the header
// is written: a value JSON cannot hold (a NaN or an infinity in a cell) is
// answered 500 with an internal error, not a 200 with an empty body, and
// the reason reaches the request's log line (failed).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		err = fmt.Errorf("encode %T answer: %w", v, err)
		failed(w, err)
		status = http.StatusInternalServerError
		buf.Reset()
		json.NewEncoder(&buf).Encode(errorBody{Error: model.Error{Code: model.EINTERNAL, Message: model.ErrorMessage(err)}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// failed records why a request failed on its statusRecorder, found through
// the writers wrapping it, for logRequests to log; without one (a handler
// run alone) it logs it itself.
func failed(w http.ResponseWriter, err error) {
	for {
		if rec, ok := w.(*statusRecorder); ok {
			rec.err = errors.Join(rec.err, err)
			return
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			slog.Error("request failed", "err", err)
			return
		}
		w = u.Unwrap()
	}
}

// decode reads one JSON value from the request body into v, refusing bodies
// over MaxBodyBytes, unknown fields and trailing data, with a message that
// says what is wrong and where.
// Errors: EMALFORMED, ETOOLARGE.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	body := http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON value")
	}
	if err == nil {
		return nil
	}
	var maxErr *http.MaxBytesError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return model.Errorf(model.ETOOLARGE, "request body is larger than %d bytes", maxErr.Limit)
	case errors.As(err, &syntaxErr):
		return model.Errorf(model.EMALFORMED, "malformed JSON at byte %d: %v", syntaxErr.Offset, syntaxErr)
	case errors.As(err, &typeErr):
		return model.Errorf(model.EMALFORMED, "malformed JSON: field %q must be %s, not %s", typeErr.Field, typeErr.Type, typeErr.Value)
	case errors.Is(err, io.EOF):
		return model.Errorf(model.EMALFORMED, "request body is empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return model.Errorf(model.EMALFORMED, "malformed JSON: the body ends in the middle of a value")
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return model.Errorf(model.EMALFORMED, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return model.Errorf(model.EMALFORMED, "malformed JSON: %v", err)
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, model.Errorf(model.ENOTFOUND, "analysis %q not found", r.PathValue("id"))
	}
	return id, nil
}

// contentDisposition builds an attachment header with a plain-ASCII fallback
// name and the UTF-8 name, so any title downloads safely.
func contentDisposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '/' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, pathEscape(name))
}

func pathEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
