package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// benchShapes are (m, n, k) of C = op(A)·op(B): the cube often quoted for
// GFLOP/s, the first layer of a 784-128-10 MLP at batch 64, and the
// playground's own layers (batches of 10 to 64 rows, widths 2 to 64).
// make bench times TensorFlow.js on the same list.
var benchShapes = [][3]int{
	{256, 256, 256}, {64, 128, 784},
	{10, 8, 8}, {10, 2, 8}, {64, 64, 64}, {64, 8, 2}, {64, 64, 32},
}

// BenchmarkGemm reports GFLOP/s per form, shape and body: "go" is the pure
// Go body; under Node, "wasm" is the WebAssembly body the loader chose
// (SIMD, or scalar with PLAYGROUND_KERNELS=scalar), timed in the same run.
func BenchmarkGemm(b *testing.B) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, form := range gemmForms {
		for _, sh := range benchShapes {
			m, n, k := sh[0], sh[1], sh[2]
			// Square-enough buffers for every transpose form.
			sa, sb := max(m, k), max(n, k)
			a, bb, c := randSlice(rng, sa*sa), randSlice(rng, sb*sb), randSlice(rng, m*n)
			lda, ldb := k, n
			if form.tA == blas.Trans {
				lda = m
			}
			if form.tB == blas.Trans {
				ldb = k
			}
			for _, body := range benchBodies() {
				b.Run(fmt.Sprintf("%s/%dx%dx%d/body=%s", form.name, m, n, k, body), func(b *testing.B) {
					defer useBody(body)()
					b.ReportAllocs()
					for b.Loop() {
						form.f(m, n, k, 1, a, lda, bb, ldb, 0, c, n)
					}
					b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}

// BenchmarkElementwise reports ns per element of the vector kernels, the
// activations and the row softmax, per body.
func BenchmarkElementwise(b *testing.B) {
	rng := rand.New(rand.NewPCG(15, 16))
	const n = 65536
	x, y, z, w := randSlice(rng, n), randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)
	var sink float32
	kernels := []struct {
		name string
		f    func()
	}{
		{"axpy", func() { Axpy(0.5, x, y) }},
		{"dot", func() { sink += Dot(x, y) }},
		{"relu", func() { ReLU(y, x) }},
		{"tanh", func() { Tanh(y, x) }},
		{"tanh_backward", func() { TanhBackward(z, x, y, w) }},
		{"sigmoid", func() { Sigmoid(y, x) }},
		{"gelu", func() { GELU(y, x) }},
		{"sine", func() { Sine(y, x) }},
		{"softmax_rows_8192x8", func() { copy(y, x); SoftmaxRows(n/8, 8, y) }},
		{"adam", func() { AdamUpdate(z, x, y, w, 1e-3, 0.9, 0.999, 1e-8, 1.1, 1.2); clear(w) }},
	}
	for _, k := range kernels {
		for _, body := range benchBodies() {
			b.Run(fmt.Sprintf("%s/body=%s", k.name, body), func(b *testing.B) {
				defer useBody(body)()
				for b.Loop() {
					k.f()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/element")
			})
		}
	}
	_ = sink
}
