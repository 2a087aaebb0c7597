package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"playground/kernels"
)

// KAN is a Kolmogorov-Arnold layer as pykan builds it (KANLayer): every
// edge from input i to unit j carries its own learned function
//
//	φ_ij(x) = scale_base_ij·SiLU(x) + scale_sp_ij·Σ_m c_ijm·B_m(x)
//
// and a unit adds its edges: y_j = Σ_i φ_ij(x_i), with no bias and no
// activation (the nonlinearity is the φs). B_0..B_{G+k-1} are the order-k
// B-splines on input i's knots, G intervals extended by k knots each side
// (bspline.go); they start as G equal intervals on [-a, a].
//
// It holds in·out·(G+k) spline coefficients plus in·out scale_base plus
// in·out scale_sp, and as state (not trained) the knots, in·(G+2k+1)
// values. pykan's mask is always 1 here and not stored. UpdateGrid moves
// the knots to where the data are, Refine changes G; both refit the
// coefficients so each φ keeps its values (kan_grid.go). SetSparsity turns
// on pykan's L1 + entropy penalty (kan_sparsity.go).
type KAN struct {
	in, out int
	g, k    int // grid intervals (Refine changes it) and spline order

	coef      Param // in·out x (G+k): row i·Out+j is edge i->j's c_ij
	scaleBase Param // in x out
	scaleSp   Param // in x out
	grid      Param // state, in x (G+2k+1): row i is input i's knots
	params    []*Param
	state     []*Param

	// The most recent Forward, kept in buffers the layer owns so Backward,
	// ExtraLoss and Edges never read the caller's (possibly reused) input.
	rows      int       // 0 before any Forward and after a grid change
	xBuf      []float32 // inputs, rows x in
	startBuf  []int32   // first nonzero basis per (row, input)
	basisBuf  []float32 // its k+1 basis values, rows x in x (k+1)
	dbasisBuf []float32 // their derivatives in x
	siluBuf   []float32 // SiLU(x), rows x in
	dsiluBuf  []float32 // SiLU'(x), rows x in
	yBuf      []float32 // output, rows x out
	dxBuf     []float32 // dL/dx, rows x in

	// float64 sums of a backward pass's gradients before they are added
	// to the Params' Grad (float32), sized like the parameters.
	coefAcc, baseAcc, spAcc []float64

	sparse kanSparsity
}

// A KAN layer keeps its knots as state, adds pykan's sparsity penalty to
// the objective, and skips dx when it is the first layer.
var (
	_ Stateful        = (*KAN)(nil)
	_ LossTerm        = (*KAN)(nil)
	_ paramBackwarder = (*KAN)(nil)
)

// KANLayer is the Kolmogorov-Arnold kind.
const KANLayer LayerKind = "kan"

// The option keys of a KAN layer.
const (
	kanGrid  = "g"
	kanOrder = "k"
	kanRange = "range"
)

// kanNoiseScale sets the initial coefficients: uniform noise of width
// kanNoiseScale/G around 0 (pykan's noise_scale), so each φ starts as
// scale_base·SiLU plus a small wiggle.
const kanNoiseScale = 0.1

func init() {
	registerKind(&KindInfo{
		Kind:  KANLayer,
		Label: "KAN",
		Help:  "Kolmogorov-Arnold layer: every edge learns its own function, SiLU plus a B-spline, and each unit adds its edges.",
		Options: []Option{{
			Key: kanGrid, Label: "grid",
			Help:    "Grid intervals G of each edge's spline: more intervals, finer functions, G+k coefficients per edge.",
			Default: 5, Min: 1, Max: 50, Integer: true,
		}, {
			Key: kanOrder, Label: "order",
			Help:    "Spline order k: 1 piecewise linear, 3 cubic (smooth to the second derivative).",
			Default: 3, Min: 1, Max: maxSplineOrder, Integer: true,
		}, {
			Key: kanRange, Label: "range",
			Help:    "Half-width a of the starting grid [-a, a]: 1 for the function sets on [-1, 1], 6 for points of the plane.",
			Default: 1, Min: 0.1, Max: 100,
		}},
		TakesActivation: false,
		CanOutput:       true,
		Params: func(in, out int, o Options) int {
			return in * out * (o.Int(kanGrid) + o.Int(kanOrder) + 2)
		},
		FLOPs: func(in, out int, o Options) int {
			return kanFLOPs(in, out, o.Int(kanOrder))
		},
		New: func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error) {
			return NewKAN(in, c.Units, c.Options.Int(kanGrid), c.Options.Int(kanOrder), float64(c.Options[kanRange]), init, rng)
		},
	}, 2)
}

