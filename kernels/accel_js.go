//go:build js && wasm

package kernels

import "unsafe"

// In the browser (and under Node) the kernels run as hand-written
// WebAssembly, SIMD128 or scalar, whichever body the loader instantiated
// (see wat/stub.wat and instantiate.js). Go imports the stub module's
// functions; each forwards through a table to the loaded body, so a call
// costs about 10 ns and copies nothing: slices travel as the address of
// their first element in Go's own memory.
//
// Each accelXxx hook checks that the slices hold what the shape says
// before handing an address to WebAssembly, which has no bounds checks of
// Go's: a short slice panics here as it would in the Go body. For tiny
// work the Go body is cheaper than leaving Go, so the hooks decline below
// a size measured by BenchmarkAccelCrossover.

// accel holds the switch and the sizes from which the WebAssembly bodies
// take over. Benchmarks and tests turn it off to measure or check the Go
// bodies in the same binary.
//
// BenchmarkAccelCrossover under Node (SIMD): a 1x1x1 product costs 60 ns
// in Go and 89 ns through the stub, 2x2x2 already 127 ns against 64, and
// 10x8x8 817 against 90; axpy breaks even near 8 elements (20 ns either
// way), tanh near 2 to 4. So products of 8 multiply-adds and vectors of 8
// elements go to WebAssembly.
var accel = struct {
	on        bool
	minFlops  int // m*n*k of a matrix product
	minLength int // elements of an element-wise kernel
}{on: true, minFlops: 8, minLength: 8}

// Accelerated reports whether the WebAssembly kernels are in use.
func Accelerated() bool { return accel.on }

// SetAccelerated switches the WebAssembly kernels on or off; off, every
// kernel runs its Go body. For side-by-side measurements.
func SetAccelerated(on bool) { accel.on = on }

//go:wasmimport kernels gemm_nn
//go:noescape
func wasmGemmNN(m, n, k int32, alpha float32, a *float32, lda int32, b *float32, ldb int32, beta float32, c *float32, ldc int32)

//go:wasmimport kernels gemm_nt
//go:noescape
func wasmGemmNT(m, n, k int32, alpha float32, a *float32, lda int32, b *float32, ldb int32, beta float32, c *float32, ldc int32)

//go:wasmimport kernels gemm_tn
//go:noescape
func wasmGemmTN(m, n, k int32, alpha float32, a *float32, lda int32, b *float32, ldb int32, beta float32, c *float32, ldc int32)

//go:wasmimport kernels axpy
//go:noescape
func wasmAxpy(n int32, alpha float32, x, y *float32)

//go:wasmimport kernels axpy_sign
//go:noescape
func wasmAxpySign(n int32, alpha float32, x, y *float32)

//go:wasmimport kernels scale
//go:noescape
func wasmScale(n int32, alpha float32, x *float32)

//go:wasmimport kernels dot
//go:noescape
func wasmDot(n int32, x, y *float32) float32

//go:wasmimport kernels sum_abs
//go:noescape
func wasmSumAbs(n int32, x *float32) float32

//go:wasmimport kernels add_bias
//go:noescape
func wasmAddBias(rows, cols int32, bias, c *float32, ldc int32)

//go:wasmimport kernels sum_rows
//go:noescape
func wasmSumRows(rows, cols int32, a *float32, lda int32, dst *float32)

//go:wasmimport kernels adam_update
//go:noescape
func wasmAdamUpdate(n int32, w, g, m, v *float32, lr, beta1, beta2, eps, corr1, corr2 float32)

//go:wasmimport kernels relu
//go:noescape
func wasmReLU(n int32, y, x *float32)

//go:wasmimport kernels relu_backward
//go:noescape
func wasmReLUBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels tanh
//go:noescape
func wasmTanh(n int32, y, x *float32)

//go:wasmimport kernels tanh_backward
//go:noescape
func wasmTanhBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels sigmoid
//go:noescape
func wasmSigmoid(n int32, y, x *float32)

//go:wasmimport kernels sigmoid_backward
//go:noescape
func wasmSigmoidBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels gelu
//go:noescape
func wasmGELU(n int32, y, x *float32)

//go:wasmimport kernels gelu_backward
//go:noescape
func wasmGELUBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels silu
//go:noescape
func wasmSiLU(n int32, y, x *float32)

//go:wasmimport kernels silu_backward
//go:noescape
func wasmSiLUBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels sine
//go:noescape
func wasmSine(n int32, y, x *float32)

