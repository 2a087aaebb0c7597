package nn

import "math"

// Chebyshev polynomials of the squashed input, as ChebyKAN builds its
// edges: x is mapped into (-1, 1) by tanh and the bases are
// T_0..T_{n-1} there,
//
//	u = tanh(x/a),  B_m(x) = T_m(u),
//	T_0 = 1, T_1 = u, T_{m+1} = 2u·T_m - T_{m-1},
//
// where a is the layer's range option: at the default a = 1 this is
// ChebyKAN's T_m(tanh x), and a wider range (6 for points of the plane)
// stretches tanh over it instead of saturating. The scale is fixed for
// the layer's life, unlike the knots: tanh already takes every input,
// however far out, into (-1, 1), so a grid update has nothing to move,
// and re-expanding a polynomial in a new variable would cost accuracy
// (least squares in these bases are badly conditioned). T_m(u) =
// cos(m·arccos u) stays in [-1, 1], so the edge is bounded however far x
// strays. The slopes in x follow the recurrence T'_{m+1} = 2T_m +
// 2u·T'_m - T'_{m-1} (T'_0 = 0, T'_1 = 1) times du/dx = (1-u²)/a.

// chebyshevBasis writes T_m(tanh(x/a)) for m = 0..len(v)-1 into v and,
// when dv is not nil, their derivatives in x into dv (as long as v). It
// runs in float64.
func chebyshevBasis(x, a float64, v, dv []float32) {
	u := math.Tanh(x / a)
	du := (1 - u*u) / a
	u2 := 2 * u
	var t0, t1, d0, d1 float64 // T_{m-1}, T_m and their slopes in u
	for m := range v {
		var t, d float64
		switch m {
		case 0:
			t, d = 1, 0
		case 1:
			t, d = u, 1
		default:
			t, d = u2*t1-t0, 2*t1+u2*d1-d0
		}
		t0, t1, d0, d1 = t1, t, d1, d
		v[m] = float32(t)
		if dv != nil {
			dv[m] = float32(d * du)
		}
	}
}

// chebyshevFLOPs counts one point's chebyshevBasis with slopes for n
// bases: u with tanh counted as one (2), du/dx and 2u (4), the slope in x
// of each basis (1), and from T_2 on each value (2) and slope in u (4) by
// the recurrence.
func chebyshevFLOPs(n int) int { return 6 + n + 6*max(n-2, 0) }

// resizeChebyshev copies the series c (n0 coefficients per edge, edges
// one after the other) into dst (n1 per edge): padded with zeros when
// longer, which keeps every edge's function exactly, or cut to its first
// n1 terms when shorter, Chebyshev truncation, the classic near-best
// approximation of lower degree. It is Refine for Chebyshev bases.
func resizeChebyshev(dst []float32, n1 int, c []float32, n0 int) {
	for e := range len(c) / n0 {
		d := dst[e*n1 : (e+1)*n1]
		clear(d)
		copy(d, c[e*n0:e*n0+min(n0, n1)])
	}
}
