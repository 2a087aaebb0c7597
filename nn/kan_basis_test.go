package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Layer tests repeated for every basis: the float64 reference, gradients,
// no allocation, parameter layout and counts, grid updates, the sparsity
// penalty and the edge views.

// newTestKANBasis makes a KAN layer of the given basis whose coefficients
// are replaced by U(-wiggle, wiggle) when wiggle > 0, and whose mixing
// logits (selectable basis) are drawn in U(-1, 1), so that every part
// matters.
func newTestKANBasis(t testing.TB, in, out, g, k int, a float64, basis KANBasis, wiggle float64, seed uint64) *KAN {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 98))
	l, err := NewKANWithBasis(in, out, g, k, a, basis, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	if wiggle > 0 {
		for m := range l.coef.Value {
			l.coef.Value[m] = float32((2*rng.Float64() - 1) * wiggle)
		}
	}
	for m := range l.mix.Value {
		l.mix.Value[m] = float32(2*rng.Float64() - 1)
	}
	return l
}

// kanBasisRef is the layer's forward pass in float64 from the
// definitions: the closed-form bases (basisRef), the softmax of the
// logits for the selectable basis. size holds each output's sum of the
// magnitudes of its terms, the scale of float32's rounding error: with
// G+k terms per edge (not k+1 as for B-splines) and coefficients a grid
// update fitted, that error can exceed the output itself.
func kanBasisRef(l *KAN, x Matrix) (y, size []float64) {
	pool := kanPoolOf(l.basis)
	nb, edges := l.numBases(), l.in*l.out
	weights := make([]float64, l.out*len(pool))
	for j := range l.out {
		if len(pool) == 1 {
			weights[j] = 1
			continue
		}
		var sum float64
		for b := range pool {
			weights[j*len(pool)+b] = math.Exp(float64(l.mix.Value[j*kanPool+b]))
			sum += weights[j*len(pool)+b]
		}
		for b := range pool {
			weights[j*len(pool)+b] /= sum
		}
	}
	y, size = make([]float64, x.Rows*l.out), make([]float64, x.Rows*l.out)
	for r := range x.Rows {
		for i := range l.in {
			v := float64(x.At(r, i))
			s := v / (1 + math.Exp(-v))
			for q, b := range pool {
				bv := basisRef(b, toFloat64(l.knots(i)), l.k, l.a, v)
				for j := range l.out {
					e := i*l.out + j
					var sum, abs float64
					for m, f := range bv {
						sum += float64(l.coef.Value[(q*edges+e)*nb+m]) * f
						abs += math.Abs(float64(l.coef.Value[(q*edges+e)*nb+m]) * f)
					}
					ws := weights[j*len(pool)+q] * math.Abs(float64(l.scaleSp.Value[e]))
					y[r*l.out+j] += weights[j*len(pool)+q] * float64(l.scaleSp.Value[e]) * sum
					size[r*l.out+j] += ws * abs
				}
			}
			for j := range l.out {
				y[r*l.out+j] += float64(l.scaleBase.Value[i*l.out+j]) * s
				size[r*l.out+j] += math.Abs(float64(l.scaleBase.Value[i*l.out+j]) * s)
			}
		}
	}
	return y, size
}

// everyBasis runs f as a subtest per basis.
func everyBasis(t *testing.T, f func(t *testing.T, b KANBasis)) {
	for _, b := range KANBases() {
		t.Run(b.String(), func(t *testing.T) { f(t, b) })
	}
}

// TestKANBasisForwardMatchesReference compares each basis's float32
// layer with its float64 definition on inputs reaching past the grid, on
// the starting grid and after UpdateGrid moved it, within float32's
// rounding of the terms it adds.
func TestKANBasisForwardMatchesReference(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(53, uint64(basis)))
		worst := 0.0
		for n, c := range []struct {
			in, out, g, k int
			a             float64
		}{{2, 5, 3, 3, 1}, {5, 1, 5, 3, 1}, {3, 4, 10, 1, 6}, {4, 2, 7, 5, 2}, {1, 1, 1, 2, 0.5}, {3, 3, 30, 3, 1}} {
			l := newTestKANBasis(t, c.in, c.out, c.g, c.k, c.a, basis, 0.5, uint64(n))
			for _, moved := range []bool{false, true} {
				if moved {
					if err := l.UpdateGrid(randNormal(rng, 300, c.in, c.a/2)); err != nil {
						t.Fatal(err)
					}
				}
				x := randMatrix(rng, 40, c.in, 1.5*c.a)
				got := l.Forward(x)
				want, size := kanBasisRef(l, x)
				for m, w := range want {
					d := math.Abs(float64(got.Data[m]) - w)
					worst = max(worst, d/(1+size[m]))
					if d > 1e-6*(1+size[m]) {
						t.Fatalf("%+v moved=%v: output %d = %g, float64 reference %g (terms of size %g)", c, moved, m, got.Data[m], w, size[m])
					}
				}
			}
		}
		t.Logf("largest difference from the float64 reference, relative to 1 + the terms' size: %.3g", worst)
	})
}

