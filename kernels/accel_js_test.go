//go:build js && wasm

package kernels

import (
	"fmt"
	"math/rand/v2"
	"os"
	"syscall/js"
	"testing"
)

// Under Node every test of this package runs against the WebAssembly body
// the loader chose (go_js_wasm_exec_kernels; PLAYGROUND_KERNELS=scalar for
// the scalar one), at every size: the size cut-offs are lowered to 1 so
// that even 1x1 products and single elements leave Go. The Go bodies meet
// the same tests natively.
func TestMain(m *testing.M) {
	accel.minFlops, accel.minLength = 1, 1
	os.Exit(m.Run())
}

func TestKernelBodyIsLoaded(t *testing.T) {
	body := js.Global().Get("playgroundKernelBody")
	if body.Type() != js.TypeString || (body.String() != "simd" && body.String() != "scalar") {
		t.Fatalf("playgroundKernelBody = %v; run under go_js_wasm_exec_kernels", body)
	}
	if want := os.Getenv("PLAYGROUND_KERNELS"); want != "" && body.String() != want {
		t.Fatalf("asked for the %s body, got %s", want, body)
	}
	if !Accelerated() {
		t.Fatal("Accelerated() is false")
	}
	t.Logf("kernel body: %s", body)
}

// A slice shorter than its shape must panic in Go before WebAssembly, which
// has no bounds checks of Go's, writes past it.
func TestShortSlicesPanicBeforeWasm(t *testing.T) {
	cases := map[string]func(){
		"gemm C":    func() { GemmNN(4, 4, 4, 1, make([]float32, 16), 4, make([]float32, 16), 4, 0, make([]float32, 15), 4) },
		"gemm A":    func() { GemmNN(4, 4, 4, 1, make([]float32, 15), 4, make([]float32, 16), 4, 0, make([]float32, 16), 4) },
		"gemm NT B": func() { GemmNT(4, 3, 5, 1, make([]float32, 20), 5, make([]float32, 14), 5, 0, make([]float32, 12), 3) },
		"gemm TN A": func() { GemmTN(3, 4, 5, 1, make([]float32, 14), 3, make([]float32, 20), 4, 0, make([]float32, 12), 4) },
		"axpy y":    func() { Axpy(1, make([]float32, 32), make([]float32, 31)) },
		"tanh y":    func() { Tanh(make([]float32, 31), make([]float32, 32)) },
		"backward": func() {
			TanhBackward(make([]float32, 32), make([]float32, 32), make([]float32, 31), make([]float32, 32))
		},
		"bias":    func() { AddBias(4, 8, make([]float32, 7), make([]float32, 32), 8) },
		"softmax": func() { SoftmaxRows(4, 8, make([]float32, 31)) },
		"adam moment": func() {
			AdamUpdate(make([]float32, 32), make([]float32, 32), make([]float32, 31), make([]float32, 32), 1, 0.9, 0.999, 1e-8, 1, 1)
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
}

// BenchmarkAccelCrossover times the playground's small shapes through the
// WebAssembly body and through the Go body in the same binary; the size
// cut-offs in accel_js.go come from where the first stops winning.
func BenchmarkAccelCrossover(b *testing.B) {
	rng := rand.New(rand.NewPCG(21, 22))
	on, minFlops, minLength := accel.on, accel.minFlops, accel.minLength
	defer func() { accel.on, accel.minFlops, accel.minLength = on, minFlops, minLength }()
	accel.minFlops, accel.minLength = 1, 1
	for _, sh := range [][3]int{{1, 1, 1}, {2, 2, 2}, {4, 2, 2}, {4, 4, 4}, {10, 2, 2}, {10, 4, 2}, {10, 8, 8}} {
		m, n, k := sh[0], sh[1], sh[2]
		a, bb, c := randSlice(rng, m*k), randSlice(rng, k*n), randSlice(rng, m*n)
		for _, wasm := range []bool{true, false} {
			b.Run(fmt.Sprintf("gemmNN/%dx%dx%d/wasm=%v", m, n, k, wasm), func(b *testing.B) {
				accel.on = wasm
				for b.Loop() {
					GemmNN(m, n, k, 1, a, k, bb, n, 0, c, n)
				}
			})
		}
	}
	for _, n := range []int{1, 2, 4, 8, 16, 32} {
		x, y := randSlice(rng, n), randSlice(rng, n)
		for _, wasm := range []bool{true, false} {
			b.Run(fmt.Sprintf("axpy/%d/wasm=%v", n, wasm), func(b *testing.B) {
				accel.on = wasm
				for b.Loop() {
					Axpy(0.5, x, y)
				}
			})
			b.Run(fmt.Sprintf("tanh/%d/wasm=%v", n, wasm), func(b *testing.B) {
				accel.on = wasm
				for b.Loop() {
					Tanh(y, x)
				}
			})
		}
	}
}

// benchBodies lists the bodies this build can time side by side.
func benchBodies() []string { return []string{"wasm", "go"} }

// useBody selects the WebAssembly body (at every size) or the Go body
// until restore is called.
func useBody(body string) (restore func()) {
	saved := accel
	accel.on = body == "wasm"
	accel.minFlops, accel.minLength = 1, 1
	return func() { accel = saved }
}
