package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// Playground shapes: a 2-D point batch through a narrow hidden layer, a
// mid-size layer, and the cube often quoted for GFLOP/s comparisons.
var benchShapes = [][3]int{{10, 8, 8}, {64, 64, 64}, {256, 256, 256}}

func BenchmarkGemm(b *testing.B) {
	rng := rand.New(rand.NewPCG(13, 14))
	for _, form := range gemmForms {
		for _, sh := range benchShapes {
			m, n, k := sh[0], sh[1], sh[2]
			b.Run(fmt.Sprintf("%s/%dx%dx%d", form.name, m, n, k), func(b *testing.B) {
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
				b.ReportAllocs()
				for b.Loop() {
					form.f(m, n, k, 1, a, lda, bb, ldb, 0, c, n)
				}
				b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

func BenchmarkDot(b *testing.B) {
	rng := rand.New(rand.NewPCG(15, 16))
	x, y := randSlice(rng, 65536), randSlice(rng, 65536)
	var s float32
	for b.Loop() {
		s += Dot(x, y)
	}
	_ = s
}

func BenchmarkTanh(b *testing.B) {
	rng := rand.New(rand.NewPCG(17, 18))
	x := randSlice(rng, 4096)
	y := make([]float32, len(x))
	for b.Loop() {
		Tanh(y, x)
	}
}
