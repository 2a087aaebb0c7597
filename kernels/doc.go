// Package kernels is the float32 math the neural playground spends its time
// in: matrix products in the transpose forms backpropagation needs, vector
// updates, reductions, activation functions with their derivatives, a row
// softmax, the Adam update, the KAN layer's bases (B-splines, Chebyshev,
// Gaussian RBF, Fourier) and the spiking
// layer's kernels (spike-driven products, the leaky integrate-and-fire
// recurrence, learned delays' Gaussian taps).
//
// Every function works on slices, ints and float32 scalars only, keeps no
// reference to its arguments after it returns and allocates nothing. Each
// has three bodies behind the one API:
//
//   - WebAssembly SIMD128, hand-written in wat/*_simd.wat, for browsers
//     (and Node) that validate it;
//   - scalar WebAssembly, wat/*_scalar.wat, for engines without SIMD;
//   - pure Go, in this package's .go files: the body of native builds
//     (tests, tools, the worker), the reference the other two are tested
//     against, and the one a GOOS=js build uses for work too small to be
//     worth leaving Go (accel_js.go).
//
// A GOOS=js build reaches the WebAssembly bodies through //go:wasmimport,
// passing the address of a slice's first element in Go's own memory: no
// copies. The modules are assembled from their WAT sources by
// scripts/assemble-kernels.sh and committed; wat/stub.wat is the ABI that
// binds Go's imports to them, and instantiate.js (browser and Node) loads
// them around Go's instance before it runs. Under Node, run tests with
// go_js_wasm_exec_kernels as go test's -exec.
//
// An output may be one of the inputs itself (y = x, dx = dy: in place)
// but must not overlap an input otherwise: the SIMD bodies read four
// elements before they write any, so a shifted overlap gives other results
// than the element-by-element Go body.
//
// The bodies agree to rounding, not to the bit: they sum in different
// orders, and the WebAssembly products scale by alpha after summing where
// the Go body scales each term, so only a product that overflows float32
// before alpha shrinks it (terms near 1e38) tells them apart.
//
// Matrices are row-major with a leading dimension (the distance between
// the starts of two consecutive rows, at least the row width), so a kernel
// can work on a block inside a larger matrix. A slice too short for the
// stated shape panics, in every body: the WebAssembly dispatch checks the
// extents before it hands out an address.
package kernels
