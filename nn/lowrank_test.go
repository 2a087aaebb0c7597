package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gonum "gonum.org/v1/gonum/mat"
)

// denseInit draws the In x Out matrix a Dense layer would start from with
// this seed, as float64.
func denseInit(init Init, in, out int, seed uint64) *gonum.Dense {
	w := make([]float32, in*out)
	initWeights(init, w, in, out, rand.New(rand.NewPCG(seed, 1)))
	w64 := make([]float64, len(w))
	for i, v := range w {
		w64[i] = float64(v)
	}
	return gonum.NewDense(in, out, w64)
}

// bestRankR returns the best rank-r approximation of w (Eckart–Young) from
// a float64 SVD, and the Frobenius norm of what it leaves out.
func bestRankR(t *testing.T, w *gonum.Dense, r int) (*gonum.Dense, float64) {
	t.Helper()
	var svd gonum.SVD
	if !svd.Factorize(w, gonum.SVDThin) {
		t.Fatal("SVD failed")
	}
	var u, v gonum.Dense
	svd.UTo(&u)
	svd.VTo(&v)
	s := svd.Values(nil)
	in, out := w.Dims()
	ur := u.Slice(0, in, 0, r)
	vr := v.Slice(0, out, 0, r)
	sr := gonum.NewDiagDense(r, s[:r])
	var us, approx gonum.Dense
	us.Mul(ur, sr)
	approx.Mul(&us, vr.T())
	var rest float64
	for _, x := range s[r:] {
		rest += x * x
	}
	return &approx, math.Sqrt(rest)
}

func edgesMatrix(l Layer) *gonum.Dense {
	e := l.Edges(nil)
	e64 := make([]float64, len(e))
	for i, v := range e {
		e64[i] = float64(v)
	}
	return gonum.NewDense(l.In(), l.Out(), e64)
}

// maxAbsDiff returns the largest |a-b| and the largest |b|.
func maxAbsDiff(a, b *gonum.Dense) (diff, scale float64) {
	rows, cols := b.Dims()
	for i := range rows {
		for j := range cols {
			diff = math.Max(diff, math.Abs(a.At(i, j)-b.At(i, j)))
			scale = math.Max(scale, math.Abs(b.At(i, j)))
		}
	}
	return diff, scale
}

// TestLowRankInitIsTruncatedSVD checks that V·U starts as the best rank-r
// approximation of the dense initialization drawn from the same seed,
// and equals it at full rank.
func TestLowRankInitIsTruncatedSVD(t *testing.T) {
	for _, c := range []struct{ in, out, r int }{
		{2, 8, 1}, {8, 2, 2}, {7, 5, 3}, {6, 6, 4}, {16, 9, 5}, {5, 5, 5}, {3, 9, 3}, {12, 4, 4}, {1, 1, 1},
	} {
		for _, init := range []Init{Glorot, He, LeCun, Uniform} {
			seed := uint64(100*c.in + 10*c.out + c.r)
			l, err := NewLowRank(c.in, c.out, c.r, Tanh, init, rand.New(rand.NewPCG(seed, 1)))
			if err != nil {
				t.Fatal(err)
			}
			w := denseInit(init, c.in, c.out, seed)
			want, rest := bestRankR(t, w, c.r)
			got := edgesMatrix(l)
			diff, scale := maxAbsDiff(got, want)
			if diff > 1e-5*scale+1e-7 {
				t.Errorf("%d-%d r=%d %v: V·U differs from the truncated SVD by %g (scale %g)", c.in, c.out, c.r, init, diff, scale)
			}
			// Eckart–Young: the error is exactly the discarded singular values.
			var res gonum.Dense
			res.Sub(w, got)
			if e := gonum.Norm(&res, 2); math.Abs(e-rest) > 1e-5*gonum.Norm(w, 2)+1e-7 {
				t.Errorf("%d-%d r=%d %v: ‖W - V·U‖ = %g, want %g", c.in, c.out, c.r, init, e, rest)
			}
			if c.r == min(c.in, c.out) {
				if diff, scale := maxAbsDiff(got, w); diff > 1e-5*scale {
					t.Errorf("%d-%d full rank %v: V·U differs from the dense W by %g (scale %g)", c.in, c.out, init, diff, scale)
				}
			}
			// The singular values are split evenly: column k of V and row k
			// of U both have norm sqrt(s_k).
			for k := range c.r {
				var vk, uk float64
				for i := range c.in {
					vk += float64(l.v.Value[i*c.r+k]) * float64(l.v.Value[i*c.r+k])
				}
				for j := range c.out {
					uk += float64(l.u.Value[k*c.out+j]) * float64(l.u.Value[k*c.out+j])
				}
				if math.Abs(vk-uk) > 1e-5*(vk+uk)+1e-9 {
					t.Errorf("%d-%d r=%d %v: direction %d has |V|² %g, |U|² %g", c.in, c.out, c.r, init, k, vk, uk)
				}
			}
			for j, b := range l.b.Value {
				if b != initialBias(init) {
					t.Errorf("%v: bias %d = %g, want %g", init, j, b, initialBias(init))
				}
			}
		}
	}
}

