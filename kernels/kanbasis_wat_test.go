//go:build !js

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// kanBasisWasm runs the case's kernel in the body (through the stub when
// viaStub is set), db nil passing address 0; the outputs are copied back
// whole, padding included.
func (w *wasmBody) kanBasisWasm(c kanBasisCase, viaStub bool, b, db []float32) {
	name := [...]string{"chebyshev_basis", "rbf_basis", "fourier_basis"}[c.kind]
	f := w.fn(name)
	if viaStub {
		f = w.viaStub(name)
	}
	pb := w.put(b)
	var pdb uint32
	if db != nil {
		pdb = w.put(db)
	}
	switch c.kind {
	case chebyshevKAN:
		w.call(f, i32(c.n), uint64(w.put(c.in)), f32(c.p1), i32(c.nb), uint64(pb), uint64(pdb), i32(c.ldb))
	case rbfKAN:
		w.call(f, i32(c.n), uint64(w.put(c.in)), f32(c.p1), f32(c.p2), i32(c.nb), uint64(pb), uint64(pdb), i32(c.ldb))
	case fourierKAN:
		w.call(f, i32(c.n), uint64(w.put(c.s)), uint64(w.put(c.c)), f32(c.p1), i32(c.nb), uint64(pb), uint64(pdb), i32(c.ldb))
	}
	w.get(pb, b)
	if db != nil {
		w.get(pdb, db)
	}
}

func TestWasmKANBasesAgainstReference(t *testing.T) {
	nan := float32(math.NaN())
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			rng := rand.New(rand.NewPCG(51, 52))
			for i, c := range kanBasisCases(rng) {
				b, db := filled(c.nb*c.ldb, nan), filled(c.nb*c.ldb, nan)
				w.kanBasisWasm(c, i%5 == 0, b, db)
				checkKANBasis64(t, c, b, db)

				// The Go body: bit for bit for the recurrences, within
				// the two exps' few ulp for the Gaussians.
				gb, gdb := filled(c.nb*c.ldb, nan), filled(c.nb*c.ldb, nan)
				c.run(gb, gdb)
				for p := range b {
					same := math.Float32bits(b[p]) == math.Float32bits(gb[p]) && math.Float32bits(db[p]) == math.Float32bits(gdb[p])
					if c.kind == rbfKAN {
						same = math.Abs(float64(b[p]-gb[p])) <= 4e-7*math.Abs(float64(gb[p]))+1e-30 &&
							math.Abs(float64(db[p]-gdb[p])) <= 4e-7*math.Abs(float64(gdb[p]))+1e-30
					}
					if !same && !math.IsNaN(float64(gb[p])) {
						t.Fatalf("%s: [%d] wasm %v, %v; Go %v, %v", c.name, p, b[p], db[p], gb[p], gdb[p])
					}
				}

				// Without derivatives: the same values.
				b2 := filled(c.nb*c.ldb, nan)
				w.kanBasisWasm(c, false, b2, nil)
				for p := range b {
					if math.Float32bits(b2[p]) != math.Float32bits(b[p]) {
						t.Fatalf("%s: without db, b[%d] = %v, with db %v", c.name, p, b2[p], b[p])
					}
				}
			}
		})
	}
}

// kanBasisBoundsCases covers the three global-basis kernels over 1 to 9
// points (every tail), 1 to 5 functions, padded rows, with and without
// derivatives, for TestKernelsStayInsideTheirOperands.
func kanBasisBoundsCases() []boundsCase {
	var cases []boundsCase
	for n := 1; n <= 9; n++ {
		for nb := 1; nb <= 5; nb++ {
			for _, withDB := range []bool{true, false} {
				ldb := n + n%2
				shape := fmt.Sprintf("n=%d nb=%d ldb=%d db=%v", n, nb, ldb, withDB)
				size := blockExtent(nb, n, ldb)
				outs := []operand{output("b", size)}
				if withDB {
					outs = append(outs, output("db", size))
				}
				// dbAt returns db's address (0 without), the operand after
				// b, whose index is first.
				dbAt := func(p []uint32, first int) uint64 {
					if withDB {
						return uint64(p[first+1])
					}
					return 0
				}
				cases = append(cases, boundsCase{"chebyshev_basis", shape, append([]operand{input("u", n)}, outs...),
					func(p []uint32) []uint64 {
						return []uint64{i32(n), uint64(p[0]), f32(0.5), i32(nb), uint64(p[1]), dbAt(p, 1), i32(ldb)}
					}})
				if nb >= 2 {
					cases = append(cases, boundsCase{"rbf_basis", shape, append([]operand{input("x", n)}, outs...),
						func(p []uint32) []uint64 {
							return []uint64{i32(n), uint64(p[0]), f32(-1), f32(1), i32(nb), uint64(p[1]), dbAt(p, 1), i32(ldb)}
						}})
				}
				cases = append(cases, boundsCase{"fourier_basis", shape, append([]operand{input("s", n), input("c", n)}, outs...),
					func(p []uint32) []uint64 {
						return []uint64{i32(n), uint64(p[0]), uint64(p[1]), f32(2), i32(nb), uint64(p[2]), dbAt(p, 2), i32(ldb)}
					}})
			}
		}
	}
	return cases
}
