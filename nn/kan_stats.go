package nn

import "math"

// Statistics of the most recent Forward batch, for the pictures (Edges,
// InputRange) and the sparsity penalty (ExtraLoss).

// phi returns φ_ij at row r of the most recent Forward, from the bases
// and SiLU value Forward kept, with the current parameters.
func (l *KAN) phi(r, i, j int) (phi, spline float32) {
	ri, e, k1, nb := r*l.in+i, i*l.out+j, l.k+1, l.numBases()
	b := l.basisBuf[ri*k1 : (ri+1)*k1]
	spline = splineAt(l.coef.Value[e*nb:(e+1)*nb], int(l.startBuf[ri]), b)
	return l.scaleBase.Value[e]*l.siluBuf[ri] + l.scaleSp.Value[e]*spline, spline
}

// batchStats writes, for the most recent Forward's rows (at least 2), the
// mean and the sample standard deviation (n-1 in the denominator, as
// torch.std) of every edge's φ into l.sparse.mean and l.sparse.std, and
// of every input into l.sparse.xStd. The sums run in
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
		st.xStd[i] = math.Sqrt(max(0, (s2-s1*s1/n)/(n-1)))
	}
	for i := range l.in {
		for j := range l.out {
			v, _ := l.phi(0, i, j)
			st.shift[i*l.out+j] = float64(v)
		}
	}
	clear(st.mean)
	clear(st.std)
	for r := range l.rows {
		for i := range l.in {
			for j := range l.out {
				e := i*l.out + j
				v, _ := l.phi(r, i, j)
				d := float64(v) - st.shift[e]
				st.mean[e] += d
				st.std[e] += d * d
			}
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
// guess from the parameters: |scale_base_ij| + |scale_sp_ij|·‖c_ij‖₂.
// Both are never negative. It costs about one Forward over the batch.
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
	nb := l.numBases()
	for e := range dst {
		var sq float64
		for _, c := range l.coef.Value[e*nb : (e+1)*nb] {
			sq += float64(c) * float64(c)
		}
		dst[e] = float32(math.Abs(float64(l.scaleBase.Value[e])) + math.Abs(float64(l.scaleSp.Value[e]))*math.Sqrt(sq))
	}
	return dst
}

// EdgeCurve writes φ_ij(x) for each x of xs into dst[:0] (grown if short)
// and returns it, for a view drawing edge i->j's function. Points outside
// input i's knots get the SiLU term alone, as in Forward.
func (l *KAN) EdgeCurve(i, j int, xs, dst []float32) []float32 {
	dst = grown(&dst, len(xs))
	e, nb := i*l.out+j, l.numBases()
	c := l.coef.Value[e*nb : (e+1)*nb]
	knots := l.knots(i)
	var b [maxSplineOrder + 1]float32
	for p, x := range xs {
		s, _ := silu(float64(x))
		st := splineBasis(knots, l.k, float64(x), b[:l.k+1], nil)
		dst[p] = l.scaleBase.Value[e]*float32(s) + l.scaleSp.Value[e]*splineAt(c, st, b[:l.k+1])
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
