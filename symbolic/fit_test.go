package symbolic

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// libraryNames are the functions with a recovery test: all but "0",
// which TestFitConstantYs covers.
var libraryNames = []string{"x", "x^2", "x^3", "exp", "sin", "tanh", "log", "sqrt", "abs", "1/x"}

// TestBestRecoversEachFunction draws constants for every f, samples the
// curve without noise, and checks that Best names f, that the fitted
// curve is the drawn one, and the constants the symmetries leave
// identifiable.
func TestBestRecoversEachFunction(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lib := Library()
	for _, name := range libraryNames {
		for draw := range 6 {
			tr := randomTruth(name, rng)
			xs, ys := sample(tr, -1, 1, 100)
			fit, ok := Best(xs, ys, lib, 0.999)
			if !ok || fit.Func.Name != name {
				t.Errorf("%s draw %d %+v: Best = %s (R² %.12f, ok %v), want %s", name, draw, tr, fit.Func.Name, fit.R2, ok, name)
				continue
			}
			if fit.R2 < 1-1e-9 {
				t.Errorf("%s draw %d: R² = %.15f, want 1 on noiseless samples", name, draw, fit.R2)
			}
			if e := curveError(fit, tr, -1, 1); e > 1e-6 {
				t.Errorf("%s draw %d: fitted curve off by %.3g of its spread; fit %v, truth %+v", name, draw, e, fit, tr)
			}
			checkConstants(t, name, draw, fit, tr)
		}
	}
}

// checkConstants compares the constants the curve determines.
func checkConstants(t *testing.T, name string, draw int, fit Fit, tr truth) {
	t.Helper()
	near := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-6*(1+math.Abs(want)) {
			t.Errorf("%s draw %d: %s = %.9g, want %.9g (fit %+v, truth %+v)", name, draw, what, got, want, fit, tr)
		}
	}
	switch name {
	case "x":
		near("slope A", fit.A, tr.a*tr.b)
		near("intercept D", fit.D, tr.a*tr.c+tr.d)
		near("B", fit.B, 1)
		near("C", fit.C, 0)
	case "exp":
		near("rate B", fit.B, tr.b)
		near("C", fit.C, 0)
		near("D", fit.D, tr.d)
	case "sin":
		near("frequency B", fit.B, math.Abs(tr.b))
		near("amplitude A", fit.A, math.Abs(tr.a))
		near("D", fit.D, tr.d)
		if fit.C < -math.Pi || fit.C > math.Pi {
			t.Errorf("sin draw %d: phase C = %g outside [-π, π]", draw, fit.C)
		}
	case "tanh":
		s := math.Copysign(1, tr.b)
		near("B", fit.B, s*tr.b)
		near("C", fit.C, s*tr.c)
		near("A", fit.A, s*tr.a)
		near("D", fit.D, tr.d)
	default: // scale-free: the root is identifiable, |B| is 1
		near("root -C/B", fit.root(), tr.root())
		near("|B|", math.Abs(fit.B), 1)
		if name != "log" { // log's scale shows up in d
			near("D", fit.D, tr.d)
		}
	}
}

func (f Fit) root() float64 { return -f.C / f.B }

// TestFitAnyRange fits curves whose x run over ranges far from [-1, 1]:
// the searches work on x mapped onto [-1, 1], so they find the same
// shapes.
func TestFitAnyRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, name := range []string{"sin", "tanh", "x^3", "log", "exp", "1/x"} {
		tr := randomTruth(name, rng)
		for _, r := range [][2]float64{{0, 0.01}, {-50, 50}, {1000, 1002}} {
			// x = mid + half·t for t in [-1, 1]; the curve is tr in t.
			mid, half := (r[0]+r[1])/2, (r[1]-r[0])/2
			ts, ys := sample(tr, -1, 1, 80)
			xs := make([]float64, len(ts))
			for i, tv := range ts {
				xs[i] = mid + half*tv
			}
			f, _ := Lookup(name)
			fit, err := FitFunc(xs, ys, f)
			if err != nil {
				t.Fatalf("%s on %v: %v", name, r, err)
			}
			worst := 0.0
			for _, tv := range linspace(-1, 1, 501) {
				worst = max(worst, math.Abs(fit.Eval(mid+half*tv)-tr.eval(tv)))
			}
			// Large x cost digits when b·x + c cancels (1000 to 1002).
			if fit.R2 < 1-1e-8 || worst > 1e-4 {
				t.Errorf("%s on %v: R² %.12f, curve off by %.3g; fit %v", name, r, fit.R2, worst, fit)
			}
		}
	}
}

