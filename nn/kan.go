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
// activation (the nonlinearity is the φs). B_0..B_{G+k-1} are, by default,
// the order-k B-splines on input i's knots, G intervals extended by k
// knots each side (bspline.go); they start as G equal intervals on
// [-a, a]. The basis option picks other functions instead (Chebyshev,
// Gaussian RBF, Fourier: kan_basis.go) on the same G+k coefficients per
// edge, or mixes all four per unit (kan_mixture.go).
//
// It holds in·out·(G+k) coefficients (four times as many for the
// selectable basis, plus 4 mixing logits per unit) plus in·out scale_base
// plus in·out scale_sp, and as state (not trained) the knots,
// in·(G+2k+1) values, which also give the other bases their range.
// pykan's mask is always 1 here and not stored. UpdateGrid moves the
// knots to where the data are, Refine changes G; both refit the
// coefficients so each φ keeps its values (kan_grid.go). SetSparsity turns
// on pykan's L1 + entropy penalty (kan_sparsity.go).
type KAN struct {
	in, out int
	g, k    int     // grid intervals (Refine changes it) and spline order
	a       float64 // the range option: the starting grid, Chebyshev's scale
	basis   KANBasis

	// The bases evaluated at every input value: slotArr[:1] with the
	// layer's basis, or the pool of four for SelectableBasis. stride is
	// the sum of their widths, the values kept per (row, input).
	slots   []kanSlot
	slotArr [kanPool]kanSlot
	stride  int

	coef      Param // slots·in·out x (G+k): row s·In·Out + i·Out + j is slot s's c_ij
	scaleBase Param // in x out
	scaleSp   Param // in x out
	mix       Param // SelectableBasis only: out x 4 mixing logits
	grid      Param // state, in x (G+2k+1): row i is input i's knots
	modes     Param // state, in x out: each edge's mode (kan_edges.go)
	sym       Param // a snapped edge's a, b, c, d (kan_symbolic.go); empty until one is
	params    []*Param
	state     []*Param
	weights   []float32 // out x slots mixing weights (all 1 for one basis)

	// The most recent Forward, kept in buffers the layer owns so Backward,
	// ExtraLoss and Edges never read the caller's (possibly reused) input.
	// The batched path keeps the bases function-major, for matrix
	// products (kan_batched.go): input i's slot q's B_m at row r in
	// basisBuf[((i·slots+q)·(G+k)+m)·rows+r]. The point-by-point path
	// keeps each point's values together, rows x in x stride, the
	// B-spline slot its window of k+1 from startBuf.
	rows      int       // 0 before any Forward and after a grid change
	batched   bool      // the most recent Forward took the batched path
	xBuf      []float32 // inputs, rows x in
	startBuf  []int32   // first basis function per (row, input, slot)
	basisBuf  []float32 // the slots' values
	dbasisBuf []float32 // their derivatives in x
	pointBuf  []float32 // one point's G+k values, gathered by pointBasis
	// kernels.BSplineBasis's knot reciprocals and scratch, one input's
	// weighted coefficients transposed (slots·(G+k) x out), and its points
	// with their tanh or sin and cos, for the batched path
	invBuf, workBuf, coefT, colBuf []float32
	// out x rows: the spline part of y, then dy, transposed; out x rows
	// products; out x slots·(G+k) products
	yT, dyT, dsT, dC []float32
	phiBuf           []float32 // out x rows: one input's edges at every row (batchStats)
	// EdgeCurve's bases ((G+k) x points) and SiLU values, apart from
	// Forward's, which Backward still needs
	curveBasis, curveSilu []float32
	siluBuf               []float32 // SiLU(x), rows x in
	dsiluBuf              []float32 // SiLU'(x), rows x in
	yBuf                  []float32 // output, rows x out
	dxBuf                 []float32 // dL/dx, rows x in
	curveBuf              []float32 // EdgeCurve's one point of values, stride long
	// per unit, for one (row, input) at a time: the edge's basis part
	// Σ_q w_jq·S_q and its slope in x
	sumBuf, slopeBuf []float32

	// float64 sums of a backward pass's gradients before they are added
	// to the Params' Grad (float32), sized like the parameters (mixAcc
	// holds dL/dw, out x 4, for the selectable basis).
	coefAcc, baseAcc, spAcc, mixAcc, symAcc []float64

	sparse kanSparsity
}