// richardsonGrad returns, for every entry of values, (4·D(ε/2) - D(ε))/3
// with D(h) the central difference of f with step h and ε = gradEps:
// Richardson's extrapolation, whose error falls as ε⁴ rather than ε².
// The Fourier terms oscillate up to (G+k)/2 times over the range, and a
// deeper layer's functions bend the first layer's differences: plain
// central differences at gradEps miss their slopes by percents.
func richardsonGrad(values []float32, f func() float64) []float64 {
	num := make([]float64, len(values))
	for i, v := range values {
		diff := func(h float32) float64 {
			hi, lo := v+h, v-h
			values[i] = hi
			fHi := f()
			values[i] = lo
			fLo := f()
			values[i] = v
			return (fHi - fLo) / (float64(hi) - float64(lo))
		}
		num[i] = (4*diff(gradEps/2) - diff(gradEps)) / 3
	}
	return num
}

// checkBasisGradients compares backprop with richardsonGrad for the loss
// sum(y ⊙ r) for every parameter and, unless skipInput, the input.
func checkBasisGradients(t *testing.T, l *KAN, x Matrix, rng *rand.Rand, skipInput bool) {
	t.Helper()
	r := randMatrix(rng, x.Rows, l.out, 1)
	loss := func() float64 {
		y := l.Forward(x)
		var s float64
		for i, v := range y.Data {
			s += float64(v) * float64(r.Data[i])
		}
		return s
	}
	for _, p := range l.Params() {
		clear(p.Grad)
	}
	loss()
	dx := slices.Clone(l.Backward(r).Data)
	for _, p := range l.Params() {
		if err := compareGrads(slices.Clone(p.Grad), richardsonGrad(p.Value, loss), nil); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	if !skipInput {
		if err := compareGrads(dx, richardsonGrad(x.Data, loss), nil); err != nil {
			t.Errorf("input: %v", err)
		}
	}
}

// TestKANBasisGradients checks every parameter (the mixing logits
// included) and the input against finite differences for each basis, on
// the starting grid and on moved knots.
func TestKANBasisGradients(t *testing.T) { everyBasis(t, checkKANBasisGradients) }

// checkKANBasisGradients is TestKANBasisGradients for one basis, on
// whichever path this build (or withBatchedKAN) picks.
func checkKANBasisGradients(t *testing.T, basis KANBasis) {
	rng := rand.New(rand.NewPCG(55, uint64(basis)))
	for n, c := range []struct {
		in, out, g, k int
		a             float64
	}{{2, 5, 3, 3, 1}, {5, 1, 5, 3, 1}, {3, 2, 4, 2, 2}, {2, 3, 8, 3, 1.5}, {1, 2, 1, 1, 1}} {
		t.Run(fmt.Sprintf("%d-%d,g=%d,k=%d", c.in, c.out, c.g, c.k), func(t *testing.T) {
			l := newTestKANBasis(t, c.in, c.out, c.g, c.k, c.a, basis, 0.5, uint64(n))
			// Piecewise-linear B-splines have kinks a finite difference
			// in x may straddle.
			skipInput := c.k < 2 && (basis == BSplineBasis || basis == SelectableBasis)
			x := randMatrix(rng, 6, c.in, 1.3*c.a)
			checkBasisGradients(t, l, x, rng, skipInput)
			if err := l.UpdateGrid(randNormal(rng, 200, c.in, c.a/2)); err != nil {
				t.Fatal(err)
			}
			checkBasisGradients(t, l, x, rng, skipInput)
		})
	}
}

// TestKANBasisBackwardParams: the same parameter gradients as Backward.
func TestKANBasisBackwardParams(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(57, uint64(basis)))
		l := newTestKANBasis(t, 3, 4, 5, 3, 1, basis, 0.5, 1)
		x, dy := randMatrix(rng, 9, 3, 1.2), randMatrix(rng, 9, 4, 1)
		l.Forward(x)
		l.Backward(dy)
		var want [][]float32
		for _, p := range l.Params() {
			want = append(want, slices.Clone(p.Grad))
			clear(p.Grad)
		}
		l.BackwardParams(dy)
		for n, p := range l.Params() {
			if err := closeSlices(p.Grad, want[n]); err != nil {
				t.Errorf("%s: %v", p.Name, err)
			}
		}
	})
}