// TestFitNoise adds noise of 1% of the curve's standard deviation: Best
// still names the function and explains all but about the noise.
func TestFitNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	lib := Library()
	for _, name := range libraryNames {
		for draw := range 4 {
			tr := randomTruth(name, rng)
			xs, clean := sample(tr, -1, 1, 100)
			ys := withNoise(clean, 0.01, rng)
			fit, ok := Best(xs, ys, lib, 0.99)
			if !ok || fit.Func.Name != name {
				t.Errorf("%s draw %d at 1%% noise: Best = %s (R² %.6f), want %s; truth %+v", name, draw, fit.Func.Name, fit.R2, name, tr)
				continue
			}
			// Noise of 1% leaves 1e-4 of the variance unexplained.
			if fit.R2 < 0.9995 {
				t.Errorf("%s draw %d at 1%% noise: R² = %.6f", name, draw, fit.R2)
			}
			if e := curveError(fit, tr, -1, 1); e > 0.02 {
				t.Errorf("%s draw %d at 1%% noise: curve off by %.3g of its spread", name, draw, e)
			}
		}
	}
}

// TestFitDomain checks that fits of log, sqrt and 1/x to curves they do
// not describe still keep every argument inside the domain: the text
// must mean the function, not its clamped continuation.
func TestFitDomain(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, data := range []string{"sin", "x^2", "abs", "tanh"} {
		tr := randomTruth(data, rng)
		xs, ys := sample(tr, -1, 1, 60)
		for _, name := range []string{"log", "sqrt", "1/x"} {
			f, _ := Lookup(name)
			fit, err := FitFunc(xs, ys, f)
			if err != nil {
				t.Fatalf("%s to %s: %v", name, data, err)
			}
			for _, x := range xs {
				u := fit.B*x + fit.C
				if !f.Domain(u, u) {
					t.Errorf("%s fitted to %s: argument %g at x = %g is outside the domain (fit %v)", name, data, u, x, fit)
				}
			}
			if math.IsNaN(fit.R2) || fit.R2 > 1 {
				t.Errorf("%s fitted to %s: R² = %g", name, data, fit.R2)
			}
		}
	}
}

// TestFitDegenerate checks the documented errors and fallbacks: no
// panic, no NaN.
func TestFitDegenerate(t *testing.T) {
	sin, _ := Lookup("sin")
	xs := linspace(-1, 1, 10)
	ys := make([]float64, 10)
	for i, x := range xs {
		ys[i] = math.Sin(3 * x)
	}
	nan := append([]float64(nil), ys...)
	nan[4] = math.NaN()
	inf := append([]float64(nil), xs...)
	inf[2] = math.Inf(-1)
	same := []float64{0.3, 0.3, 0.3, 0.3, 0.3}
	cases := []struct {
		name   string
		xs, ys []float64
		f      Func
		want   error
	}{
		{"lengths differ", xs, ys[:9], sin, ErrLength},
		{"three points", xs[:3], ys[:3], sin, ErrTooFewPoints},
		{"no points", nil, nil, sin, ErrTooFewPoints},
		{"NaN in ys", xs, nan, sin, ErrNotFinite},
		{"Inf in xs", inf, ys, sin, ErrNotFinite},
		{"all xs equal", same, ys[:5], sin, ErrNoSpread},
		{"no Eval", xs, ys, Func{Name: "nothing"}, ErrNoEval},
		{"f always NaN", xs, ys, Func{Name: "nan", Eval: func(float64) float64 { return math.NaN() }}, ErrNoFit},
	}
	for _, c := range cases {
		fit, err := FitFunc(c.xs, c.ys, c.f)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		if err != nil && (fit.Func.Eval != nil || fit.A != 0 || fit.B != 0 || fit.C != 0 || fit.D != 0 || fit.R2 != 0) {
			t.Errorf("%s: a failed fit should be zero, got %v", c.name, fit)
		}
		if _, ok := Best(c.xs, c.ys, Library(), 0); ok && c.want != ErrNoEval && c.want != ErrNoFit {
			t.Errorf("%s: Best reported ok", c.name)
		}
	}
}

// TestFitConstantYs: every f fits constant ys exactly with A = 0.
func TestFitConstantYs(t *testing.T) {
	xs := linspace(-2, 3, 20)
	ys := make([]float64, len(xs))
	for i := range ys {
		ys[i] = -0.75
	}
	for _, f := range Library() {
		fit, err := FitFunc(xs, ys, f)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if fit.A != 0 || fit.D != -0.75 || fit.R2 != 1 {
			t.Errorf("%s on constant ys: %+v, want A 0, D -0.75, R² 1", f.Name, fit)
		}
	}
	fit, ok := Best(xs, ys, Library(), 0.99)
	if !ok || fit.Func.Name != "0" || fit.Formula("x1") != "-0.75" {
		t.Errorf("Best on constant ys: %s %q ok %v, want 0 \"-0.75\"", fit.Func.Name, fit.Formula("x1"), ok)
	}
}

