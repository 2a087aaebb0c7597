//go:build js

package panel

import (
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
func (p *Panel) buildKANActions(sec dom.Element, out dom.HTMLElement) {
	p.button(sec, "prune", "Prune", "Remove hidden nodes and edges that barely matter to the output (pykan's prune); train with some sparsity first", func() {
		if err := p.act.Prune(0); err != nil {
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
