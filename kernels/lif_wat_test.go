//go:build !js

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The spiking kernels of both WebAssembly bodies, run in wazero, against
// the Go bodies of lif.go (which lif_test.go checks against float64): the
// same operations in the same order, so the same bits.

// activeRowsWasm returns the body's gather_active_rows or
// scatter_active_rows with the Go API's operands: x, a (lda), length, y.
func (w *wasmBody) activeRowsWasm(name string, viaStub bool) func(x, a []float32, lda, length int, y []float32) {
	f := w.fn(name)
	if viaStub {
		f = w.viaStub(name)
	}
	return func(x, a []float32, lda, length int, y []float32) {
		px, pa, py := w.put(x), w.put(a), w.put(y)
		w.call(f, i32(len(x)), uint64(px), uint64(pa), i32(lda), i32(length), uint64(py))
		w.get(pa, a)
		w.get(py, y)
	}
}

func sameBits(x, y []float32) int {
	for i := range x {
		if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
			return i
		}
	}
	return -1
}

func TestWasmActiveRowsMatchGo(t *testing.T) {
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			rng := rand.New(rand.NewPCG(71, 72))
			for i, c := range activeRowsCases(rng) {
				n := len(c.x)
				a := randSlice(rng, n*c.lda)
				y := randSlice(rng, c.length+3)
				for _, name := range []string{"gather_active_rows", "scatter_active_rows"} {
					wa, wy := append([]float32(nil), a...), append([]float32(nil), y...)
					ga, gy := append([]float32(nil), a...), append([]float32(nil), y...)
					w.activeRowsWasm(name, i%5 == 0)(c.x, wa, c.lda, c.length, wy)
					if name == "gather_active_rows" {
						GatherActiveRows(c.x, ga, c.lda, c.length, gy)
					} else {
						ScatterActiveRows(c.x, gy, c.length, ga, c.lda)
					}
					if p := sameBits(wa, ga); p >= 0 {
						t.Fatalf("%s n %d length %d lda %d: a[%d] wasm %v, Go %v", name, n, c.length, c.lda, p, wa[p], ga[p])
					}
					if p := sameBits(wy, gy); p >= 0 {
						t.Fatalf("%s n %d length %d lda %d: y[%d] wasm %v, Go %v", name, n, c.length, c.lda, p, wy[p], gy[p])
					}
				}
			}
		})
	}
}

func TestWasmLIFMatchesGo(t *testing.T) {
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			rng := rand.New(rand.NewPCG(73, 74))
			for i, c := range lifCases(rng) {
				size := c.rows * c.steps * c.n
				// A NaN current and an infinite one: Go's comparisons are
				// false for NaN, and the bit selects must agree.
				if size > 4 {
					c.cur[size/2] = float32(math.NaN())
					c.cur[size/3] = float32(math.Inf(1))
				}
				fwd, bwd := w.fn("lif_forward"), w.fn("lif_backward")
				if i%4 == 0 {
					fwd, bwd = w.viaStub("lif_forward"), w.viaStub("lif_backward")
				}
				h, s, g := randSlice(rng, size+3), randSlice(rng, size+3), randSlice(rng, size+3)
				gh, gs, gg := append([]float32(nil), h...), append([]float32(nil), s...), append([]float32(nil), g...)
				pc, ph, ps := w.put(c.cur), w.put(h), w.put(s)
				w.call(fwd, i32(c.rows), i32(c.steps), i32(c.n), f32(c.beta), f32(c.thresh), uint64(pc), uint64(ph), uint64(ps))
				w.get(ph, h)
				w.get(ps, s)
				LIFForward(c.rows, c.steps, c.n, c.beta, c.thresh, c.cur, gh, gs)
				ph, pd, pg := w.put(h), w.put(c.ds), w.put(g)
				w.call(bwd, i32(c.rows), i32(c.steps), i32(c.n), f32(c.beta), f32(c.thresh), f32(c.alpha), uint64(ph), uint64(pd), uint64(pg))
				w.get(pg, g)
				LIFBackward(c.rows, c.steps, c.n, c.beta, c.thresh, c.alpha, gh, c.ds, gg)
				for _, o := range []struct {
					name string
					w, g []float32
				}{{"h", h, gh}, {"s", s, gs}, {"g", g, gg}} {
					if p := sameBits(o.w, o.g); p >= 0 {
						t.Fatalf("rows %d steps %d n %d: %s[%d] wasm %v, Go %v", c.rows, c.steps, c.n, o.name, p, o.w[p], o.g[p])
					}
				}
			}
		})
	}
}

// lifBoundsCases covers the spiking kernels over every tail of the four
// lanes and of the sixteen-element step, with padded rows for the
// active-row products.
func lifBoundsCases() []boundsCase {
	var cases []boundsCase
	for n := 1; n <= 3; n++ {
		// every tail of four, and of sixteen (the SIMD body's long step)
		for _, length := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 20, 33} {
			for _, lda := range []int{length, length + 2} {
				ext := blockExtent(n, length, lda)
				for _, name := range []string{"gather_active_rows", "scatter_active_rows"} {
					cases = append(cases, boundsCase{name, fmt.Sprintf("n=%d length=%d lda=%d", n, length, lda),
						[]operand{input("x", n), output("a", ext), output("y", length)}, func(p []uint32) []uint64 {
							return []uint64{i32(n), uint64(p[0]), uint64(p[1]), i32(lda), i32(length), uint64(p[2])}
						}})
				}
			}
		}
	}
	for rows := 1; rows <= 2; rows++ {
		for steps := 1; steps <= 3; steps++ {
			for n := 1; n <= 9; n++ {
				size := rows * steps * n
				shape := fmt.Sprintf("rows=%d steps=%d n=%d", rows, steps, n)
				cases = append(cases, boundsCase{"lif_forward", shape,
					[]operand{input("cur", size), output("h", size), output("s", size)}, func(p []uint32) []uint64 {
						return []uint64{i32(rows), i32(steps), i32(n), f32(0.5), f32(0.25), uint64(p[0]), uint64(p[1]), uint64(p[2])}
					}})
				cases = append(cases, boundsCase{"lif_backward", shape,
					[]operand{input("h", size), input("ds", size), output("g", size)}, func(p []uint32) []uint64 {
						return []uint64{i32(rows), i32(steps), i32(n), f32(0.5), f32(0.25), f32(2), uint64(p[0]), uint64(p[1]), uint64(p[2])}
					}})
			}
		}
	}
	return cases
}
