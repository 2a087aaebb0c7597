package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// smoothKAN makes a layer whose splines are smooth, nonzero functions
// (coefficients following slow sines), like a trained layer's, rather
// than the initial noise.
func smoothKAN(t testing.TB, in, out, g int, a float64) *KAN {
	t.Helper()
	l, err := NewKAN(in, out, g, 3, a, Glorot, rand.New(rand.NewPCG(31, 32)))
	if err != nil {
		t.Fatal(err)
	}
	nb := l.numBases()
	for e := range in * out {
		for m := range nb {
			l.coef.Value[e*nb+m] = float32(0.8 * math.Sin(4*float64(m)/float64(nb)+1.3*float64(e)))
		}
	}
	return l
}

// outputs returns a copy of the layer's output on x.
func outputs(l Layer, x Matrix) []float32 { return slices.Clone(l.Forward(x).Data) }

// maxChange returns the largest |a-b| and the largest |a|.
func maxChange(a, b []float32) (diff, scale float64) {
	for i := range a {
		diff = max(diff, math.Abs(float64(a[i]-b[i])))
		scale = max(scale, math.Abs(float64(a[i])))
	}
	return diff, scale
}

// TestKANUpdateGridKeepsFunction: after UpdateGrid (and Refine) the layer
// gives nearly the same outputs on the samples it was given. The error is
// what a spline on the new knots cannot follow of the old one: tiny when
// the knots barely move (uniform samples) or get finer, percents with
// normal samples, whose few extreme values leave wide outer intervals on
// the quantile grid, each spanning some of the old knots.
func TestKANUpdateGridKeepsFunction(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	uniform := randMatrix(rng, 1000, 2, 1)
	normal := randNormal(rng, 1000, 2, 0.4)
	for _, c := range []struct {
		name   string
		g      int
		x      Matrix
		apply  func(l *KAN, x Matrix) error
		relTol float64
	}{
		{"update, uniform samples", 5, uniform, (*KAN).UpdateGrid, 2e-2},
		{"update, normal samples", 5, normal, (*KAN).UpdateGrid, 5e-2},
		{"update, G=10, uniform samples", 10, uniform, (*KAN).UpdateGrid, 2e-2},
		{"refine 5 -> 10", 5, uniform, func(l *KAN, x Matrix) error { return l.Refine(10, x) }, 1e-3},
		{"refine 5 -> 20, normal samples", 5, normal, func(l *KAN, x Matrix) error { return l.Refine(20, x) }, 5e-2},
		{"refine 3 -> 10", 3, uniform, func(l *KAN, x Matrix) error { return l.Refine(10, x) }, 2e-2},
		{"refine 10 -> 3 (coarser)", 10, uniform, func(l *KAN, x Matrix) error { return l.Refine(3, x) }, 0.3},
	} {
		l := smoothKAN(t, 2, 3, c.g, 1)
		before := outputs(l, c.x)
		if err := c.apply(l, c.x); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		diff, scale := maxChange(before, outputs(l, c.x))
		t.Logf("%-32s max |Δy| on the samples %.3g (outputs up to %.3g): relative %.3g", c.name, diff, scale, diff/scale)
		if diff > c.relTol*scale {
			t.Errorf("%s: outputs moved by %g, more than %g of %g", c.name, diff, c.relTol, scale)
		}
	}
}

// TestKANUpdateGridPlacesKnots: the interior knots follow pykan's mix of
// the samples' quantiles and a uniform grid, and the extension continues
// at the mean spacing.
func TestKANUpdateGridPlacesKnots(t *testing.T) {
	l := smoothKAN(t, 1, 1, 4, 1)
	// 8 samples: 0, 1, 4, 9, ..., 49 (quantiles at ranks 0, 2, 4, 6, then the max).
	x := Matrix{Rows: 8, Cols: 1, Data: make([]float32, 8)}
	for r := range 8 {
		x.Data[7-r] = float32(r * r) // unsorted on purpose
	}
	if err := l.UpdateGrid(x); err != nil {
		t.Fatal(err)
	}
	adaptive := []float64{0, 4, 16, 36, 49}
	h := 49.0 / 4
	knots := l.knots(0)
	if len(knots) != knotCount(4, 3) {
		t.Fatalf("%d knots", len(knots))
	}
	for q, ad := range adaptive {
		want := 0.02*(float64(q)*h) + 0.98*ad
		if got := float64(knots[3+q]); math.Abs(got-want) > 1e-5 {
			t.Errorf("interior knot %d = %g, want %g (knots %v)", q, got, want, knots)
		}
	}
	for q := 1; q <= 3; q++ {
		lo, hi := float64(knots[3-q]), float64(knots[3+4+q])
		if math.Abs(lo-(float64(knots[3])-float64(q)*h)) > 1e-4 || math.Abs(hi-(float64(knots[7])+float64(q)*h)) > 1e-4 {
			t.Errorf("extension %d: %g, %g (knots %v)", q, lo, hi, knots)
		}
	}
}