func TestLowRankInitDeterministic(t *testing.T) {
	build := func() (*LowRank, *rand.Rand) {
		rng := rand.New(rand.NewPCG(5, 6))
		l, err := NewLowRank(9, 7, 3, ReLU, He, rng)
		if err != nil {
			t.Fatal(err)
		}
		return l, rng
	}
	a, rngA := build()
	b, _ := build()
	for i := range a.Params() {
		if !slices.Equal(a.Params()[i].Value, b.Params()[i].Value) {
			t.Errorf("param %s differs between two layers from one seed", a.Params()[i].Name)
		}
	}
	// The layer draws exactly what a Dense layer draws, so later layers
	// see the same random stream whichever kind comes first.
	rngD := rand.New(rand.NewPCG(5, 6))
	NewDense(9, 7, ReLU, He, rngD)
	if rngA.Uint64() != rngD.Uint64() {
		t.Error("a low-rank layer consumes a different amount of randomness than a dense one")
	}
}

func TestLowRankZeroInit(t *testing.T) {
	l, err := NewLowRank(4, 6, 2, Tanh, Zero, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range l.Params() {
		for _, v := range p.Value {
			if v != 0 {
				t.Fatalf("param %s: %v with Zero init", p.Name, p.Value)
			}
		}
	}
}

// TestLowRankParams checks the parameter list's order, shapes and decay,
// and that the registry's Params and FLOPs match the layer.
func TestLowRankParams(t *testing.T) {
	info := LowRankLayer.Info()
	if info == nil {
		t.Fatal("lowrank is not registered")
	}
	if ks := LayerKinds(); len(ks) < 2 || ks[0].Kind != DenseLayer || ks[1].Kind != LowRankLayer {
		t.Errorf("menu order: dense then lowrank, got %v", ks)
	}
	if !info.TakesActivation || !info.CanOutput || info.TimeAxis {
		t.Errorf("flags: %+v", info)
	}
	o := info.Option("r")
	if o == nil || o.Label != "rank" || o.Default != 4 || o.Min != 1 || o.Max != 256 || !o.Integer {
		t.Errorf("rank option: %+v", o)
	}
	for _, c := range []struct{ in, out, r int }{{2, 8, 1}, {8, 2, 2}, {7, 5, 3}, {30, 20, 4}, {1, 1, 1}} {
		opts := Options{"r": float32(c.r)}
		l, err := info.New(LayerConfig{Kind: LowRankLayer, Units: c.out, Activation: ReLU, Options: opts}, c.in, Glorot, rand.New(rand.NewPCG(3, 4)))
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			name       string
			rows, cols int
			decay      bool
		}{{"V", c.in, c.r, true}, {"U", c.r, c.out, true}, {"b", 1, c.out, false}}
		ps := l.Params()
		if len(ps) != len(want) {
			t.Fatalf("%d params, want [V U b]", len(ps))
		}
		total := 0
		for i, p := range ps {
			w := want[i]
			if p.Name != w.name || p.Rows != w.rows || p.Cols != w.cols || p.Decay != w.decay ||
				len(p.Value) != w.rows*w.cols || len(p.Grad) != len(p.Value) {
				t.Errorf("param %d: %s %dx%d decay %v (%d values), want %s %dx%d decay %v",
					i, p.Name, p.Rows, p.Cols, p.Decay, len(p.Value), w.name, w.rows, w.cols, w.decay)
			}
			total += len(p.Value)
		}
		if n := info.Params(c.in, c.out, opts); n != total {
			t.Errorf("%d-%d r=%d: KindInfo.Params %d, layer holds %d", c.in, c.out, c.r, n, total)
		}
		// Multiply-adds of x·V and H·U, plus the bias, as dense counts them.
		if f, want := info.FLOPs(c.in, c.out, opts), 2*c.in*c.r+2*c.r*c.out+c.out; f != want {
			t.Errorf("%d-%d r=%d: FLOPs %d, want %d", c.in, c.out, c.r, f, want)
		}
		if f, d := info.FLOPs(c.in, c.out, Options{"r": 1}), DenseLayer.Info().FLOPs(c.in, c.out, nil); c.in*c.out > c.in+c.out && f >= d {
			t.Errorf("%d-%d: rank 1 costs %d FLOPs, dense %d", c.in, c.out, f, d)
		}
	}
}