// TestKANBasisDoesNotAllocate: once warm, Forward, Backward,
// BackwardParams, the sparsity penalty, Edges, EdgeCurve, Mixture and
// WinningBasis allocate nothing for any basis, also at a batch smaller
// than the largest so far.
func TestKANBasisDoesNotAllocate(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(59, uint64(basis)))
		l := newTestKANBasis(t, 4, 3, 5, 3, 1, basis, 0.3, 2)
		layerStep := kanWarmStep(l, rng, 50)
		var winners int
		step := func() {
			layerStep()
			w := l.Mixture(2)
			winners += l.WinningBasis(1) + int(w[0])
		}
		step()
		if n := testing.AllocsPerRun(20, step); n != 0 {
			t.Errorf("a warm step allocates %v times", n)
		}
	})
}

// TestKANBasisParams checks each basis's parameter list (names, shapes,
// decay, order), the registry's counts against the layer, and that the
// single bases share B-spline's layout.
func TestKANBasisParams(t *testing.T) {
	info := KANLayer.Info()
	for _, c := range []struct{ in, out, g, k int }{{2, 5, 3, 3}, {5, 1, 5, 3}, {1, 1, 1, 1}, {7, 3, 50, 5}} {
		nb, edges := c.g+c.k, c.in*c.out
		for _, basis := range KANBases() {
			opts := Options{"g": float32(c.g), "k": float32(c.k), "range": 1, "basis": float32(basis), "lamb": 0}
			cfg := LayerConfig{Kind: KANLayer, Units: c.out, Activation: Linear, Options: opts}
			if p := info.Problems(c.in, cfg); len(p) > 0 {
				t.Fatalf("%+v %v: %v", c, basis, p)
			}
			layer, err := info.New(cfg, c.in, Glorot, rand.New(rand.NewPCG(1, 2)))
			if err != nil {
				t.Fatal(err)
			}
			l := layer.(*KAN)
			type shape struct {
				name       string
				rows, cols int
				decay      bool
			}
			want := []shape{{"coef", edges, nb, true}, {"scale_base", c.in, c.out, true}, {"scale_sp", c.in, c.out, true}}
			wantCount := edges * (nb + 2)
			if basis == SelectableBasis {
				want[0].rows = 4 * edges
				want = append(want, shape{"mix", c.out, 4, false})
				wantCount = edges*(4*nb+2) + 4*c.out
			}
			want = append(want, shape{"sym", 0, 4, false}) // empty until an edge is snapped
			var got []shape
			total := 0
			for _, p := range l.Params() {
				got = append(got, shape{p.Name, p.Rows, p.Cols, p.Decay})
				if len(p.Value) != p.Rows*p.Cols || len(p.Grad) != len(p.Value) {
					t.Errorf("%+v %v: %s holds %d values, %d gradients", c, basis, p.Name, len(p.Value), len(p.Grad))
				}
				total += len(p.Value)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v %v: params %v, want %v", c, basis, got, want)
			}
			if n := info.Params(c.in, c.out, opts); n != total || total != wantCount {
				t.Errorf("%+v %v: KindInfo.Params %d, layer %d, want %d", c, basis, n, total, wantCount)
			}
			if st := l.State(); len(st) != 2 || st[0].Cols != knotCount(c.g, c.k) || st[1].Name != "edges" {
				t.Errorf("%+v %v: state %v", c, basis, st)
			}
			if f := info.FLOPs(c.in, c.out, opts); f <= 0 {
				t.Errorf("%+v %v: FLOPs %d", c, basis, f)
			}
			if l.Basis() != basis {
				t.Errorf("layer says basis %v, want %v", l.Basis(), basis)
			}
		}
	}
	// What a user sees for KAN[2,5,1] at G=5, k=3.
	for _, basis := range KANBases() {
		o := Options{"g": 5, "k": 3, "range": 1, "basis": float32(basis), "lamb": 0}
		t.Logf("%-12v KAN 2->5: %4d params, %5d FLOPs; 5->1: %4d params, %5d FLOPs", basis,
			info.Params(2, 5, o), info.FLOPs(2, 5, o), info.Params(5, 1, o), info.FLOPs(5, 1, o))
	}
}