//go:wasmimport kernels sine_backward
//go:noescape
func wasmSineBackward(n int32, dx, x, y, dy *float32)

//go:wasmimport kernels softmax_rows
//go:noescape
func wasmSoftmaxRows(rows, cols int32, x *float32)

//go:wasmimport kernels log_softmax_rows
//go:noescape
func wasmLogSoftmaxRows(rows, cols int32, x *float32)

//go:wasmimport kernels bspline_basis
//go:noescape
func wasmBSplineBasis(n int32, x *float32, incx, k, nt int32, t, inv, b, db *float32, ldb int32, work *float32)

//go:wasmimport kernels gather_active_rows
//go:noescape
func wasmGatherActiveRows(n int32, x, a *float32, lda, length int32, y *float32)

//go:wasmimport kernels scatter_active_rows
//go:noescape
func wasmScatterActiveRows(n int32, x, a *float32, lda, length int32, y *float32)

//go:wasmimport kernels lif_forward
//go:noescape
func wasmLIFForward(rows, steps, n int32, beta, thresh float32, cur, h, s *float32)

//go:wasmimport kernels lif_backward
//go:noescape
func wasmLIFBackward(rows, steps, n int32, beta, thresh, alpha float32, h, ds, g *float32)

//go:wasmimport kernels dcls_kernel
//go:noescape
func wasmDCLSKernel(in, out, taps int32, sigma float32, pos, w, gauss, kernel *float32)

//go:wasmimport kernels dcls_backward
//go:noescape
func wasmDCLSBackward(in, out, taps int32, sigma float32, pos, w, gauss, dk, wGrad, pGrad *float32)

// at returns the address of s[0] for a kernel that reads or writes need
// elements of s, panicking like a bounds check when s is shorter. need 0
// gives nil: the kernel reads nothing there.
func at(s []float32, need int) *float32 {
	if need <= 0 {
		return nil
	}
	_ = s[need-1]
	return unsafe.SliceData(s)
}

// extent is the number of elements a rows x cols block with leading
// dimension ld spans.
func extent(rows, cols, ld int) int {
	if rows <= 0 || cols <= 0 {
		return 0
	}
	return (rows-1)*ld + cols
}

// fitsInt32 reports whether every size fits the kernels' i32 arguments.
func fitsInt32(v ...int) bool {
	for _, x := range v {
		if x != int(int32(x)) {
			return false
		}
	}
	return true
}

func accelGemm(form gemmForm, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) bool {
	if !accel.on || m*n*max(k, 1) < accel.minFlops || !fitsInt32(m, n, k, lda, ldb, ldc) || lda < 0 || ldb < 0 || ldc < n {
		return false
	}
	pc := at(c, extent(m, n, ldc))
	var pa, pb *float32
	if alpha != 0 && k > 0 {
		// The operands' shapes as stored: NN reads A m x k and B k x n,
		// NT reads B n x k, TN reads A k x m.
		ar, ac, br, bc := m, k, k, n
		switch form {
		case formNT:
			br, bc = n, k
		case formTN:
			ar, ac = k, m
		}
		if lda < ac || ldb < bc {
			return false
		}
		pa, pb = at(a, extent(ar, ac, lda)), at(b, extent(br, bc, ldb))
	}
	switch form {
	case formNN:
		wasmGemmNN(int32(m), int32(n), int32(k), alpha, pa, int32(lda), pb, int32(ldb), beta, pc, int32(ldc))
	case formNT:
		wasmGemmNT(int32(m), int32(n), int32(k), alpha, pa, int32(lda), pb, int32(ldb), beta, pc, int32(ldc))
	case formTN:
		wasmGemmTN(int32(m), int32(n), int32(k), alpha, pa, int32(lda), pb, int32(ldb), beta, pc, int32(ldc))
	}
	return true
}

// short reports whether an element-wise kernel over n elements should stay
// in Go.
func short(n int) bool { return !accel.on || n < accel.minLength || !fitsInt32(n) }

func accelAxpy(sign bool, alpha float32, x, y []float32) bool {
	n := len(x)
	if short(n) {
		return false
	}
	if sign {
		wasmAxpySign(int32(n), alpha, at(x, n), at(y, n))
	} else {
		wasmAxpy(int32(n), alpha, at(x, n), at(y, n))
	}
	return true
}

