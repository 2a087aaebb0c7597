package nn

import (
	"math"

	"playground/kernels"
)

// lbfgs minimizes a function of a flat float32 vector by L-BFGS with a
// strong-Wolfe line search, in reverse communication: it never calls the
// function but asks its caller to evaluate it, so one iteration (several
// evaluations) can be spread over animation frames, and it knows nothing
// of networks. The caller loops
//
//	op := o.next(rate)
//	for op == lbfgsEvaluate {
//		// write the gradient at o.point() into o.grad()
//		op = o.tell(f, aux)
//	}
//	// lbfgsIterated: o.x is the accepted point
//
// stopping between any two evaluations if it likes (next then repeats the
// pending request). The vectors are float32, as the parameters are; dot
// products are accumulated in float64, since the curvature test y·s and
// the line search's slopes are differences of nearly equal sums.
type lbfgs struct {
	x, g   []float32 // the accepted point and the gradient there
	d      []float32 // the search direction
	xt, gt []float32 // the trial point and its gradient
	ex, eg []float32 // where the pending evaluation is and goes (x, g or xt, gt)

	s, y          [][]float32 // ring of the last curvature pairs
	rho, alpha    []float64   // 1/(y·s) per pair; the two-loop's coefficients
	pairs, newest int         // pairs held; ring index of the newest
	hDiag         float64     // y·s / y·y of the newest pair: the initial inverse Hessian's scale

	f, aux  float64 // objective at x, and the caller's figure told with it
	known   bool    // f and g hold the evaluation at x
	stalled bool    // no step can be found from x: wait for a restart
	moved   bool    // the last iteration accepted a new point
	// stationary says the gradient at x is zero to lbfgsGradTol.
	stationary bool
	state      lbfgsState
	rate       float64 // this iteration's initial step (before the first iteration's scaling)
	ls         wolfeSearch
}

type lbfgsState uint8

const (
	lbfgsIdle      lbfgsState = iota // between iterations
	lbfgsEvalStart                   // waiting for f and g at x
	lbfgsSearching                   // waiting for f and g at xt
)

type lbfgsOp uint8

const (
	lbfgsEvaluate lbfgsOp = iota // evaluate at point(), gradient into grad(), then tell
	lbfgsIterated                // an iteration ended; x is the accepted point
)

// Below lbfgsGradTol (torch's tolerance_grad) the gradient counts as
// zero; a slope above -wolfeTolChange along the search direction counts
// as no descent. A curvature pair with y·s at most lbfgsMinCurvature
// would make the inverse Hessian estimate indefinite or huge: skipped.
const (
	lbfgsGradTol      = 1e-7
	lbfgsMinCurvature = 1e-10
)

// newLBFGS allocates L-BFGS over n values with memory m (both > 0): 5+2m
// vectors of n float32 in one block, nothing more afterwards.
func newLBFGS(n, m int) *lbfgs {
	block := make([]float32, (5+2*m)*n)
	take := func() []float32 {
		v := block[:n:n]
		block = block[n:]
		return v
	}
	o := &lbfgs{x: take(), g: take(), d: take(), xt: take(), gt: take(),
		s: make([][]float32, m), y: make([][]float32, m),
		rho: make([]float64, m), alpha: make([]float64, m)}
	for i := range m {
		o.s[i], o.y[i] = take(), take()
	}
	o.restart()
	return o
}

// restart forgets the memory, the evaluation at x and any search under
// way, and returns x for the caller to overwrite with a new start.
func (o *lbfgs) restart() []float32 {
	o.forget()
	o.known, o.stalled, o.moved, o.stationary, o.state = false, false, false, false, lbfgsIdle
	o.f, o.aux = math.NaN(), math.NaN()
	return o.x
}

// forget drops the curvature pairs: the next direction is steepest descent.
func (o *lbfgs) forget() { o.pairs, o.hDiag = 0, 1 }

// retry lets a stalled search try again (the caller changed the step).
func (o *lbfgs) retry() { o.stalled = false }

// settled reports that no iteration can move from x until a restart: the
// gradient there is zero, or float32 has run out of progress.
func (o *lbfgs) settled() bool { return !o.busy() && (o.stalled || o.stationary) }

// busy reports an iteration under way.
func (o *lbfgs) busy() bool { return o.state != lbfgsIdle }

// point is where the pending evaluation is wanted.
func (o *lbfgs) point() []float32 { return o.ex }

// grad is where the caller writes the gradient at point().
func (o *lbfgs) grad() []float32 { return o.eg }

// next starts an iteration if none is under way, with initial step rate
// (scaled down on a first iteration, as torch does), and says what to do.
// An iteration that cannot move (zero gradient, a stalled search, a
// non-positive rate) ends at once without an evaluation.
func (o *lbfgs) next(rate float64) lbfgsOp {
	if o.state != lbfgsIdle {
		return lbfgsEvaluate
	}
	o.rate = rate
	if !o.known {
		o.state, o.ex, o.eg = lbfgsEvalStart, o.x, o.g
		return lbfgsEvaluate
	}
	return o.begin()
}