// TestKANBasisInit: every basis draws the same scales and, for a single
// basis, the same coefficients from one seed (only the functions differ);
// the selectable basis starts with equal weights; Zero makes everything 0;
// an unknown basis is refused.
func TestKANBasisInit(t *testing.T) {
	const in, out, g, k, a = 3, 2, 4, 3, 1.0
	ref, _ := NewKAN(in, out, g, k, a, He, rand.New(rand.NewPCG(3, 4)))
	for _, basis := range KANBases() {
		l, err := NewKANWithBasis(in, out, g, k, a, basis, He, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(l.scaleBase.Value, ref.scaleBase.Value) || !slices.Equal(l.scaleSp.Value, ref.scaleSp.Value) ||
			!slices.Equal(l.coef.Value[:len(ref.coef.Value)], ref.coef.Value) {
			t.Errorf("%v: initial values differ from B-spline's", basis)
		}
		for j := range out {
			w := l.Mixture(j)
			var sum float32
			for b, v := range w {
				sum += v
				if basis == SelectableBasis && v != 0.25 || basis != SelectableBasis && (v == 1) != (b == int(basis)) {
					t.Errorf("%v unit %d: mixture %v", basis, j, w)
				}
			}
			if win := l.WinningBasis(j); sum != 1 || basis != SelectableBasis && win != int(basis) || basis == SelectableBasis && win != 0 {
				t.Errorf("%v unit %d: mixture %v sums to %g, winner %d", basis, j, w, sum, win)
			}
		}
		zero, _ := NewKANWithBasis(in, out, g, k, a, basis, Zero, rand.New(rand.NewPCG(3, 4)))
		for _, p := range zero.Params() {
			if slices.ContainsFunc(p.Value, func(v float32) bool { return v != 0 }) {
				t.Errorf("%v Zero init: %s = %v", basis, p.Name, p.Value)
			}
		}
	}
	for _, bad := range []KANBasis{-1, numKANBases} {
		if _, err := NewKANWithBasis(1, 1, 5, 3, 1, bad, Glorot, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("basis %d accepted", int(bad))
		}
	}
	if p := KANLayer.Info().Problems(2, LayerConfig{Kind: KANLayer, Units: 1, Activation: Linear,
		Options: Options{"g": 5, "k": 3, "range": 1, "basis": 5, "lamb": 0}}); len(p) == 0 {
		t.Error("the registry accepted basis=5")
	}
}

// TestKANMixtureFollowsLogits: Mixture is the softmax of a unit's logits
// and WinningBasis its largest, ties to the lowest.
func TestKANMixtureFollowsLogits(t *testing.T) {
	l := newTestKANBasis(t, 2, 3, 5, 3, 1, SelectableBasis, 0, 1)
	copy(l.mix.Value, []float32{0, 0, 2, 1, 3, -1, 3, 0, 0.5, 0.5, 0.5, 0.5})
	for j, want := range []int{2, 0, 0} {
		w := l.Mixture(j)
		z := l.mix.Value[j*4 : (j+1)*4]
		var sum float64
		for _, v := range z {
			sum += math.Exp(float64(v))
		}
		for b := range w {
			if p := math.Exp(float64(z[b])) / sum; math.Abs(float64(w[b])-p) > 1e-6 {
				t.Errorf("unit %d: weight %d = %g, softmax %g", j, b, w[b], p)
			}
		}
		if got := l.WinningBasis(j); got != want {
			t.Errorf("unit %d (logits %v): winner %d, want %d", j, z, got, want)
		}
	}
	// Huge logits do not overflow.
	copy(l.mix.Value, []float32{1e30, 0, 0, 0})
	if w := l.Mixture(0); w != [4]float32{1, 0, 0, 0} {
		t.Errorf("logits 1e30, 0, 0, 0: mixture %v", w)
	}
}

// TestKANBasisUpdateGrid: for every basis, a grid update and a refine
// keep the layer's outputs on the samples, as closely as the basis
// allows: B-splines and Gaussians closely, a Fourier series only roughly
// where its range moves (then exactly on the same range), Chebyshev
// polynomials untouched by UpdateGrid and kept exactly by a finer Refine.
// The single Gaussian and Fourier bases get even knots on the samples'
// range, and Refine resizes every block.
func TestKANBasisUpdateGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	uniform := randMatrix(rng, 1000, 2, 0.9)
	normal := randNormal(rng, 1000, 2, 0.4)
	// Tolerances on max |Δy| relative to max |y| for the update from the
	// starting grid [-1, 1], then for a second update and a refine 5 -> 10
	// on the same samples.
	type tolerances struct{ first, again, refine float64 }
	tol := map[KANBasis]tolerances{
		BSplineBasis:    {0.05, 1e-3, 1e-3},
		ChebyshevBasis:  {0, 0, 1e-6},
		RBFBasis:        {0.12, 1e-4, 0.05},
		FourierBasis:    {0.6, 1e-4, 1e-4},
		SelectableBasis: {0.3, 1e-3, 0.02},
	}
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		for _, c := range []struct {
			name string
			x    Matrix
		}{{"uniform samples", uniform}, {"normal samples", normal}} {
			l := newTestKANBasis(t, 2, 3, 5, 3, 1, basis, 0, 3)
			smoothCoefficients(l)
			knots := slices.Clone(l.grid.Value)
			steps := []struct {
				name string
				f    func() error
				tol  float64
			}{
				{"update", func() error { return l.UpdateGrid(c.x) }, tol[basis].first},
				{"update again", func() error { return l.UpdateGrid(c.x) }, tol[basis].again},
				{"refine 5 -> 10", func() error { return l.Refine(10, c.x) }, tol[basis].refine},
			}
			for _, s := range steps {
				before := outputs(l, c.x)
				if err := s.f(); err != nil {
					t.Fatal(err)
				}
				diff, scale := maxChange(before, outputs(l, c.x))
				t.Logf("%s, %-15s max |Δy| %.3g of %.3g: relative %.3g", c.name, s.name, diff, scale, diff/scale)
				if diff > s.tol*scale {
					t.Errorf("%s, %s: outputs moved by %g, more than %g of %g", c.name, s.name, diff, s.tol, scale)
				}
				if s.name == "update" && basis == ChebyshevBasis && !slices.Equal(knots, l.grid.Value) {
					t.Errorf("UpdateGrid moved Chebyshev's knots")
				}
			}
			if l.Grid() != 10 || len(l.coef.Value) != len(kanPoolOf(basis))*6*13 || len(l.coef.Grad) != len(l.coef.Value) {
				t.Errorf("after refine: G %d, %d coefficients", l.Grid(), len(l.coef.Value))
			}
			lo, hi := slices.Min(column(c.x, 0)), slices.Max(column(c.x, 0))
			if basis == ChebyshevBasis {
				lo, hi = -1, 1
			}
			if basis != BSplineBasis && basis != SelectableBasis {
				h := (hi - lo) / 10
				for q, v := range l.knots(0) {
					if want := lo + float32(q-3)*h; math.Abs(float64(v-want)) > 1e-5 {
						t.Fatalf("knots %v, want even ones on %g..%g", l.knots(0), lo, hi)
					}
				}
			}
		}
	})
	// A coarser Chebyshev series is the truncated one.
	l := newTestKANBasis(t, 2, 3, 10, 3, 1, ChebyshevBasis, 0.5, 4)
	old := slices.Clone(l.coef.Value)
	if err := l.Refine(2, Matrix{}); err != nil {
		t.Fatal(err)
	}
	for e := range 6 {
		if !slices.Equal(l.coef.Value[e*5:(e+1)*5], old[e*13:e*13+5]) {
			t.Fatalf("edge %d: %v, want the first 5 of %v", e, l.coef.Value[e*5:(e+1)*5], old[e*13:(e+1)*13])
		}
	}
}

