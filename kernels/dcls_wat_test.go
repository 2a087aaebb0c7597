//go:build !js

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The DCLS kernels of both WebAssembly bodies, run in wazero: within the
// float64 reference's tolerances like the Go body, and SIMD and scalar
// bodies bit for bit alike (the same float32 operations).

func TestWasmDCLSAgainstReference(t *testing.T) {
	results := map[string][][]float32{}
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			rng := rand.New(rand.NewPCG(85, 86))
			for ci, c := range dclsCases(rng) {
				kern, back := w.fn("dcls_kernel"), w.fn("dcls_backward")
				if ci%5 == 0 {
					kern, back = w.viaStub("dcls_kernel"), w.viaStub("dcls_backward")
				}
				n, nt := c.in*c.out, c.in*c.taps*c.out
				gauss, kernel := filled(nt, -3), filled(nt, -3)
				pp, pw, pg, pk := w.put(c.pos), w.put(c.w), w.put(gauss), w.put(kernel)
				w.call(kern, i32(c.in), i32(c.out), i32(c.taps), f32(c.sigma), uint64(pp), uint64(pw), uint64(pg), uint64(pk))
				w.get(pg, gauss)
				w.get(pk, kernel)
				checkDCLSTaps(t, c, gauss, kernel)
				// The gradients from these taps, against the Go body's.
				wGrad, pGrad := randSlice(rng, n), randSlice(rng, n)
				gw, gp := append([]float32(nil), wGrad...), append([]float32(nil), pGrad...)
				pp, pw, pg = w.put(c.pos), w.put(c.w), w.put(gauss)
				pd, pwg, ppg := w.put(c.dk), w.put(wGrad), w.put(pGrad)
				w.call(back, i32(c.in), i32(c.out), i32(c.taps), f32(c.sigma), uint64(pp), uint64(pw), uint64(pg), uint64(pd), uint64(pwg), uint64(ppg))
				w.get(pwg, wGrad)
				w.get(ppg, pGrad)
				DCLSBackward(c.in, c.out, c.taps, c.sigma, c.pos, c.w, gauss, c.dk, gw, gp)
				for k := range n {
					if p := sameBits(wGrad[k:k+1], gw[k:k+1]); p >= 0 {
						t.Fatalf("%dx%d taps %d: wGrad[%d] wasm %v, Go %v", c.in, c.out, c.taps, k, wGrad[k], gw[k])
					}
					if d := math.Abs(float64(pGrad[k] - gp[k])); !(d <= 1e-5*(math.Abs(float64(gp[k]))+1)) {
						t.Fatalf("%dx%d taps %d: pGrad[%d] wasm %v, Go %v", c.in, c.out, c.taps, k, pGrad[k], gp[k])
					}
				}
				results[body] = append(results[body], gauss, kernel, wGrad, pGrad)
			}
		})
	}
	simd, scalar := results["simd"], results["scalar"]
	if len(simd) != len(scalar) {
		t.Fatal("the bodies ran different cases")
	}
	for i := range simd {
		if p := sameBits(simd[i], scalar[i]); p >= 0 {
			t.Fatalf("output %d: [%d] SIMD %v, scalar %v", i, p, simd[i][p], scalar[i][p])
		}
	}
}

// dclsBoundsCases covers the DCLS kernels over every tail of the four
// lanes.
func dclsBoundsCases() []boundsCase {
	var cases []boundsCase
	for in := 1; in <= 2; in++ {
		for out := 1; out <= 9; out++ {
			for _, taps := range []int{1, 3} {
				n, nt := in*out, in*taps*out
				shape := fmt.Sprintf("in=%d out=%d taps=%d", in, out, taps)
				cases = append(cases, boundsCase{"dcls_kernel", shape,
					[]operand{input("pos", n), input("w", n), output("gauss", nt), output("kernel", nt)}, func(p []uint32) []uint64 {
						return []uint64{i32(in), i32(out), i32(taps), f32(0.7), uint64(p[0]), uint64(p[1]), uint64(p[2]), uint64(p[3])}
					}})
				cases = append(cases, boundsCase{"dcls_backward", shape,
					[]operand{input("pos", n), input("w", n), input("gauss", nt), input("dk", nt), output("wgrad", n), output("pgrad", n)},
					func(p []uint32) []uint64 {
						return []uint64{i32(in), i32(out), i32(taps), f32(0.7), uint64(p[0]), uint64(p[1]), uint64(p[2]), uint64(p[3]),
							uint64(p[4]), uint64(p[5])}
					}})
			}
		}
	}
	return cases
}