// batchedKAN reports whether a KAN layer (any basis) takes the batched path
// (kan_batched.go): where the WebAssembly kernels run (the page, Node),
// which is what it is for. Native builds keep the point-by-point path,
// whose float64 bases and sums the seeded claims tests were tuned on
// (TestFormulaRecoversExpSin's trajectory depends on the last bits);
// tests switch it to check that both paths agree.
var batchedKAN = kernels.Accelerated

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
	KANGridOption = "g"
	kanOrder      = "k"
	kanRange      = "range"
	kanBasis      = "basis"
	// KANSparsityOption is pykan's lamb, the weight of the L1 + entropy
	// penalty (kan_sparsity.go); a live setting, like the learning rate.
	KANSparsityOption = "lamb"
)

// kanNoiseScale sets the initial coefficients: uniform noise of width
// kanNoiseScale/G around 0 (pykan's noise_scale), so each φ starts as
// scale_base·SiLU plus a small wiggle.
const kanNoiseScale = 0.1

func init() {
	registerKind(&KindInfo{
		Kind:  KANLayer,
		Label: "KAN",
		Help:  "Kolmogorov-Arnold layer: every edge learns its own function, SiLU plus a B-spline (or another basis), and each unit adds its edges.",
		Options: []Option{{
			Key: KANGridOption, Label: "grid",
			Help:    "Grid intervals G of each edge's spline: more intervals, finer functions, G+k coefficients per edge (G+k functions of the other bases).",
			Default: 5, Min: 1, Max: 50, Integer: true,
		}, {
			Key: kanOrder, Label: "order",
			Help:    "Spline order k: 1 piecewise linear, 3 cubic (smooth to the second derivative); the other bases only count it, G+k functions.",
			Default: 3, Min: 1, Max: maxSplineOrder, Integer: true,
		}, {
			Key: kanRange, Label: "range",
			Help:    "Half-width a of the starting grid [-a, a]: 1 for the function sets on [-1, 1], 6 for points of the plane.",
			Default: 1, Min: 0.1, Max: 100,
		}, {
			Key: kanBasis, Label: "basis",
			Help: "Functions each edge is built from: B-splines (pykan), Chebyshev polynomials of tanh(x/range), " +
				"Gaussian bumps, sines and cosines, or selectable: all four, each unit learning how much of each to use.",
			Default: float32(BSplineBasis), Min: 0, Max: float32(numKANBases - 1), Integer: true,
			Choices: kanBasisChoices(),
		}, kanSparsityOptionInfo},
		TakesActivation: false,
		CanOutput:       true,
		Params: func(in, out int, o Options) int {
			return kanParams(in, out, o.Int(KANGridOption), o.Int(kanOrder), KANBasis(o.Int(kanBasis)))
		},
		FLOPs: func(in, out int, o Options) int {
			return kanFLOPs(in, out, o.Int(KANGridOption), o.Int(kanOrder), KANBasis(o.Int(kanBasis)))
		},
		New: func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error) {
			l, err := NewKANWithBasis(in, c.Units, c.Options.Int(KANGridOption), c.Options.Int(kanOrder), float64(c.Options[kanRange]),
				KANBasis(c.Options.Int(kanBasis)), init, rng)
			if err == nil {
				l.SetSparsityOption(c.Options[KANSparsityOption])
			}
			return l, err
		},
	}, 2)
}

// kanPoolOf returns the bases a layer of basis b evaluates: b alone, or
// the pool of four for SelectableBasis.
func kanPoolOf(b KANBasis) []KANBasis {
	if b == SelectableBasis {
		return []KANBasis{BSplineBasis, ChebyshevBasis, RBFBasis, FourierBasis}
	}
	return []KANBasis{b}
}

// kanParams counts a layer's trainable values: G+k coefficients per edge
// and basis, the two scales per edge, and for SelectableBasis 4 logits per
// unit.
func kanParams(in, out, g, k int, b KANBasis) int {
	if b == SelectableBasis {
		return in*out*(kanPool*(g+k)+2) + out*kanPool
	}
	return in * out * (g + k + 2)
}

// kanFLOPs counts one sample's forward pass as training runs it. Per input
// (shared by its out edges): each basis's values and the slopes Backward
// needs (kanBasisFLOPs; for B-splines, locating x among the knots is
// comparisons, not counted), and SiLU with its derivative (8, an
// exponential counted as one). Per edge and basis of width w (the values
// it writes per point: k+1 B-splines, G+k functions else): its sum's w
// multiply-adds (2w-1); then scaling and adding the SiLU term (3) and
// adding φ into the unit (1). The selectable basis weighs each of its
// four sums and adds them (2 each); its softmax, once per batch, is not
// counted.
func kanFLOPs(in, out, g, k int, b KANBasis) int {
	perInput, perEdge := 8, 4
	for _, s := range kanPoolOf(b) {
		w := kanSlotWidth(s, g, k)
		perInput += kanBasisFLOPs(s, g, k)
		perEdge += 2*w - 1
		if b == SelectableBasis {
			perEdge += 2
		}
	}
	return in*perInput + in*out*perEdge
}