// smoothCoefficients sets every block's coefficients to slow sines, like
// a trained layer's smooth functions.
func smoothCoefficients(l *KAN) {
	nb := l.numBases()
	for e := range len(l.coef.Value) / nb {
		for m := range nb {
			l.coef.Value[e*nb+m] = float32(0.8 * math.Sin(4*float64(m)/float64(nb)+1.3*float64(e)) / float64(1+m/2))
		}
	}
}

// column returns column i of x.
func column(x Matrix, i int) []float32 {
	col := make([]float32, x.Rows)
	for r := range col {
		col[r] = x.At(r, i)
	}
	return col
}

// TestKANBasisSparsityGradient checks the sparsity penalty's gradient
// (with the selection penalty for the selectable basis) for every parameter of every basis (the logits included) against
// central differences of its value.
func TestKANBasisSparsityGradient(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(63, uint64(basis)))
		l := newTestKANBasis(t, 3, 2, 4, 3, 1, basis, 0.5, 5)
		x := randMatrix(rng, 25, 3, 1.2)
		l.SetSparsity(1)
		f := func() float64 {
			l.Forward(x)
			return float64(l.ExtraLoss(false))
		}
		f()
		for _, p := range l.Params() {
			clear(p.Grad)
		}
		l.ExtraLoss(true)
		for _, p := range l.Params() {
			analytic := slices.Clone(p.Grad)
			num, _ := numericGrad(p.Value, f, nil)
			if err := compareGrads(analytic, num, nil); err != nil {
				t.Errorf("%s: %v", p.Name, err)
			}
		}
		// the selectable basis adds its selection penalty (kan_select.go)
		if want := 1*sparsityRef(l, x) + l.selectionLoss(false); math.Abs(f()-want) > 1e-5*math.Abs(want) {
			t.Errorf("penalty %g, reference %g", f(), want)
		}
	})
}

