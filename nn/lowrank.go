package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	gonum "gonum.org/v1/gonum/mat"

	"playground/kernels"
)

// LowRank is a dense layer whose weight matrix is factored through r
// hidden directions: y = act(x·V·U + b) for a batch x of rows x In, with V
// In x r, U r x Out (both row-major) and b of Out entries. It holds
// r·(In+Out) + Out parameters instead of In·Out + Out, and its effective
// weight V·U has rank at most r.
//
// The factors start from the truncated SVD of a dense initialization (as
// in StructuredFFN, Wei et al. 2024): W is drawn exactly as a Dense layer
// would draw it, W ≈ P·diag(s)·Qᵀ keeps the top r singular triplets, and
// the singular values are split evenly, V = P·diag(√s), U = diag(√s)·Qᵀ.
// V·U is then the best rank-r approximation of W (W itself when r is
// min(In, Out)), and V and U have balanced scales.
type LowRank struct {
	in, out, r int
	v, u, b    Param
	params     []*Param // [v, u, b], built once so Params does not allocate
	act        activationStage
	x          Matrix    // input of the most recent Forward (caller's buffer)
	hBuf       []float32 // H = x·V, rows x r
	dhBuf      []float32 // dL/dH, rows x r
	dxBuf      []float32 // dL/dx, returned by Backward
}

// LowRankLayer is the factored kind.
const LowRankLayer LayerKind = "lowrank"

// lowRankRank is the key of the rank option.
const lowRankRank = "r"

func init() {
	registerKind(&KindInfo{
		Kind:  LowRankLayer,
		Label: "low-rank",
		Help:  "A dense layer whose weights are a product of two thin matrices: y = act(x·V·U + b), rank r.",
		Options: []Option{{
			Key: lowRankRank, Label: "rank",
			Help:    "Inner width of the factorization: V is inputs x r, U is r x units.",
			Default: 4, Min: 1, Max: 256, Integer: true,
		}},
		TakesActivation: true,
		CanOutput:       true,
		Params: func(in, out int, o Options) int {
			return o.Int(lowRankRank)*(in+out) + out
		},
		// Like dense: multiply-adds of the two products, plus the bias; the
		// activation is not counted.
		FLOPs: func(in, out int, o Options) int {
			return 2*o.Int(lowRankRank)*(in+out) + out
		},
		Check: checkLowRank,
		Fit: func(in, out int, o Options) {
			o[lowRankRank] = float32(max(1, min(o.Int(lowRankRank), in, out)))
		},
		New: func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error) {
			return NewLowRank(in, c.Units, c.Options.Int(lowRankRank), c.Activation, init, rng)
		},
	}, 1)
}

// checkLowRank refuses a rank above min(in, out): V·U cannot have a higher
// rank, and the factors would hold more weights than the dense matrix.
func checkLowRank(in, out int, o Options) error {
	r, m := o.Int(lowRankRank), min(in, out)
	if r > m {
		return fmt.Errorf("rank r=%d is above min(inputs, units)=%d: the factors would hold %d weights, more than a dense layer's %d, for no higher rank (not low-rank)",
			r, m, r*(in+out), in*out)
	}
	return nil
}