// NewKAN makes a KAN layer of B-splines: NewKANWithBasis with
// BSplineBasis.
func NewKAN(in, out, g, k int, a float64, init Init, rng *rand.Rand) (*KAN, error) {
	return NewKANWithBasis(in, out, g, k, a, BSplineBasis, init, rng)
}

// NewKANWithBasis makes a KAN layer of out units over in inputs with g
// grid intervals on [-a, a], splines of order k and G+k functions of the
// given basis per edge, initialized as pykan does, drawing from rng in
// this order: scale_base_ij ~ U(-1, 1)/√in for every edge (i-major), then
// the coefficients ~ U(-½, ½)·kanNoiseScale/g (in the order of the coef
// Param: basis block, edge, function); scale_sp_ij = 1/√in; the
// selectable basis's mixing logits start at 0. pykan draws its noise at
// the grid points and fits coefficients to it; drawing the coefficients
// directly gives the same kind of small random wiggle without a solve.
// The Init of other kinds does not apply, except Zero, which makes every
// coefficient and both scales 0: every φ, and the output, start at 0.
// Beware that only scale_base then learns (its gradient is SiLU(x)·dy):
// with c and scale_sp both 0 each one's gradient is a multiple of the
// other, so the splines stay 0 and the layer is a weighted sum of SiLUs.
func NewKANWithBasis(in, out, g, k int, a float64, basis KANBasis, init Init, rng *rand.Rand) (*KAN, error) {
	switch {
	case !basis.valid():
		return nil, fmt.Errorf("nn: unknown KAN basis %d", int(basis))
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
		in: in, out: out, g: g, k: k, a: a, basis: basis,
		scaleBase: Param{Name: "scale_base", Rows: in, Cols: out, Decay: true,
			Value: make([]float32, edges), Grad: make([]float32, edges)},
		scaleSp: Param{Name: "scale_sp", Rows: in, Cols: out, Decay: true,
			Value: make([]float32, edges), Grad: make([]float32, edges)},
		grid:    Param{Name: "grid", Rows: in},
		baseAcc: make([]float64, edges),
		spAcc:   make([]float64, edges),
	}
	for s, b := range kanPoolOf(basis) {
		l.slotArr[s].basis = b
		l.slots = l.slotArr[:s+1]
	}
	ns := len(l.slots)
	l.sumBuf, l.slopeBuf = make([]float32, out), make([]float32, out)
	l.weights = make([]float32, out*ns)
	for n := range l.weights {
		l.weights[n] = 1
	}
	l.coef = Param{Name: "coef", Rows: ns * edges, Decay: true}
	l.setGrid(g, make([]float32, in*knotCount(g, k)), make([]float32, ns*edges*(g+k)))
	l.params = []*Param{&l.coef, &l.scaleBase, &l.scaleSp}
	if basis == SelectableBasis {
		l.mix = Param{Name: "mix", Rows: out, Cols: kanPool,
			Value: make([]float32, out*kanPool), Grad: make([]float32, out*kanPool)}
		l.mixAcc = make([]float64, out*kanPool)
		l.params = append(l.params, &l.mix)
		l.mixWeights()
	}
	l.sym = Param{Name: "sym", Cols: kanSymbolicConstants}
	l.params = append(l.params, &l.sym)
	l.modes = Param{Name: "edges", Rows: in, Cols: out, Value: make([]float32, edges)}
	l.state = []*Param{&l.grid, &l.modes}
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
// coefficients (slots·in·out x (g+k)), resizing the coefficients' gradient
// and sums and the slots' widths, and forgets the last Forward, whose
// bases were on the old knots. The Param structs stay the same, so lists
// of them (Network.Params) stay valid; their lengths change with g.
func (l *KAN) setGrid(g int, knots, coef []float32) {
	l.g = g
	nb := g + l.k
	l.stride = 0
	for s := range l.slots {
		sl := &l.slots[s]
		sl.width, sl.off = kanSlotWidth(sl.basis, g, l.k), l.stride
		l.stride += sl.width
	}
	if len(l.curveBuf) != l.stride {
		l.curveBuf = make([]float32, l.stride)
	}
	if len(l.pointBuf) != nb {
		l.pointBuf = make([]float32, nb)
	}
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

// Basis returns the layer's basis (its option value).
func (l *KAN) Basis() KANBasis { return l.basis }

// Params returns [coef, scale_base, scale_sp] in that order, which weight
// files rely on: coef (In·Out x (G+k), row i·Out+j for edge i->j), then
// scale_base and scale_sp (In x Out). All three decay. For the
// selectable basis coef holds four such blocks one after the other, in
// the pool's order (B-spline, Chebyshev, Gaussian RBF, Fourier: row
// b·In·Out + i·Out + j), and a fourth Param follows: mix, Out x 4, unit
// j's logits in row j, which does not decay. Last comes sym, the snapped
// edges' constants (kan_symbolic.go): empty until an edge is snapped,
// then In·Out x 4.
func (l *KAN) Params() []*Param { return l.params }

// State returns [grid, edges]: the knots, In x (G+2k+1), row i for input
// i, which UpdateGrid and Refine change; then each edge's mode, In x Out
// (kan_edges.go: 0 its spline, 1 pruned, 2+f snapped to function f).
// They are not trained (Grad is nil).
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
	rows, in := x.Rows, l.in
	l.rows = rows
	xs := grown(&l.xBuf, rows*in)
	copy(xs, x.Data[:rows*in])
	sil := grown(&l.siluBuf, rows*in)
	y := resize(&l.yBuf, rows, l.out)
	l.batched = batchedKAN()
	if l.batched {
		kernels.SiLU(sil, xs) // Backward takes SiLU' from kernels.SiLUBackward
		l.forwardBatched(y)
	} else {
		dsil := grown(&l.dsiluBuf, rows*in)
		kernels.Sigmoid(sil, xs) // σ(x) first, in one (SIMD in the browser) pass
		for p, v := range xs {
			s, ds := siluFromSigmoid(float64(v), float64(sil[p]))
			sil[p], dsil[p] = float32(s), float32(ds)
		}
		l.forwardPoints(y)
	}
	l.forwardSymbolic(y) // snapped edges (kan_symbolic.go), on either path
	return y
}

// forwardPoints is Forward's edge sums point by point, for the global
// bases and the selectable mix: per (row, input) each slot's values and
// every edge's sum over them.
func (l *KAN) forwardPoints(y Matrix) {
	rows, in, out, nb, ns, stride := l.rows, l.in, l.out, l.numBases(), len(l.slots), l.stride
	block := in * out * nb // coefficients per slot
	xs, sil := l.xBuf, l.siluBuf
	starts := grown(&l.startBuf, rows*in*ns)
	basis := grown(&l.basisBuf, rows*in*stride)
	dbasis := grown(&l.dbasisBuf, rows*in*stride)
	clear(y.Data)
	coef, sb, sp, w, slots := l.coef.Value, l.scaleBase.Value, l.scaleSp.Value, l.mixWeights(), l.slots
	sum := l.sumBuf // per unit: Σ_q w_jq·S_q, S_q slot q's basis sum
	for r := range rows {
		yr := y.Data[r*out : (r+1)*out]
		for i := range in {
			ri := r*in + i
			v := float64(xs[ri])
			knots := l.knots(i)
			for q, sl := range slots {
				o := ri*stride + sl.off
				b := basis[o : o+sl.width]
				st := evalKANBasis(sl.basis, knots, l.k, l.a, v, b, dbasis[o:o+sl.width])
				starts[ri*ns+q] = int32(st)
				cq := coef[q*block+i*out*nb : q*block+(i+1)*out*nb] // input i's edges
				for j := range out {
					part := w[j*ns+q] * splineAt(cq[j*nb:(j+1)*nb], st, b)
					if q == 0 {
						sum[j] = part
					} else {
						sum[j] += part
					}
				}
			}
			fs := sil[ri]
			for j := range out {
				e := i*out + j
				yr[j] += sb[e]*fs + sp[e]*sum[j]
			}
		}
	}
}

// Backward accumulates the gradients of coef, scale_base, scale_sp (and
// mix) for dy = dL/dy of the most recent Forward and returns dL/dx. With
// S^(b)_ij = Σ_m c^(b)_ijm·B^(b)_m and w_jb the mixing weights (a single
// w = 1 but for the selectable basis):
//
//	dL/dc^(b)_ijm     += Σ_r dy_rj·scale_sp_ij·w_jb·B^(b)_m(x_ri)
//	dL/dscale_base_ij += Σ_r dy_rj·SiLU(x_ri)
//	dL/dscale_sp_ij   += Σ_r dy_rj·Σ_b w_jb·S^(b)_ij(x_ri)
//	dL/dw_jb           = Σ_r Σ_i dy_rj·scale_sp_ij·S^(b)_ij(x_ri)   (to the logits: addMixGrad)
//	dL/dx_ri           = Σ_j dy_rj·(scale_base_ij·SiLU'(x_ri) + scale_sp_ij·Σ_b w_jb·S^(b)'_ij(x_ri))
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
	switch {
	case l.batched:
		l.backwardBatched(dy, dx)
	default:
		clear(l.coefAcc)
		clear(l.baseAcc)
		clear(l.spAcc)
		if len(l.slots) == 1 {
			l.backwardOne(dy, dx)
		} else {
			l.backwardMixed(dy, dx)
		}
		addAcc(l.coef.Grad, l.coefAcc)
		addAcc(l.scaleBase.Grad, l.baseAcc)
		addAcc(l.scaleSp.Grad, l.spAcc)
	}
	l.backwardSymbolic(dy, dx) // snapped edges, on either path
}

