package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func meanStd(x []float32) (mean, std float64) {
	for _, v := range x {
		mean += float64(v)
	}
	mean /= float64(len(x))
	for _, v := range x {
		std += (float64(v) - mean) * (float64(v) - mean)
	}
	return mean, math.Sqrt(std / float64(len(x)))
}

func TestInitDistributions(t *testing.T) {
	const in, out = 200, 100
	for _, c := range []struct {
		init  Init
		std   float64 // expected standard deviation
		limit float64 // bound on |w|, 0 for none
		bias  float32
	}{
		{Glorot, math.Sqrt(6.0/(in+out)) / math.Sqrt(3), math.Sqrt(6.0 / (in + out)), 0},
		{He, math.Sqrt(2.0 / in), 0, 0},
		{LeCun, math.Sqrt(1.0 / in), 0, 0},
		{Uniform, 1 / math.Sqrt(12), 0.5, 0.1},
		{Zero, 0, 0, 0},
	} {
		d := NewDense(in, out, ReLU, c.init, rand.New(rand.NewPCG(41, 42)))
		w := d.Weights().Value
		mean, std := meanStd(w)
		if math.Abs(mean) > 0.05*c.std+1e-9 || math.Abs(std-c.std) > 0.03*c.std+1e-9 {
			t.Errorf("%v: mean %.4g std %.4g, want 0 and %.4g", c.init, mean, std, c.std)
		}
		if c.limit > 0 {
			for _, v := range w {
				if math.Abs(float64(v)) > c.limit {
					t.Fatalf("%v: weight %v beyond %v", c.init, v, c.limit)
				}
			}
		}
		for _, b := range d.Bias().Value {
			if b != c.bias {
				t.Fatalf("%v: bias %v, want %v", c.init, b, c.bias)
			}
		}
	}
}

func TestInitIsSeeded(t *testing.T) {
	a := NewDense(5, 4, Tanh, He, rand.New(rand.NewPCG(1, 2))).Weights().Value
	b := NewDense(5, 4, Tanh, He, rand.New(rand.NewPCG(1, 2))).Weights().Value
	c := NewDense(5, 4, Tanh, He, rand.New(rand.NewPCG(1, 3))).Weights().Value
	if !slices.Equal(a, b) || slices.Equal(a, c) {
		t.Error("weights do not follow the seed")
	}
}
