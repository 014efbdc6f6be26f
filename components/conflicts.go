package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// The conflicts card lists the edits the server refused because another
// session changed the same thing first (see model.Conflict). Theirs is what
// the analysis holds; the person keeps it or sends theirs again on top.

// resolve settles a conflict: keep theirs, or send mine again on top of it.
func (d *Dashboard) resolve(ctx app.Context, i int, mine bool) {
	if i >= len(d.conflicts) {
		return
	}
	c := d.conflicts[i]
	d.conflicts = append(d.conflicts[:i:i], d.conflicts[i+1:]...)
	if op, ok := c.Retry(); ok && mine {
		// The page's context, not the button's: the button goes with the
		// conflict, and go-app drops work dispatched on a removed element.
		d.recordUndo(d.edit(d.ctx, op))
	}
}

func (d *Dashboard) renderConflicts() app.UI {
	return app.Div().Class("card conflicts").ID("conflicts").Body(
		app.H2().Text("Edits that collided"),
		app.Range(d.conflicts).Slice(func(i int) app.UI {
			c := d.conflicts[i]
			scope := app.EventScope(c.Sheet, c.Cell, c.Field, c.Version)
			keep := app.Button().Class("keep-theirs").Text("Keep theirs").OnClick(func(ctx app.Context, e app.Event) { d.resolve(ctx, i, false) }, scope)
			if c.Gone {
				return app.Div().Class("conflict").DataSet("cell", c.Sheet+"!"+c.Cell).Body(
					app.Text(d.conflictPlace(c)+": another session deleted the row"),
					app.If(c.Yours != "", func() app.UI {
						return app.Span().Body(app.Text(", so your entry "), app.Strong().Text(c.Yours), app.Text(" was not saved"))
					}),
					app.Text(". "),
					keep.Text("OK"),
				)
			}
			return app.Div().Class("conflict").DataSet("cell", c.Sheet+"!"+c.Cell).DataSet("field", c.Field).Body(
				app.Text(d.conflictPlace(c)+": another session wrote "),
				app.Strong().Text(orDash(c.Theirs)),
				app.Text("; you wrote "),
				app.Strong().Text(orDash(c.Yours)),
				app.Text(". "),
				keep,
				app.Button().Class("use-mine").Text("Use mine").OnClick(func(ctx app.Context, e app.Event) { d.resolve(ctx, i, true) }, scope),
			)
		}),
	)
}

// conflictPlace names what collided as the page shows it.
func (d *Dashboard) conflictPlace(c model.Conflict) string {
	if c.Field != "" {
		return "Thesis " + c.Field
	}
	title := c.Sheet
	if s := d.a.Section(c.Sheet); s != nil {
		title = s.Title
	}
	if c.Cell == "" {
		return title
	}
	return title + " " + c.Cell
}

// conflictCells lists the cells of section sheet to mark as collided.
func (d *Dashboard) conflictCells(sheet string) []string {
	var out []string
	for _, c := range d.conflicts {
		if c.Sheet == sheet && c.Cell != "" && !c.Gone {
			out = append(out, c.Cell)
		}
	}
	return out
}

// waitingCells lists the cells of section sheet with an edit of this tab
// the server has not acknowledged, to mark them as not saved yet. They are
// the last rep.Waiting() of the queue: edits go one at a time and in
// order, so those acknowledged and not yet back from the stream come first.
func (d *Dashboard) waitingCells(sheet string) []string {
	if d.rep == nil {
		return nil
	}
	q := d.rep.Queue()
	var out []string
	for _, op := range q[len(q)-min(d.rep.Waiting(), len(q)):] {
		if op.Kind == model.OpSetCell && op.Sheet == sheet {
			out = append(out, strings.ToUpper(op.Cell))
		}
	}
	return out
}
