//go:build !js

package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// The assembled matrix-product kernels (wat/gemm_simd.wasm and
// wat/gemm_scalar.wasm) must meet exactly the checks the Go bodies meet.

// wasmGemmName is the export of the kernel for a form of gemmForms.
func wasmGemmName(form string) string { return "gemm_" + strings.ToLower(form) }

// requireGemmModule fails, rather than skips, when a body's gemm module is
// missing: these tests exist to run it.
func requireGemmModule(t *testing.T, w *wasmBody, body string) {
	t.Helper()
	for _, m := range w.mods[:len(w.mods)-1] {
		if m.Name() == "gemm_"+body {
			return
		}
	}
	t.Fatalf("wat/gemm_%s.wasm is not assembled: run scripts/assemble-kernels.sh", body)
}

func TestWasmGemmAgainstGonum(t *testing.T) {
	alphas := []float32{1, -0.5, 0, 2.5}
	betas := []float32{0, 1, 0.3, -1}
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			rng := rand.New(rand.NewPCG(1, 2))
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), false)
				for si, sh := range gemmShapes(rng) {
					m, n, k := sh[0], sh[1], sh[2]
					for _, alpha := range alphas {
						for _, beta := range betas {
							name := fmt.Sprintf("%s/%s/m%d_n%d_k%d/alpha%g/beta%g", body, form.name, m, n, k, alpha, beta)
							extra, off := si%3, (si*7)%5
							checkGemm(t, rng, name, f, form.tA, form.tB, m, n, k, alpha, beta, extra, off)
						}
					}
				}
			}
		})
	}
}

// TestWasmGemmLargeShapes runs shapes where full register blocks and
// every kind of row, column and inner-dimension tail meet in one call.
func TestWasmGemmLargeShapes(t *testing.T) {
	shapes := [][3]int{
		{67, 45, 129}, {256, 8, 3}, {3, 300, 17}, {64, 64, 64}, {13, 27, 5},
		{6, 6, 6}, {7, 11, 4}, {32, 33, 31}, {100, 3, 50}, {2, 100, 7},
	}
	params := [][2]float32{{1, 0}, {-0.5, 1}, {2.5, 0.3}, {1, -1}}
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			rng := rand.New(rand.NewPCG(3, 4))
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), false)
				for si, sh := range shapes {
					for pi, p := range params {
						m, n, k := sh[0], sh[1], sh[2]
						name := fmt.Sprintf("%s/%s/m%d_n%d_k%d/alpha%g/beta%g", body, form.name, m, n, k, p[0], p[1])
						checkGemm(t, rng, name, f, form.tA, form.tB, m, n, k, p[0], p[1], (si+pi)%3, (si*3+pi)%5)
					}
				}
			}
		})
	}
}

// TestWasmGemmViaStub calls every form through the stub's exports, that is
// through the shared table, to check the elem segment fills slots 0-2 with
// the right functions.
func TestWasmGemmViaStub(t *testing.T) {
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			rng := rand.New(rand.NewPCG(5, 6))
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), true)
				// Non-square, so a form wired to the wrong slot reads the
				// operands with the wrong shapes and fails.
				for _, sh := range [][3]int{{9, 5, 7}, {12, 17, 3}} {
					name := fmt.Sprintf("%s/stub/%s/m%d_n%d_k%d", body, form.name, sh[0], sh[1], sh[2])
					checkGemm(t, rng, name, f, form.tA, form.tB, sh[0], sh[1], sh[2], 1.5, 0.5, 1, 2)
				}
			}
		})
	}
}

func TestWasmGemmEmptyShapesTouchNothing(t *testing.T) {
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), false)
				c := []float32{1, 2, 3}
				f(0, 3, 2, 1, nil, 2, nil, 3, 0, c, 3)
				f(3, 0, 2, 1, nil, 2, nil, 0, 0, c, 1)
				f(-1, 3, 2, 1, nil, 2, nil, 3, 0, c, 3)
				f(3, -2, 2, 1, nil, 2, nil, 0, 0, c, 1)
				if c[0] != 1 || c[1] != 2 || c[2] != 3 {
					t.Fatalf("%s changed C on an empty shape: %v", form.name, c)
				}
			}
		})
	}
}

func TestWasmGemmAlphaZeroDoesNotReadOperands(t *testing.T) {
	nan := float32(math.NaN())
	a := []float32{nan, nan, nan, nan}
	b := []float32{nan, nan, nan, nan}
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), false)
				c := []float32{1, 2, 3, 4}
				f(2, 2, 2, 0, a, 2, b, 2, 0.5, c, 2)
				for i, want := range []float32{0.5, 1, 1.5, 2} {
					if c[i] != want {
						t.Fatalf("%s alpha 0: C = %v", form.name, c)
					}
				}
				// k = 0 with beta 0 zeroes C even where it held NaN.
				c = []float32{nan, nan, nan, nan, nan, nan}
				f(2, 3, 0, 1, a, 1, b, 3, 0, c, 3)
				for i, v := range c {
					if v != 0 {
						t.Fatalf("%s k 0, beta 0: C[%d] = %v", form.name, i, v)
					}
				}
			}
		})
	}
}

// TestWasmGemmTailGrid runs every combination of small sizes, so each row
// tail (m mod 4), column tail (n mod 8, mod 4, mod 2), inner tail (k mod 4)
// and both NT paths (k below and above the short-k switch) meet each other.
func TestWasmGemmTailGrid(t *testing.T) {
	ks := []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 13}
	for _, body := range wasmBodies {
		t.Run(body, func(t *testing.T) {
			w := newWasmBody(t, body)
			requireGemmModule(t, w, body)
			rng := rand.New(rand.NewPCG(7, 8))
			for _, form := range gemmForms {
				f := w.gemm(wasmGemmName(form.name), false)
				for m := 1; m <= 9; m++ {
					for n := 1; n <= 17; n++ {
						for ki, k := range ks {
							alpha, beta := float32(1), float32(0)
							if (m+n+ki)%2 == 1 {
								alpha, beta = -1.5, 0.3
							}
							name := fmt.Sprintf("%s/grid/%s/m%d_n%d_k%d", body, form.name, m, n, k)
							checkGemm(t, rng, name, f, form.tA, form.tB, m, n, k, alpha, beta, (m+k)%3, (n+k)%5)
						}
					}
				}
			}
		})
	}
}
