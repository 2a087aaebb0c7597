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
// has no bounds checks of Go's, reads or writes past it: every case of the
// table (short_slices_test.go) panics in the hook's check, at, on its way
// to the loaded body. Calls with negative sizes must panic as in the Go
// body too.
func TestShortSlicesPanicBeforeWasm(t *testing.T) {
	if !Accelerated() {
		t.Fatal("the WebAssembly kernels are off")
	}
	for _, c := range shortSliceCases() {
		t.Run(c.name, func(t *testing.T) { checkShortSlicePanics(t, c.call, "at") })
	}
	for _, c := range negativeSizeCases {
		t.Run(c.name, func(t *testing.T) { checkPanics(t, c.call, "") })
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

// wasmGemmImpls: under Node the Go API already calls the WebAssembly body,
// so gemmImpls needs no others.
func wasmGemmImpls(*testing.T) []gemmImpl { return nil }

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
