package symbolic

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBestParabola: a parabola is x^2, not x^3 or exp, though those fit
// it fairly, with or without noise.
func TestBestParabola(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	xs, clean := sample(truth{name: "x^2", a: 1.3, b: 1, c: -0.2, d: -0.4}, -1, 1, 100)
	for _, noise := range []float64{0, 0.01, 0.03} {
		ys := clean
		if noise > 0 {
			ys = withNoise(clean, noise, rng)
		}
		fit, ok := Best(xs, ys, Library(), 0.99)
		if !ok || fit.Func.Name != "x^2" {
			t.Fatalf("noise %g: Best = %s (R² %.6f), want x^2", noise, fit.Func.Name, fit.R2)
		}
		for _, rival := range []string{"x^3", "exp"} {
			f, _ := Lookup(rival)
			other, err := FitFunc(xs, ys, f)
			if err != nil {
				t.Fatal(err)
			}
			if other.R2 >= fit.R2 {
				t.Errorf("noise %g: %s fits the parabola with R² %.6f, x^2 %.6f", noise, rival, other.R2, fit.R2)
			}
			t.Logf("noise %g: x^2 R² %.6f, %s R² %.6f", noise, fit.R2, rival, other.R2)
		}
	}
}

// TestBestPrefersSimpler: a line is x, though x^2 (vertex far away),
// sqrt, tanh and abs (kink outside the range) fit it as closely.
func TestBestPrefersSimpler(t *testing.T) {
	xs, ys := sample(truth{name: "x", a: 1, b: -0.8, c: 0.1, d: 0.3}, -1, 1, 50)
	fit, ok := Best(xs, ys, Library(), 0.99)
	if !ok || fit.Func.Name != "x" {
		t.Fatalf("Best = %s, want x", fit.Func.Name)
	}
	if got := fit.Formula("x1"); got != "-0.8*x1 + 0.4" {
		t.Errorf("line formula %q, want %q", got, "-0.8*x1 + 0.4")
	}
	// Within SimplerWithin the simpler f wins: exp(0.1x) is a line to
	// better than 1e-3.
	xs, ys = sample(truth{name: "exp", a: 1, b: 0.1, c: 0, d: 0}, -1, 1, 50)
	if fit, _ := Best(xs, ys, Library(), 0.99); fit.Func.Name != "x" || fit.R2 < 1-SimplerWithin {
		t.Errorf("exp(0.1x): Best = %s (R² %.6f), want x within %g", fit.Func.Name, fit.R2, SimplerWithin)
	}
}

// TestBestTieGoesToLibraryOrder: on a noisy parabola sin explains about
// as much as x^2 (a slow sine is a parabola with a free x⁴ term); which
// one is named follows the library's order.
func TestBestTieGoesToLibraryOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	xs, ys := sample(truth{name: "x^2", a: 1, b: 1, c: 0.1, d: 0}, -1, 1, 100)
	ys = withNoise(ys, 0.01, rng)
	sq, _ := Lookup("x^2")
	sin, _ := Lookup("sin")
	a, _ := FitFunc(xs, ys, sq)
	b, _ := FitFunc(xs, ys, sin)
	t.Logf("1 - R²: x^2 %.4g, sin %.4g", 1-a.R2, 1-b.R2)
	if fit, _ := Best(xs, ys, []Func{sq, sin}, 0); fit.Func.Name != "x^2" {
		t.Errorf("[x^2, sin]: Best = %s", fit.Func.Name)
	}
	if fit, _ := Best(xs, ys, []Func{sin, sq}, 0); fit.Func.Name != "sin" {
		t.Errorf("[sin, x^2]: Best = %s; the tie should go to the first", fit.Func.Name)
	}
}

// TestBestMinR2: noise that nothing explains is not snapped.
func TestBestMinR2(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	xs := linspace(-1, 1, 80)
	ys := make([]float64, len(xs))
	for i := range ys {
		ys[i] = rng.NormFloat64()
	}
	fit, ok := Best(xs, ys, Library(), 0.9)
	if ok {
		t.Errorf("Best snapped white noise to %s with R² %.3f", fit.Func.Name, fit.R2)
	}
	if fit.Func.Eval == nil || math.IsNaN(fit.R2) || fit.R2 >= 0.9 {
		t.Errorf("Best on noise returned %+v, want its best-ranked fit anyway", fit)
	}
	// With minR2 = 0 every fit reaches it, so ok is true.
	if _, ok := Best(xs, ys, Library(), 0); !ok {
		t.Error("minR2 = 0 not reached")
	}
}

// TestBestSkipsAndEmpty: an empty library or one without Evals gives
// nothing, without a panic.
func TestBestSkipsAndEmpty(t *testing.T) {
	xs, ys := sample(truth{name: "sin", a: 1, b: 3, c: 0, d: 0}, -1, 1, 30)
	if _, ok := Best(xs, ys, nil, 0); ok {
		t.Error("empty library: ok")
	}
	if _, ok := Best(xs, ys, []Func{{Name: "broken"}}, 0); ok {
		t.Error("library without Eval: ok")
	}
	sin, _ := Lookup("sin")
	if fit, ok := Best(xs, ys, []Func{{Name: "broken"}, sin}, 0.99); !ok || fit.Func.Name != "sin" {
		t.Errorf("Best skipped sin: %s %v", fit.Func.Name, ok)
	}
}

// TestBestSameAsExhaustive: skipping the functions that cannot win
// changes nothing: Best's choice is the rule applied to every fit.
func TestBestSameAsExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	lib := Library()
	for _, name := range libraryNames {
		for _, noise := range []float64{0, 0.02, 0.2} {
			xs, ys := sample(randomTruth(name, rng), -1, 1, 60)
			ys = withNoise(ys, noise, rng)
			var all []ranked
			for i, f := range lib {
				fit, err := FitFunc(xs, ys, f)
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, ranked{fit, i})
			}
			for _, minR2 := range []float64{0, 0.9, 0.999} {
				want, wantOK := choose(all, minR2)
				got, ok := Best(xs, ys, lib, minR2)
				if got.Func.Name != want.Func.Name || ok != wantOK || got.R2 != want.R2 {
					t.Errorf("%s data, noise %g, minR2 %g: Best = %s (R² %.6f, %v), all fitted: %s (R² %.6f, %v)",
						name, noise, minR2, got.Func.Name, got.R2, ok, want.Func.Name, want.R2, wantOK)
				}
			}
		}
	}
}
