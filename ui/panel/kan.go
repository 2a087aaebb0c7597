//go:build js

package panel

import (
	"math"
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// formulaRefresh is how often, in milliseconds, the formula of a network
// with snapped edges is read again while it trains: its constants move.
const formulaRefresh = 1000

// buildKANActions adds the Prune and Snap buttons beside "Read the
// formula". Prune removes the hidden nodes and edges that matter least
// (the layer widths, and the link, follow); Snap makes the formula the
// network, which keeps training, and the formula text out then follows
// the constants as they train.
func (p *Panel) buildKANActions(sec *dom.BasicHTMLElement, out *dom.BasicHTMLElement) {
	threshold := p.newInput()
	threshold.SetType("number")
	threshold.SetID("prune-threshold")
	threshold.SetAttribute("min", "0")
	threshold.SetAttribute("step", "any")
	threshold.SetAttribute("placeholder", "pykan's")
	threshold.SetTitle("Hidden nodes and edges whose score (their share of the output's spread) is at most this go. Empty: pykan's defaults, 0.01 for nodes and 0.03 for edges.")
	p.labelled(sec, "prune at", "prune-threshold", threshold.BasicHTMLElement)
	p.button(sec, "prune", "Prune", "Remove hidden nodes and edges that barely matter to the output (pykan's prune); train with some sparsity first", func() {
		t, err := 0.0, error(nil) // empty: pykan's thresholds
		if v := threshold.Value(); v != "" {
			t, err = strconv.ParseFloat(v, 64)
		}
		if err != nil || !(t >= 0) || math.IsInf(t, 0) {
			p.refuse("The pruning threshold must be a number, 0 or more.")
			return
		}
		if err := p.act.Prune(t); err != nil {
			p.refuse(err.Error())
			return
		}
		p.ShowMessage("")
		p.Sync()
	})
	refreshing := false
	var refresh js.Func
	refresh = js.FuncOf(func(js.Value, []js.Value) any {
		if !p.act.Snapped() {
			refreshing = false
			return nil
		}
		if text, err := p.act.Formula(); err == nil {
			out.SetTextContent(text)
		}
		js.Global().Call("setTimeout", refresh, formulaRefresh)
		return nil
	})
	p.button(sec, "snap", "Snap", "Replace every edge a formula fits by that formula, a·f(b·x+c)+d, whose constants then train", func() {
		text, err := p.act.Snap()
		if err != nil {
			out.SetTextContent("")
			p.refuse(err.Error())
			return
		}
		out.SetTextContent(text)
		p.Sync()
		if !refreshing {
			refreshing = true
			js.Global().Call("setTimeout", refresh, formulaRefresh)
		}
	})
}