// NewLowRank makes a layer of out units over in inputs through rank r,
// initialized from the truncated SVD of a dense initialization drawn by
// init from rng (see LowRank); biases start at initialBias(init). With
// Zero both factors are zero. It fails when r is not in 1..min(in, out).
func NewLowRank(in, out, r int, act Activation, init Init, rng *rand.Rand) (*LowRank, error) {
	if in <= 0 || out <= 0 || r <= 0 || r > min(in, out) {
		return nil, fmt.Errorf("nn: low-rank layer %d -> %d needs a rank in 1..%d, got %d", in, out, min(in, out), r)
	}
	l := &LowRank{
		in: in, out: out, r: r,
		v: Param{Name: "V", Rows: in, Cols: r, Decay: true,
			Value: make([]float32, in*r), Grad: make([]float32, in*r)},
		u: Param{Name: "U", Rows: r, Cols: out, Decay: true,
			Value: make([]float32, r*out), Grad: make([]float32, r*out)},
		b: Param{Name: "b", Rows: 1, Cols: out,
			Value: make([]float32, out), Grad: make([]float32, out)},
		act: newActivationStage(act),
	}
	l.params = []*Param{&l.v, &l.u, &l.b}
	for j := range l.b.Value {
		l.b.Value[j] = initialBias(init)
	}
	w := make([]float32, in*out)
	initWeights(init, w, in, out, rng)
	if init != Zero {
		if err := factorTruncated(w, in, out, r, l.v.Value, l.u.Value); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// factorTruncated writes v (in x r) and u (r x out) with v·u the best
// rank-r approximation of w (in x out, row-major), the singular values
// split evenly between the two. The SVD runs in float64.
func factorTruncated(w []float32, in, out, r int, v, u []float32) error {
	w64 := make([]float64, len(w))
	for i, x := range w {
		w64[i] = float64(x)
	}
	var svd gonum.SVD
	if !svd.Factorize(gonum.NewDense(in, out, w64), gonum.SVDThin) {
		return fmt.Errorf("nn: SVD of the %dx%d initial weights failed", in, out)
	}
	var p, q gonum.Dense
	svd.UTo(&p) // in x min(in, out)
	svd.VTo(&q) // out x min(in, out)
	s := svd.Values(nil)
	for k := range r {
		root := math.Sqrt(s[k])
		for i := range in {
			v[i*r+k] = float32(p.At(i, k) * root)
		}
		for j := range out {
			u[k*out+j] = float32(root * q.At(j, k))
		}
	}
	return nil
}

// Kind returns LowRankLayer.
func (l *LowRank) Kind() LayerKind { return LowRankLayer }

// In returns the number of inputs.
func (l *LowRank) In() int { return l.in }

// Out returns the number of units.
func (l *LowRank) Out() int { return l.out }

// Rank returns r, the inner width of the factorization.
func (l *LowRank) Rank() int { return l.r }

// Activation returns the layer's nonlinearity.
func (l *LowRank) Activation() Activation { return l.act.act }

// Params returns [V, U, b] in that order, which weight files rely on:
// V (In x r) and U (r x Out) decay, b (1 x Out) does not.
func (l *LowRank) Params() []*Param { return l.params }

// Bias returns b (1 x Out).
func (l *LowRank) Bias() *Param { return &l.b }

// PreActivation returns x·V·U + b from the most recent Forward.
func (l *LowRank) PreActivation() Matrix { return l.act.preActivation() }

// Edges writes the effective weight V·U (In x Out): the entry from input i
// to unit j is at [i*Out+j].
func (l *LowRank) Edges(dst []float32) []float32 {
	n := l.in * l.out
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	kernels.GemmNN(l.in, l.out, l.r, 1, l.v.Value, l.r, l.u.Value, l.out, 0, dst, l.out)
	return dst
}

// Forward computes act(x·V·U + b) for the rows of x, as H = x·V then
// H·U + b. It keeps a view of x for Backward, so x must not change in
// between.
func (l *LowRank) Forward(x Matrix) Matrix {
	if x.Cols != l.in {
		// The gemm would read rows at the wrong stride: fail loudly.
		panic(fmt.Sprintf("nn: low-rank layer of %d inputs given %d columns", l.in, x.Cols))
	}
	l.x = x
	h := resize(&l.hBuf, x.Rows, l.r)
	kernels.GemmNN(x.Rows, l.r, l.in, 1, x.Data, l.in, l.v.Value, l.r, 0, h.Data, l.r)
	z := l.act.pre(x.Rows, l.out)
	kernels.GemmNN(x.Rows, l.out, l.r, 1, h.Data, l.r, l.u.Value, l.out, 0, z.Data, l.out)
	kernels.AddBias(x.Rows, l.out, l.b.Value, z.Data, l.out)
	return l.act.forward()
}

// Backward accumulates dU += Hᵀ·dz, db += column sums of dz and
// dV += xᵀ·dH, where dz = dy ⊙ act'(z) and dH = dz·Uᵀ, and returns
// dx = dH·Vᵀ.
func (l *LowRank) Backward(dy Matrix) Matrix {
	dh := l.backwardParams(dy)
	dx := resize(&l.dxBuf, dh.Rows, l.in)
	kernels.GemmNT(dh.Rows, l.in, l.r, 1, dh.Data, l.r, l.v.Value, l.r, 0, dx.Data, l.in)
	return dx
}

// BackwardParams is Backward without dx, for a first layer whose input
// gradient nobody reads.
func (l *LowRank) BackwardParams(dy Matrix) { l.backwardParams(dy) }

// backwardParams accumulates the parameter gradients and returns dH.
func (l *LowRank) backwardParams(dy Matrix) Matrix {
	if dy.Cols != l.out || dy.Rows != l.x.Rows {
		panic(fmt.Sprintf("nn: low-rank layer backward got %dx%d for a %dx%d output", dy.Rows, dy.Cols, l.x.Rows, l.out))
	}
	rows := dy.Rows
	dz := l.act.backward(dy)
	h := l.hBuf[:rows*l.r] // from the Forward that dy belongs to
	kernels.GemmTN(l.r, l.out, rows, 1, h, l.r, dz.Data, l.out, 1, l.u.Grad, l.out)
	kernels.SumRows(rows, l.out, dz.Data, l.out, l.b.Grad)
	dh := resize(&l.dhBuf, rows, l.r)
	kernels.GemmNT(rows, l.r, l.out, 1, dz.Data, l.out, l.u.Value, l.out, 0, dh.Data, l.r)
	kernels.GemmTN(l.in, l.r, rows, 1, l.x.Data, l.in, dh.Data, l.r, 1, l.v.Grad, l.r)
	return dh
}