func accelScale(alpha float32, x []float32) bool {
	n := len(x)
	if short(n) {
		return false
	}
	wasmScale(int32(n), alpha, at(x, n))
	return true
}

func accelDot(x, y []float32) (float32, bool) {
	n := len(x)
	if short(n) {
		return 0, false
	}
	return wasmDot(int32(n), at(x, n), at(y, n)), true
}

func accelSumAbs(x []float32) (float32, bool) {
	n := len(x)
	if short(n) {
		return 0, false
	}
	return wasmSumAbs(int32(n), at(x, n)), true
}

func accelAddBias(rows, cols int, bias, c []float32, ldc int) bool {
	// Negative sizes go to the Go body, which panics on them.
	if rows <= 0 || cols <= 0 || short(rows*cols) || !fitsInt32(rows, cols, ldc) || ldc < cols {
		return false
	}
	wasmAddBias(int32(rows), int32(cols), at(bias, cols), at(c, extent(rows, cols, ldc)), int32(ldc))
	return true
}

func accelSumRows(rows, cols int, a []float32, lda int, dst []float32) bool {
	if rows <= 0 || cols <= 0 || short(rows*cols) || !fitsInt32(rows, cols, lda) || lda < cols {
		return false
	}
	wasmSumRows(int32(rows), int32(cols), at(a, extent(rows, cols, lda)), int32(lda), at(dst, cols))
	return true
}

func accelAdam(w, g, m, v []float32, lr, beta1, beta2, eps, corr1, corr2 float32) bool {
	n := len(w)
	if short(n) {
		return false
	}
	wasmAdamUpdate(int32(n), at(w, n), at(g, n), at(m, n), at(v, n), lr, beta1, beta2, eps, corr1, corr2)
	return true
}

func accelUnary(f activationFunc, y, x []float32) bool {
	n := len(x)
	if short(n) {
		return false
	}
	py, px := at(y, n), at(x, n)
	switch f {
	case reluFunc:
		wasmReLU(int32(n), py, px)
	case tanhFunc:
		wasmTanh(int32(n), py, px)
	case sigmoidFunc:
		wasmSigmoid(int32(n), py, px)
	case geluFunc:
		wasmGELU(int32(n), py, px)
	case siluFunc:
		wasmSiLU(int32(n), py, px)
	case sineFunc:
		wasmSine(int32(n), py, px)
	default:
		return false
	}
	return true
}

func accelBackward(f activationFunc, dx, x, y, dy []float32) bool {
	n := len(x)
	if short(n) {
		return false
	}
	pdx, px, py, pdy := at(dx, n), at(x, n), at(y, n), at(dy, n)
	switch f {
	case reluFunc:
		wasmReLUBackward(int32(n), pdx, px, py, pdy)
	case tanhFunc:
		wasmTanhBackward(int32(n), pdx, px, py, pdy)
	case sigmoidFunc:
		wasmSigmoidBackward(int32(n), pdx, px, py, pdy)
	case geluFunc:
		wasmGELUBackward(int32(n), pdx, px, py, pdy)
	case siluFunc:
		wasmSiLUBackward(int32(n), pdx, px, py, pdy)
	case sineFunc:
		wasmSineBackward(int32(n), pdx, px, py, pdy)
	default:
		return false
	}
	return true
}

func accelSoftmax(log bool, rows, cols int, x []float32) bool {
	if rows <= 0 || cols <= 0 || short(rows*cols) || !fitsInt32(rows, cols) {
		return false
	}
	px := at(x, rows*cols)
	if log {
		wasmLogSoftmaxRows(int32(rows), int32(cols), px)
	} else {
		wasmSoftmaxRows(int32(rows), int32(cols), px)
	}
	return true
}

// accelBSpline runs BSplineBasis's WebAssembly body, which has checked
// the shape (k, the knots, incx, ldb); at checks every operand's extent.
func accelBSpline(n int, x []float32, incx, k int, t, inv, b, db []float32, ldb int, work []float32) bool {
	nt := len(t)
	if short(n) || !fitsInt32(n*incx, nt, ldb*nt) {
		return false
	}
	nb := nt - k - 1
	var pdb *float32
	if db != nil {
		pdb = at(db, extent(nb, n, ldb))
	}
	wasmBSplineBasis(int32(n), at(x, (n-1)*incx+1), int32(incx), int32(k), int32(nt), at(t, nt),
		at(inv, BSplineInvLen(nt, k)), at(b, extent(nb, n, ldb)), pdb, int32(ldb), at(work, BSplineWorkLen(nt)))
	return true
}