// TestKANRefineResizes: Refine places g intervals from the samples as
// UpdateGrid does and resizes the coefficients and their gradient.
func TestKANRefineResizes(t *testing.T) {
	x := randMatrix(rand.New(rand.NewPCG(1, 2)), 50, 1, 2)
	a, b := smoothKAN(t, 1, 2, 2, 1), smoothKAN(t, 1, 2, 4, 1)
	if err := a.Refine(4, x); err != nil {
		t.Fatal(err)
	}
	if err := b.UpdateGrid(x); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.knots(0), b.knots(0)) {
		t.Errorf("refined knots %v, a grid update's %v", a.knots(0), b.knots(0))
	}
	if a.Grid() != 4 || a.coef.Cols != 7 || len(a.coef.Value) != 2*7 || len(a.coef.Grad) != 2*7 || a.grid.Cols != 11 {
		t.Errorf("after refine: G %d, coef %dx%d (%d values, %d grads), grid cols %d",
			a.Grid(), a.coef.Rows, a.coef.Cols, len(a.coef.Value), len(a.coef.Grad), a.grid.Cols)
	}
}

// TestKANUpdateGridErrors: bad samples are refused and leave the layer as
// it was.
func TestKANUpdateGridErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	l := smoothKAN(t, 2, 2, 5, 1)
	values := func() [][]float32 {
		var v [][]float32
		for _, p := range append(l.Params(), l.State()...) {
			v = append(v, slices.Clone(p.Value))
		}
		return v
	}
	before := values()
	constant := randMatrix(rng, 10, 2, 1)
	for r := range 10 {
		constant.Data[r*2+1] = 0.25
	}
	withNaN := randMatrix(rng, 10, 2, 1)
	withNaN.Data[7] = float32(math.NaN())
	for name, f := range map[string]func() error{
		"constant input":  func() error { return l.UpdateGrid(constant) },
		"one row":         func() error { return l.UpdateGrid(randMatrix(rng, 1, 2, 1)) },
		"no rows":         func() error { return l.Refine(10, Matrix{Cols: 2}) },
		"NaN":             func() error { return l.UpdateGrid(withNaN) },
		"wrong columns":   func() error { return l.UpdateGrid(randMatrix(rng, 10, 3, 1)) },
		"refine to 0":     func() error { return l.Refine(0, randMatrix(rng, 10, 2, 1)) },
		"refine too fine": func() error { return l.Refine(kanMaxRefine+1, randMatrix(rng, 10, 2, 1)) },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
		after := values()
		for n := range before {
			if !slices.Equal(before[n], after[n]) {
				t.Fatalf("%s changed the layer", name)
			}
		}
	}
}

// TestKANRefineInNetwork: after RefineKANGrids the network's cached
// parameter list still holds the same Params, now longer, and reports
// the new count; the network computes nearly the same function.
func TestKANRefineInNetwork(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 38))
	net := buildKAN(t, []int{2, 5, 1}, 3, rng)
	x := randMatrix(rng, 500, 2, 1)
	if err := UpdateKANGrids(net, x); err != nil {
		t.Fatal(err)
	}
	params := slices.Clone(net.Params())
	count := net.NumParams()
	before := outputs(net.Layers[1], net.Layers[0].Forward(x))
	if err := RefineKANGrids(net, 10, x); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(params, net.Params()) {
		t.Error("the network's Params changed identity")
	}
	want := (2*5 + 5*1) * (10 + 3 + 2)
	if n := net.NumParams(); n != want || count != (2*5+5*1)*(3+3+2) {
		t.Errorf("params %d -> %d, want %d", count, n, want)
	}
	after := outputs(net.Layers[1], net.Layers[0].Forward(x))
	diff, scale := maxChange(before, after)
	t.Logf("KAN[2,5,1] refined 3 -> 10: max |Δy| %.3g (outputs up to %.3g)", diff, scale)
	if diff > 1e-2*scale {
		t.Errorf("refine moved the outputs by %g of %g", diff, scale)
	}
}

// TestTrainerFollowsARefinedNetwork: refining a KAN grid changes the
// network's size; the same trainer goes on, mid-iteration or not, under
// both rules (after ResetOptimizer for minibatch optimizers, whose moments
// have the old shape), from where the refined network is.
func TestTrainerFollowsARefinedNetwork(t *testing.T) {
	for _, rule := range []RuleKind{LBFGS, Minibatch} {
		rng := rand.New(rand.NewPCG(7, 7))
		x, y := kanFitData(rng, 200)
		net := buildKAN(t, []int{2, 3, 1}, 3, rng)
		tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 0.1, Batch: 50,
			Rule: RuleConfig{Kind: rule}, Optimizer: OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}}, x, y)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			tr.Step()
		}
		tr.StepPart() // under L-BFGS, often mid-iteration now
		before := net.NumParams()
		if err := RefineKANGrids(net, 6, x); err != nil {
			t.Fatal(err)
		}
		refined := tr.Score(x, y).Loss
		tr.ResetOptimizer()
		for range 5 {
			tr.Step()
		}
		after := tr.Score(x, y).Loss
		t.Logf("%v: %d -> %d parameters, loss %.4g after refining, %.4g five steps later", rule, before, net.NumParams(), refined, after)
		if net.NumParams() <= before || !(after < refined*1.5) {
			t.Errorf("%v: training after refining went from loss %g to %g", rule, refined, after)
		}
	}
}
