package kernels

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// A slice shorter than its shape says must panic in every body: the Go
// bodies index it, and the WebAssembly hooks check it before handing its
// address over (accel_js.go), since WebAssembly, which has no bounds
// checks of Go's, would read or write past it. The table below is that
// claim for every kernel and every operand that can be short; natively
// and under Node TestShortSlicesPanicInGo runs it against the Go bodies,
// and under Node TestShortSlicesPanicBeforeWasm against the WebAssembly
// body (accel_js_test.go).
//
// Scale and SumAbs take their length from their only slice, and the
// element-wise kernels theirs from x, so none of those can be short.

// shortSliceCase calls a kernel with every slice as long as the shape
// needs but one, which is short elements shorter.
type shortSliceCase struct {
	name string
	call func(short int)
}

// shortOf makes a slice of n-short elements.
func shortOf(n, short int) []float32 { return make([]float32, n-short) }

// shortSliceCases are the cases of the table; the shapes are large
// enough to leave Go under Node at the tests' cut-offs (see TestMain in
// accel_js_test.go), and the leading dimensions padded.
func shortSliceCases() []shortSliceCase {
	var cases []shortSliceCase
	add := func(name string, call func(short int)) {
		cases = append(cases, shortSliceCase{name: name, call: call})
	}

	// The products: A, B and C of each form, m=3, n=4, k=5.
	const m, n, k = 3, 4, 5
	for _, g := range []struct {
		form           string
		gemm           func(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int)
		ar, ac, br, bc int // A and B as stored
	}{
		{"GemmNN", GemmNN, m, k, k, n},
		{"GemmNT", GemmNT, m, k, n, k},
		{"GemmTN", GemmTN, k, m, k, n},
	} {
		lda, ldb, ldc := g.ac+1, g.bc+2, n+1
		na, nb, nc := (g.ar-1)*lda+g.ac, (g.br-1)*ldb+g.bc, (m-1)*ldc+n
		add(g.form+"/A", func(s int) { g.gemm(m, n, k, 1, shortOf(na, s), lda, shortOf(nb, 0), ldb, 0.5, shortOf(nc, 0), ldc) })
		add(g.form+"/B", func(s int) { g.gemm(m, n, k, 1, shortOf(na, 0), lda, shortOf(nb, s), ldb, 0.5, shortOf(nc, 0), ldc) })
		add(g.form+"/C", func(s int) { g.gemm(m, n, k, 1, shortOf(na, 0), lda, shortOf(nb, 0), ldb, 0.5, shortOf(nc, s), ldc) })
	}

	// The vector kernels.
	const size = 19
	add("Axpy/y", func(s int) { Axpy(0.5, shortOf(size, 0), shortOf(size, s)) })
	add("AxpySign/y", func(s int) { AxpySign(0.5, shortOf(size, 0), shortOf(size, s)) })
	add("Dot/y", func(s int) { Dot(shortOf(size, 0), shortOf(size, s)) })
	const rows, cols, ld = 4, 5, 7
	const block = (rows-1)*ld + cols
	add("AddBias/bias", func(s int) { AddBias(rows, cols, shortOf(cols, s), shortOf(block, 0), ld) })
	add("AddBias/c", func(s int) { AddBias(rows, cols, shortOf(cols, 0), shortOf(block, s), ld) })
	add("SumRows/a", func(s int) { SumRows(rows, cols, shortOf(block, s), ld, shortOf(cols, 0)) })
	add("SumRows/dst", func(s int) { SumRows(rows, cols, shortOf(block, 0), ld, shortOf(cols, s)) })
	add("SoftmaxRows/x", func(s int) { SoftmaxRows(rows, cols, shortOf(rows*cols, s)) })
	add("LogSoftmaxRows/x", func(s int) { LogSoftmaxRows(rows, cols, shortOf(rows*cols, s)) })
	adam := func(w, g, m, v []float32) { AdamUpdate(w, g, m, v, 0.01, 0.9, 0.999, 1e-8, 10, 1000) }
	add("AdamUpdate/g", func(s int) { adam(shortOf(size, 0), shortOf(size, s), shortOf(size, 0), shortOf(size, 0)) })
	add("AdamUpdate/m", func(s int) { adam(shortOf(size, 0), shortOf(size, 0), shortOf(size, s), shortOf(size, 0)) })
	add("AdamUpdate/v", func(s int) { adam(shortOf(size, 0), shortOf(size, 0), shortOf(size, 0), shortOf(size, s)) })

	// The activations: y of the forward; dx, y and dy of the backward.
	for _, a := range activationCases {
		add(a.name+"/y", func(s int) { a.forward(shortOf(size, s), shortOf(size, 0)) })
		add(a.name+"Backward/dx", func(s int) {
			a.backward(shortOf(size, s), shortOf(size, 0), shortOf(size, 0), shortOf(size, 0))
		})
		add(a.name+"Backward/dy", func(s int) {
			a.backward(shortOf(size, 0), shortOf(size, 0), shortOf(size, 0), shortOf(size, s))
		})
		add(a.name+"Backward/y", func(s int) {
			a.backward(shortOf(size, 0), shortOf(size, 0), shortOf(size, s), shortOf(size, 0))
		})
	}

	// The B-spline basis: every operand, 9 points at stride 2 on 12 knots
	// of order 3 (8 bases), rows padded to 10.
	{
		const n, incx, k, nt, ldb = 9, 2, 3, 12, 10
		nx, nbk := (n-1)*incx+1, (nt-k-2)*ldb+n
		tk := make([]float32, nt)
		for j := range tk {
			tk[j] = float32(j)
		}
		call := func(sx, si, sb, sdb, sw int) {
			BSplineBasis(n, shortOf(nx, sx), incx, k, tk, shortOf(BSplineInvLen(nt, k), si),
				shortOf(nbk, sb), shortOf(nbk, sdb), ldb, shortOf(BSplineWorkLen(nt), sw))
		}
		add("BSplineBasis/x", func(s int) { call(s, 0, 0, 0, 0) })
		add("BSplineBasis/inv", func(s int) { call(0, s, 0, 0, 0) })
		add("BSplineBasis/b", func(s int) { call(0, 0, s, 0, 0) })
		add("BSplineBasis/db", func(s int) { call(0, 0, 0, s, 0) })
		add("BSplineBasis/work", func(s int) { call(0, 0, 0, 0, s) })
	}
	{
		const n, nb, ldb = 9, 5, 10
		nbk := (nb-1)*ldb + n
		call := func(kind kanBasisKind, sx, sy, sb, sdb int) {
			x, y, b, db := shortOf(n, sx), shortOf(n, sy), shortOf(nbk, sb), shortOf(nbk, sdb)
			switch kind {
			case chebyshevKAN:
				ChebyshevBasis(n, x, 1, nb, b, db, ldb)
			case rbfKAN:
				RBFBasis(n, x, -1, 1, nb, b, db, ldb)
			case fourierKAN:
				FourierBasis(n, x, y, 2, nb, b, db, ldb)
			}
		}
		for kind, name := range []string{"ChebyshevBasis", "RBFBasis", "FourierBasis"} {
			kind := kanBasisKind(kind)
			add(name+"/x", func(s int) { call(kind, s, 0, 0, 0) })
			add(name+"/b", func(s int) { call(kind, 0, 0, s, 0) })
			add(name+"/db", func(s int) { call(kind, 0, 0, 0, s) })
		}
		add("FourierBasis/c", func(s int) { call(fourierKAN, 0, s, 0, 0) })
	}
	return cases
}

