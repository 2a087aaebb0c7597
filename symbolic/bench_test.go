package symbolic

import (
	"math"
	"testing"
)

// benchCurve is sin(πx) over 100 points of [-1, 1], the size of curve
// the playground samples per edge.
func benchCurve() (xs, ys []float64) {
	xs = linspace(-1, 1, 100)
	ys = make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = math.Sin(math.Pi * x)
	}
	return xs, ys
}

func BenchmarkFitFunc(b *testing.B) {
	xs, ys := benchCurve()
	for _, f := range Library() {
		b.Run(f.Name, func(b *testing.B) {
			for b.Loop() {
				if _, err := FitFunc(xs, ys, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBest is one edge's snapping over the whole library, for a
// curve the library has (sin, which lets Best skip the functions of
// complexity 3) and for one it has not (x·sin(6x), which makes it fit them
// all: the worst case).
func BenchmarkBest(b *testing.B) {
	xs, sinYs := benchCurve()
	odd := make([]float64, len(xs))
	for i, x := range xs {
		odd[i] = x * math.Sin(6*x)
	}
	lib := Library()
	for _, c := range []struct {
		name string
		ys   []float64
	}{{"sin", sinYs}, {"unmatched", odd}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				Best(xs, c.ys, lib, 0)
			}
		})
	}
}
