package symbolic

import (
	"cmp"
	"math"
	"slices"
)

// Best's rule. pykan's suggest_symbolic ranks by 0.8·complexity +
// 0.2·log2(1 - R² + 1e-5), which makes one unit of complexity worth a
// factor 16 in the unexplained variance 1 - R²; for mediocre fits that
// turns absurd (x with R² = 0 beats x^3 with R² = 0.99). Best uses a
// tolerance on R² instead.
const (
	// SimplerWithin is the R² a simpler function may give up to the best
	// fit and still be preferred.
	SimplerWithin = 1e-3
	// tieFactor: among equally complex fits, shortfalls 1 - R² within 25%
	// of the least are a tie, which the earlier f in the library wins.
	// Without it a richer f wins on noise: a·sin(b·x+c)+d with small b
	// is a parabola with a free x⁴ term, and explains 1% noise on x² a
	// hair better than x² itself.
	tieFactor = 1.25
)

// Best fits every f of lib to the samples and picks one:
//
//  1. the fits whose R² is within SimplerWithin of the highest are
//     candidates (only those reaching minR2, when any does);
//  2. of those, the least complex ones (Func.Complexity);
//  3. of those, the highest R², where shortfalls 1 - R² within 25% of the
//     least count as equal and go to the earlier f in lib (Library is in
//     order of preference).
//
// ok is false when the chosen fit does not reach minR2 (it is returned
// anyway), or when the samples cannot be fitted at all (see FitFunc; the
// Fit is then zero). Constant ys fit every f exactly, so they get "0".
//
// It fits the simpler functions first and skips a function that could
// not be chosen even with R² = 1: a curve that x^2 explains to 1e-3
// never pays for the complexity-3 functions (tanh's 2-D grid is most of
// the cost). The choice is the same as fitting them all.
func Best(xs, ys []float64, lib []Func, minR2 float64) (Fit, bool) {
	s, err := newSamples(xs, ys)
	if err != nil {
		return Fit{}, false
	}
	order := make([]int, len(lib))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(lib[i].Complexity, lib[j].Complexity) })
	var fits []ranked
	// simplest is the least complexity among the fits within
	// SimplerWithin of R² = 1 that reach minR2: such a fit stays a
	// candidate whatever comes later, so a more complex f cannot win.
	simplest := math.MaxInt
	for _, i := range order {
		fn := &lib[i]
		if fn.Eval == nil || fn.Complexity > simplest {
			continue
		}
		fit, err := s.fit(fn)
		if err != nil {
			continue
		}
		fits = append(fits, ranked{fit, i})
		if fit.R2 >= 1-SimplerWithin && fit.R2 >= minR2 {
			simplest = min(simplest, fn.Complexity)
		}
	}
	return choose(fits, minR2)
}

// ranked is a fit Best may choose, with its function's place in the
// library for ties.
type ranked struct {
	fit   Fit
	index int
}

// choose applies Best's rule to fits.
func choose(fits []ranked, minR2 float64) (Fit, bool) {
	reached := slices.ContainsFunc(fits, func(r ranked) bool { return r.fit.R2 >= minR2 })
	bestR2 := math.Inf(-1)
	for _, r := range fits {
		if !reached || r.fit.R2 >= minR2 {
			bestR2 = max(bestR2, r.fit.R2)
		}
	}
	candidate := func(r ranked) bool {
		return (!reached || r.fit.R2 >= minR2) && r.fit.R2 >= bestR2-SimplerWithin
	}
	complexity := math.MaxInt
	for _, r := range fits {
		if candidate(r) {
			complexity = min(complexity, r.fit.Func.Complexity)
		}
	}
	least := math.Inf(1) // the least shortfall 1 - R² of the simplest candidates
	for _, r := range fits {
		if candidate(r) && r.fit.Func.Complexity == complexity {
			least = min(least, max(0, 1-r.fit.R2))
		}
	}
	chosen := -1
	for k, r := range fits {
		if candidate(r) && r.fit.Func.Complexity == complexity && 1-r.fit.R2 <= tieFactor*least+1e-12 &&
			(chosen < 0 || r.index < fits[chosen].index) {
			chosen = k
		}
	}
	if chosen < 0 {
		return Fit{}, false
	}
	fit := fits[chosen].fit
	return fit, fit.R2 >= minR2
}
