//go:build js

package panel

import (
	"errors"
	"syscall/js"
)

// copyText puts text on the clipboard and calls done with nil, or with
// why it could not (then the caller leaves the text selected for the
// person to copy). The asynchronous Clipboard API is tried first and its
// answer awaited: a refused permission is an error, not "copied".
func copyText(text string, done func(error)) {
	legacy := func() {
		if js.Global().Get("document").Call("execCommand", "copy").Truthy() {
			done(nil)
			return
		}
		done(errors.New("this browser refused to copy"))
	}
	cb := js.Global().Get("navigator").Get("clipboard")
	if !cb.Truthy() || !js.Global().Get("isSecureContext").Truthy() {
		legacy()
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		release()
		done(nil)
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		// The page may still copy the selected text the old way.
		legacy()
		return nil
	})
	cb.Call("writeText", text).Call("then", ok, fail)
}
