package nn

import "math"

// Gaussian radial basis functions, as FastKAN replaces B-splines by them:
// n bumps of one width at evenly spaced centers on the input's grid range
// [lo, hi] (the interior knots [t_k, t_{G+k}]),
//
//	μ_m = lo + m·h,  h = (hi-lo)/(n-1),  B_m(x) = exp(-((x-μ_m)/h)²),
//
// for m = 0..n-1: the first and last centers sit on the range's ends and
// the width is the spacing, FastKAN's denominator. They are smooth
// stand-ins for cubic B-splines (which they resemble) at a fraction of the
// cost, but not a partition of unity, and they fade to 0 away from the
// range, where the SiLU branch alone remains, as with B-splines. A grid
// update moves the range, so the centers follow the data's extent (evenly
// spaced still, not at the quantiles B-spline knots go to).

// rbfBasis writes B_m(x) for m = 0..len(v)-1 (at least 2) into v and,
// when dv is not nil, their derivatives -2(x-μ_m)/h²·B_m(x) into dv. It
// runs in float64.
func rbfBasis(x, lo, hi float64, v, dv []float32) {
	h := (hi - lo) / float64(len(v)-1)
	inv := 1 / h
	slope := -2 * inv
	for m := range v {
		d := (x - (lo + float64(m)*h)) * inv
		b := math.Exp(-d * d)
		v[m] = float32(b)
		if dv != nil {
			dv[m] = float32(slope * d * b)
		}
	}
}

// rbfFLOPs counts one point's rbfBasis with slopes for n bases: the
// spacing, its inverse and the slope factor (4), then per basis the
// center and the scaled distance (4), the Gaussian with exp counted as
// one (3) and the slope (2).
func rbfFLOPs(n int) int { return 4 + 9*n }
