// Package kernels is the float32 math the neural playground spends its time
// in: matrix products in the transpose forms backpropagation needs, vector
// updates, reductions, activation functions with their derivatives and a
// row softmax.
//
// Every function works on slices, ints and float32 scalars only, keeps no
// reference to its arguments after it returns and allocates nothing. That
// shape is deliberate: a later body for browsers is written in WebAssembly
// SIMD and reached through //go:wasmimport, passing &s[0] and int32 sizes
// into Go's own linear memory, behind this very API. The bodies here are
// pure Go; they are the reference the SIMD bodies are tested against and
// the implementation used by native builds (tests, tools, the worker).
//
// Matrices are row-major with a leading dimension (the distance between
// the starts of two consecutive rows, at least the row width), so a kernel
// can work on a block inside a larger matrix. Lengths are not checked
// beyond what Go's bounds checks do: a slice too short for the stated
// shape panics in pure Go.
package kernels
