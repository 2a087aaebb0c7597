//go:build !js

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// bsplineWasm returns the body's bspline_basis as a Go function with
// BSplineBasis's signature (db nil passes address 0), through the stub
// when viaStub is set. Every operand is copied in at a rotating
// misalignment and the outputs are copied back whole, padding included.
func (w *wasmBody) bsplineWasm(viaStub bool) func(n int, x []float32, incx, k int, t, inv, b, db []float32, ldb int, work []float32) {
	f := w.fn("bspline_basis")
	if viaStub {
		f = w.viaStub("bspline_basis")
	}
	return func(n int, x []float32, incx, k int, t, inv, b, db []float32, ldb int, work []float32) {
		px, pt, pinv, pb, pw := w.put(x), w.put(t), w.put(inv), w.put(b), w.put(work)
		var pdb uint32
		if db != nil {
			pdb = w.put(db)
		}
		w.call(f, i32(n), uint64(px), i32(incx), i32(k), i32(len(t)), uint64(pt), uint64(pinv), uint64(pb), uint64(pdb), i32(ldb), uint64(pw))
		w.get(pb, b)
		if db != nil {
			w.get(pdb, db)
		}
	}
}

func TestWasmBSplineBasisAgainstReference(t *testing.T) {
	sentinel := float32(math.NaN())
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			rng := rand.New(rand.NewPCG(41, 42))
			for n, c := range bsplineCases(rng) {
				f := w.bsplineWasm(n%7 == 0)
				nt := len(c.t)
				nb := nt - c.k - 1
				inv := make([]float32, BSplineInvLen(nt, c.k))
				BSplineInverses(c.t, c.k, inv)
				work := filled(BSplineWorkLen(nt), sentinel)
				b, db := filled(nb*c.ldb, sentinel), filled(nb*c.ldb, sentinel)
				f(c.n, c.x, c.incx, c.k, c.t, inv, b, db, c.ldb, work)
				checkBSpline(t, c, b, db, sentinel)

				// The Go body gives the same values, to the sign of a zero.
				gb, gdb := filled(nb*c.ldb, sentinel), filled(nb*c.ldb, sentinel)
				BSplineBasis(c.n, c.x, c.incx, c.k, c.t, inv, gb, gdb, c.ldb, work)
				for p := range b {
					if b[p] != gb[p] && !math.IsNaN(float64(gb[p])) || db[p] != gdb[p] && !math.IsNaN(float64(gdb[p])) {
						t.Fatalf("%s: [%d] wasm %v, %v; Go %v, %v", c.name, p, b[p], db[p], gb[p], gdb[p])
					}
				}

				// Without derivatives: the same values.
				b2 := filled(nb*c.ldb, sentinel)
				f(c.n, c.x, c.incx, c.k, c.t, inv, b2, nil, c.ldb, work)
				for p := range b {
					if b2[p] != b[p] && !math.IsNaN(float64(b[p])) {
						t.Fatalf("%s: without db, b[%d] = %v, with db %v", c.name, p, b2[p], b[p])
					}
				}
			}
		})
	}
}

// bsplineBoundsCases covers bspline_basis over orders 1-3, small grids,
// 1 to 9 points (every tail), strides 1 and 2, padded rows, with and
// without derivatives (db address 0), for TestKernelsStayInsideTheirOperands.
func bsplineBoundsCases() []boundsCase {
	var cases []boundsCase
	for k := 1; k <= 3; k++ {
		for _, g := range []int{1, 4} {
			nt := g + 2*k + 1
			nb := nt - k - 1
			for n := 1; n <= 9; n++ {
				for _, incx := range []int{1, 2} {
					for _, withDB := range []bool{true, false} {
						ldb := n + n%2
						shape := fmt.Sprintf("k=%d nt=%d n=%d incx=%d ldb=%d db=%v", k, nt, n, incx, ldb, withDB)
						ops := []operand{input("x", (n-1)*incx+1), input("t", nt), input("inv", BSplineInvLen(nt, k)),
							output("b", blockExtent(nb, n, ldb)), output("work", BSplineWorkLen(nt))}
						if withDB {
							ops = append(ops, output("db", blockExtent(nb, n, ldb)))
						}
						cases = append(cases, boundsCase{"bspline_basis", shape, ops, func(p []uint32) []uint64 {
							var db uint64
							if withDB {
								db = uint64(p[5])
							}
							return []uint64{i32(n), uint64(p[0]), i32(incx), i32(k), i32(nt), uint64(p[1]), uint64(p[2]),
								uint64(p[3]), db, i32(ldb), uint64(p[4])}
						}})
					}
				}
			}
		}
	}
	return cases
}
