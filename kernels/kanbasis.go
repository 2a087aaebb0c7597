package kernels

import (
	"fmt"
	"math"
)

// The KAN layer's global bases over a batch (the B-spline one is in
// bspline.go): nb functions B_0..B_{nb-1} at n points, written
// function-major like BSplineBasis (B_m at point r in b[m·ldb+r], its
// derivative in x at db[m·ldb+r], db nil to skip them), so the layer's
// edge sums become matrix products. Each takes its points' input map
// ready made, one value per point (contiguous), where a transcendental
// is needed once per point (tanh, sin and cos, which the caller takes
// from Tanh and Sine), and then needs none per function but the
// Gaussians' exp:
//
//	Chebyshev: u ∈ (-1,1), T_0 = 1, T_1 = u, T_{m+1} = 2u·T_m - T_{m-1},
//	           T'_0 = 0, T'_1 = 1, T'_{m+1} = 2T_m + 2u·T'_m - T'_{m-1},
//	           db = T'_m(u)·du/dx with du/dx = (1-u²)·invA (u = tanh(x·invA));
//	RBF:       B_m = exp(-d_m²), d_m = (x - μ_m)·(1/h), μ_m = lo + m·h,
//	           h = (hi-lo)/(nb-1), db = (-2/h·d_m)·B_m;
//	Fourier:   from s = sin θ, c = cos θ (θ = (x-centre)·w) by angle
//	           addition, B_{2(p-1)} = cos pθ, B_{2p-1} = sin pθ for
//	           p = 1..⌊nb/2⌋, slopes -pw·sin pθ and pw·cos pθ, and B = 1
//	           (slope 0) last when nb is odd.
//
// The Go bodies run in float32 in the WebAssembly bodies' order (the
// float32 conversions keep Go from fusing a multiply-add), so Chebyshev
// and Fourier agree bit for bit with both WebAssembly bodies; the
// Gaussians' exp is math.Exp here and a polynomial there (activation
// wat), which agree to about 2 ulp. The Gaussians' centres and width are
// taken per function in float64 (as the point-by-point layer does), each
// centre split into a float32 head and tail, x - μ_m as (x - head) -
// tail: with a narrow width (a fine grid) the rounding of a float32
// centre, divided by h, would otherwise cost d_m more than float32's
// precision.

// ChebyshevBasis writes T_m(u_r) and, when db is not nil, T'_m(u_r)·
// (1-u_r²)·invA for m < nb (>= 1) and the n points u[0:n], function-major
// with leading dimension ldb >= n.
func ChebyshevBasis(n int, u []float32, invA float32, nb int, b, db []float32, ldb int) {
	if !checkKANShape("ChebyshevBasis", n, nb, 1, ldb) || accelKANBasis(chebyshevKAN, n, u, nil, invA, 0, nb, b, db, ldb) {
		return // nothing to do, or done by the hook, which checked every extent
	}
	checkKANExtents(n, nb, ldb, b, db)
	for r, v := range u[:n] {
		du := (1 - float32(v*v)) * invA
		u2 := v + v
		var t0, t1, d0, d1 float32
		for m := range nb {
			var t, d float32
			switch m {
			case 0:
				t, d = 1, 0
			case 1:
				t, d = v, 1
			default:
				t = float32(u2*t1) - t0
				d = 2*t1 + float32(u2*d1) - d0
			}
			t0, t1, d0, d1 = t1, t, d1, d
			b[m*ldb+r] = t
			if db != nil {
				db[m*ldb+r] = d * du
			}
		}
	}
}

// RBFBasis writes the Gaussians exp(-((x_r-μ_m)/h)²), μ_m = lo + m·h,
// h = (hi-lo)/(nb-1), and, when db is not nil, their derivatives in x for
// m < nb (>= 2) and the n points x[0:n], function-major with leading
// dimension ldb >= n.
func RBFBasis(n int, x []float32, lo, hi float32, nb int, b, db []float32, ldb int) {
	if !checkKANShape("RBFBasis", n, nb, 2, ldb) || accelKANBasis(rbfKAN, n, x, nil, lo, hi, nb, b, db, ldb) {
		return // nothing to do, or done by the hook, which checked every extent
	}
	checkKANExtents(n, nb, ldb, b, db)
	h := (float64(hi) - float64(lo)) / float64(nb-1)
	inv, slope := float32(1/h), float32(-2/h)
	for m := range nb {
		mu := float64(lo) + float64(float64(m)*h)
		head := float32(mu)
		tail := float32(mu - float64(head))
		row := b[m*ldb : m*ldb+n]
		for r, v := range x[:n] {
			d := ((v - head) - tail) * inv
			e := float32(math.Exp(float64(-d * d)))
			row[r] = e
			if db != nil {
				db[m*ldb+r] = float32(slope*d) * e
			}
		}
	}
}

// FourierBasis writes cos pθ_r and sin pθ_r (and 1 last for an odd nb >=
// 1) from s[r] = sin θ_r and c[r] = cos θ_r for the n points, and, when
// db is not nil, their derivatives in x for dθ/dx = w, function-major
// with leading dimension ldb >= n.
func FourierBasis(n int, s, c []float32, w float32, nb int, b, db []float32, ldb int) {
	if !checkKANShape("FourierBasis", n, nb, 1, ldb) || accelKANBasis(fourierKAN, n, s, c, w, 0, nb, b, db, ldb) {
		return // nothing to do, or done by the hook, which checked every extent
	}
	checkKANExtents(n, nb, ldb, b, db, c)
	for r := range n {
		s1, c1 := s[r], c[r]
		sn, cn := s1, c1
		for p := 1; 2*p <= nb; p++ {
			if p > 1 {
				sn, cn = float32(sn*c1)+float32(cn*s1), float32(cn*c1)-float32(sn*s1)
			}
			m := 2 * (p - 1)
			b[m*ldb+r], b[(m+1)*ldb+r] = cn, sn
			if db != nil {
				pw := float32(p) * w
				db[m*ldb+r], db[(m+1)*ldb+r] = -pw*sn, pw*cn
			}
		}
		if nb%2 == 1 {
			b[(nb-1)*ldb+r] = 1
			if db != nil {
				db[(nb-1)*ldb+r] = 0
			}
		}
	}
}

// kanBasisKind tells accelKANBasis which of the three kernels to run.
type kanBasisKind int

const (
	chebyshevKAN kanBasisKind = iota
	rbfKAN
	fourierKAN
)

// checkKANShape panics on a bad shape and reports whether there is
// anything to do (n > 0).
func checkKANShape(name string, n, nb, minNB, ldb int) bool {
	if n <= 0 {
		return false
	}
	if nb < minNB || ldb < n {
		panic(fmt.Sprintf("kernels: %s with n %d, nb %d, ldb %d", name, n, nb, ldb))
	}
	return true
}

// checkKANExtents checks every operand's extent up front, so a short
// slice panics here, as it does in the hook, and not halfway.
func checkKANExtents(n, nb, ldb int, b, db []float32, in ...[]float32) {
	for _, x := range in {
		_ = x[n-1]
	}
	_ = b[(nb-1)*ldb+n-1]
	if db != nil {
		_ = db[(nb-1)*ldb+n-1]
	}
}