// kanFLOPs counts one sample's forward pass as training runs it. Per input
// (shared by its out edges): the Cox-de Boor triangle, 9 operations for
// each of the k(k+3)/2 entries of levels 1..k, the k+1 derivatives Backward
// needs (4 each), and SiLU with its derivative (8, an exponential counted
// as one). Per edge: the spline's k+1 multiply-adds (2k+1), scaling and
// adding the SiLU term (3), and adding φ into the unit (1). Locating x
// among the knots is comparisons, not counted.
func kanFLOPs(in, out, k int) int {
	perInput := 9*k*(k+3)/2 + 4*(k+1) + 8
	perEdge := 2*k + 5
	return in*perInput + in*out*perEdge
}

// NewKAN makes a KAN layer of out units over in inputs with g grid
// intervals on [-a, a] and splines of order k, initialized as pykan does,
// drawing from rng in this order: scale_base_ij ~ U(-1, 1)/√in for every
// edge (i-major), then the coefficients ~ U(-½, ½)·kanNoiseScale/g (edge
// by edge, then basis); scale_sp_ij = 1/√in. pykan draws its noise at the
// grid points and fits coefficients to it; drawing the coefficients
// directly gives the same kind of small random wiggle without a solve.
// The Init of other kinds does not apply, except Zero, which makes every
// coefficient and both scales 0: every φ, and the output, start at 0.
// Beware that only scale_base then learns (its gradient is SiLU(x)·dy):
// with c and scale_sp both 0 each one's gradient is a multiple of the
// other, so the splines stay 0 and the layer is a weighted sum of SiLUs.
func NewKAN(in, out, g, k int, a float64, init Init, rng *rand.Rand) (*KAN, error) {
	switch {
	case in <= 0 || out <= 0:
		return nil, fmt.Errorf("nn: KAN layer %d -> %d", in, out)
	case g < 1:
		return nil, fmt.Errorf("nn: KAN layer needs at least one grid interval, got %d", g)
	case k < 1 || k > maxSplineOrder:
		return nil, fmt.Errorf("nn: KAN spline order %d is outside 1..%d", k, maxSplineOrder)
	case !(a > 0) || math.IsInf(a, 0):
		return nil, fmt.Errorf("nn: KAN grid half-width %g must be positive", a)
	}
	edges := in * out
	l := &KAN{
		in: in, out: out, g: g, k: k,
		scaleBase: Param{Name: "scale_base", Rows: in, Cols: out, Decay: true,
			Value: make([]float32, edges), Grad: make([]float32, edges)},
		scaleSp: Param{Name: "scale_sp", Rows: in, Cols: out, Decay: true,
			Value: make([]float32, edges), Grad: make([]float32, edges)},
		grid:    Param{Name: "grid", Rows: in},
		baseAcc: make([]float64, edges),
		spAcc:   make([]float64, edges),
	}
	l.coef = Param{Name: "coef", Rows: edges, Decay: true}
	l.setGrid(g, make([]float32, in*knotCount(g, k)), make([]float32, edges*(g+k)))
	l.params = []*Param{&l.coef, &l.scaleBase, &l.scaleSp}
	l.state = []*Param{&l.grid}
	l.sparse.init(in, out)
	for i := range in {
		uniformKnots(l.grid.Value[i*knotCount(g, k):], g, k, a)
	}
	if init == Zero {
		return l, nil
	}
	invSqrt := 1 / math.Sqrt(float64(in))
	for e := range l.scaleBase.Value {
		l.scaleBase.Value[e] = float32((2*rng.Float64() - 1) * invSqrt)
		l.scaleSp.Value[e] = float32(invSqrt)
	}
	noise := kanNoiseScale / float64(g)
	for m := range l.coef.Value {
		l.coef.Value[m] = float32((rng.Float64() - 0.5) * noise)
	}
	return l, nil
}

