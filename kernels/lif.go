package kernels

import (
	"fmt"
	"math"
)

// The spiking layer's kernels (nn's LIF layer): the synaptic products
// driven by the input spikes, and the leaky integrate-and-fire recurrence
// forward and back.
//
// Spikes are mostly zeros, so the products walk the nonzero inputs only:
// GatherActiveRows adds the weight rows of the inputs that spiked (the
// current), ScatterActiveRows adds a gradient row to each of them (the
// weight gradient). Their cost is the number of spikes times the row
// length, not the inputs times it.
//
// LIFForward and LIFBackward run the membrane over time for a whole batch
// in one pass, rows x steps x n values time-major within a row (row r's
// step t starts at (r·steps+t)·n), the n neurons of a step side by side:
// the recurrence runs along time, and the neurons of one step are
// independent, so the SIMD body takes four neurons at a time.

// GatherActiveRows adds to y[:length] each row of a whose entry of x is
// not zero, times that entry: y += Σ_{x_i ≠ 0} x_i·a[i·lda : i·lda+length],
// in the order of i. a must span len(x) rows (lda >= length).
func GatherActiveRows(x, a []float32, lda, length int, y []float32) {
	checkActiveRows("GatherActiveRows", len(x), a, lda, length, y)
	if length == 0 || len(x) == 0 || accelActiveRows(false, x, a, lda, length, y) {
		return
	}
	y = y[:length]
	for i, v := range x {
		if v == 0 {
			continue
		}
		row := a[i*lda : i*lda+length]
		for j := range y {
			y[j] += v * row[j]
		}
	}
}

// ScatterActiveRows adds y[:length], times x_i, to row i of a for each
// x_i that is not zero: a[i·lda : i·lda+length] += x_i·y. a must span
// len(x) rows (lda >= length) and must not overlap y.
func ScatterActiveRows(x, y []float32, length int, a []float32, lda int) {
	checkActiveRows("ScatterActiveRows", len(x), a, lda, length, y)
	if length == 0 || len(x) == 0 || accelActiveRows(true, x, a, lda, length, y) {
		return
	}
	y = y[:length]
	for i, v := range x {
		if v == 0 {
			continue
		}
		row := a[i*lda : i*lda+length]
		for j, w := range y {
			row[j] += v * w
		}
	}
}

// checkActiveRows panics on a shape the active-row kernels cannot run and
// on operands shorter than it, in every body and whatever x holds.
func checkActiveRows(name string, n int, a []float32, lda, length int, y []float32) {
	if length < 0 || lda < length {
		panic(fmt.Sprintf("kernels: %s with length %d, lda %d", name, length, lda))
	}
	if length > 0 && n > 0 {
		_, _ = a[(n-1)*lda+length-1], y[length-1]
	}
}

// LIFForward integrates the currents cur into the membranes h (before
// reset) and the spikes s of rows x steps x n neurons:
//
//	H[t] = β·V[t-1] + I[t],  S[t] = 1 if H[t] > θ else 0,  V[t] = H[t] if S[t] = 0 else 0,
//
// with V[-1] = 0 in each row; V[t-1] is read back from h.
func LIFForward(rows, steps, n int, beta, thresh float32, cur, h, s []float32) {
	size := checkLIF("LIFForward", rows, steps, n, cur, h, s)
	if size == 0 || accelLIFForward(rows, steps, n, beta, thresh, cur, h, s) {
		return
	}
	for r := range rows {
		base := r * steps * n
		for t := range steps {
			k0 := base + t*n
			for k := k0; k < k0+n; k++ {
				var v float32
				if t > 0 {
					if prev := h[k-n]; !(prev > thresh) {
						v = prev
					}
				}
				hk := beta*v + cur[k]
				h[k] = hk
				if hk > thresh {
					s[k] = 1
				} else {
					s[k] = 0
				}
			}
		}
	}
}

// LIFBackward turns dL/dS (ds) into dL/dI (g) through time for the
// membranes h of LIFForward, with the ATan surrogate derivative
// σ'(u) = (α/2)/(1+(π/2·α·u)²) at u = H - θ and the reset detached:
//
//	g[t] = ds[t]·σ'(H[t]-θ) + (β·g[t+1] if H[t] <= θ else 0),  g[steps] = 0.
//
// g must not overlap ds or h.
func LIFBackward(rows, steps, n int, beta, thresh, alpha float32, h, ds, g []float32) {
	size := checkLIF("LIFBackward", rows, steps, n, h, ds, g)
	if size == 0 || accelLIFBackward(rows, steps, n, beta, thresh, alpha, h, ds, g) {
		return
	}
	c := math.Pi / 2 * alpha
	for r := range rows {
		base := r * steps * n
		for t := steps - 1; t >= 0; t-- {
			k0 := base + t*n
			for k := k0; k < k0+n; k++ {
				a := c * (h[k] - thresh)
				gh := ds[k] * (alpha / 2 / (1 + a*a))
				if t < steps-1 && !(h[k] > thresh) {
					gh += beta * g[k+n]
				}
				g[k] = gh
			}
		}
	}
}

// checkLIF panics on negative sizes and on operands shorter than
// rows·steps·n, which it returns.
func checkLIF(name string, rows, steps, n int, ops ...[]float32) int {
	if rows < 0 || steps < 0 || n < 0 {
		panic(fmt.Sprintf("kernels: %s with %d rows, %d steps, %d neurons", name, rows, steps, n))
	}
	size := rows * steps * n
	if size > 0 {
		for _, op := range ops {
			_ = op[size-1]
		}
	}
	return size
}
