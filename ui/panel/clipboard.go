//go:build js

package panel

import (
	"errors"
	"syscall/js"
)

// copyText puts text on the clipboard with the asynchronous Clipboard API
// where the page may use it, else with the older execCommand on the
// selected link field.
func copyText(text string) error {
	nav := js.Global().Get("navigator")
	if cb := nav.Get("clipboard"); cb.Truthy() && js.Global().Get("isSecureContext").Truthy() {
		cb.Call("writeText", text)
		return nil
	}
	if js.Global().Get("document").Call("execCommand", "copy").Bool() {
		return nil
	}
	return errors.New("this browser refused to copy")
}
