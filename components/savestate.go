package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Save states shown in the header.
const (
	stateSaved    = "saved"
	stateSaving   = "saving"
	stateError    = "error"
	stateConflict = "conflict"
	stateOffline  = "offline"
)

// SaveState shows whether the edits of this tab are on the server: saving
// (with how many are in flight), saved, offline (with how many wait), the
// error that stopped them, or a conflict, which a click on it shows.
type SaveState struct {
	app.Compo
	State   string
	Pending int
	Message string
}

// Render draws the indicator; data-state carries the state for scripts.
func (s *SaveState) Render() app.UI {
	text := "All changes saved"
	switch s.State {
	case stateSaving:
		text = "Saving " + edits(s.Pending) + "…"
	case stateError:
		text = "Not saved: " + s.Message
	case stateConflict:
		text = "Conflict: " + s.Message
	case stateOffline:
		// Said as soon as the server is out of reach, edits made or not.
		text = "Offline, " + edits(s.Pending) + " waiting"
		if s.Pending == 0 {
			text = "Offline: edits will wait in this browser"
		}
	}
	if s.State == stateConflict {
		// The header stays in view; the card with the choices is at the
		// top of the page.
		return app.Button().ID("savestate").Class("savestate "+s.State).DataSet("state", s.State).
			Title("Show the edits that collided").Text(text).OnClick(showConflicts)
	}
	return app.Span().ID("savestate").Class("savestate "+s.State).DataSet("state", s.State).Text(text)
}

// edits counts n edits in words: "1 edit", "2 edits".
func edits(n int) string {
	if n == 1 {
		return "1 edit"
	}
	return strconv.Itoa(n) + " edits"
}

// showConflicts scrolls the conflicts card into view.
func showConflicts(ctx app.Context, e app.Event) {
	if card := app.Window().GetElementByID("conflicts"); card.Truthy() {
		card.Call("scrollIntoView")
	}
}
