package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The grid's keyboard, as an analyst knows it from a spreadsheet: which keys
// the grid takes from the browser (handled, decided at once in the keydown
// listener OnMount adds), which let the focus leave it (leaves), and what
// each does (onKey), on the UI goroutine.

// key is what the grid needs of a keydown event.
type key struct {
	name  string
	shift bool
	mod   bool // Ctrl, Cmd or Alt held
}

func keyOf(e app.Value) key {
	return key{
		name:  e.Get("key").String(),
		shift: e.Get("shiftKey").Bool(),
		mod:   e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool(),
	}
}

// handled reports whether the grid acts on the key itself, so the browser
// must not. While editing, arrows and Delete edit the text as usual, and
// Ctrl+Z undoes typing.
func (k key) handled(editing bool) bool {
	if k.mod {
		switch strings.ToLower(k.name) {
		case "z", "y", "+", "=", "-", "d", " ":
			return !editing
		}
		return false // Ctrl+C, X, V: the browser's copy, cut and paste events
	}
	if k.shift && k.name == " " {
		return !editing // Shift+Space selects the row
	}
	switch k.name {
	case "Enter", "Tab", "Escape":
		return true
	case "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "F2", "Delete", "Backspace", "Home", "End", "PageUp", "PageDown":
		return !editing
	}
	return false
}

// leaves reports whether key k takes the focus out of the grid rather than
// moving within it: Tab on the last column, Shift+Tab on the first, or
// either after Escape. It runs in the keydown listener, before go-app's
// handler, and notes an Escape for the next Tab there, so that no key
// pressed quickly after it can miss it.
func (g *Grid) leaves(k key, editing bool) bool {
	switch {
	case k.mod || k.name == "Shift":
		return false
	case k.name == "Escape" && !editing && g.menu == nil:
		g.released = true
		return false
	case k.name != "Tab":
		g.released = false
		return false
	}
	_, cols := g.size()
	return g.released || k.shift && g.col == 0 || !k.shift && g.col == cols-1
}

// onKeyDown runs on the UI goroutine for every key pressed in the editor and
// acts on those the OnMount listener stopped.
func (g *Grid) onKeyDown(ctx app.Context, e app.Event) {
	if e.Get("defaultPrevented").Bool() {
		g.onKey(ctx, keyOf(e.Value))
	}
}

// onTyped runs when the editor's text changes: the first character typed on
// a selected cell starts an edit that replaces its content.
func (g *Grid) onTyped(ctx app.Context, text string) {
	if !g.editing {
		g.editing = true
		g.placeEditor(ctx)
	}
	g.draft = text
}

// onKey runs on the UI goroutine for the keys handled() accepted. It checks
// g.editing, not the flag handled() saw: a key can arrive before the render
// that follows the first typed character.
func (g *Grid) onKey(ctx app.Context, k key) {
	if g.editing {
		switch k.name {
		case "Enter":
			g.commit(ctx)
			g.moveTo(ctx, g.row+step(k.shift), g.col)
		case "Tab":
			g.commit(ctx)
			g.moveTo(ctx, g.row, g.col+step(k.shift))
		case "Escape":
			g.endEdit(ctx)
		case "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight":
			// Typed-over cells commit on an arrow, as in Excel's Enter mode.
			g.commit(ctx)
			g.move(ctx, k.name)
		}
		return
	}
	if k.mod {
		switch strings.ToLower(k.name) {
		case "z":
			if k.shift {
				ctx.NewAction(actionRedo) // Cmd+Shift+Z
			} else {
				ctx.NewAction(actionUndo)
			}
		case "y":
			ctx.NewAction(actionRedo)
		case "+", "=":
			if g.wholeCols {
				g.insertCols(ctx, 0)
			} else {
				g.insertRows(ctx, 0)
			}
		case "-":
			if g.wholeCols {
				g.deleteCols(ctx)
			} else {
				g.deleteRows(ctx)
			}
		case " ":
			g.selectColumns(ctx) // Ctrl+Space
		case "d":
			g.fillDown(ctx)
		}
		return
	}
	if k.shift && k.name == " " {
		g.selectRows(ctx) // Shift+Space
		return
	}
	switch k.name {
	case "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight":
		g.moveBy(ctx, k.name, k.shift)
	case "Tab":
		g.moveTo(ctx, g.row, g.col+step(k.shift))
	case "Home":
		g.selectTo(ctx, g.row, 0, k.shift)
	case "End":
		g.selectTo(ctx, g.row, max(g.Section.Width()-1, 0), k.shift)
	case "PageUp":
		g.selectTo(ctx, g.row-pageRows, g.col, k.shift)
	case "PageDown":
		g.selectTo(ctx, g.row+pageRows, g.col, k.shift)
	case "Enter", "F2":
		g.startEdit(ctx, g.Section.Cell(g.row, g.col).Input)
	case "Delete", "Backspace":
		g.clearSelection(ctx)
	case "Escape":
		g.menu = nil
	}
}

func (g *Grid) move(ctx app.Context, arrow string) { g.moveBy(ctx, arrow, false) }

// pageRows is how far PageUp and PageDown move.
const pageRows = 20

var arrows = map[string][2]int{"ArrowUp": {-1, 0}, "ArrowDown": {1, 0}, "ArrowLeft": {0, -1}, "ArrowRight": {0, 1}}

func (g *Grid) moveBy(ctx app.Context, arrow string, extend bool) {
	d := arrows[arrow]
	g.selectTo(ctx, g.row+d[0], g.col+d[1], extend)
}

// step is the direction of a move: back with Shift, forward without.
func step(shift bool) int {
	if shift {
		return -1
	}
	return 1
}

// tabbable matches the elements Tab stops at.
const tabbable = `a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])`

// focusBeyond moves the focus to the first element Tab stops at after el
// (forward) or the last before it, outside el: F6 and Shift+F6 leave a grid
// from any cell, as they move between panes in a spreadsheet.
func focusBeyond(el app.Value, forward bool) {
	all := app.Window().Get("document").Call("querySelectorAll", tabbable)
	const following, preceding = 4, 2 // Node.DOCUMENT_POSITION_*
	var target app.Value
	for i := 0; i < all.Length(); i++ {
		c := all.Index(i)
		if el.Call("contains", c).Bool() || c.Get("offsetParent").IsNull() {
			continue // inside, or not shown
		}
		pos := el.Call("compareDocumentPosition", c).Int()
		if forward && pos&following != 0 {
			target = c
			break
		}
		if !forward && pos&preceding != 0 {
			target = c
		}
	}
	if target != nil && target.Truthy() {
		target.Call("focus")
	}
}
