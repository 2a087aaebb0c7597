package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// newTestKAN makes a KAN layer and, when wiggle > 0, replaces its small
// initial coefficients by U(-wiggle, wiggle), so the splines matter.
func newTestKAN(t testing.TB, in, out, g, k int, a float64, wiggle float64, seed uint64) *KAN {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	l, err := NewKAN(in, out, g, k, a, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	if wiggle > 0 {
		for m := range l.coef.Value {
			l.coef.Value[m] = float32((2*rng.Float64() - 1) * wiggle)
		}
	}
	return l
}

// kanRef is the layer's forward pass in float64 from its definition:
// y_j = Σ_i scale_base_ij·SiLU(x_i) + scale_sp_ij·Σ_m c_ijm·B_m(x_i), the
// bases from the whole-array recursion.
func kanRef(l *KAN, x Matrix) []float64 {
	y := make([]float64, x.Rows*l.out)
	nb := l.numBases()
	for r := range x.Rows {
		for i := range l.in {
			v := float64(x.At(r, i))
			b := bsplineRef(toFloat64(l.knots(i)), l.k, v)
			s := v / (1 + math.Exp(-v))
			for j := range l.out {
				e := i*l.out + j
				var spline float64
				for m, bv := range b {
					spline += float64(l.coef.Value[e*nb+m]) * bv
				}
				y[r*l.out+j] += float64(l.scaleBase.Value[e])*s + float64(l.scaleSp.Value[e])*spline
			}
		}
	}
	return y
}

func TestKANRegistered(t *testing.T) {
	info := KANLayer.Info()
	if info == nil {
		t.Fatal("kan is not registered")
	}
	ks := LayerKinds()
	if len(ks) < 3 || ks[2].Kind != KANLayer {
		t.Errorf("menu order: dense, lowrank, kan; got %v", ks)
	}
	if info.Label != "KAN" || info.Help == "" || info.TakesActivation || !info.CanOutput || info.TimeAxis || info.Check != nil {
		t.Errorf("flags: %+v", info)
	}
	for _, want := range []Option{
		{Key: "g", Default: 5, Min: 1, Max: 50, Integer: true},
		{Key: "k", Default: 3, Min: 1, Max: 5, Integer: true},
		{Key: "range", Default: 1, Min: 0.1, Max: 100, Integer: false},
		{Key: "basis", Default: 0, Min: 0, Max: 4, Integer: true,
			Choices: []string{"B-spline", "Chebyshev", "Gaussian RBF", "Fourier", "selectable"}},
	} {
		o := info.Option(want.Key)
		if o == nil || o.Default != want.Default || o.Min != want.Min || o.Max != want.Max || o.Integer != want.Integer ||
			o.Label == "" || o.Help == "" || !slices.Equal(o.Choices, want.Choices) {
			t.Errorf("option %s: %+v", want.Key, o)
		}
	}
	if p := info.Problems(3, LayerConfig{Kind: KANLayer, Units: 2, Activation: Tanh, Options: info.DefaultOptions()}); len(p) == 0 {
		t.Error("a KAN layer accepted an activation")
	}
	for _, in := range []int{1, 2, 7, 300} {
		if p := info.Problems(in, LayerConfig{Kind: KANLayer, Units: 1, Activation: Linear, Options: info.DefaultOptions()}); len(p) > 0 {
			t.Errorf("%d inputs: %v", in, p)
		}
	}
}

// TestKANParams checks the parameter and state lists' order, shapes and
// decay, and the registry's count and FLOPs.
func TestKANParams(t *testing.T) {
	info := KANLayer.Info()
	for _, c := range []struct{ in, out, g, k int }{{2, 5, 3, 3}, {5, 1, 5, 3}, {1, 1, 1, 1}, {7, 3, 50, 5}} {
		opts := Options{"g": float32(c.g), "k": float32(c.k), "range": 1, "lamb": 0}
		l, err := info.New(LayerConfig{Kind: KANLayer, Units: c.out, Activation: Linear, Options: opts}, c.in, Glorot, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		nb := c.g + c.k
		want := []struct {
			name       string
			rows, cols int
			decay      bool
		}{{"coef", c.in * c.out, nb, true}, {"scale_base", c.in, c.out, true}, {"scale_sp", c.in, c.out, true}, {"sym", 0, 4, false}}
		total := 0
		if len(l.Params()) != len(want) {
			t.Fatalf("%d params, want %d", len(l.Params()), len(want))
		}
		for n, p := range l.Params() {
			w := want[n]
			if p.Name != w.name || p.Rows != w.rows || p.Cols != w.cols || p.Decay != w.decay || len(p.Value) != w.rows*w.cols || len(p.Grad) != len(p.Value) {
				t.Errorf("param %d: %s %dx%d decay %v (%d values)", n, p.Name, p.Rows, p.Cols, p.Decay, len(p.Value))
			}
			total += len(p.Value)
		}
		if got := info.Params(c.in, c.out, opts); got != total || total != c.in*c.out*(nb+2) {
			t.Errorf("%+v: KindInfo.Params %d, layer %d", c, got, total)
		}
		st := l.(Stateful).State()
		if len(st) != 2 || st[1].Name != "edges" || st[1].Grad != nil || st[1].Rows != c.in || st[1].Cols != c.out {
			t.Errorf("%+v: state %+v", c, st)
		}
		if st[0].Name != "grid" || st[0].Grad != nil || st[0].Rows != c.in || st[0].Cols != c.g+2*c.k+1 || len(st[0].Value) != c.in*(c.g+2*c.k+1) {
			t.Errorf("%+v: state %+v", c, st[0])
		}
		perInput := 9*c.k*(c.k+3)/2 + 4*(c.k+1) + 8
		if f := info.FLOPs(c.in, c.out, opts); f != c.in*perInput+c.in*c.out*(2*c.k+5) {
			t.Errorf("%+v: FLOPs %d", c, f)
		}
	}
	// KAN[2,5,1] at G=5, k=3: the numbers a user sees.
	o := Options{"g": 5, "k": 3, "range": 1, "lamb": 0}
	t.Logf("KAN 2->5: %d params, %d FLOPs; 5->1: %d params, %d FLOPs (dense 2->5: %d FLOPs)",
		info.Params(2, 5, o), info.FLOPs(2, 5, o), info.Params(5, 1, o), info.FLOPs(5, 1, o), DenseLayer.Info().FLOPs(2, 5, nil))
}

// TestKANInit: scales as pykan draws them, small coefficients, uniform
// knots on [-a, a], determinism from the seed, and Zero.
func TestKANInit(t *testing.T) {
	const in, out, g, k, a = 4, 3, 5, 3, 2.0
	l, err := NewKAN(in, out, g, k, a, He, rand.New(rand.NewPCG(7, 8)))
	if err != nil {
		t.Fatal(err)
	}
	bound := 1 / math.Sqrt(in)
	for e := range in * out {
		if sb := float64(l.scaleBase.Value[e]); math.Abs(sb) > bound {
			t.Errorf("scale_base %d = %g beyond 1/√in", e, sb)
		}
		if sp := float64(l.scaleSp.Value[e]); math.Abs(sp-bound) > 1e-7 {
			t.Errorf("scale_sp %d = %g, want 1/√in", e, sp)
		}
	}
	for m, c := range l.coef.Value {
		if math.Abs(float64(c)) > 0.5*kanNoiseScale/g {
			t.Errorf("coefficient %d = %g beyond the noise", m, c)
		}
	}
	for i := range in {
		knots := l.knots(i)
		if knots[k] != -a || knots[k+g] != a || math.Abs(float64(knots[0])+a+float64(k)*2*a/g) > 1e-6 {
			t.Errorf("input %d knots %v", i, knots)
		}
	}
	again, _ := NewKAN(in, out, g, k, a, He, rand.New(rand.NewPCG(7, 8)))
	for n, p := range l.Params() {
		if !slices.Equal(p.Value, again.Params()[n].Value) {
			t.Errorf("%s differs between two layers from one seed", p.Name)
		}
	}
	zero, _ := NewKAN(in, out, g, k, a, Zero, rand.New(rand.NewPCG(7, 8)))
	for _, p := range zero.Params() {
		if slices.ContainsFunc(p.Value, func(v float32) bool { return v != 0 }) {
			t.Errorf("Zero init: %s = %v", p.Name, p.Value)
		}
	}
	// As documented: from Zero only scale_base gets a gradient.
	zrng := rand.New(rand.NewPCG(9, 10))
	zero.Forward(randMatrix(zrng, 6, in, 1))
	zero.Backward(randMatrix(zrng, 6, out, 1))
	for _, p := range zero.Params() {
		moving := slices.ContainsFunc(p.Grad, func(v float32) bool { return v != 0 })
		if moving != (p.Name == "scale_base") {
			t.Errorf("Zero init: %s gradient %v", p.Name, p.Grad)
		}
	}
	for _, bad := range []struct {
		in, out, g, k int
		a             float64
	}{{0, 1, 5, 3, 1}, {1, 0, 5, 3, 1}, {1, 1, 0, 3, 1}, {1, 1, 5, 0, 1}, {1, 1, 5, 6, 1}, {1, 1, 5, 3, 0}, {1, 1, 5, 3, math.NaN()}} {
		if _, err := NewKAN(bad.in, bad.out, bad.g, bad.k, bad.a, Glorot, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("NewKAN%+v accepted", bad)
		}
	}
}

// TestKANForwardMatchesReference compares the float32 layer with the
// float64 definition on random inputs reaching past the grid on both
// sides, on uniform knots and on knots moved by UpdateGrid.
func TestKANForwardMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	worst := 0.0
	for n, c := range []struct {
		in, out, g, k int
		a             float64
	}{{2, 5, 3, 3, 1}, {5, 1, 5, 3, 1}, {3, 4, 10, 1, 6}, {4, 2, 7, 5, 2}, {1, 1, 1, 2, 0.5}, {6, 6, 50, 3, 1}} {
		l := newTestKAN(t, c.in, c.out, c.g, c.k, c.a, 0.5, uint64(n))
		for _, moved := range []bool{false, true} {
			if moved {
				if err := l.UpdateGrid(randNormal(rng, 300, c.in, c.a/2)); err != nil {
					t.Fatal(err)
				}
			}
			x := randMatrix(rng, 40, c.in, 1.5*c.a)
			got := l.Forward(x)
			want := kanRef(l, x)
			for m, w := range want {
				d := math.Abs(float64(got.Data[m]) - w)
				worst = max(worst, d/(1+math.Abs(w)))
				if d > 1e-5*(1+math.Abs(w)) {
					t.Fatalf("%+v moved=%v: output %d = %g, float64 reference %g", c, moved, m, got.Data[m], w)
				}
			}
		}
	}
	t.Logf("largest relative difference from the float64 reference: %.3g", worst)
}

// randNormal returns rows of N(0, sd²) values.
func randNormal(rng *rand.Rand, rows, cols int, sd float64) Matrix {
	m := Matrix{Rows: rows, Cols: cols, Data: make([]float32, rows*cols)}
	for i := range m.Data {
		m.Data[i] = float32(rng.NormFloat64() * sd)
	}
	return m
}

// checkKANGradients compares backprop with central differences for the
// loss sum(y ⊙ r) for every parameter and, unless skipInput, the input.
func checkKANGradients(t *testing.T, l *KAN, x Matrix, rng *rand.Rand, skipInput bool) {
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
	grads := make([][]float32, len(l.Params()))
	for n, p := range l.Params() {
		grads[n] = slices.Clone(p.Grad)
	}
	for n, p := range l.Params() {
		num, _ := numericGrad(p.Value, loss, nil)
		if err := compareGrads(grads[n], num, nil); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
	if !skipInput {
		num, _ := numericGrad(x.Data, loss, nil)
		if err := compareGrads(dx, num, nil); err != nil {
			t.Errorf("input: %v", err)
		}
	}
}

// TestKANGradients checks every parameter and the input against finite
// differences with large coefficients, on uniform and on moved knots. The
// input check needs k >= 2: a piecewise-linear spline has kinks at its
// knots, which a finite difference may straddle.
func TestKANGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for n, c := range []struct {
		in, out, g, k int
		a             float64
	}{{2, 5, 3, 3, 1}, {5, 1, 5, 3, 1}, {3, 2, 4, 1, 1}, {2, 3, 6, 2, 2}, {3, 3, 5, 5, 1.5}, {1, 2, 1, 3, 1}} {
		t.Run(fmt.Sprintf("%d-%d,g=%d,k=%d", c.in, c.out, c.g, c.k), func(t *testing.T) {
			l := newTestKAN(t, c.in, c.out, c.g, c.k, c.a, 0.5, uint64(n))
			x := randMatrix(rng, 6, c.in, 1.3*c.a)
			checkKANGradients(t, l, x, rng, c.k < 2)
			if err := l.UpdateGrid(randNormal(rng, 200, c.in, c.a/2)); err != nil {
				t.Fatal(err)
			}
			checkKANGradients(t, l, x, rng, c.k < 2)
		})
	}
}

// TestKANBackwardParams: the same parameter gradients as Backward.
func TestKANBackwardParams(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	l := newTestKAN(t, 3, 4, 5, 3, 1, 0.5, 1)
	x, dy := randMatrix(rng, 9, 3, 1.2), randMatrix(rng, 9, 4, 1)
	l.Forward(x)
	l.Backward(dy)
	want := make([][]float32, len(l.Params()))
	for n, p := range l.Params() {
		want[n] = slices.Clone(p.Grad)
		clear(p.Grad)
	}
	l.BackwardParams(dy)
	for n, p := range l.Params() {
		if err := closeSlices(p.Grad, want[n]); err != nil {
			t.Errorf("%s: %v", p.Name, err)
		}
	}
}

// TestKANNetworkGradients builds KAN[2,5,1] through the registry and checks
// its gradients end to end under MSE, and that the network lists the
// grids as state.
func TestKANNetworkGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	net := buildKAN(t, []int{2, 5, 1}, 3, rng)
	if st := net.State(); len(st) != 4 || st[0].Name != "grid" || st[0].Rows != 2 || st[2].Rows != 5 || st[3].Name != "edges" {
		t.Errorf("network state %v", st)
	}
	x := randMatrix(rng, 8, 2, 1)
	if err := UpdateKANGrids(net, x); err != nil {
		t.Fatal(err)
	}
	target := randMatrix(rng, 8, 1, 1)
	loss := NewLoss(MSE)
	grad := Matrix{Rows: 8, Cols: 1, Data: make([]float32, 8)}
	f := func() float64 { return float64(loss.Eval(net.Forward(x), target, grad)) }
	net.ZeroGrad()
	f()
	net.Backward(grad)
	for n, p := range net.Params() {
		num, _ := numericGrad(p.Value, f, nil)
		if err := compareGrads(p.Grad, num, nil); err != nil {
			t.Errorf("param %d (%s): %v", n, p.Name, err)
		}
	}
}