// accelActiveRows runs GatherActiveRows (scatter false) or
// ScatterActiveRows; the caller checked the shape and the extents. Every
// size goes to WebAssembly: even a short row saves Go's scan of x.
func accelActiveRows(scatter bool, x, a []float32, lda, length int, y []float32) bool {
	n := len(x)
	if !accel.on || !fitsInt32(n, lda, length, (n-1)*lda+length) {
		return false
	}
	px, pa, py := at(x, n), at(a, (n-1)*lda+length), at(y, length)
	if scatter {
		wasmScatterActiveRows(int32(n), px, pa, int32(lda), int32(length), py)
	} else {
		wasmGatherActiveRows(int32(n), px, pa, int32(lda), int32(length), py)
	}
	return true
}

func accelLIFForward(rows, steps, n int, beta, thresh float32, cur, h, s []float32) bool {
	size := rows * steps * n
	if short(size) || !fitsInt32(rows, steps, n, size) {
		return false
	}
	wasmLIFForward(int32(rows), int32(steps), int32(n), beta, thresh, at(cur, size), at(h, size), at(s, size))
	return true
}

func accelLIFBackward(rows, steps, n int, beta, thresh, alpha float32, h, ds, g []float32) bool {
	size := rows * steps * n
	if short(size) || !fitsInt32(rows, steps, n, size) {
		return false
	}
	wasmLIFBackward(int32(rows), int32(steps), int32(n), beta, thresh, alpha, at(h, size), at(ds, size), at(g, size))
	return true
}

// accelDCLSKernel and accelDCLSBackward run the DCLS kernels; the caller
// checked the extents, and every size is worth leaving Go for: each
// synapse costs taps exponentials or multiply-adds.
func accelDCLSKernel(in, out, taps int, sigma float32, pos, w, gauss, kernel []float32) bool {
	n, nt := in*out, in*taps*out
	if !accel.on || !fitsInt32(in, out, taps, nt) {
		return false
	}
	wasmDCLSKernel(int32(in), int32(out), int32(taps), sigma, at(pos, n), at(w, n), at(gauss, nt), at(kernel, nt))
	return true
}

func accelDCLSBackward(in, out, taps int, sigma float32, pos, w, gauss, dk, wGrad, pGrad []float32) bool {
	n, nt := in*out, in*taps*out
	if !accel.on || !fitsInt32(in, out, taps, nt) {
		return false
	}
	wasmDCLSBackward(int32(in), int32(out), int32(taps), sigma, at(pos, n), at(w, n), at(gauss, nt), at(dk, nt),
		at(wGrad, n), at(pGrad, n))
	return true
}

//go:wasmimport kernels chebyshev_basis
//go:noescape
func wasmChebyshevBasis(n int32, u *float32, invA float32, nb int32, b, db *float32, ldb int32)

//go:wasmimport kernels rbf_basis
//go:noescape
func wasmRBFBasis(n int32, x *float32, lo, hi float32, nb int32, b, db *float32, ldb int32)

//go:wasmimport kernels fourier_basis
//go:noescape
func wasmFourierBasis(n int32, s, c *float32, w float32, nb int32, b, db *float32, ldb int32)

// accelKANBasis runs ChebyshevBasis (x = u, p1 = invA), RBFBasis (p1 =
// lo, p2 = hi) or FourierBasis (x = sin, y = cos, p1 = w) in WebAssembly;
// the caller checked the shape and every extent.
func accelKANBasis(kind kanBasisKind, n int, x, y []float32, p1, p2 float32, nb int, b, db []float32, ldb int) bool {
	if short(n) || !fitsInt32(nb, ldb, nb*ldb) {
		return false
	}
	size := extent(nb, n, ldb)
	pb := at(b, size)
	var pdb *float32
	if db != nil {
		pdb = at(db, size)
	}
	switch kind {
	case chebyshevKAN:
		wasmChebyshevBasis(int32(n), at(x, n), p1, int32(nb), pb, pdb, int32(ldb))
	case rbfKAN:
		wasmRBFBasis(int32(n), at(x, n), p1, p2, int32(nb), pb, pdb, int32(ldb))
	case fourierKAN:
		wasmFourierBasis(int32(n), at(x, n), at(y, n), p1, int32(nb), pb, pdb, int32(ldb))
	}
	return true
}