// backwardOne is backward's sums for a single global basis (mixing
// weight 1), kept apart from backwardMixed's extra bookkeeping because it
// is those layers' hot loop: per (row, input) the basis values b (width
// values from index st) and per edge its coefficients there.
func (l *KAN) backwardOne(dy Matrix, dx []float32) {
	in, out, nb, width := l.in, l.out, l.numBases(), l.stride
	coef, sb, sp := l.coef.Value, l.scaleBase.Value, l.scaleSp.Value
	cAcc, bAcc, sAcc := l.coefAcc, l.baseAcc, l.spAcc
	for r := range l.rows {
		dyr := dy.Data[r*out : (r+1)*out]
		for i := range in {
			ri := r*in + i
			st := int(l.startBuf[ri])
			b := l.basisBuf[ri*width : (ri+1)*width]
			db := l.dbasisBuf[ri*width : (ri+1)*width]
			s, ds := float64(l.siluBuf[ri]), l.dsiluBuf[ri]
			var dxri float32
			for j, g := range dyr {
				e := i*out + j
				c := coef[e*nb+st : e*nb+st+width]
				acc := cAcc[e*nb+st : e*nb+st+width]
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
}

// backwardMixed is backward's sums for the selectable basis: per (row,
// input), slot by slot, each edge's coefficient gradients, and its slot
// sums S_q weighed into the edge's basis part and slope (l.sumBuf,
// l.slopeBuf, per unit) and into dL/dw; then the scales and dx.
func (l *KAN) backwardMixed(dy Matrix, dx []float32) {
	in, out, nb, ns, stride := l.in, l.out, l.numBases(), len(l.slots), l.stride
	block := in * out * nb
	coef, sb, sp, w := l.coef.Value, l.scaleBase.Value, l.scaleSp.Value, l.mixWeights()
	cAcc, bAcc, sAcc, mAcc := l.coefAcc, l.baseAcc, l.spAcc, l.mixAcc
	clear(mAcc)
	sum, slope := l.sumBuf, l.slopeBuf
	for r := range l.rows {
		dyr := dy.Data[r*out : (r+1)*out]
		for i := range in {
			ri := r*in + i
			clear(sum)
			clear(slope)
			for q, sl := range l.slots {
				st, o := int(l.startBuf[ri*ns+q]), ri*stride+sl.off
				b, db := l.basisBuf[o:o+sl.width], l.dbasisBuf[o:o+sl.width]
				for j, g := range dyr {
					e := i*out + j
					cOff := q*block + e*nb + st
					c, acc := coef[cOff:cOff+len(b)], cAcc[cOff:cOff+len(b)]
					wq, gsp := w[j*ns+q], g*sp[e]
					var spline float32
					for m, v := range b {
						spline += c[m] * v
					}
					sum[j] += wq * spline
					mAcc[j*ns+q] += float64(gsp) * float64(spline)
					gs := float64(gsp * wq)
					for m, v := range b {
						acc[m] += gs * float64(v)
					}
					if dx != nil {
						var d float32
						for m, v := range db {
							d += c[m] * v
						}
						slope[j] += wq * d
					}
				}
			}
			s, ds := float64(l.siluBuf[ri]), l.dsiluBuf[ri]
			var dxri float32
			for j, g := range dyr {
				e := i*out + j
				bAcc[e] += float64(g) * s
				sAcc[e] += float64(g) * float64(sum[j])
				dxri += g * (sb[e]*ds + sp[e]*slope[j])
			}
			if dx != nil {
				dx[ri] = dxri
			}
		}
	}
	l.addMixGrad(mAcc, w)
}

// addAcc adds float64 sums into a float32 gradient.
func addAcc(grad []float32, acc []float64) {
	acc = acc[:len(grad)]
	for i, v := range acc {
		grad[i] += float32(v)
	}
}
