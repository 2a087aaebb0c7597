package symbolic

import (
	"cmp"
	"errors"
	"math"
	"slices"
)

// Errors FitFunc returns for samples it cannot fit.
var (
	ErrLength       = errors.New("symbolic: xs and ys differ in length")
	ErrTooFewPoints = errors.New("symbolic: fewer than 4 samples for 4 constants")
	ErrNotFinite    = errors.New("symbolic: a sample is NaN or infinite")
	ErrNoSpread     = errors.New("symbolic: all xs are equal, so no function of x can be told apart")
	ErrNoEval       = errors.New("symbolic: the Func has no Eval")
	ErrNoFit        = errors.New("symbolic: no constants keep f finite and in its domain over the samples")
)

// samples holds one curve prepared for fitting: the searches work on t,
// x mapped onto [-1, 1], so one grid of b and c suits curves over any
// range (pykan sweeps b and c over [-10, 10] on the raw x, which misses
// the shape of a curve over [0, 0.01] or [-50, 50]).
type samples struct {
	x, y      []float64
	t         []float64 // (x - mid) / half
	tLo, tHi  float64   // the smallest and largest t, -1 and 1 up to rounding
	mid, half float64
	yMean     float64
	yDev      []float64 // y - yMean
	ssTot     float64   // Σ yDev²
	constant  bool      // all ys equal (to rounding): every f fits with a = 0

	f, g []float64 // scratch columns for the least squares

	coarse *samples // at most coarsePoints of these, for the grids
}

// coarsePoints bounds the samples a grid search evaluates f at. The grid
// only has to land in the right basin, which a few dozen points of a
// smooth curve show as well as hundreds; the polish then uses them all.
// It cuts the cost of a 100-point edge by three.
const coarsePoints = 32

// newSamples checks xs and ys and prepares them.
func newSamples(xs, ys []float64) (*samples, error) {
	if len(xs) != len(ys) {
		return nil, ErrLength
	}
	n := len(xs)
	if n < 4 {
		return nil, ErrTooFewPoints
	}
	xLo, xHi := math.Inf(1), math.Inf(-1)
	yLo, yHi := math.Inf(1), math.Inf(-1)
	var ySum float64
	for i := range n {
		x, y := xs[i], ys[i]
		if !finite(x) || !finite(y) {
			return nil, ErrNotFinite
		}
		xLo, xHi = min(xLo, x), max(xHi, x)
		yLo, yHi = min(yLo, y), max(yHi, y)
		ySum += y
	}
	if xHi-xLo <= 1e-12*max(math.Abs(xLo), math.Abs(xHi)) {
		return nil, ErrNoSpread
	}
	s := &samples{
		x: xs, y: ys,
		t:    make([]float64, n),
		yDev: make([]float64, n),
		f:    make([]float64, n),
		g:    make([]float64, n),
		mid:  xLo/2 + xHi/2,
		half: xHi/2 - xLo/2,
	}
	s.tLo, s.tHi = math.Inf(1), math.Inf(-1)
	for i, x := range xs {
		t := (x - s.mid) / s.half
		s.t[i] = t
		s.tLo, s.tHi = min(s.tLo, t), max(s.tHi, t)
	}
	s.yMean = ySum / float64(n)
	if !finite(s.yMean) { // the sum overflowed
		return nil, ErrNotFinite
	}
	for i, y := range ys {
		d := y - s.yMean
		s.yDev[i] = d
		s.ssTot += d * d
	}
	// A spread of a few ulps is rounding, not a curve: fitting it would
	// snap float32 noise of a constant edge to some f with a large R².
	s.constant = yHi-yLo <= 1e-14*max(math.Abs(yLo), math.Abs(yHi)) || s.ssTot == 0
	if !finite(s.ssTot) {
		return nil, ErrNotFinite
	}
	s.coarse = s
	if n > coarsePoints {
		s.coarse = s.subset(coarsePoints)
	}
	return s, nil
}

// subset returns m of the samples evenly spread over x (the smallest and
// the largest among them, whatever the samples' order), prepared like
// newSamples does but keeping the whole set's t scale and its ends tLo,
// tHi, so the domain checks of the grids hold for every sample.
func (s *samples) subset(m int) *samples {
	n := len(s.x)
	byX := make([]int, n)
	for i := range byX {
		byX[i] = i
	}
	slices.SortStableFunc(byX, func(i, j int) int { return cmp.Compare(s.x[i], s.x[j]) })
	sub := &samples{
		x: make([]float64, m), y: make([]float64, m), t: make([]float64, m),
		yDev: make([]float64, m), f: make([]float64, m), g: make([]float64, m),
		tLo: s.tLo, tHi: s.tHi, mid: s.mid, half: s.half,
	}
	for k := range m {
		i := byX[k*(n-1)/(m-1)]
		sub.x[k], sub.y[k], sub.t[k] = s.x[i], s.y[i], s.t[i]
		sub.yMean += s.y[i]
	}
	sub.yMean /= float64(m)
	for k, y := range sub.y {
		sub.yDev[k] = y - sub.yMean
		sub.ssTot += sub.yDev[k] * sub.yDev[k]
	}
	sub.coarse = sub
	return sub
}

// argRange returns the smallest and largest argument b·t+c over the
// samples; u is affine in t, so the ends are at tLo and tHi.
func (s *samples) argRange(b, c float64) (lo, hi float64) {
	lo, hi = b*s.tLo+c, b*s.tHi+c
	if lo > hi {
		lo, hi = hi, lo
	}
	return lo, hi
}

// inDomain reports whether f is itself on every argument b·t+c.
func (s *samples) inDomain(fn *Func, b, c float64) bool {
	lo, hi := s.argRange(b, c)
	return finite(lo) && finite(hi) && (fn.Domain == nil || fn.Domain(lo, hi))
}

// solveAD returns the a and d minimizing Σ(y - a·f - d)² for the column
// f (one value per sample, s.f or another) and the residual sum of
// squares, from centered sums (stable when f's mean is large against its
// spread). A constant column gives a = 0, d = mean y. ok is false when
// f is not finite.
func (s *samples) solveAD(f []float64) (a, d, ssRes float64, ok bool) {
	n := float64(len(f))
	var sum float64
	for _, v := range f {
		sum += v
	}
	if !finite(sum) {
		return 0, 0, 0, false
	}
	mean := sum / n
	var vf, cov float64
	for i, v := range f {
		dv := v - mean
		vf += dv * dv
		cov += dv * s.yDev[i]
	}
	if !finite(vf) || !finite(cov) {
		return 0, 0, 0, false
	}
	if vf <= 1e-24*n*mean*mean || vf == 0 {
		return 0, s.yMean, s.ssTot, true
	}
	a = cov / vf
	return a, s.yMean - a*mean, max(0, s.ssTot-cov*cov/vf), true
}

// ssRes returns Σ(y - (a·f(b·t+c) + d))² over the samples on the t scale,
// and false when the arguments leave f's domain or a value is not finite.
func (s *samples) ssRes(fn *Func, p params) (float64, bool) {
	if !s.inDomain(fn, p.b, p.c) {
		return 0, false
	}
	var ss float64
	for i, t := range s.t {
		r := s.y[i] - (p.a*fn.Eval(p.b*t+p.c) + p.d)
		ss += r * r
	}
	return ss, finite(ss)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
