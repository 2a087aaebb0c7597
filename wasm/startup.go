//go:build js

package main

import "syscall/js"

// markStartup records a performance mark "playground:NAME" so the time
// from navigation to the first frame can be split into its stages
// (loader.js marks the download and compile; main marks its own steps;
// `go run ./bench -only=load` reads them all).
func markStartup(name string) {
	if perf := js.Global().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", "playground:"+name)
	}
}

// panelDelay bounds how long the panel waits for the first picture: a
// page whose canvas draws nothing (a background tab, an embed the browser
// does not render while it is out of view) still gets its controls and
// answers its host.
const panelDelay = 1000 // ms

// buildPanelLater builds the panel once the first picture has been shown
// (from the first Draw: the next animation frame, then a task after its
// paint), or after panelDelay, whichever comes first. Built before Ebiten
// starts, the panel's DOM and the layout the browser then owes it came
// before the first picture, and made up most of the page's start-up over
// the bare Ebiten program (docs/BENCHMARKS.md).
func (a *app) buildPanelLater(build func()) {
	var once js.Func
	done := false
	once = js.FuncOf(func(js.Value, []js.Value) any {
		if !done {
			done = true
			build()
			markStartup("panel")
		}
		return nil
	})
	js.Global().Call("setTimeout", once, panelDelay)
	a.afterFirstFrame = func() {
		var frame js.Func
		frame = js.FuncOf(func(js.Value, []js.Value) any {
			frame.Release()
			js.Global().Call("setTimeout", once, 0)
			return nil
		})
		js.Global().Call("requestAnimationFrame", frame)
	}
}