// TestFitCustomFunc fits a Func the library does not have, which takes
// the general 2-D search and a numerical derivative.
func TestFitCustomFunc(t *testing.T) {
	gauss := Func{Name: "gaussian", Complexity: 3, Eval: func(u float64) float64 { return math.Exp(-u * u) }}
	xs := linspace(-1, 1, 70)
	ys := make([]float64, len(xs))
	for i, x := range xs {
		ys[i] = 1.5*math.Exp(-(2.5*x-0.4)*(2.5*x-0.4)) - 0.2
	}
	fit, err := FitFunc(xs, ys, gauss)
	if err != nil {
		t.Fatal(err)
	}
	if fit.R2 < 1-1e-9 || math.Abs(math.Abs(fit.B)-2.5) > 1e-5 || math.Abs(fit.A-1.5) > 1e-5 {
		t.Errorf("gaussian: %+v, want A 1.5, |B| 2.5, R² 1", fit)
	}
	// Without Format the text calls f by its name.
	if got := fit.Formula("x1"); !strings.HasPrefix(got, "1.5*gaussian(2.5*x1 - 0.4)") && !strings.HasPrefix(got, "1.5*gaussian(-2.5*x1 + 0.4)") {
		t.Errorf("gaussian formula %q", got)
	}
}

// TestFitDeterministic: the same samples give the same constants, bit for
// bit.
func TestFitDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	xs, ys := sample(randomTruth("tanh", rng), -1, 1, 50)
	ys = withNoise(ys, 0.05, rng)
	first, _ := Best(xs, ys, Library(), 0)
	for range 3 {
		again, _ := Best(xs, ys, Library(), 0)
		if again.A != first.A || again.B != first.B || again.C != first.C || again.D != first.D || again.Func.Name != first.Func.Name {
			t.Fatalf("Best changed: %v then %v", first, again)
		}
	}
}

// TestFitUnsortedXs: the samples' order does not matter: the grids'
// subset is taken along x, not along the order.
func TestFitUnsortedXs(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	tr := randomTruth("sin", rng)
	xs, ys := sample(tr, -1, 1, 100)
	perm := rng.Perm(len(xs))
	px, py := make([]float64, len(xs)), make([]float64, len(xs))
	for i, p := range perm {
		px[i], py[i] = xs[p], ys[p]
	}
	sin, _ := Lookup("sin")
	fit, err := FitFunc(px, py, sin)
	if err != nil {
		t.Fatal(err)
	}
	if e := curveError(fit, tr, -1, 1); fit.R2 < 1-1e-9 || e > 1e-6 {
		t.Errorf("shuffled samples: R² %.12f, curve off by %.3g", fit.R2, e)
	}
	sorted, _ := FitFunc(xs, ys, sin)
	if math.Abs(sorted.B-fit.B) > 1e-9 || math.Abs(sorted.C-fit.C) > 1e-9 {
		t.Errorf("shuffled samples give %v, sorted ones %v", fit, sorted)
	}
	// The subset spans x whatever the order: reversed and interleaved.
	s, err := newSamples(px, py)
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := slices.Min(s.coarse.x), slices.Max(s.coarse.x)
	if lo != -1 || hi != 1 || len(s.coarse.x) != coarsePoints {
		t.Errorf("coarse subset spans [%g, %g] with %d points, want [-1, 1] with %d", lo, hi, len(s.coarse.x), coarsePoints)
	}
}

// TestSymmetrize: the canonical constants describe the same curve.
func TestSymmetrize(t *testing.T) {
	for _, c := range []struct {
		name       string
		a, b, c, d float64
	}{
		{"sin", -2, -3, 4, 0.5}, {"sin", 1, 2, -7, 0}, {"sin", -1, 2, 0.5, 0},
		{"tanh", 1.5, -4, 0.3, -0.2}, {"x^2", 1, -2, 0.5, 0}, {"abs", 1, -1, 0.2, 0},
	} {
		f, _ := Lookup(c.name)
		orig := Fit{Func: f, A: c.a, B: c.b, C: c.c, D: c.d}
		fit := orig
		fit.symmetrize()
		if fit.B < 0 {
			t.Errorf("%s %+v: B = %g after symmetrize, want ≥ 0", c.name, c, fit.B)
		}
		if c.name == "sin" && (fit.A < 0 || fit.C < -math.Pi || fit.C > math.Pi) {
			t.Errorf("sin %+v: A %g, C %g, want A ≥ 0 and C in [-π, π]", c, fit.A, fit.C)
		}
		for _, x := range linspace(-2, 2, 41) {
			if math.Abs(fit.Eval(x)-orig.Eval(x)) > 1e-12 {
				t.Fatalf("%s %+v: curve changed at x = %g: %g, was %g", c.name, c, x, fit.Eval(x), orig.Eval(x))
			}
		}
	}
}
