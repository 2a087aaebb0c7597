package nn

import "math"

// wolfeSearch is the strong-Wolfe line search of torch.optim.LBFGS
// (line_search_fn="strong_wolfe", itself from minFunc and Torch7's
// lswolfe.lua): bracket a step by cubic extrapolation, then zoom into the
// bracket by safeguarded cubic interpolation. It is written as a state
// machine so a search can stop between two evaluations: start proposes
// the first step t, and each tell answers the evaluation at t and says
// whether to evaluate at the new t, accept t, or give up.
//
// It only ever accepts the step it was just told about, and only when
// that step satisfies both strong Wolfe conditions; unlike torch it does
// not fall back to the best point seen, so every accepted point is a
// proper one and the caller keeps no gradient but the latest.
type wolfeSearch struct {
	f0, gtd0 float64 // objective and slope along d at step 0
	dNorm    float64 // max|d|: turns a bracket's width into a parameter change
	t        float64 // the step to evaluate next (or just evaluated)
	evals    int

	zooming bool
	prev    linePoint    // bracketing: the previous trial (step 0 at first)
	br      [2]linePoint // zooming: the bracket's ends
	lo      int          // zooming: index of the end with the lower objective
	hugging bool         // zooming: the last interpolation hugged an end
}

// linePoint is one evaluated step: its objective and slope along d.
type linePoint struct{ t, f, gtd float64 }

type searchResult uint8

const (
	searchMore   searchResult = iota // evaluate at t and tell again
	searchDone                       // t satisfies the strong Wolfe conditions
	searchFailed                     // no such step within the budget
)

// The constants are torch's: c1 and c2 the usual sufficient-decrease and
// curvature constants for quasi-Newton methods, the tolerance torch's
// tolerance_change, and at most 25 evaluations per search so one
// iteration's cost stays bounded.
const (
	wolfeC1        = 1e-4
	wolfeC2        = 0.9
	wolfeTolChange = 1e-9
	wolfeMaxEvals  = 25
)

// start begins a search from objective f0 with slope gtd0 < 0 along a
// direction whose largest entry is dNorm, first trying step t.
func (s *wolfeSearch) start(f0, gtd0, dNorm, t float64) {
	*s = wolfeSearch{f0: f0, gtd0: gtd0, dNorm: dNorm, t: t, prev: linePoint{0, f0, gtd0}}
}

// tell answers the evaluation at s.t: objective f and slope gtd along d.
// A non-finite answer counts as an infinitely high objective, so the
// search backs off towards the last finite point instead of
// interpolating with NaN.
func (s *wolfeSearch) tell(f, gtd float64) searchResult {
	s.evals++
	if math.IsNaN(f) || math.IsInf(f, 0) || math.IsNaN(gtd) || math.IsInf(gtd, 0) {
		f, gtd = math.Inf(1), math.NaN()
	}
	cur := linePoint{s.t, f, gtd}
	var r searchResult
	if s.zooming {
		r = s.zoom(cur)
	} else {
		r = s.bracket(cur)
	}
	if r == searchMore && s.evals >= wolfeMaxEvals {
		return searchFailed
	}
	return r
}

// armijo reports sufficient decrease at p.
func (s *wolfeSearch) armijo(p linePoint) bool { return p.f <= s.f0+wolfeC1*p.t*s.gtd0 }

// curvature reports the strong curvature condition at p.
func (s *wolfeSearch) curvature(p linePoint) bool { return math.Abs(p.gtd) <= -wolfeC2*s.gtd0 }

// bracket grows the step until [prev, cur] must hold an acceptable one.
// The objective rising above the previous trial's also closes the
// bracket from the second trial on, as in Nocedal & Wright's Algorithm
// 3.5 (torch waits for the third).
func (s *wolfeSearch) bracket(cur linePoint) searchResult {
	switch {
	case !s.armijo(cur) || (s.prev.t > 0 && cur.f >= s.prev.f):
		s.startZoom(s.prev, cur)
	case s.curvature(cur):
		return searchDone
	case cur.gtd >= 0:
		s.startZoom(s.prev, cur)
	default: // still going down steeply: extrapolate, at most tenfold
		s.t = cubicMin(s.prev, cur, cur.t+0.01*(cur.t-s.prev.t), 10*cur.t)
		s.prev = cur
		return searchMore
	}
	return s.nextZoomStep()
}

func (s *wolfeSearch) startZoom(a, b linePoint) {
	s.zooming, s.br, s.lo, s.hugging = true, [2]linePoint{a, b}, 0, false
	if a.f > b.f {
		s.lo = 1
	}
}

// zoom shrinks the bracket around cur, keeping at br[lo] the best point
// that satisfies sufficient decrease.
func (s *wolfeSearch) zoom(cur linePoint) searchResult {
	hi := 1 - s.lo
	if !s.armijo(cur) || cur.f >= s.br[s.lo].f {
		s.br[hi] = cur
		s.lo = 0
		if s.br[0].f > s.br[1].f {
			s.lo = 1
		}
		return s.nextZoomStep()
	}
	if s.curvature(cur) {
		return searchDone
	}
	if cur.gtd*(s.br[hi].t-s.br[s.lo].t) >= 0 {
		s.br[hi] = s.br[s.lo] // the minimum lies on the other side of cur
	}
	s.br[s.lo] = cur
	return s.nextZoomStep()
}

// nextZoomStep picks the next step inside the bracket: the cubic's
// minimum, moved a tenth of the width away from an end when it lands
// on one, or hugs one twice running, so the bracket keeps shrinking.
func (s *wolfeSearch) nextZoomStep() searchResult {
	a, b := s.br[0], s.br[1]
	lo, hi := min(a.t, b.t), max(a.t, b.t)
	if (hi-lo)*s.dNorm < wolfeTolChange {
		return searchFailed // the bracket no longer moves any parameter
	}
	t := cubicMin(a, b, lo, hi)
	eps := 0.1 * (hi - lo)
	if min(hi-t, t-lo) < eps {
		if s.hugging || t >= hi || t <= lo {
			if math.Abs(t-hi) < math.Abs(t-lo) {
				t = hi - eps
			} else {
				t = lo + eps
			}
			s.hugging = false
		} else {
			s.hugging = true
		}
	} else {
		s.hugging = false
	}
	s.t = t
	return searchMore
}

// cubicMin returns the minimizer of the cubic through a and b (values
// and slopes), clamped to [lo, hi]; the midpoint when the cubic has none
// or the points are not finite.
func cubicMin(a, b linePoint, lo, hi float64) float64 {
	d1 := a.gtd + b.gtd - 3*(a.f-b.f)/(a.t-b.t)
	if d2sq := d1*d1 - a.gtd*b.gtd; d2sq >= 0 {
		d2 := math.Sqrt(d2sq)
		var m float64
		if a.t <= b.t {
			m = b.t - (b.t-a.t)*((b.gtd+d2-d1)/(b.gtd-a.gtd+2*d2))
		} else {
			m = a.t - (a.t-b.t)*((a.gtd+d2-d1)/(a.gtd-b.gtd+2*d2))
		}
		if !math.IsNaN(m) {
			return min(max(m, lo), hi)
		}
	}
	return (lo + hi) / 2
}