// TestKANBasisEdgeViews: for every basis the edge curves add up to the
// layer's output, and an edge's strength is the spread of its curve over
// the batch.
func TestKANBasisEdgeViews(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(65, uint64(basis)))
		l := newTestKANBasis(t, 2, 3, 5, 3, 1, basis, 0.5, 3)
		if e := l.Edges(nil); slices.ContainsFunc(e, func(v float32) bool { return !(v >= 0) }) {
			t.Errorf("strengths before any forward: %v", e)
		}
		x := randMatrix(rng, 30, 2, 1.5)
		y := outputs(l, x)
		edges := l.Edges(nil)
		for i := range 2 {
			col := column(x, i)
			for j := range 3 {
				curve := toFloat64(l.EdgeCurve(i, j, col, nil))
				var mean, sq float64
				for _, v := range curve {
					mean += v / float64(len(curve))
				}
				for _, v := range curve {
					sq += (v - mean) * (v - mean)
				}
				if sd := math.Sqrt(sq / float64(len(curve)-1)); math.Abs(sd-float64(edges[i*3+j])) > 1e-5*(1+sd) {
					t.Errorf("edge %d->%d strength %g, std of its curve %g", i, j, edges[i*3+j], sd)
				}
			}
		}
		for r := range x.Rows {
			for j := range 3 {
				var sum float32
				for i := range 2 {
					sum += l.EdgeCurve(i, j, []float32{x.At(r, i)}, nil)[0]
				}
				if math.Abs(float64(sum-y[r*3+j])) > 1e-5 {
					t.Fatalf("row %d unit %d: curves sum to %g, output %g", r, j, sum, y[r*3+j])
				}
			}
		}
	})
}

// TestKANBasisInNetwork builds KAN[2,3,1] of each basis through the
// registry and checks its gradients end to end under MSE after a grid
// update on a hundred samples.
func TestKANBasisInNetwork(t *testing.T) {
	everyBasis(t, func(t *testing.T, basis KANBasis) {
		rng := rand.New(rand.NewPCG(67, uint64(basis)))
		net := buildKANWithBasis(t, []int{2, 3, 1}, 4, basis, rng)
		if err := UpdateKANGrids(net, randMatrix(rng, 100, 2, 1)); err != nil {
			t.Fatal(err)
		}
		x := randMatrix(rng, 8, 2, 1)
		target := randMatrix(rng, 8, 1, 1)
		loss := NewLoss(MSE)
		grad := Matrix{Rows: 8, Cols: 1, Data: make([]float32, 8)}
		f := func() float64 { return float64(loss.Eval(net.Forward(x), target, grad)) }
		net.ZeroGrad()
		f()
		net.Backward(grad)
		for n, p := range net.Params() {
			if err := compareGrads(p.Grad, richardsonGrad(p.Value, f), nil); err != nil {
				t.Errorf("param %d (%s): %v", n, p.Name, err)
			}
		}
	})
}