// TestLowRankCheck refuses ranks above min(in, out) and accepts the rest.
func TestLowRankCheck(t *testing.T) {
	info := LowRankLayer.Info()
	for _, c := range []struct {
		in, out, r int
		ok         bool
	}{
		{5, 3, 3, true}, {5, 3, 4, false}, {3, 5, 3, true}, {3, 5, 4, false}, {1, 9, 1, true}, {1, 9, 2, false},
		{300, 300, 256, true},
	} {
		cfg := LayerConfig{Kind: LowRankLayer, Units: c.out, Activation: Tanh, Options: Options{"r": float32(c.r)}}
		err := info.Check(c.in, c.out, cfg.Options)
		problems := info.Problems(c.in, cfg)
		if c.ok != (err == nil) || c.ok != (len(problems) == 0) {
			t.Errorf("%d-%d r=%d: Check %v, Problems %v", c.in, c.out, c.r, err, problems)
		}
		if err != nil && !strings.Contains(err.Error(), "not low-rank") {
			t.Errorf("%d-%d r=%d: error does not say why: %v", c.in, c.out, c.r, err)
		}
		if _, err := NewLowRank(c.in, c.out, c.r, Tanh, Glorot, rand.New(rand.NewPCG(1, 1))); c.ok != (err == nil) {
			t.Errorf("%d-%d r=%d: NewLowRank error %v", c.in, c.out, c.r, err)
		}
	}
	for _, r := range []float32{0, 257, 2.5} {
		if p := info.Problems(8, LayerConfig{Kind: LowRankLayer, Units: 8, Options: Options{"r": r}}); len(p) == 0 {
			t.Errorf("r=%g accepted", r)
		}
	}
	if _, err := Build(3, []LayerConfig{{Kind: LowRankLayer, Units: 8, Activation: Tanh, Options: Options{"r": 4}}, {Kind: DenseLayer, Units: 2, Activation: Linear}}, Glorot, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("Build accepted rank 4 after 3 inputs")
	}
}

// TestLowRankMatchesDense compares the layer with a Dense layer holding
// its effective weights V·U and the same bias.
func TestLowRankMatchesDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, act := range Activations() {
		l, err := NewLowRank(6, 5, 2, act, Uniform, rng)
		if err != nil {
			t.Fatal(err)
		}
		d := NewDense(6, 5, act, Uniform, rng)
		d.w.Value = l.Edges(d.w.Value)
		copy(d.b.Value, l.b.Value)
		x := randMatrix(rng, 9, 6, 1)
		got, want := l.Forward(x), d.Forward(x)
		for i := range want.Data {
			if math.Abs(float64(got.Data[i]-want.Data[i])) > 1e-5 {
				t.Fatalf("%v: output %d is %g, dense gives %g", act, i, got.Data[i], want.Data[i])
			}
		}
	}
}

func TestLowRankEdgesReusesDst(t *testing.T) {
	l, err := NewLowRank(4, 3, 2, Tanh, Glorot, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]float32, 1, 64)
	e := l.Edges(dst)
	if len(e) != 12 || &e[0] != &dst[0] {
		t.Errorf("Edges: %d values, reused dst %v", len(e), &e[0] == &dst[0])
	}
	if n := testing.AllocsPerRun(10, func() { e = l.Edges(e) }); n != 0 {
		t.Errorf("Edges allocates %v times", n)
	}
}

// TestLowRankDoesNotAllocate: once warm, a training step's Forward,
// Backward and BackwardParams allocate nothing, also at a batch smaller
// than the largest so far.
func TestLowRankDoesNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, act := range Activations() {
		l, err := NewLowRank(8, 6, 3, act, He, rng)
		if err != nil {
			t.Fatal(err)
		}
		big, small := randMatrix(rng, 32, 8, 1), randMatrix(rng, 7, 8, 1)
		dyBig, dySmall := randMatrix(rng, 32, 6, 1), randMatrix(rng, 7, 6, 1)
		l.Forward(big)
		l.Backward(dyBig)
		step := func() {
			l.Forward(big)
			l.Backward(dyBig)
			l.Forward(small)
			l.BackwardParams(dySmall)
		}
		if n := testing.AllocsPerRun(20, step); n != 0 {
			t.Errorf("%v: a warm step allocates %v times", act, n)
		}
	}
}

func TestLowRankPanicsOnWrongShapes(t *testing.T) {
	l, err := NewLowRank(4, 3, 2, Tanh, Glorot, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
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
	mustPanic("BackwardParams with 2 columns", func() { l.BackwardParams(Matrix{Rows: 2, Cols: 2, Data: make([]float32, 4)}) })
}

// TestLowRankNetworkGradients builds a network with low-rank layers through
// the registry and checks its gradients end to end.
func TestLowRankNetworkGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	net, err := Build(4, []LayerConfig{
		{Kind: LowRankLayer, Units: 6, Activation: Tanh, Options: Options{"r": 2}},
		{Kind: DenseLayer, Units: 5, Activation: GELU},
		{Kind: LowRankLayer, Units: 3, Activation: Linear, Options: Options{"r": 3}},
	}, LeCun, rng)
	if err != nil {
		t.Fatal(err)
	}
	x := randMatrix(rng, 6, 4, 1.5)
	target := oneHot(rng, 6, 3)
	loss := NewLoss(CrossEntropy)
	grad := Matrix{Rows: 6, Cols: 3, Data: make([]float32, 18)}
	f := func() float64 { return float64(loss.Eval(net.Forward(x), target, grad)) }
	net.ZeroGrad()
	f()
	net.Backward(grad)
	for i, p := range net.Params() {
		num, _ := numericGrad(p.Value, f, nil)
		if err := compareGrads(p.Grad, num, nil); err != nil {
			t.Errorf("param %d (%s): %v", i, p.Name, err)
		}
	}
}
