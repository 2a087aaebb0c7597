package kernels

import "fmt"

// B-spline bases over a batch, for the KAN layer: the order-k B-splines
// B_0..B_{nt-k-2} on one knot vector t (nt knots) at n points, written
// function-major (row m holds B_m at every point), so the layer's edge
// sums become matrix products with its coefficients. Cox-de Boor as pykan
// evaluates it: half-open intervals, 0/0 taken as 0, every basis 0 outside
// [t_0, t_{nt-1}) and at NaN.
//
// The divisions of the recursion depend on the knots alone, so
// BSplineInverses computes them once per knot vector (in float64, then
// rounded) and every body multiplies:
//
//	B_{j,0}(x) = 1 if t_j <= x < t_{j+1}, else 0
//	B_{j,p}(x) = ((x-t_j)·inv_{p,j})·B_{j,p-1}(x) + ((t_{j+p+1}-x)·inv_{p,j+1})·B_{j+1,p-1}(x)
//	B'_{j,k}(x) = k·(B_{j,k-1}(x)·inv_{k,j} - B_{j+1,k-1}(x)·inv_{k,j+1})
//
// with inv_{p,j} = 1/(t_{j+p}-t_j), or 0 where the knots coincide. The
// WebAssembly bodies run the recursion over all nt-1 intervals for four
// points at once (SIMD) or one (scalar); the Go body runs only the
// triangle of the k+1 bases that can be nonzero at each point. They agree
// to float32 rounding: the same operations in the same order per value,
// where the zeros the Go body skips only add exact zeros.

// BSplineInvLen returns the length of the table BSplineInverses writes
// for nt knots and order k: k·nt.
func BSplineInvLen(nt, k int) int { return k * nt }

// BSplineWorkLen returns the scratch BSplineBasis needs for nt knots: one
// value per interval for four points, 4·(nt-1).
func BSplineWorkLen(nt int) int { return 4 * (nt - 1) }

// BSplineInverses writes inv_{p,j} = 1/(t_{j+p}-t_j) (0 where that
// difference is 0) at inv[(p-1)·nt+j] for p = 1..k and j = 0..nt-1-p,
// and 0 in the rest of the BSplineInvLen(len(t), k) entries.
func BSplineInverses(t []float32, k int, inv []float32) {
	nt := len(t)
	inv = inv[:BSplineInvLen(nt, k)]
	for p := 1; p <= k; p++ {
		row := inv[(p-1)*nt : p*nt]
		for j := range row {
			row[j] = 0
			if j+p < nt {
				if d := float64(t[j+p]) - float64(t[j]); d != 0 {
					row[j] = float32(1 / d)
				}
			}
		}
	}
}

// BSplineBasis evaluates the nt-k-1 order-k B-splines on the knots t
// (nt = len(t) >= 2k+2, non-decreasing) at the n points x[r·incx] and
// writes B_m(x_r) at b[m·ldb+r] and, when db is not nil, B'_m(x_r) at
// db[m·ldb+r] (ldb >= n). inv is BSplineInverses(t, k) and work is
// scratch of BSplineWorkLen(nt) values. k is 1 to 8.
func BSplineBasis(n int, x []float32, incx, k int, t, inv, b, db []float32, ldb int, work []float32) {
	nt := len(t)
	if n <= 0 {
		return
	}
	if k < 1 || k > maxBSplineOrder || nt < 2*k+2 || incx < 1 || ldb < n {
		panic(fmt.Sprintf("kernels: BSplineBasis with n %d, k %d, %d knots, incx %d, ldb %d", n, k, nt, incx, ldb))
	}
	if accelBSpline(n, x, incx, k, t, inv, b, db, ldb, work) {
		return // the hook checked every extent
	}
	nb := nt - k - 1
	// The extents of every operand, checked up front as the hook does, so
	// a short slice panics here and not halfway (the triangle below reads
	// only part of inv, and work not at all).
	_, _, _ = x[(n-1)*incx], inv[BSplineInvLen(nt, k)-1], b[(nb-1)*ldb+n-1]
	if db != nil {
		_ = db[(nb-1)*ldb+n-1]
	}
	_ = work[BSplineWorkLen(nt)-1]
	last := nt - 1
	for r := range n {
		v := x[r*incx]
		for m := range nb {
			b[m*ldb+r] = 0
		}
		if db != nil {
			for m := range nb {
				db[m*ldb+r] = 0
			}
		}
		if !(v >= t[0] && v < t[last]) {
			continue
		}
		s := 0 // t[s] <= v < t[s+1]
		for s+1 < last && t[s+1] <= v {
			s++
		}
		// cur[q] holds B_{s-p+q, p} at level p, prev level p-1.
		var cur, prev [maxBSplineOrder + 1]float32
		cur[0] = 1
		for p := 1; p <= k; p++ {
			prev = cur
			ip := inv[(p-1)*nt:]
			for q := 0; q <= p; q++ {
				j := s - p + q
				if j < 0 || j+p+1 > last {
					cur[q] = 0
					continue
				}
				var left, right float32
				if q >= 1 {
					left = (v - t[j]) * ip[j] * prev[q-1]
				}
				if q <= p-1 {
					right = (t[j+p+1] - v) * ip[j+1] * prev[q]
				}
				cur[q] = left + right
			}
		}
		ik := inv[(k-1)*nt:]
		for q := 0; q <= k; q++ {
			j := s - k + q
			if j < 0 || j >= nb {
				continue
			}
			b[j*ldb+r] = cur[q]
			if db == nil {
				continue
			}
			// prev holds level k-1: prev[q] is B_{s-k+1+q, k-1}.
			var left, right float32
			if q >= 1 {
				left = prev[q-1] * ik[j]
			}
			if q <= k-1 {
				right = prev[q] * ik[j+1]
			}
			db[j*ldb+r] = float32(k) * (left - right)
		}
	}
}

// maxBSplineOrder bounds k so the Go body's triangle fits on the stack.
const maxBSplineOrder = 8
