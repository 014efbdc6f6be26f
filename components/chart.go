package components

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Chart draws an ECharts option with the global `echarts` that
// /web/echarts.min.js defines. The option is JSON built in Go (see
// chartopts.go); the chart is created on mount, given the new option on every
// update and disposed on dismount, so no chart outlives its element.
type Chart struct {
	app.Compo
	ID     string
	Option string

	instance app.Value
}

// NewChart returns a chart whose element has the given id.
func NewChart(id, option string) *Chart { return &Chart{ID: id, Option: option} }

// OnMount runs in the browser right after the element is in the DOM.
func (c *Chart) OnMount(ctx app.Context) {
	echarts := app.Window().Get("echarts")
	if !echarts.Truthy() {
		app.Log("echarts is not loaded; charts stay empty")
		return
	}
	c.instance = echarts.Call("init", ctx.JSSrc(), nil, map[string]any{"renderer": "canvas"})
	c.draw()
}

// OnUpdate runs when the parent gives a new option.
func (c *Chart) OnUpdate(ctx app.Context) { c.draw() }

// OnResize keeps the canvas the size of its element.
func (c *Chart) OnResize(ctx app.Context) {
	if c.instance != nil && c.instance.Truthy() {
		c.instance.Call("resize")
	}
}

// OnDismount frees the chart.
func (c *Chart) OnDismount() {
	if c.instance != nil && c.instance.Truthy() {
		c.instance.Call("dispose")
	}
	c.instance = nil
}

func (c *Chart) draw() {
	if c.instance == nil || !c.instance.Truthy() {
		return
	}
	opt := app.Window().Get("JSON").Call("parse", c.Option)
	c.instance.Call("setOption", opt, map[string]any{"notMerge": true})
}

// Render draws only the element; echarts owns what is inside it.
func (c *Chart) Render() app.UI {
	return app.Div().ID(c.ID).Class("chart")
}