// setGrid installs g intervals with the given knots (in x (g+2k+1)) and
// coefficients (in·out x (g+k)), resizing the coefficients' gradient and
// sums, and forgets the last Forward, whose bases were on the old knots.
// The Param structs stay the same, so lists of them (Network.Params) stay
// valid; their lengths change with g.
func (l *KAN) setGrid(g int, knots, coef []float32) {
	l.g = g
	nb := g + l.k
	l.grid.Cols, l.grid.Value = knotCount(g, l.k), knots
	l.coef.Cols, l.coef.Value = nb, coef
	if len(l.coef.Grad) != len(coef) {
		l.coef.Grad = make([]float32, len(coef))
		l.coefAcc = make([]float64, len(coef))
	}
	l.rows = 0
}

// Kind returns KANLayer.
func (l *KAN) Kind() LayerKind { return KANLayer }

// In returns the number of inputs.
func (l *KAN) In() int { return l.in }

// Out returns the number of units.
func (l *KAN) Out() int { return l.out }

// Grid returns G, the number of grid intervals (Refine changes it).
func (l *KAN) Grid() int { return l.g }

// Order returns k, the spline order.
func (l *KAN) Order() int { return l.k }

// Params returns [coef, scale_base, scale_sp] in that order, which weight
// files rely on: coef (In·Out x (G+k), row i·Out+j for edge i->j), then
// scale_base and scale_sp (In x Out). All three decay.
func (l *KAN) Params() []*Param { return l.params }

// State returns [grid]: the knots, In x (G+2k+1), row i for input i. They
// are not trained (Grad is nil) but UpdateGrid and Refine change them.
func (l *KAN) State() []*Param { return l.state }

// numBases returns G+k, the number of coefficients per edge.
func (l *KAN) numBases() int { return l.g + l.k }

// knots returns input i's knots.
func (l *KAN) knots(i int) []float32 {
	n := l.grid.Cols
	return l.grid.Value[i*n : (i+1)*n]
}

// silu returns SiLU(x) = x·σ(x) and its derivative σ(x)·(1 + x·(1-σ(x))).
func silu(x float64) (y, dy float64) { return siluFromSigmoid(x, 1/(1+math.Exp(-x))) }

// siluFromSigmoid returns SiLU(x) and its derivative given s = σ(x).
func siluFromSigmoid(x, s float64) (y, dy float64) { return x * s, s * (1 + x*(1-s)) }

// grown resizes *buf to n entries, growing it only when too small.
func grown[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	*buf = (*buf)[:n]
	return *buf
}

// Forward computes y_j = Σ_i φ_ij(x_i) for the rows of x. It evaluates
// each input's bases once for all its edges and keeps them, with a copy
// of x, for Backward.
func (l *KAN) Forward(x Matrix) Matrix {
	if x.Cols != l.in {
		panic(fmt.Sprintf("nn: KAN layer of %d inputs given %d columns", l.in, x.Cols))
	}
	rows, in, out, k1, nb := x.Rows, l.in, l.out, l.k+1, l.numBases()
	l.rows = rows
	xs := grown(&l.xBuf, rows*in)
	copy(xs, x.Data[:rows*in])
	starts := grown(&l.startBuf, rows*in)
	basis := grown(&l.basisBuf, rows*in*k1)
	dbasis := grown(&l.dbasisBuf, rows*in*k1)
	sil := grown(&l.siluBuf, rows*in)
	dsil := grown(&l.dsiluBuf, rows*in)
	kernels.Sigmoid(sil, xs) // σ(x) first, in one (SIMD in the browser) pass
	y := resize(&l.yBuf, rows, out)
	clear(y.Data)
	coef, sb, sp := l.coef.Value, l.scaleBase.Value, l.scaleSp.Value
	for r := range rows {
		yr := y.Data[r*out : (r+1)*out]
		for i := range in {
			ri := r*in + i
			v := float64(xs[ri])
			s, ds := siluFromSigmoid(v, float64(sil[ri]))
			sil[ri], dsil[ri] = float32(s), float32(ds)
			b := basis[ri*k1 : (ri+1)*k1]
			st := splineBasis(l.knots(i), l.k, v, b, dbasis[ri*k1:(ri+1)*k1])
			starts[ri] = int32(st)
			fs := float32(s)
			for j := range out {
				e := i*out + j
				yr[j] += sb[e]*fs + sp[e]*splineAt(coef[e*nb:(e+1)*nb], st, b)
			}
		}
	}
	return y
}