// buildKAN makes a stack of B-spline KAN layers of the given widths
// (inputs first) with g grid intervals, k = 3, on [-1, 1].
func buildKAN(t testing.TB, widths []int, g int, rng *rand.Rand) *Network {
	t.Helper()
	return buildKANWithBasis(t, widths, g, BSplineBasis, rng)
}

// buildKANWithBasis is buildKAN with the given basis.
func buildKANWithBasis(t testing.TB, widths []int, g int, basis KANBasis, rng *rand.Rand) *Network {
	t.Helper()
	var layers []LayerConfig
	for _, w := range widths[1:] {
		layers = append(layers, LayerConfig{Kind: KANLayer, Units: w, Activation: Linear,
			Options: Options{"g": float32(g), "k": 3, "range": 1, "basis": float32(basis), "lamb": 0}})
	}
	net, err := Build(widths[0], layers, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// TestKANDoesNotAllocate: once warm, Forward, Backward, BackwardParams,
// the sparsity penalty, Edges and EdgeCurve allocate nothing, also at a
// batch smaller than the largest so far.
func TestKANDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	l := newTestKAN(t, 4, 3, 5, 3, 1, 0.3, 2)
	step := kanWarmStep(l, rng, 50)
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("a warm step allocates %v times", n)
	}
}

