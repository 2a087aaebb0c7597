//go:build js

package main

import (
	"math"
	"runtime/debug"
	"syscall/js"
)

// markStartup records a performance mark "playground:NAME" so the time
// from navigation to the first frame can be split into its stages
// (loader.js marks the download and compile; main marks its own steps;
// `go run ./bench -only=load` reads them all).
func markStartup(name string) {
	if perf := js.Global().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", "playground:"+name)
	}
}

// Go starts without garbage collection (loader.js sets GOGC=off and a
// GOMEMLIMIT as a safety net): nearly everything the start-up allocates
// (Ebiten's shaders, the session, the first picture, the panel) stays
// live, so collecting during it was wasted work, a tenth of the time to
// the first frame (docs/BENCHMARKS.md). resumeCollection turns the
// collector on once the start-up is over.
func resumeCollection() {
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

// panelDelay bounds how long the panel waits for the first picture: a
// page whose canvas draws nothing (a background tab, an embed the browser
// does not render while it is out of view) still gets its controls and
// answers its host.
const panelDelay = 1000 // ms

// finishStartupLater runs finish (the panel's DOM, the link in the address
// bar) once the first picture has been shown (from the first Draw: the
// next animation frame, then a task after its paint), or after panelDelay,
// whichever comes first. Done before Ebiten starts, the panel's DOM and
// the layout the browser then owes it came before the first picture, and
// made up most of the page's start-up over the bare Ebiten program
// (docs/BENCHMARKS.md); so did writing the address.
func (a *app) finishStartupLater(finish func()) {
	var once js.Func
	done := false
	once = js.FuncOf(func(js.Value, []js.Value) any {
		if !done {
			done = true
			finish()
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
