//go:build js

package panel

import (
	"fmt"
	"syscall/js"
)

// fetchBytes gets url with the browser's fetch and calls done with the
// body or an error, later, from a promise callback: a JavaScript event
// handler must not block on a promise.
func fetchBytes(url string, done func([]byte, error)) {
	var onResponse, onBody, onError js.Func
	release := func() {
		onResponse.Release()
		onBody.Release()
		onError.Release()
	}
	onError = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		msg := "the request failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = js.Global().Get("String").Invoke(args[0]).String()
		}
		done(nil, fmt.Errorf("%s: %s", url, msg))
		return nil
	})
	onBody = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		arr := js.Global().Get("Uint8Array").New(args[0])
		b := make([]byte, arr.Length())
		js.CopyBytesToGo(b, arr)
		done(b, nil)
		return nil
	})
	onResponse = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resp := args[0]
		if !resp.Get("ok").Bool() {
			release()
			// status is a number: js.Value.Call("toString") on it would panic.
			done(nil, fmt.Errorf("%s: %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String()))
			return nil
		}
		resp.Call("arrayBuffer").Call("then", onBody, onError)
		return nil
	})
	js.Global().Call("fetch", url).Call("then", onResponse, onError)
}
