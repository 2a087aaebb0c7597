package symbolic

import "math"

// The searches find a starting point for the polish: the constants, on
// the t scale (x mapped onto [-1, 1]), with the least residual among a
// grid of b and c, where for each (b, c) the best a and d come in closed
// form (least squares on the column f(b·t+c)), as in pykan's fit_params.
// Each search refines its grid once around the best point.

// params are the four constants of a·f(b·u+c)+d, on the t scale while
// fitting and on the x scale in a Fit.
type params struct{ a, b, c, d float64 }

// gridSpan bounds b and c in the grids: [-10, 10] as in pykan, but on the
// t scale, so b = 10 is about three periods of sin over the samples.
const gridSpan = 10

// refinePoints is the number of grid points, per dimension, between the
// best point's neighbours when a grid is refined.
const refinePoints = 11

// candidate is the best constants a search found so far.
type candidate struct {
	p  params
	ss float64 // residual sum of squares
	ok bool    // some constants kept f finite and in its domain
}

func (c *candidate) offer(p params, ss float64) bool {
	if c.ok && ss >= c.ss {
		return false
	}
	*c = candidate{p: p, ss: ss, ok: true}
	return true
}

// tryArgs evaluates f(b·t+c) at every sample and solves a and d.
func (s *samples) tryArgs(fn *Func, b, c float64) (params, float64, bool) {
	if !s.inDomain(fn, b, c) {
		return params{}, 0, false
	}
	for i, t := range s.t {
		s.f[i] = fn.Eval(b*t + c)
	}
	a, d, ss, ok := s.solveAD(s.f)
	return params{a, b, c, d}, ss, ok
}

// linspace returns n points from lo to hi.
func linspace(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*float64(i)/float64(n-1)
	}
	return v
}

// line1 searches one constant over the sorted values vs, mapping each
// to (b, c) with at, then refines between the best value's neighbours.
func (s *samples) line1(fn *Func, vs []float64, at func(v float64) (b, c float64)) candidate {
	var best candidate
	k := -1
	for i, v := range vs {
		b, c := at(v)
		if p, ss, ok := s.tryArgs(fn, b, c); ok && best.offer(p, ss) {
			k = i
		}
	}
	if k < 0 {
		return best
	}
	lo, hi := vs[max(k-1, 0)], vs[min(k+1, len(vs)-1)]
	for _, v := range linspace(lo, hi, refinePoints) {
		b, c := at(v)
		if p, ss, ok := s.tryArgs(fn, b, c); ok {
			best.offer(p, ss)
		}
	}
	return best
}

// searchGeneral sweeps b and c over a 2-D grid (b ≥ 0 when f is even or
// odd, since (-b, -c) gives ±f) and refines it around the best once.
func (s *samples) searchGeneral(fn *Func) candidate {
	const nc = 21
	bLo, nb := -gridSpan, 41
	if fn.parity != parityNone {
		bLo, nb = 0, 21
	}
	grid := func(bs, cs []float64) candidate {
		var best candidate
		for _, b := range bs {
			for _, c := range cs {
				if p, ss, ok := s.tryArgs(fn, b, c); ok {
					best.offer(p, ss)
				}
			}
		}
		return best
	}
	best := grid(linspace(float64(bLo), gridSpan, nb), linspace(-gridSpan, gridSpan, nc))
	if !best.ok {
		return best
	}
	db := float64(gridSpan-bLo) / float64(nb-1)
	dc := 2 * gridSpan / float64(nc-1)
	b, c := best.p.b, best.p.c
	fine := grid(linspace(max(b-db, float64(bLo)), b+db, refinePoints), linspace(c-dc, c+dc, refinePoints))
	if fine.ok && fine.ss < best.ss {
		best = fine
	}
	return best
}

// shiftRoots are the roots r (on the t scale) searchShift tries for a
// scale-free f(±(t - r)): every 0.05 across the samples, where a kink or
// inflection shows, and outside them at distances from 1e-3 to 100 spaced
// by ratio, since the shape changes fast near a pole or the root of sqrt
// and hardly at all far away. Sorted ascending.
var shiftRoots = func() []float64 {
	var out []float64
	dists := make([]float64, 16)
	for i := range dists {
		dists[i] = math.Pow(10, -3+5*float64(i)/15)
	}
	for i := len(dists) - 1; i >= 0; i-- {
		out = append(out, -1-dists[i])
	}
	out = append(out, linspace(-1, 1, 41)...)
	for _, d := range dists {
		out = append(out, 1+d)
	}
	return out
}()

// searchShift searches the root of a scale-free f: f(σ(t - r)) for
// σ = ±1 (only +1 when f is even or odd) and r in shiftRoots. The scale
// |b| is absorbed by a (powers, abs, sqrt, 1/x) or d (log).
func (s *samples) searchShift(fn *Func) candidate {
	var best candidate
	for _, sigma := range []float64{1, -1} {
		if sigma < 0 && fn.parity != parityNone {
			break
		}
		c := s.line1(fn, shiftRoots, func(r float64) (float64, float64) { return sigma, -sigma * r })
		if c.ok && (!best.ok || c.ss < best.ss) {
			best = c
		}
	}
	return best
}

// searchRate searches b of exp(b·t): e^c is absorbed by a.
func (s *samples) searchRate(fn *Func) candidate {
	return s.line1(fn, linspace(-gridSpan, gridSpan, 81), func(b float64) (float64, float64) { return b, 0 })
}

// searchHarmonic searches the frequency b of a·sin(b·t+c)+d over
// (0, gridSpan]: for each b, p·sin(bt) + q·cos(bt) + d is linear in p, q
// and d, and a = |(p, q)|, c = atan2(q, p).
func (s *samples) searchHarmonic() candidate {
	bs := linspace(0, gridSpan, 41)[1:] // b = 0 is a constant
	var best candidate
	k := -1
	try := func(b float64) bool {
		for i, t := range s.t {
			s.f[i], s.g[i] = math.Sincos(b * t)
		}
		p, q, d, ss, ok := s.solvePQ(s.f, s.g)
		return ok && best.offer(params{math.Hypot(p, q), b, math.Atan2(q, p), d}, ss)
	}
	for i, b := range bs {
		if try(b) {
			k = i
		}
	}
	if k < 0 {
		return best
	}
	for _, b := range linspace(bs[max(k-1, 0)], bs[min(k+1, len(bs)-1)], refinePoints) {
		try(b)
	}
	return best
}

// solvePQ returns p, q, d minimizing Σ(y - p·f - q·g - d)² and the
// residual, from centered sums; ok is false when f and g are (nearly)
// collinear or not finite.
func (s *samples) solvePQ(f, g []float64) (p, q, d, ssRes float64, ok bool) {
	n := float64(len(f))
	var sf, sg float64
	for i := range f {
		sf += f[i]
		sg += g[i]
	}
	mf, mg := sf/n, sg/n
	var ff, fg, gg, fy, gy float64
	for i := range f {
		df, dg := f[i]-mf, g[i]-mg
		ff += df * df
		fg += df * dg
		gg += dg * dg
		fy += df * s.yDev[i]
		gy += dg * s.yDev[i]
	}
	det := ff*gg - fg*fg
	if !finite(det) || det <= 1e-12*ff*gg {
		return 0, 0, 0, 0, false
	}
	p = (gg*fy - fg*gy) / det
	q = (ff*gy - fg*fy) / det
	return p, q, s.yMean - p*mf - q*mg, max(0, s.ssTot-p*fy-q*gy), true
}
