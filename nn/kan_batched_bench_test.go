package nn

import (
	"math/rand/v2"
	"strings"
	"testing"

	"playground/kernels"
)

// BenchmarkKANBasesForwardBackward is BenchmarkKANForwardBackward (one
// forward and backward pass of KAN[2,5,1], G=5, k=3, over 1000 points)
// for the bases other than B-splines and the selectable mixture of all
// four: under Node, body=wasm runs the batched path through the
// WebAssembly kernels, body=go the same binary with the kernels off
// (the point-by-point path), in the same run. make bench reports them
// beside the B-spline row.
func BenchmarkKANBasesForwardBackward(b *testing.B) {
	for _, basis := range KANBases()[1:] {
		words := strings.Fields(basis.String()) // "Gaussian RBF" -> "rbf"
		slug := strings.ToLower(words[len(words)-1])
		for _, body := range benchBodies() {
			b.Run("2-5-1/"+slug+"/body="+body, func(b *testing.B) { benchKANPass(b, basis, body) })
		}
	}
}

// benchKANPass times one forward and backward pass of KAN[2,5,1] with
// the basis, G=5, k=3, over 1000 points (dL/dy = y, no loss), with the
// WebAssembly kernels on (body "wasm") or off ("go").
func benchKANPass(b *testing.B, basis KANBasis, body string) {
	defer kernels.SetAccelerated(kernels.Accelerated())
	kernels.SetAccelerated(body == "wasm")
	rng := rand.New(rand.NewPCG(23, 24))
	net := buildKANWithBasis(b, []int{2, 5, 1}, 5, basis, rng)
	x := randMatrix(rng, 1000, 2, 1)
	net.Backward(net.Forward(x))
	b.ResetTimer()
	for range b.N {
		net.Backward(net.Forward(x))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/pass")
}
