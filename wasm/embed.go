//go:build js

package main

import (
	"fmt"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"playground/embedmode"
	"playground/ui"
	"playground/ui/panel"
)

// embedMode is the page as an embed (?embed=1, embedmode): its controls,
// and whether it may be seen. An embed trains only while seen: scrolled
// out of view or in a hidden tab it is suspended (the run state the
// reader chose is kept, and resumes when it is seen again).
type embedMode struct {
	on   bool
	opts embedmode.Options
	// note says which of the address's controls were skipped, or why the
	// address could not be read.
	note string
}

// embedModeOfPage reads the page's address.
func embedModeOfPage() embedMode {
	search := js.Global().Get("location").Get("search").String()
	opts, on, skipped, err := embedmode.Parse(search)
	m := embedMode{on: on, opts: opts}
	switch {
	case err != nil && strings.Contains(search, embedmode.ModeKey):
		// Only an address that meant to embed is worth a word.
		m.note = fmt.Sprintf("%v; the full playground is shown.", err)
	case len(skipped) > 0:
		m.note = fmt.Sprintf("This embed's address names controls this page does not know (%s); they were skipped.", strings.Join(skipped, ", "))
	}
	return m
}

// embedded says the page is an embed: it keeps no autosave and leaves the
// address alone.
func (a *app) embedded() bool { return a.embed.on }

// regionsFor places the views on a w x h canvas: an embed gives the picture
// the room.
func (a *app) regionsFor(w, h int) ui.Regions {
	if a.embed.on {
		return ui.LayoutEmbed(w, h)
	}
	return ui.Layout(w, h)
}

// newPanel builds the full page's panel, or an embed's.
func (a *app) newPanel(root *dom.BasicHTMLElement, act panel.Actions) *panel.Panel {
	if a.embed.on {
		return panel.NewEmbed(root, act, a.embed.opts)
	}
	return panel.New(root, act)
}

// startEmbed styles the page as an embed (assets/style.css, html.embed)
// and suspends training while it cannot be seen. A full page does
// nothing here.
func (a *app) startEmbed(doc dom.Document) {
	if !a.embed.on {
		return
	}
	panel.RootElement(doc).Class().Add("embed")
	a.watchVisibility(doc)
}

// watchVisibility follows whether the embed can be seen: its canvas box
// in the top-level viewport (an IntersectionObserver's implicit root is
// that viewport, even from a cross-origin frame) and its tab shown.
func (a *app) watchVisibility(doc dom.Document) {
	inView, tabShown := true, true
	update := func() { a.setSeen(inView && tabShown) }
	jsDoc := js.Global().Get("document")
	visibility := js.FuncOf(func(js.Value, []js.Value) any {
		tabShown = jsDoc.Get("visibilityState").String() != "hidden"
		update()
		return nil
	})
	jsDoc.Call("addEventListener", "visibilitychange", visibility)
	tabShown = jsDoc.Get("visibilityState").String() != "hidden"

	observer := js.Global().Get("IntersectionObserver")
	if observer.Type() != js.TypeFunction {
		update() // an old browser: the tab alone decides
		return
	}
	// Until the observer's first report (it reports at once) the embed is
	// taken to be out of view, so one below the fold never starts.
	inView = false
	seen := js.FuncOf(func(_ js.Value, args []js.Value) any {
		entries := args[0]
		if n := entries.Length(); n > 0 {
			inView = entries.Index(n - 1).Get("isIntersecting").Bool()
			update()
		}
		return nil
	})
	observer.New(seen).Call("observe", doc.Underlying().Get("body"))
	update()
}

// setSeen suspends or resumes training as the embed leaves or comes into
// view.
func (a *app) setSeen(seen bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.hidden = !seen
}
