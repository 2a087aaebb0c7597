package symbolic

import "math"

// Fit is a curve snapped to A·Func(B·x+C)+D, with the share of its
// variance that explains.
//
// The constants are canonical, so the text reads the same for the same
// curve: for x, B is 1 and C is 0; for the scale-free functions (x^2,
// x^3, abs, sqrt, log, 1/x) B is ±1 (+1 unless f has no symmetry) and C
// places the root; for exp C is 0 (unless the xs lie so far from 0 that
// exp(B·x) nears float range: then the argument is centered on them); for
// sin and tanh B ≥ 0, and for sin A ≥ 0 and C is in [-π, π].
//
// The zero Fit (no Func) is the constant D, 0: an absent edge in Compose.
type Fit struct {
	Func       Func
	A, B, C, D float64
	// R2 is 1 - SSres/SStot over the samples fitted. For samples whose ys
	// are all equal (SStot = 0) every f fits them exactly with A = 0,
	// and R2 is 1.
	R2 float64
}

// Eval returns A·f(B·x+C)+D, or D when the Fit has no Func.
func (f Fit) Eval(x float64) float64 {
	if f.Func.Eval == nil {
		return f.D
	}
	return f.A*f.Func.Eval(f.B*x+f.C) + f.D
}

// FitFunc finds the a, b, c, d minimizing Σ(ys - (a·f(b·xs+c)+d))², as
// pykan's fit_params: a grid search over b and c (on x mapped onto
// [-1, 1], reduced to one dimension where f's shape makes a constant
// redundant), each grid point's a and d by linear least squares, one
// refinement of the grid around the best point, then a Levenberg-Marquardt
// polish of all the constants that are not redundant. The grids run on
// at most 32 of the samples, the polish on all. Constants whose
// arguments leave f's domain over the samples (log, sqrt, 1/x) are never
// considered (pykan clamps instead; see Func.Domain).
//
// It fails on fewer than 4 samples, NaN or infinite values, xs that are
// all equal, or a Func without Eval. When the ys are all equal it returns
// A = 0, B = 1, C = 0, D = their value, R2 = 1, for any f. It is
// deterministic.
func FitFunc(xs, ys []float64, f Func) (Fit, error) {
	if f.Eval == nil {
		return Fit{}, ErrNoEval
	}
	s, err := newSamples(xs, ys)
	if err != nil {
		return Fit{}, err
	}
	return s.fit(&f)
}

// fit runs the search f's shape allows, the polish, and finish.
func (s *samples) fit(fn *Func) (Fit, error) {
	if s.constant || fn.search == searchNone {
		r2 := 0.0
		if s.constant {
			r2 = 1
		}
		return Fit{Func: *fn, B: 1, D: s.yMean, R2: r2}, nil
	}
	var best candidate
	free := [4]bool{true, true, true, true}
	switch g := s.coarse; fn.search { // g: the grids' subset of the samples
	case searchLinear:
		copy(s.f, s.t)
		a, d, ss, ok := s.solveAD(s.f)
		best = candidate{params{a, 1, 0, d}, ss, ok}
		free = [4]bool{} // least squares is already the optimum
	case searchShift:
		best = g.searchShift(fn)
		free[1] = false
	case searchRate:
		best = g.searchRate(fn)
		free[2] = false
	case searchHarmonic:
		best = g.searchHarmonic()
	default:
		best = g.searchGeneral(fn)
	}
	if !best.ok {
		return Fit{}, ErrNoFit
	}
	p := best.p
	if free != [4]bool{} {
		p = s.polish(fn, p, free)
	}
	return s.finish(fn, p)
}

// maxRateArg bounds |b·x| over the samples for exp's canonical c = 0:
// beyond, a would be below 1e-22 or above 1e22.
const maxRateArg = 50

// finish maps constants from the t scale back to x, makes them canonical
// (see Fit), solves a and d once more on x (exact for the new b and c),
// and measures R².
func (s *samples) finish(fn *Func, p params) (Fit, error) {
	// b·t + c = b·(x - mid)/half + c
	b := p.b / s.half
	c := p.c - b*s.mid
	switch fn.search {
	case searchLinear:
		b, c = 1, 0
	case searchShift:
		// f(b·x+c) = f(|b|·(σx + c/|b|)): the scale goes into a and d.
		sg := math.Copysign(1, b)
		if fn.parity != parityNone {
			sg = 1
		}
		b, c = sg, sg*c/b
	case searchRate:
		// e^c goes into a, unless x is so far from 0 that exp(b·x)
		// nears float range; then c centers the argument on the samples.
		c = 0
		if math.Abs(b)*max(math.Abs(s.mid-s.half), math.Abs(s.mid+s.half)) > maxRateArg {
			c = -b * s.mid
		}
	}
	for i, x := range s.x {
		s.f[i] = fn.Eval(b*x + c)
	}
	a, d, _, ok := s.solveAD(s.f)
	if !ok {
		return Fit{}, ErrNoFit
	}
	fit := Fit{Func: *fn, A: a, B: b, C: c, D: d}
	fit.symmetrize()
	var ss float64
	for i, x := range s.x {
		r := s.y[i] - fit.Eval(x)
		ss += r * r
	}
	if !finite(ss) {
		return Fit{}, ErrNoFit
	}
	fit.R2 = 1 - ss/s.ssTot
	return fit, nil
}

// symmetrize applies the identities that leave the curve unchanged: b ≥ 0
// for even or odd f (f(-u) = ±f(u)), and for sin a ≥ 0 (-sin u =
// sin(u + π)) with c wrapped into [-π, π].
func (f *Fit) symmetrize() {
	if f.Func.parity != parityNone && f.B < 0 {
		f.B, f.C = -f.B, -f.C
		if f.Func.parity == parityOdd {
			f.A = -f.A
		}
	}
	if f.Func.search == searchHarmonic {
		if f.A < 0 {
			f.A, f.C = -f.A, f.C+math.Pi
		}
		f.C = math.Remainder(f.C, 2*math.Pi)
	}
}
