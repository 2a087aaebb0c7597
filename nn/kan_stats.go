package nn

import "math"

// Statistics of the most recent Forward batch, for the pictures (Edges,
// InputRange) and the sparsity penalty (ExtraLoss).

// edgeRows writes φ_ij at every row of the most recent Forward for the
// edges of input i into dst, unit j's at dst[j·rows:]: one product for
// the batched path (kan_batched.go), phi row by row for the others.
func (l *KAN) edgeRows(i int, w, dst []float32) {
	if l.batched {
		l.edgeRowsBatched(i, dst)
		return
	}
	for j := range l.out {
		for r := range l.rows {
			dst[j*l.rows+r], _ = l.phi(r, i, j, w, nil)
		}
	}
}

// phi returns φ_ij at row r of the most recent Forward and its basis
// part Σ_q w_jq·S_q (spline), from the bases and SiLU value Forward kept,
// with the current parameters and the mixing weights w (mixWeights).
// When sums is not nil, it receives each slot's sum S_q.
func (l *KAN) phi(r, i, j int, w, sums []float32) (phi, spline float32) {
	ri, e, nb, ns := r*l.in+i, i*l.out+j, l.numBases(), len(l.slots)
	block := l.in * l.out * nb
	for q := range l.slots {
		c := l.coef.Value[q*block+e*nb : q*block+(e+1)*nb]
		st, b := l.pointBasis(r, i, q)
		s := splineAt(c, st, b)
		spline += w[j*ns+q] * s
		if sums != nil {
			sums[q] = s
		}
	}
	phi = l.scaleBase.Value[e]*l.siluBuf[ri] + l.scaleSp.Value[e]*spline
	if len(l.sym.Value) > 0 {
		phi += l.symbolicAt(e, l.xBuf[ri])
	}
	return phi, spline
}

// batchStats writes, for the most recent Forward's rows (at least 2), the
// mean and the sample standard deviation (n-1 in the denominator, as
// torch.std) of every edge's φ into l.sparse.mean and l.sparse.std, and
// of every input into l.sparse.xMean and l.sparse.xStd. The sums run in
// float64 around the first row's value, which keeps them accurate when
// the spread is small against the mean.
func (l *KAN) batchStats() {
	st := &l.sparse
	n := float64(l.rows)
	for i := range l.in {
		shift := float64(l.xBuf[i])
		var s1, s2 float64
		for r := range l.rows {
			d := float64(l.xBuf[r*l.in+i]) - shift
			s1 += d
			s2 += d * d
		}
		st.xMean[i] = shift + s1/n
		st.xStd[i] = math.Sqrt(max(0, (s2-s1*s1/n)/(n-1)))
	}
	w := l.mixWeights()
	vals := grown(&l.phiBuf, l.out*l.rows)
	for i := range l.in {
		l.edgeRows(i, w, vals)
		for j := range l.out {
			e, v := i*l.out+j, vals[j*l.rows:(j+1)*l.rows]
			shift := float64(v[0])
			var s1, s2 float64
			for _, p := range v {
				d := float64(p) - shift
				s1 += d
				s2 += d * d
			}
			st.shift[e], st.mean[e], st.std[e] = shift, s1, s2
		}
	}
	for e, s1 := range st.mean {
		st.mean[e] = st.shift[e] + s1/n
		st.std[e] = math.Sqrt(max(0, (st.std[e]-s1*s1/n)/(n-1)))
	}
}

// Edges writes one strength per edge i->j at [i*Out+j]: the standard
// deviation of φ_ij over the most recent Forward's rows (how much the
// edge's output moves across the data, the importance pykan draws), or,
// before any Forward of two rows or more (or after a grid change), a
// guess from the parameters: |scale_base_ij| + |scale_sp_ij|·‖c_ij‖₂
// (for the selectable basis, the norms of the four coefficient vectors
// weighed by unit j's mixture). Both are never negative. It costs about
// one Forward over the batch.
func (l *KAN) Edges(dst []float32) []float32 {
	n := l.in * l.out
	dst = grown(&dst, n)
	if l.rows >= 2 {
		l.batchStats()
		for e, s := range l.sparse.std {
			dst[e] = float32(s)
		}
		return dst
	}
	nb, ns, w := l.numBases(), len(l.slots), l.mixWeights()
	for e := range dst {
		var norm float64
		for q := range ns {
			var sq float64
			for _, c := range l.coef.Value[(q*n+e)*nb : (q*n+e+1)*nb] {
				sq += float64(c) * float64(c)
			}
			norm += float64(w[(e%l.out)*ns+q]) * math.Sqrt(sq)
		}
		dst[e] = float32(math.Abs(float64(l.scaleBase.Value[e])) + math.Abs(float64(l.scaleSp.Value[e]))*norm)
		if fit, ok := l.EdgeSymbolic(e/l.out, e%l.out); ok {
			dst[e] += float32(math.Abs(fit.A)) // the snapped function's amplitude
		}
	}
	return dst
}

// EdgeCurve writes φ_ij(x) for each x of xs into dst[:0] (grown if short)
// and returns it, for a view drawing edge i->j's function. Points outside
// input i's knots get the SiLU term alone from B-splines and nearly so
// from Gaussians; Chebyshev and Fourier terms go on, as in Forward. Like
// Forward, it works in a buffer the layer owns.
func (l *KAN) EdgeCurve(i, j int, xs, dst []float32) []float32 {
	dst = grown(&dst, len(xs))
	if l.batched {
		l.edgeCurveBatched(i, j, xs, dst)
		return dst
	}
	e, nb, ns, w := i*l.out+j, l.numBases(), len(l.slots), l.mixWeights()
	block := l.in * l.out * nb
	knots := l.knots(i)
	for p, x := range xs {
		s, _ := silu(float64(x))
		var sum float32
		for q, sl := range l.slots {
			b := l.curveBuf[sl.off : sl.off+sl.width]
			st := evalKANBasis(sl.basis, knots, l.k, l.a, float64(x), b, nil)
			sum += w[j*ns+q] * splineAt(l.coef.Value[q*block+e*nb:q*block+(e+1)*nb], st, b)
		}
		dst[p] = l.scaleBase.Value[e]*float32(s) + l.scaleSp.Value[e]*sum + l.symbolicAt(e, x)
	}
	return dst
}

// InputRange returns the smallest and largest value input i took in the
// most recent Forward, or, before any (or after a grid change), the
// grid's interior [t_k, t_{G+k}], where the spline is fully supported.
func (l *KAN) InputRange(i int) (lo, hi float32) {
	if l.rows == 0 {
		t := l.knots(i)
		return t[l.k], t[l.k+l.g]
	}
	lo, hi = l.xBuf[i], l.xBuf[i]
	for r := 1; r < l.rows; r++ {
		v := l.xBuf[r*l.in+i]
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
