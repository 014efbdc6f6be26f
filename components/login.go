package components

import (
	"context"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// LoginPage signs a person in on a shared server. Every page that finds
// itself signed out (the server answers 401) comes here with ?next= its
// own address, and comes back once signed in; edits made meanwhile wait in
// the browser (offline.go) and are sent then.
type LoginPage struct {
	app.Compo
	ctx            app.Context
	name, password string
	err            string
	busy           bool
}

// OnMount keeps the page's context (see ListPage.OnMount).
func (p *LoginPage) OnMount(ctx app.Context) { p.ctx = ctx }

// OnNav marks the page usable: a form has nothing to load.
func (p *LoginPage) OnNav(ctx app.Context) {
	if !app.IsServer {
		ctx.Page().SetTitle("Sign in · thesisboard")
		markReady(ctx, "login")
	}
}

func (p *LoginPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy {
		return
	}
	// The fields' values are read from the DOM: a browser's password
	// manager fills them without an input event.
	name := strings.TrimSpace(app.Window().GetElementByID("login-name").Get("value").String())
	password := app.Window().GetElementByID("login-password").Get("value").String()
	p.busy, p.err = true, ""
	ctx = p.ctx
	ctx.Async(func() {
		_, err := apiClient().Login(context.Background(), name, password)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.err = model.ErrorMessage(err)
				return
			}
			ctx.Navigate(nextPage(ctx.Page().URL()))
		})
	})
}

// nextPage is where to go after signing in: the ?next= address when it is
// a path of this site, the home page otherwise (never another site: a
// link to /login?next=https://evil.example must not send people there).
func nextPage(u *url.URL) string {
	next := u.Query().Get("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.HasPrefix(next, "/login") {
		return "/"
	}
	return next
}

// signInFirst sends a signed-out page to the sign-in form, to come back to
// where it was; it reports whether err was that.
func signInFirst(ctx app.Context, err error) bool {
	if model.ErrorCode(err) != model.EUNAUTHORIZED {
		return false
	}
	here := ctx.Page().URL()
	ctx.Navigate("/login?next=" + url.QueryEscape(here.RequestURI()))
	return true
}

// Render draws the form.
func (p *LoginPage) Render() app.UI {
	return newShell(nil).Body(
		app.H1().Text("Sign in"),
		app.Form().Class("login").OnSubmit(p.onSubmit).Body(
			app.Label().For("login-name").Text("Name"),
			app.Input().ID("login-name").Name("username").AutoComplete(true).Attr("autocomplete", "username").Required(true).AutoFocus(true),
			app.Label().For("login-password").Text("Password"),
			app.Input().ID("login-password").Type("password").Name("password").Attr("autocomplete", "current-password").Required(true),
			app.If(p.err != "", func() app.UI {
				return app.P().Class("error").Attr("role", "alert").Text(p.err)
			}),
			app.Button().Type("submit").Disabled(p.busy).Text("Sign in"),
		),
	)
}
