//go:build !wasm

package server

import (
	"net/http"
	"time"

	"thesisboard/app/accounts"
	"thesisboard/app/model"
)

// Sign-in, sign-out and who one is. The session's secret travels only in
// an HttpOnly cookie (no script in the page can read it), SameSite=Lax
// (another site's forms do not carry it; cross-origin protection refuses
// their requests anyway), Secure over HTTPS.

type loginRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// login checks a name and password and sets the session cookie.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if s.Accounts == nil {
		s.error(w, r, model.Errorf(model.EINVALID, "this server runs in local mode: there is no one to sign in as"))
		return
	}
	var req loginRequest
	if err := decode(w, r, &req); err != nil {
		s.error(w, r, err)
		return
	}
	secret, who, err := s.Accounts.Login(r.Context(), req.Name, req.Password, s.clientAddr(r), r.UserAgent())
	if err != nil {
		if model.ErrorCode(err) == model.ETOOMANY {
			w.Header().Set("Retry-After", "30")
		}
		s.error(w, r, err)
		return
	}
	s.setSessionCookie(w, r, secret, who.Session.Expires)
	writeJSON(w, http.StatusOK, meOf(who))
}

// setSessionCookie hands the browser a session's secret; an empty one
// clears it.
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, secret string, expires time.Time) {
	c := &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.overHTTPS(r),
		Expires: expires,
	}
	if secret == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// logout ends the session the cookie names, in the store (a copy of the
// cookie kept elsewhere no longer works), and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if s.Accounts != nil {
		cookie, _ := credentials(r)
		if err := s.Accounts.Logout(r.Context(), cookie); err != nil {
			s.error(w, r, err)
			return
		}
	}
	s.setSessionCookie(w, r, "", time.Time{})
	w.WriteHeader(http.StatusNoContent)
}

// me says who the request comes from: the page asks on start and shows
// the sign-in form on 401.
func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	if s.Accounts == nil {
		writeJSON(w, http.StatusOK, model.Me{Local: true})
		return
	}
	who := whoOf(r.Context())
	if who == nil {
		var err error
		cookie, bearer := credentials(r)
		if who, err = s.Accounts.Authenticate(r.Context(), cookie, bearer); err != nil {
			s.error(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, meOf(who))
}

func meOf(who *accounts.Who) model.Me {
	return model.Me{Name: who.User.Name, Admin: who.User.Admin}
}
