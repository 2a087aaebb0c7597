package nn

import (
	"math"

	"playground/kernels"
)

// basesColumn writes the functions of every slot of input i at the n
// points x[r·incx] function-major into b (slot q's G+k rows from row
// q·(G+k), leading dimension ldb >= n) and, when db is not nil, their
// slopes in x into db: the batched path's bases, through the kernels
// (SIMD in the browser). The per-point input maps of the global bases
// (Chebyshev's tanh(x/a), Fourier's sin θ and cos θ) are taken once per
// point by kernels.Tanh and kernels.Sine; each kernel then builds the
// G+k functions from them by recurrence (kernels/kanbasis.go).
func (l *KAN) basesColumn(i, n int, x []float32, incx int, b, db []float32, ldb int) {
	nb, k, t := l.numBases(), l.k, l.knots(i)
	var xs []float32 // the points, contiguous, for the global bases
	for q, sl := range l.slots {
		bq := b[q*nb*ldb:]
		var dbq []float32
		if db != nil {
			dbq = db[q*nb*ldb:]
		}
		if sl.basis == BSplineBasis {
			nt := len(t)
			inv := grown(&l.invBuf, kernels.BSplineInvLen(nt, k))
			work := grown(&l.workBuf, kernels.BSplineWorkLen(nt))
			kernels.BSplineInverses(t, k, inv)
			kernels.BSplineBasis(n, x, incx, k, t, inv, bq, dbq, ldb, work)
			continue
		}
		// colBuf: the points, then two columns of their input map.
		col := grown(&l.colBuf, 3*n)
		if xs == nil {
			xs = col[:n]
			for r := range xs {
				xs[r] = x[r*incx]
			}
		}
		p, c := col[n:2*n], col[2*n:3*n]
		lo, hi := float64(t[k]), float64(t[len(t)-1-k])
		switch sl.basis {
		case ChebyshevBasis:
			invA := float32(1 / l.a)
			for r, v := range xs {
				p[r] = v * invA
			}
			kernels.Tanh(p, p)
			kernels.ChebyshevBasis(n, p, invA, nb, bq, dbq, ldb)
		case RBFBasis:
			kernels.RBFBasis(n, xs, t[k], t[len(t)-1-k], nb, bq, dbq, ldb)
		case FourierBasis:
			// θ = π(x-centre)/h as in basis_fourier.go; cos θ = sin(θ+π/2).
			centre, w := (lo+hi)/2, math.Pi/((hi-lo)/2)
			for r, v := range xs {
				th := (float64(v) - centre) * w
				p[r], c[r] = float32(th), float32(th+math.Pi/2)
			}
			kernels.Sine(p, p)
			kernels.Sine(c, c)
			kernels.FourierBasis(n, p, c, float32(w), nb, bq, dbq, ldb)
		}
	}
}
