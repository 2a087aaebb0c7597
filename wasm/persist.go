//go:build js

package main

import (
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"playground/experiment"
	"playground/session"
)

// The page keeps the current experiment in localStorage, so that a reload
// loses nothing: its link, with the trained weights when the link stays
// within what a page reads (MaxHashLen). It is written at most once a
// second while anything changes, and when the page is hidden or left.
const (
	autosaveKey   = "playground.autosave"
	autosaveEvery = time.Second
)

// autosaveEnabled says whether this page keeps its experiment in
// localStorage and restores it: the one switch for it. An embed does
// not: it would put the embedded experiment in place of the reader's own.
func autosaveEnabled() bool { return !embedModeOfPage().on }

// startingHash is what the page opens: the link's hash, or when it has
// none the autosaved experiment. A link always wins; but a reload of the
// page (which keeps the experiment's hash in the address bar) whose hash
// is the autosaved experiment's own takes the autosaved weights too.
func startingHash(hash string) string {
	hash = strings.TrimPrefix(hash, "#")
	if !autosaveEnabled() {
		return hash
	}
	saved := storageGet(autosaveKey)
	if hash == "" {
		return saved
	}
	spec, _, hasWeights := strings.Cut(saved, "&"+experiment.WeightsKey+"=")
	if hasWeights && spec == hash && reloaded() {
		return saved
	}
	return hash
}

// reloaded says the page was reloaded, rather than opened from a link
// (Navigation Timing's type; false where the browser does not say).
func reloaded() (yes bool) {
	defer func() {
		if recover() != nil {
			yes = false
		}
	}()
	entries := js.Global().Get("performance").Call("getEntriesByType", "navigation")
	return entries.Length() > 0 && entries.Index(0).Get("type").String() == "reload"
}

// autosaveMark is what a save recorded: the session, its step and the
// page's edit count; while they stay the same there is nothing new to
// write.
type autosaveMark struct {
	sess  *session.Session
	step  int
	edits int
}

// startAutosave saves the experiment once a second while it changes, and
// when the page is hidden or left (several tabs: the last one changed
// writes it) (pagehide; visibilitychange for mobile
// browsers that discard hidden tabs without one).
func (a *app) startAutosave(win dom.Window) {
	if !autosaveEnabled() {
		return
	}
	// What the page opened with is not a change: opening someone's link
	// does not replace the autosave until it is trained or edited.
	a.mu.Lock()
	last := autosaveMark{a.sess, a.sess.Steps(), a.edits}
	a.mu.Unlock()
	save := func() {
		a.mu.Lock()
		mark := autosaveMark{a.sess, a.sess.Steps(), a.edits}
		var link string
		if mark != last {
			link = autosaveLink(a.sess)
		}
		a.mu.Unlock()
		if mark == last {
			return
		}
		last = mark
		if link == experiment.EncodeHash(experiment.Default()) {
			storageRemove(autosaveKey) // nothing worth keeping
			return
		}
		storageSet(autosaveKey, link)
	}
	tick := js.FuncOf(func(js.Value, []js.Value) any { save(); return nil })
	js.Global().Call("setInterval", tick, autosaveEvery.Milliseconds())
	win.AddEventListener("pagehide", false, func(dom.Event) { save() })
	win.Document().AddEventListener("visibilitychange", false, func(dom.Event) {
		if win.Document().Underlying().Get("visibilityState").String() == "hidden" {
			save()
		}
	})
}

// autosaveLink is the link the autosave keeps: with the weights once the
// network has trained, when they fit in a link a page reads.
func autosaveLink(sess *session.Session) string {
	hash := experiment.EncodeHash(sess.Spec())
	if sess.Steps() == 0 || !mayFitInLink(sess.WeightCounts()) {
		return hash
	}
	withWeights, err := experiment.EncodeHashWithWeights(sess.Spec(), sess.Weights())
	if err != nil || len(withWeights) > experiment.MaxHashLen {
		return hash
	}
	return withWeights
}

// clearAutosave forgets the autosaved experiment.
func clearAutosave() { storageRemove(autosaveKey) }

// localStorage may be missing or throw on any use (a sandboxed iframe,
// privacy modes, a full quota): then the page works without it.

func storageGet(key string) (v string) {
	defer func() {
		if recover() != nil {
			v = ""
		}
	}()
	item := localStorage().Call("getItem", key)
	if item.Type() != js.TypeString {
		return ""
	}
	return item.String()
}

func storageSet(key, value string) {
	defer func() { _ = recover() }()
	localStorage().Call("setItem", key, value)
}

func storageRemove(key string) {
	defer func() { _ = recover() }()
	localStorage().Call("removeItem", key)
}

// localStorage is window.localStorage; reading it panics (a js.Error)
// where storage is denied, which the callers recover from.
func localStorage() js.Value {
	s := js.Global().Get("localStorage")
	if !s.Truthy() {
		panic("no localStorage")
	}
	return s
}
