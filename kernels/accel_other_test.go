//go:build !(js && wasm)

package kernels

// benchBodies lists the bodies a native build can time: only Go's.
func benchBodies() []string { return []string{"go"} }

// useBody selects a body for a benchmark; natively there is only "go".
func useBody(string) (restore func()) { return func() {} }
