//go:build js

package main

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"playground/embedmode"
	"playground/experiment"
	"playground/ui/panel"
)

// listenForKeys makes space toggle training anywhere on the page except in
// form fields, where space means what it always means, and in an embed
// without the play control.
func (a *app) listenForKeys(win dom.Window) {
	if a.embed.on && !a.embed.opts.Shows(embedmode.Play) {
		return
	}
	win.AddEventListener("keydown", false, func(e dom.Event) {
		ke, ok := e.(*dom.KeyboardEvent)
		if !ok || ke.Key() != " " || ke.Repeat() || ke.CtrlKey() || ke.MetaKey() || ke.AltKey() {
			return
		}
		if t := panel.TargetOf(ke); t != nil {
			switch strings.ToLower(t.TagName()) {
			case "input", "select", "textarea", "button":
				return
			}
		}
		ke.PreventDefault()
		a.setRunning(!a.running())
		a.syncPanel()
	})
}

// listenForHashChanges loads an experiment when the user edits the hash or
// follows a link to another one on the same page.
func (a *app) listenForHashChanges(win dom.Window) {
	win.AddEventListener("hashchange", false, func(dom.Event) {
		hash := strings.TrimPrefix(win.Location().Hash(), "#")
		a.mu.Lock()
		same := hash == experiment.EncodeHash(a.sess.Spec())
		a.mu.Unlock()
		if !same {
			_ = a.load(hash) // a bad hash is shown on the page by load
		}
	})
}

// replaceHash sets the URL's hash without a history entry or a hashchange
// event. An unchanged hash is left alone: the browser's same-document
// navigation costs milliseconds even then.
func (a *app) replaceHash(hash string) {
	a.startLink = nil
	if js.Global().Get("location").Get("hash").String() == "#"+hash {
		return
	}
	js.Global().Get("history").Call("replaceState", nil, "", "#"+hash)
}
