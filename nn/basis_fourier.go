package nn

import "math"

// A Fourier series on the input's grid range [lo, hi] (the interior
// knots [t_k, t_{G+k}]), as FourierKAN builds its edges from sines and
// cosines: with c and h the range's center and half-width and
// θ = π(x-c)/h,
//
//	B_{2(n-1)}(x) = cos(nθ),  B_{2(n-1)+1}(x) = sin(nθ),  n = 1..⌊N/2⌋,
//
// and, when the count N is odd, a constant B_{N-1} = 1 last. The
// fundamental n = 1 has period 2h, the grid's width (2·range on the
// starting grid [-range, range]): the series on [-h, h] of textbook
// Fourier analysis. So the basis part of an edge repeats outside the
// range and meets itself at its ends, value and slope; a trend across
// the range (exp, a ramp) is left to the SiLU branch or pays in ringing.
// A grid update moves the range to the data. cos nθ and sin nθ come from
// one sincos by the angle-addition recurrence, in float64.

// fourierBasis writes the N = len(v) bases at x into v and, when dv is
// not nil, their derivatives in x into dv.
func fourierBasis(x, lo, hi float64, v, dv []float32) {
	c, h := (lo+hi)/2, (hi-lo)/2
	w := math.Pi / h // dθ/dx
	s1, c1 := math.Sincos((x - c) * w)
	sn, cn := s1, c1
	for n := 1; 2*n <= len(v); n++ {
		if n > 1 {
			sn, cn = sn*c1+cn*s1, cn*c1-sn*s1
		}
		m := 2 * (n - 1)
		v[m], v[m+1] = float32(cn), float32(sn)
		if dv != nil {
			nw := float64(n) * w
			dv[m], dv[m+1] = float32(-nw*sn), float32(nw*cn)
		}
	}
	if len(v)%2 == 1 {
		v[len(v)-1] = 1
		if dv != nil {
			dv[len(v)-1] = 0
		}
	}
}

// fourierFLOPs counts one point's fourierBasis with slopes for n bases:
// center, half-width, π/h and θ (7), one sincos counted as two, then per
// pair the slopes (4) and, from n = 2 on, the recurrence (6).
func fourierFLOPs(n int) int {
	pairs := n / 2
	return 9 + 4*pairs + 6*max(pairs-1, 0)
}
