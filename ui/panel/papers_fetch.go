//go:build js

package panel

import (
	"errors"
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
			msg = args[0].Call("toString").String()
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
			done(nil, errors.New(url+": "+resp.Get("status").Call("toString").String()+" "+resp.Get("statusText").String()))
			return nil
		}
		resp.Call("arrayBuffer").Call("then", onBody, onError)
		return nil
	})
	js.Global().Call("fetch", url).Call("then", onResponse, onError)
}
