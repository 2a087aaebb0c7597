package nn

// B-splines on a knot vector, as pykan evaluates them (kan/spline.py,
// B_batch): order-k bases by the Cox-de Boor recursion over the whole
// extended knot vector, half-open intervals, 0/0 taken as 0. The KAN layer
// keeps one knot vector per input; the functions here work on one.

// maxSplineOrder bounds the spline order k, so that a point's k+1 nonzero
// bases fit in fixed arrays on the stack and evaluation never allocates.
const maxSplineOrder = 5

// knotCount returns the number of knots of a grid of g intervals extended
// by k knots on each side: g + 2k + 1.
func knotCount(g, k int) int { return g + 2*k + 1 }

// uniformKnots writes the knots of g equal intervals on [-a, a], extended
// by k intervals of the same width on each side, into t (knotCount(g, k)
// entries): t_j = -a + (j-k)·2a/g for j = 0..g+2k.
func uniformKnots(t []float32, g, k int, a float64) {
	h := 2 * a / float64(g)
	for j := range knotCount(g, k) {
		t[j] = float32(-a + float64(j-k)*h)
	}
}

// extendKnots takes the g+1 interior knots in t[k:k+g+1] and writes k
// knots on each side at the grid's mean spacing (last-first)/g, as pykan's
// extend_grid does.
func extendKnots(t []float64, g, k int) {
	lo, hi := t[k], t[k+g]
	h := (hi - lo) / float64(g)
	for q := 1; q <= k; q++ {
		t[k-q] = lo - float64(q)*h
		t[k+g+q] = hi + float64(q)*h
	}
}

// knotInterval returns s with t[s] <= x < t[s+1], or -1 when x lies
// outside [t[0], t[len-1]) (or is NaN), where every basis is zero.
func knotInterval(t []float32, x float64) int {
	last := len(t) - 1
	if !(x >= float64(t[0]) && x < float64(t[last])) {
		return -1
	}
	lo, hi := 0, last // t[lo] <= x < t[hi]
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if float64(t[mid]) <= x {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// ratio returns num/den, or 0 when den is 0 (Cox-de Boor's 0/0 = 0 at
// repeated knots).
func ratio(num, den float64) float64 {
	if den == 0 {
		return 0
	}
	return num / den
}

// splineBasis evaluates at x the order-k B-splines on the knots t that can
// be nonzero there. There are len(t)-k-1 bases; it returns start and
// writes the values of bases start..start+k into b[:k+1] and, when db is
// not nil, their derivatives in x into db[:k+1]. start is chosen so the
// window lies inside the bases (0 <= start <= len(t)-2k-2), which needs
// len(t) >= 2k+2; entries of the window that are not supported at x are
// 0. Outside [t[0], t[len-1]) every basis is 0 (start 0, all zeros).
//
// The recursion runs in float64 on the triangle of nonzero bases:
//
//	B_{j,0}(x) = 1 if t_j <= x < t_{j+1}, else 0
//	B_{j,p}(x) = (x-t_j)/(t_{j+p}-t_j)·B_{j,p-1}(x) + (t_{j+p+1}-x)/(t_{j+p+1}-t_{j+1})·B_{j+1,p-1}(x)
//	B'_{j,k}(x) = k·[B_{j,k-1}(x)/(t_{j+k}-t_j) - B_{j+1,k-1}(x)/(t_{j+k+1}-t_{j+1})]
//
// It does p+1 entries of 9 operations at each level p = 1..k, and 4 per
// derivative.
func splineBasis(t []float32, k int, x float64, b, db []float32) (start int) {
	b = b[:k+1]
	if db != nil {
		db = db[:k+1]
	}
	s := knotInterval(t, x)
	if s < 0 {
		clear(b)
		clear(db)
		return 0
	}
	last := len(t) - 1
	// cur[q] holds B_{s-p+q, p} at level p; prev keeps level p-1.
	var cur, prev [maxSplineOrder + 1]float64
	cur[0] = 1
	for p := 1; p <= k; p++ {
		prev = cur
		for q := 0; q <= p; q++ {
			j := s - p + q
			if j < 0 || j+p+1 > last { // no basis j of order p
				cur[q] = 0
				continue
			}
			var v float64
			if q >= 1 { // B_{j,p-1} is prev[q-1]
				v = ratio(x-float64(t[j]), float64(t[j+p])-float64(t[j])) * prev[q-1]
			}
			if q <= p-1 { // B_{j+1,p-1} is prev[q]
				v += ratio(float64(t[j+p+1])-x, float64(t[j+p+1])-float64(t[j+1])) * prev[q]
			}
			cur[q] = v
		}
	}
	// Align the window [s-k, s] inside the bases 0..len(t)-k-2.
	start = min(max(s-k, 0), last-2*k-1)
	shift := start - (s - k)
	for q := range b {
		if w := q + shift; w >= 0 && w <= k {
			b[q] = float32(cur[w])
		} else {
			b[q] = 0
		}
	}
	if db == nil {
		return start
	}
	// prev holds level k-1: prev[q] is B_{s-k+1+q, k-1}.
	var d [maxSplineOrder + 1]float64
	for q := 0; q <= k; q++ {
		j := s - k + q
		if j < 0 || j+k+1 > last {
			continue
		}
		var v float64
		if q >= 1 {
			v = ratio(prev[q-1], float64(t[j+k])-float64(t[j]))
		}
		if q <= k-1 {
			v -= ratio(prev[q], float64(t[j+k+1])-float64(t[j+1]))
		}
		d[q] = float64(k) * v
	}
	for q := range db {
		if w := q + shift; w >= 0 && w <= k {
			db[q] = float32(d[w])
		} else {
			db[q] = 0
		}
	}
	return start
}

// splineAt returns sum_q c[start+q]·b[q], the spline with coefficients c
// at the point whose bases splineBasis wrote into b.
func splineAt(c []float32, start int, b []float32) float32 {
	c = c[start : start+len(b)]
	var s float32
	for q, v := range b {
		s += c[q] * v
	}
	return s
}
