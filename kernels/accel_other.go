//go:build !(js && wasm)

package kernels

// Native builds (tests, tools, the worker) have no WebAssembly kernels:
// every hook declines and the Go bodies run. The compiler inlines these
// away.

// Accelerated reports whether the WebAssembly kernels are in use: never
// in a native build.
func Accelerated() bool { return false }

// SetAccelerated does nothing in a native build, which has only the Go
// bodies.
func SetAccelerated(bool) {}

func accelGemm(gemmForm, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int) bool {
	return false
}
func accelAxpy(bool, float32, []float32, []float32) bool                            { return false }
func accelScale(float32, []float32) bool                                            { return false }
func accelDot([]float32, []float32) (float32, bool)                                 { return 0, false }
func accelSumAbs([]float32) (float32, bool)                                         { return 0, false }
func accelAddBias(int, int, []float32, []float32, int) bool                         { return false }
func accelSumRows(int, int, []float32, int, []float32) bool                         { return false }
func accelUnary(activationFunc, []float32, []float32) bool                          { return false }
func accelBackward(activationFunc, []float32, []float32, []float32, []float32) bool { return false }
func accelSoftmax(bool, int, int, []float32) bool                                   { return false }
func accelBSpline(int, []float32, int, int, []float32, []float32, []float32, []float32, int, []float32) bool {
	return false
}
func accelAdam([]float32, []float32, []float32, []float32, float32, float32, float32, float32, float32, float32) bool {
	return false
}
func accelActiveRows(bool, []float32, []float32, int, int, []float32) bool { return false }
func accelLIFForward(int, int, int, float32, float32, []float32, []float32, []float32) bool {
	return false
}
func accelLIFBackward(int, int, int, float32, float32, float32, []float32, []float32, []float32) bool {
	return false
}
func accelDCLSKernel(int, int, int, float32, []float32, []float32, []float32, []float32) bool {
	return false
}
func accelDCLSBackward(int, int, int, float32, []float32, []float32, []float32, []float32, []float32, []float32) bool {
	return false
}
func accelKANBasis(kanBasisKind, int, []float32, []float32, float32, float32, int, []float32, []float32, int) bool {
	return false
}