// Backward accumulates the gradients of coef, scale_base and scale_sp
// for dy = dL/dy of the most recent Forward and returns dL/dx:
//
//	dL/dc_ijm         += Σ_r dy_rj·scale_sp_ij·B_m(x_ri)
//	dL/dscale_base_ij += Σ_r dy_rj·SiLU(x_ri)
//	dL/dscale_sp_ij   += Σ_r dy_rj·S_ij(x_ri)       (S the spline sum)
//	dL/dx_ri           = Σ_j dy_rj·(scale_base_ij·SiLU'(x_ri) + scale_sp_ij·S'_ij(x_ri))
//
// The sums over rows run in float64.
func (l *KAN) Backward(dy Matrix) Matrix {
	dx := resize(&l.dxBuf, l.rows, l.in)
	l.backward(dy, dx.Data)
	return dx
}

// BackwardParams is Backward without dx, for a first layer whose input
// gradient nobody reads.
func (l *KAN) BackwardParams(dy Matrix) { l.backward(dy, nil) }

// backward adds the parameter gradients and, when dx is not nil, writes
// the input gradient into it.
func (l *KAN) backward(dy Matrix, dx []float32) {
	if dy.Cols != l.out || dy.Rows != l.rows {
		panic(fmt.Sprintf("nn: KAN layer backward got %dx%d for a %dx%d output", dy.Rows, dy.Cols, l.rows, l.out))
	}
	in, out, k1, nb := l.in, l.out, l.k+1, l.numBases()
	coef, sb, sp := l.coef.Value, l.scaleBase.Value, l.scaleSp.Value
	cAcc, bAcc, sAcc := l.coefAcc, l.baseAcc, l.spAcc
	clear(cAcc)
	clear(bAcc)
	clear(sAcc)
	for r := range l.rows {
		dyr := dy.Data[r*out : (r+1)*out]
		for i := range in {
			ri := r*in + i
			st := int(l.startBuf[ri])
			b := l.basisBuf[ri*k1 : (ri+1)*k1]
			db := l.dbasisBuf[ri*k1 : (ri+1)*k1]
			s, ds := float64(l.siluBuf[ri]), l.dsiluBuf[ri]
			var dxri float32
			for j, g := range dyr {
				e := i*out + j
				c := coef[e*nb+st : e*nb+st+k1]
				acc := cAcc[e*nb+st : e*nb+st+k1]
				var spline, slope float32
				for q, v := range b {
					spline += c[q] * v
				}
				bAcc[e] += float64(g) * s
				sAcc[e] += float64(g) * float64(spline)
				gs := float64(g * sp[e])
				for q, v := range b {
					acc[q] += gs * float64(v)
				}
				if dx != nil {
					for q, v := range db {
						slope += c[q] * v
					}
					dxri += g * (sb[e]*ds + sp[e]*slope)
				}
			}
			if dx != nil {
				dx[ri] = dxri
			}
		}
	}
	addAcc(l.coef.Grad, cAcc)
	addAcc(l.scaleBase.Grad, bAcc)
	addAcc(l.scaleSp.Grad, sAcc)
}

// addAcc adds float64 sums into a float32 gradient.
func addAcc(grad []float32, acc []float64) {
	acc = acc[:len(grad)]
	for i, v := range acc {
		grad[i] += float32(v)
	}
}