// tell answers the pending evaluation with the objective f; aux is any
// figure of the caller's for the same point (the trainer's data loss),
// handed back by acceptedAux when the point is accepted.
func (o *lbfgs) tell(f, aux float64) lbfgsOp {
	switch o.state {
	case lbfgsEvalStart:
		o.f, o.aux, o.known = f, aux, true
		return o.begin()
	case lbfgsSearching:
		switch o.ls.tell(f, dot64(o.gt, o.d)) {
		case searchMore:
			o.setTrial()
			return lbfgsEvaluate
		case searchDone:
			o.accept(f, aux)
			return o.finish(true)
		}
		// A failed search from steepest descent means float32 has run
		// out of progress (or the function is unbounded): stop there.
		// Otherwise the memory misled the direction: restart without it.
		o.stalled = o.pairs == 0
		o.forget()
		return o.finish(false)
	}
	panic("nn: lbfgs told an evaluation it did not ask for")
}

// acceptedAux returns the aux told with the current point.
func (o *lbfgs) acceptedAux() float64 { return o.aux }

// begin computes the search direction at x and proposes its first step.
func (o *lbfgs) begin() lbfgsOp {
	gMax := maxAbs(o.g)
	if o.stalled || !finite(o.f) || !finite(gMax) {
		o.stalled = true // nothing sensible to do until a restart
		return o.finish(false)
	}
	o.stationary = gMax <= lbfgsGradTol
	if o.stationary {
		return o.finish(false)
	}
	o.direction()
	gtd := dot64(o.g, o.d)
	if !(gtd < -wolfeTolChange) && o.pairs > 0 {
		o.forget() // rounding made the memory's direction useless
		o.direction()
		gtd = dot64(o.g, o.d)
	}
	t := o.rate
	if o.pairs == 0 {
		// Steepest descent is unscaled: start with a step of at most
		// lr/|g|₁, as torch does on its first iteration.
		t *= min(1, 1/norm1(o.g))
	}
	if !(gtd < -wolfeTolChange) {
		// Even steepest descent (the memory is gone by now) goes
		// nowhere: |g|² is below the tolerance.
		o.stationary = true
		return o.finish(false)
	}
	if !(t > 0) || math.IsInf(t, 0) {
		return o.finish(false) // no step allowed
	}
	o.ls.start(o.f, gtd, maxAbs(o.d), t)
	o.state, o.ex, o.eg = lbfgsSearching, o.xt, o.gt
	o.setTrial()
	return lbfgsEvaluate
}

func (o *lbfgs) finish(moved bool) lbfgsOp {
	o.state, o.moved = lbfgsIdle, moved
	return lbfgsIterated
}

// setTrial writes xt = x + t·d for the search's current step.
func (o *lbfgs) setTrial() {
	copy(o.xt, o.x)
	kernels.Axpy(float32(o.ls.t), o.d, o.xt)
}

// direction writes d = -H·g by the two-loop recursion (Nocedal & Wright,
// Algorithm 7.4), H being the inverse Hessian estimate of the pairs held.
func (o *lbfgs) direction() {
	m := len(o.s)
	d := o.d
	copy(d, o.g)
	kernels.Scale(-1, d)
	for k := range o.pairs { // newest to oldest
		i := (o.newest - k + m) % m
		o.alpha[i] = o.rho[i] * dot64(o.s[i], d)
		kernels.Axpy(float32(-o.alpha[i]), o.y[i], d)
	}
	kernels.Scale(float32(o.hDiag), d)
	for k := o.pairs - 1; k >= 0; k-- { // oldest to newest
		i := (o.newest - k + m) % m
		beta := o.rho[i] * dot64(o.y[i], d)
		kernels.Axpy(float32(o.alpha[i]-beta), o.s[i], d)
	}
}

// accept moves to the trial point, storing the pair s = xt-x, y = gt-g
// when its curvature y·s is clearly positive.
func (o *lbfgs) accept(f, aux float64) {
	var ys, yy float64
	for i, xi := range o.x {
		s := float64(o.xt[i] - xi)
		y := float64(o.gt[i] - o.g[i])
		ys += s * y
		yy += y * y
	}
	if ys > lbfgsMinCurvature {
		m := len(o.s)
		o.newest = (o.newest + 1) % m
		o.pairs = min(o.pairs+1, m)
		sv, yv := o.s[o.newest], o.y[o.newest]
		copy(sv, o.xt)
		kernels.Axpy(-1, o.x, sv)
		copy(yv, o.gt)
		kernels.Axpy(-1, o.g, yv)
		o.rho[o.newest] = 1 / ys
		o.hDiag = ys / yy
	}
	o.x, o.xt = o.xt, o.x
	o.g, o.gt = o.gt, o.g
	o.f, o.aux = f, aux
}

// dot64 is x·y summed in float64.
func dot64(x, y []float32) float64 {
	y = y[:len(x)]
	var s0, s1 float64
	i := 0
	for ; i+2 <= len(x); i += 2 {
		s0 += float64(x[i]) * float64(y[i])
		s1 += float64(x[i+1]) * float64(y[i+1])
	}
	if i < len(x) {
		s0 += float64(x[i]) * float64(y[i])
	}
	return s0 + s1
}

// maxAbs returns max|x[i]|, NaN if any entry is NaN.
func maxAbs(x []float32) float64 {
	var m float64
	for _, v := range x {
		a := math.Abs(float64(v))
		if a > m {
			m = a
		} else if a != a {
			return math.NaN()
		}
	}
	return m
}

// norm1 returns Σ|x[i]| in float64.
func norm1(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += math.Abs(float64(v))
	}
	return s
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