// negativeSizeCases are calls with two negative sizes, whose product is
// positive: the Go bodies panic on them (slicing to a negative length),
// and so must every body.
var negativeSizeCases = []struct {
	name string
	call func()
}{
	{"AddBias(-2,-4,nil,nil,0)", func() { AddBias(-2, -4, nil, nil, 0) }},
	{"SumRows(-2,-4,nil,0,nil)", func() { SumRows(-2, -4, nil, 0, nil) }},
}

// TestShortSlicesPanicInGo runs the table against the Go bodies: natively
// the only ones, under Node with the WebAssembly kernels switched off.
func TestShortSlicesPanicInGo(t *testing.T) {
	defer SetAccelerated(Accelerated())
	SetAccelerated(false)
	for _, c := range shortSliceCases() {
		t.Run(c.name, func(t *testing.T) {
			checkShortSlicePanics(t, c.call, "")
		})
	}
	for _, c := range negativeSizeCases {
		t.Run(c.name, func(t *testing.T) { checkPanics(t, c.call, "") })
	}
}

// checkShortSlicePanics checks that call(0) runs and that call(1), with
// one slice an element short, panics from a frame of the function named
// site (any, if site is "").
func checkShortSlicePanics(t *testing.T, call func(short int), site string) {
	t.Helper()
	if stack, err := panicOf(func() { call(0) }); err != nil {
		t.Fatalf("slices of full length panic: %v\n%s", err, stack)
	}
	checkPanics(t, func() { call(1) }, site)
}

// checkPanics checks that f panics with a runtime error (an index or a
// slice out of range) from a frame of the function named site, unless
// site is "".
func checkPanics(t *testing.T, f func(), site string) {
	t.Helper()
	stack, err := panicOf(f)
	if err == nil {
		t.Fatal("no panic")
	}
	var re runtime.Error
	if !errors.As(err, &re) {
		t.Fatalf("panic %v, want a runtime error", err)
	}
	if site != "" && !strings.Contains(stack, "."+site+"(") {
		t.Fatalf("panic %v not from %s:\n%s", err, site, stack)
	}
}

// panicOf runs f and returns what it panicked with (as an error) and the
// stack at the panic, or nil if it returned.
func panicOf(f func()) (stack string, err error) {
	defer func() {
		if r := recover(); r != nil {
			// The deferred call runs on top of the panicking frames.
			stack = string(debug.Stack())
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	f()
	return "", nil
}