func TestKANPanicsOnWrongShapes(t *testing.T) {
	l := newTestKAN(t, 4, 3, 5, 3, 1, 0, 1)
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	mustPanic("Forward with 5 columns", func() { l.Forward(Matrix{Rows: 2, Cols: 5, Data: make([]float32, 10)}) })
	l.Forward(Matrix{Rows: 2, Cols: 4, Data: make([]float32, 8)})
	mustPanic("Backward with 4 columns", func() { l.Backward(Matrix{Rows: 2, Cols: 4, Data: make([]float32, 8)}) })
	mustPanic("Backward with 3 rows", func() { l.Backward(Matrix{Rows: 3, Cols: 3, Data: make([]float32, 9)}) })
	if err := l.UpdateGrid(randMatrix(rand.New(rand.NewPCG(1, 1)), 20, 4, 1)); err != nil {
		t.Fatal(err)
	}
	mustPanic("Backward after a grid update", func() { l.Backward(Matrix{Rows: 2, Cols: 3, Data: make([]float32, 6)}) })
}

// TestKANEdgeViews: Edges is the spread of φ over the last batch (or a
// parameter guess before any), EdgeCurve is φ, InputRange the batch's or
// the grid's range.
func TestKANEdgeViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	l := newTestKAN(t, 2, 3, 5, 3, 1, 0.5, 3)
	before := l.Edges(nil)
	for e, v := range before {
		nb := l.numBases()
		var sq float64
		for _, c := range l.coef.Value[e*nb : (e+1)*nb] {
			sq += float64(c) * float64(c)
		}
		want := math.Abs(float64(l.scaleBase.Value[e])) + math.Abs(float64(l.scaleSp.Value[e]))*math.Sqrt(sq)
		if math.Abs(float64(v)-want) > 1e-6 {
			t.Errorf("edge %d before any forward: %g, want %g", e, v, want)
		}
	}
	if lo, hi := l.InputRange(1); lo != -1 || hi != 1 {
		t.Errorf("range before any forward: %g..%g, want the grid -1..1", lo, hi)
	}

	x := randMatrix(rng, 30, 2, 1.5)
	l.Forward(x)
	edges := l.Edges(nil)
	for i := range 2 {
		col := make([]float32, x.Rows)
		for r := range x.Rows {
			col[r] = x.At(r, i)
		}
		lo, hi := l.InputRange(i)
		if lo != slices.Min(col) || hi != slices.Max(col) {
			t.Errorf("input %d range %g..%g, batch %g..%g", i, lo, hi, slices.Min(col), slices.Max(col))
		}
		for j := range 3 {
			phi := l.EdgeCurve(i, j, col, nil)
			var mean, sq float64
			for _, v := range phi {
				mean += float64(v) / float64(len(phi))
			}
			for _, v := range phi {
				sq += (float64(v) - mean) * (float64(v) - mean)
			}
			if sd := math.Sqrt(sq / float64(len(phi)-1)); math.Abs(sd-float64(edges[i*3+j])) > 1e-5*(1+sd) {
				t.Errorf("edge %d->%d strength %g, std of its curve over the batch %g", i, j, edges[i*3+j], sd)
			}
		}
	}
	// The curves add up to the layer's output.
	for r := range x.Rows {
		for j := range 3 {
			var sum float32
			for i := range 2 {
				sum += l.EdgeCurve(i, j, []float32{x.At(r, i)}, nil)[0]
			}
			if y := l.yBuf[r*3+j]; math.Abs(float64(sum-y)) > 1e-5 {
				t.Fatalf("row %d unit %d: curves sum to %g, output %g", r, j, sum, y)
			}
		}
	}
}

