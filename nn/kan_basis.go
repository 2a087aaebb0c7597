package nn

import "fmt"

// KANBasis names the univariate functions a KAN layer builds its edges
// from: the value of the layer's "basis" option. Every basis keeps the
// edge's form
//
//	φ_ij(x) = scale_base_ij·SiLU(x) + scale_sp_ij·Σ_m c_ijm·B_m(x)
//
// with G+k functions B_0..B_{G+k-1} per edge, so the parameters and their
// layout do not depend on the basis, except for SelectableBasis, which
// mixes the other four (kan_mixture.go). Each input's knots (state) give
// the Gaussians and the Fourier terms their range, the interior
// [t_k, t_{G+k}] ([-range, range] at the start, the samples' extent after
// a grid update); Chebyshev polynomials take tanh(x/range) for good.
// ALGORITHMS.md's S-KAN note also lists wavelets; they are not here.
type KANBasis int

// The bases, in the order of the option's values. Links and files store
// the number, so the order never changes; a new basis goes last (after
// SelectableBasis, whose pool stays the four before it).
const (
	// BSplineBasis: pykan's order-k B-splines on each input's knots
	// (bspline.go). The default.
	BSplineBasis KANBasis = iota
	// ChebyshevBasis: Chebyshev polynomials of tanh of the scaled input,
	// ChebyKAN (basis_chebyshev.go).
	ChebyshevBasis
	// RBFBasis: Gaussian bumps at evenly spaced centers, FastKAN
	// (basis_rbf.go).
	RBFBasis
	// FourierBasis: cosines and sines over the range, FourierKAN
	// (basis_fourier.go).
	FourierBasis
	// SelectableBasis: all four above on every edge, mixed per unit by
	// learned softmax weights, as S-KAN selects activation spaces
	// (kan_mixture.go).
	SelectableBasis
	numKANBases
)

// kanPool is the number of bases SelectableBasis mixes: the four above
// it, whose values 0..3 index the mixing weights.
const kanPool = 4

var kanBasisNames = [...]string{"B-spline", "Chebyshev", "Gaussian RBF", "Fourier", "selectable"}

// KANBases lists the bases in the order of their option values, for
// menus: the panel's select shows their String forms.
func KANBases() []KANBasis {
	all := make([]KANBasis, numKANBases)
	for i := range all {
		all[i] = KANBasis(i)
	}
	return all
}

// kanBasisChoices returns the names of the option's values 0..4, in
// order, for the registry's menu.
func kanBasisChoices() []string {
	names := make([]string, numKANBases)
	for i, b := range KANBases() {
		names[i] = b.String()
	}
	return names
}

// String returns the basis's name in menus ("B-spline", "Chebyshev",
// "Gaussian RBF", "Fourier", "selectable").
func (b KANBasis) String() string { return enumName(kanBasisNames[:], int(b)) }

// valid reports whether b is one of the bases.
func (b KANBasis) valid() bool { return b >= 0 && b < numKANBases }

// kanSlot is one basis a layer evaluates at every input value: one for a
// single basis, four for SelectableBasis. Forward keeps each point's
// values of all slots side by side.
type kanSlot struct {
	basis KANBasis // one of the pool, never SelectableBasis
	width int      // values written per point: k+1 for B-splines, G+k else
	off   int      // where they start among a point's values
}

// kanSlotWidth returns how many values basis b writes per point: the k+1
// B-splines that can be nonzero there, or all G+k functions of the
// global bases.
func kanSlotWidth(b KANBasis, g, k int) int {
	if b == BSplineBasis {
		return k + 1
	}
	return g + k
}

// evalKANBasis evaluates basis b (not SelectableBasis) at x for an input
// whose knots are t, with spline order k and range option a: it writes
// the values into v and, when dv is not nil, their slopes in x into dv,
// kanSlotWidth entries each, and returns the index of the basis function
// v[0] holds. Only B-splines, which write the window of k+1 that can be
// nonzero at x, give a start other than 0.
func evalKANBasis(b KANBasis, t []float32, k int, a, x float64, v, dv []float32) (start int) {
	switch b {
	case BSplineBasis:
		return splineBasis(t, k, x, v, dv)
	case ChebyshevBasis:
		chebyshevBasis(x, a, v, dv)
		return 0
	}
	lo, hi := float64(t[k]), float64(t[len(t)-1-k])
	switch b {
	case RBFBasis:
		rbfBasis(x, lo, hi, v, dv)
	case FourierBasis:
		fourierBasis(x, lo, hi, v, dv)
	default:
		panic(fmt.Sprintf("nn: KAN basis %v cannot be evaluated alone", b))
	}
	return 0
}

// kanBasisFLOPs counts evaluating basis b (not SelectableBasis), values
// and slopes, at one point: for B-splines the Cox-de Boor triangle, 9
// operations for each of the k(k+3)/2 entries of levels 1..k, and the k+1
// derivatives (4 each); for the others, their files count.
func kanBasisFLOPs(b KANBasis, g, k int) int {
	switch b {
	case ChebyshevBasis:
		return chebyshevFLOPs(g + k)
	case RBFBasis:
		return rbfFLOPs(g + k)
	case FourierBasis:
		return fourierFLOPs(g + k)
	}
	return 9*k*(k+3)/2 + 4*(k+1)
}
