package components

import (
	"strings"
	"time"
	"unicode/utf16"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/model"
)

// ThesisCard shows the question, verdict, conviction, summary and risks. A
// click on a field opens it for editing; saving sends a set_thesis op.
type ThesisCard struct {
	app.Compo
	Thesis model.Thesis

	field string // the field being edited, "" when none
	draft string
	ctx   app.Context // the card's own, from OnMount (see focusWhenDrawn)
}

// OnMount keeps the card's context: a handler's is its element's, and the
// element that opened an editor is gone by the time the editor is drawn.
func (t *ThesisCard) OnMount(ctx app.Context) { t.ctx = ctx }

// Render draws the card, with an editor in place of the field being edited.
func (t *ThesisCard) Render() app.UI {
	th := t.Thesis
	return app.Div().Class("card thesis").ID("thesis").Body(
		t.field_("question", th.Question, func() app.UI {
			return app.Div().Class("question editable").ID("thesis-question").Text(th.Question)
		}),
		app.Div().Class("facts").Body(
			app.Span().Class("muted").Text("Verdict"),
			t.field_("verdict", th.Verdict, func() app.UI {
				return app.Span().Class("badge editable " + verdictClass(th.Verdict)).ID("thesis-verdict").Text(orDash(th.Verdict))
			}),
			app.Span().Class("muted").Text("Conviction"),
			t.field_("conviction", th.Conviction, func() app.UI {
				return app.Span().Class("badge editable").ID("thesis-conviction").Text(orDash(th.Conviction))
			}),
		),
		t.field_("summary", th.Summary, func() app.UI {
			return app.P().Class("editable").ID("thesis-summary").Text(orDash(th.Summary))
		}),
		app.H2().Text("Risks"),
		t.field_("risks", strings.Join(th.Risks, "\n"), func() app.UI {
			return app.Ul().Class("editable").ID("thesis-risks").Body(
				app.Range(th.Risks).Slice(func(i int) app.UI { return app.Li().Text(th.Risks[i]) }),
			)
		}),
	)
}

// field_ shows a field, or its editor when it is the one being edited.
func (t *ThesisCard) field_(name, value string, show func() app.UI) app.UI {
	if t.field != name {
		open := func(ctx app.Context) {
			t.field, t.draft = name, value
			focusWhenDrawn(t.ctx, "thesis-edit", func(el app.Value) {
				if el.Get("tagName").String() == "TEXTAREA" {
					// The caret at the end, ready to type on.
					n := len(utf16.Encode([]rune(el.Get("value").String()))) // the DOM counts UTF-16 units
					el.Call("setSelectionRange", n, n)
				}
			})
		}
		// A button to the keyboard too: Tab reaches it, Enter or Space
		// opens it. (Its content is a block, which <button> cannot hold.)
		return app.Div().Class("field").Attr("role", "button").TabIndex(0).ID("thesis-open-"+name).
			OnClick(func(ctx app.Context, e app.Event) { open(ctx) }, app.EventScope(name, value)).
			OnKeyDown(func(ctx app.Context, e app.Event) {
				if k := e.Get("key").String(); k == "Enter" || k == " " {
					e.PreventDefault()
					open(ctx)
				}
			}, app.EventScope(name, value)).
			Title("Click to edit").Body(show())
	}
	// A <form>, not a <div>: were the editor the same kind of element as the
	// shown field, go-app would reuse the node and hang the field's click
	// handler back on it while the Save click still bubbles through it,
	// reopening the editor at once.
	escape := func(ctx app.Context, e app.Event) {
		if e.Get("key").String() == "Escape" {
			t.close(ctx, name)
		}
	}
	var editor app.UI = app.Textarea().ID("thesis-edit").Text(t.draft).
		OnInput(func(ctx app.Context, e app.Event) { t.draft = ctx.JSSrc().Get("value").String() }).
		OnKeyDown(escape)
	if name == "conviction" {
		editor = app.Select().ID("thesis-edit").Aria("label", "Conviction").
			OnChange(func(ctx app.Context, e app.Event) { t.draft = ctx.JSSrc().Get("value").String() }).
			OnKeyDown(escape).
			Body(app.Range(convictionChoices(t.draft)).Slice(func(i int) app.UI {
				c := convictionChoices(t.draft)[i]
				return app.Option().Value(c).Selected(strings.EqualFold(c, t.draft)).Text(orDash(c))
			}))
	}
	return app.Form().Class("thesis-editor").OnSubmit(func(ctx app.Context, e app.Event) { e.PreventDefault() }).Body(
		editor,
		app.Div().Class("toolbar").Body(
			app.Button().Type("button").Class("primary").ID("thesis-save").Text("Save").OnClick(func(ctx app.Context, e app.Event) {
				if t.draft != value {
					sendOp(ctx, model.Op{Kind: model.OpSetThesis, Field: name, Text: t.draft})
				}
				t.close(ctx, name)
			}, app.EventScope(name, value)),
			app.Button().Type("button").Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { t.close(ctx, name) }),
			app.If(name == "risks", func() app.UI { return app.Span().Class("muted").Text("One risk per line.") }),
		),
	)
}

// close ends the edit of a field and gives the focus back to the field,
// where a person using the keyboard left off.
func (t *ThesisCard) close(ctx app.Context, name string) {
	t.field = ""
	focusWhenDrawn(t.ctx, "thesis-open-"+name, nil)
}

// focusWhenDrawn gives the focus to the element id once the render under
// way has drawn it, then calls then with it, if not nil. ctx must outlive
// the render (a component's own, not a replaced element's), and it looks
// again for a few frames in case the element comes later.
func focusWhenDrawn(ctx app.Context, id string, then func(el app.Value)) {
	var try func(ctx app.Context, left int)
	try = func(ctx app.Context, left int) {
		el := app.Window().GetElementByID(id)
		if !el.Truthy() {
			if left > 0 {
				ctx.After(16*time.Millisecond, func(ctx app.Context) { try(ctx, left-1) })
			}
			return
		}
		el.Call("focus")
		if then != nil {
			then(el)
		}
	}
	ctx.Defer(func(ctx app.Context) { try(ctx, 10) })
}

// convictionLevels are what conviction is chosen from: a scale that reads
// the same across analyses, rather than free text.
var convictionLevels = []string{"Low", "Medium", "High"}

// convictionChoices are the levels, with current first when it is none of
// them (an imported "Moderate", say), so that opening the choice changes
// nothing by itself.
func convictionChoices(current string) []string {
	for _, l := range convictionLevels {
		if strings.EqualFold(l, current) {
			return convictionLevels
		}
	}
	return append([]string{current}, convictionLevels...)
}

func verdictClass(v string) string {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes":
		return "yes"
	case "no":
		return "no"
	}
	return ""
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
