package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAdamUpdateAgainstFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	// The kernel sees float32 hyperparameters: the reference uses the same
	// rounded values (1-float32(0.999) is 1.3e-5 off 0.001).
	var lr32, b132, b232, eps32 float32 = 0.01, 0.9, 0.999, 1e-8
	lr, b1, b2, eps := float64(lr32), float64(b132), float64(b232), float64(eps32)
	for _, n := range vecLengths {
		w, g, m, v := randSlice(rng, n), randSlice(rng, n), randSlice(rng, n), randSlice(rng, n)
		for i := range v {
			v[i] *= v[i] // second moments are never negative
		}
		for step := 1; step <= 3; step++ {
			c1 := float64(float32(1 / (1 - math.Pow(b1, float64(step)))))
			c2 := float64(float32(1 / (1 - math.Pow(b2, float64(step)))))
			wantW, wantM, wantV := make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n {
				gi := float64(g[i])
				wantM[i] = b1*float64(m[i]) + (1-b1)*gi
				wantV[i] = b2*float64(v[i]) + (1-b2)*gi*gi
				wantW[i] = float64(w[i]) - lr*wantM[i]*c1/(math.Sqrt(wantV[i]*c2)+eps)
			}
			AdamUpdate(w, g, m, v, lr32, b132, b232, eps32, float32(c1), float32(c2))
			checkClose(t, "m", m, wantM, 1e-6, 1e-7)
			checkClose(t, "v", v, wantV, 1e-6, 1e-7)
			checkClose(t, "w", w, wantW, 1e-6, 1e-6)
		}
	}
}