// BenchmarkKANForwardBackward times one forward and backward pass of
// KAN[2,5,1], G=5, k=3, over 1000 points (plus dL/dy = y, no loss): the
// issue's speed target against pykan. Under Node, body=wasm uses the
// WebAssembly kernels and body=go the Go bodies, in the same run; make
// bench reports both.
func BenchmarkKANForwardBackward(b *testing.B) {
	for _, body := range benchBodies() {
		b.Run("2-5-1/G5/body="+body, func(b *testing.B) { benchKANPass(b, BSplineBasis, body) })
	}
}

// kanWarmStep returns a step of a 4-in, 3-out KAN layer with sparsity on,
// for the tests that a warm layer allocates nothing: Forward and Backward
// at a batch of 64, then BackwardParams at a smaller one, the penalty
// each time, Edges and an EdgeCurve over xsLen points.
func kanWarmStep(l *KAN, rng *rand.Rand, xsLen int) func() {
	l.SetSparsity(1e-3)
	big, small := randMatrix(rng, 64, 4, 1.2), randMatrix(rng, 7, 4, 1.2)
	dyBig, dySmall := randMatrix(rng, 64, 3, 1), randMatrix(rng, 7, 3, 1)
	xs := make([]float32, xsLen)
	var edges, curve []float32
	return func() {
		l.Forward(big)
		l.Backward(dyBig)
		l.ExtraLoss(true)
		l.Forward(small)
		l.BackwardParams(dySmall)
		l.ExtraLoss(true)
		edges = l.Edges(edges)
		curve = l.EdgeCurve(1, 2, xs, curve)
	}
}
