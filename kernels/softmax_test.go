package kernels

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

func TestSoftmaxRowsAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, sh := range [][2]int{{1, 1}, {1, 2}, {3, 5}, {7, 10}, {16, 3}} {
		rows, cols := sh[0], sh[1]
		x := randSlice(rng, rows*cols)
		Scale(8, x)
		p := append([]float32(nil), x...)
		lp := append([]float32(nil), x...)
		SoftmaxRows(rows, cols, p)
		LogSoftmaxRows(rows, cols, lp)
		for i := range rows {
			row := to64(x[i*cols : (i+1)*cols])
			lse := floats.LogSumExp(row)
			for j, v := range row {
				if !closeTo(p[i*cols+j], math.Exp(v-lse), 1e-6, 1e-12) {
					t.Fatalf("softmax %dx%d [%d,%d] = %v, want %v", rows, cols, i, j, p[i*cols+j], math.Exp(v-lse))
				}
				if !closeTo(lp[i*cols+j], v-lse, 1e-6, 1e-6) {
					t.Fatalf("log-softmax %dx%d [%d,%d] = %v, want %v", rows, cols, i, j, lp[i*cols+j], v-lse)
				}
			}
		}
	}
}

func TestSoftmaxBigLogits(t *testing.T) {
	x := []float32{1000, -1000, 0, 88, 89, 90}
	p := append([]float32(nil), x...)
	SoftmaxRows(2, 3, p)
	lp := append([]float32(nil), x...)
	LogSoftmaxRows(2, 3, lp)
	for i, v := range append(p, lp...) {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			t.Fatalf("non-finite at %d: %v", i, v)
		}
	}
	if p[0] != 1 || p[1] != 0 {
		t.Fatalf("softmax of [1000 -1000 0] = %v", p[:3])
	}
	if lp[1] != -2000 {
		t.Fatalf("log-softmax of -1000 next to 1000 = %v, want -2000", lp[1])
	}
	var sum float32
	for _, v := range p[3:] {
		sum += v
	}
	if math.Abs(float64(sum)-1) > 1e-6 {
		t.Fatalf("row sums to %v", sum)
	}
}
