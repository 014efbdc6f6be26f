package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// shell is the frame every page shares: the top bar with the app name and,
// on pages that edit, the save state.
type shell struct{ save *SaveState }

func newShell(save *SaveState) shell { return shell{save: save} }

// Body wraps content in the frame.
func (s shell) Body(content ...app.UI) app.UI {
	return app.Div().Body(
		app.Header().Class("top").Body(
			app.A().Href("/").Text("thesisboard"),
			app.Span().Class("spacer"),
			app.If(s.save != nil, func() app.UI { return s.save }),
		),
		app.Main().Body(content...),
	)
}
