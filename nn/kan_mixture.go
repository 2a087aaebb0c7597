package nn

import "math"

// The selectable basis (S-KAN's selectable activation spaces): every edge
// carries the four pool bases, each with its own G+k coefficients, and
// every unit j (a node, as the S-KAN note has it: "on each node") weighs
// them by a softmax of four learned logits z_j:
//
//	w_jb = exp(z_jb) / Σ_b' exp(z_jb')
//	φ_ij(x) = scale_base_ij·SiLU(x) + scale_sp_ij·Σ_b w_jb·Σ_m c^(b)_ijm·B^(b)_m(x)
//
// b = 0..3 in the option's order (B-spline, Chebyshev, Gaussian RBF,
// Fourier). The logits start at 0, equal weights, and train with the
// rest; the basis a unit's data favor gains weight, and Mixture and
// WinningBasis show which one leads. A penalty and a hard choice make
// each unit end with one basis (kan_select.go). Per unit rather than per edge keeps
// the logits few (4 per unit) and the choice readable: a unit computes
// its sum in one function space. A softmax, not free weights, keeps the
// mixture convex, so a weight says how much a basis is used, and the
// scales stay the only amplitude.
//
// The logits are the Param "mix" (Units x 4, row j for unit j), the
// fourth after coef, scale_base and scale_sp, and they do not decay:
// decay would pull every unit back to the equal mixture.

// mixWeights returns the mixing weights, Out rows of one weight per slot:
// all 1 for a single basis, the softmax of the current logits for the
// selectable one (recomputed at each call, so views and penalties see the
// parameters as they are).
func (l *KAN) mixWeights() []float32 {
	if len(l.slots) == 1 {
		return l.weights
	}
	for j := range l.out {
		z := l.mix.Value[j*kanPool : (j+1)*kanPool]
		w := softmaxPool(z)
		for b, v := range w {
			l.weights[j*kanPool+b] = float32(v)
		}
	}
	return l.weights
}

// softmaxPool returns the softmax of four logits in float64, shifted by
// their largest so no exponential overflows.
func softmaxPool(z []float32) (w [kanPool]float64) {
	top := float64(z[0])
	for _, v := range z[1:kanPool] {
		top = max(top, float64(v))
	}
	var sum float64
	for b := range w {
		w[b] = math.Exp(float64(z[b]) - top)
		sum += w[b]
	}
	for b := range w {
		w[b] /= sum
	}
	return w
}

// Mixture returns unit j's weights of the four pool bases, indexed by
// their option values (BSplineBasis..FourierBasis), summing to 1: the
// softmax of its logits for the selectable basis, or 1 for the layer's
// basis and 0 for the others.
func (l *KAN) Mixture(j int) (weights [4]float32) {
	if l.basis != SelectableBasis {
		weights[l.basis] = 1
		return weights
	}
	for b, v := range softmaxPool(l.mix.Value[j*kanPool : (j+1)*kanPool]) {
		weights[b] = float32(v)
	}
	return weights
}

// WinningBasis returns the option value (0..3, see KANBasis) of the basis
// unit j weighs most, the lowest on a tie (B-spline at the start, when all
// weigh the same); for a single basis, the layer's.
func (l *KAN) WinningBasis(j int) int {
	w := l.Mixture(j)
	best := 0
	for b, v := range w {
		if v > w[best] {
			best = b
		}
	}
	return best
}

// addMixGrad turns acc[j·4+b] = dL/dw_jb (the sum over rows and inputs of
// dy·scale_sp·S^(b), S^(b) basis b's sum) into the logits' gradient,
// dL/dz_jb = w_jb·(dL/dw_jb - Σ_b' w_jb'·dL/dw_jb'), and adds it to
// mix.Grad. weights are the ones the sums were taken with.
func (l *KAN) addMixGrad(acc []float64, weights []float32) {
	for j := range l.out {
		a, w := acc[j*kanPool:(j+1)*kanPool], weights[j*kanPool:(j+1)*kanPool]
		var mean float64
		for b, g := range a {
			mean += float64(w[b]) * g
		}
		for b, g := range a {
			l.mix.Grad[j*kanPool+b] += float32(float64(w[b]) * (g - mean))
		}
	}
}
