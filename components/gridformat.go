package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"thesisboard/app/calc"
	"thesisboard/app/model"
)

// formats are the number formats a person can pick for a cell.
var formats = []struct {
	format model.Format
	label  string
}{
	{model.FormatGeneral, "General"}, {model.FormatNumber, "Number 1,234"}, {"money", "Money $1,234.00"},
	{"money:K", "Money $K"}, {"money:M", "Money $M"}, {"money:B", "Money $B"}, {model.FormatPercent, "Percent %"},
	{model.FormatRatio, "Ratio 21:1"}, {model.FormatDate, "Date"}, {model.FormatText, "Text"},
}

// formatPicker sets the number format of the selected cells. A number keeps
// its value, as in a spreadsheet: its input is rewritten in the new format
// ($18.3B, 14%, 21:1); text and formulas keep their input.
func (g *Grid) formatPicker() app.UI {
	current := g.Section.Cell(g.row, g.col).Format
	return app.Select().Class("format").ID("format-"+g.Section.ID).Title("Number format").
		Aria("label", "Number format of "+g.Section.Title+" "+model.Addr(g.row, g.col)).
		OnChange(func(ctx app.Context, e app.Event) {
			f := model.Format(ctx.JSSrc().Get("value").String())
			r1, c1, r2, c2 := g.selection()
			var ops []model.Op
			for r := r1; r <= r2; r++ {
				for c := c1; c <= c2; c++ {
					cell := g.Section.Cell(r, c)
					ops = append(ops, model.Op{Kind: model.OpSetCell, Sheet: g.Section.ID, Cell: model.Addr(r, c), Input: reformat(cell, f), Format: &f})
				}
			}
			sendOps(ctx, ops)
			g.placeEditor(ctx)
		}).Body(app.Range(formats).Slice(func(i int) app.UI {
		return app.Option().Value(string(formats[i].format)).Selected(formats[i].format == current).Text(formats[i].label)
	}))
}

// reformat is the input that keeps a cell's number in format f.
func reformat(c model.Cell, f model.Format) string {
	v := c.Value
	if v.Kind != model.KindNumber || calc.IsFormula(c.Input) || f.Kind() == "date" || f.Kind() == "text" {
		return c.Input
	}
	if f.Kind() == "money" {
		v.Unit = "USD"
	} else if v.Unit == "USD" {
		v.Unit = ""
	}
	return model.Display(v, f)
}
