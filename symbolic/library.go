package symbolic

import "math"

// Func is one candidate f of the library: an edge is snapped to
// a·f(b·x+c)+d for the f that explains it best.
//
// A Func a caller builds needs Name and Eval; Format (by default
// "Name(arg)"), Deriv, Domain and Complexity are optional. Such a Func is fitted by the general search
// (a 2-D grid over b and c); the library's own entries also carry what
// their shape makes redundant, which lets Fit search one dimension instead
// of two (see search.go).
type Func struct {
	// Name is pykan's name for f in SYMBOLIC_LIB: "x", "x^2", "sin", ...
	Name string
	// Complexity is pykan's complexity of f; Best prefers lower.
	Complexity int
	// Eval is f. It must be total: finite for every finite argument. The
	// library clamps the argument into the domain (log, sqrt, 1/x) and
	// below exp's overflow, so a composed formula evaluated a little
	// outside the range it was fitted on gives a number, never NaN or Inf.
	Eval func(u float64) float64
	// Deriv is f', used to polish a fit; nil means a central difference.
	Deriv func(u float64) float64
	// Domain reports whether f is itself (not its clamped continuation)
	// on every argument in [lo, hi]; nil means on all reals. Fitting
	// rejects parameters whose arguments over the samples leave the
	// domain: the text "log(x1 + 0.5)" must mean log, not Eval's clamp.
	Domain func(lo, hi float64) bool
	// Format writes f applied to the argument text arg, e.g. "sin(arg)";
	// nil means Name(arg).
	Format func(arg string) string

	search search // what the search may skip because of f's shape
	parity parity // f(-u) = ±f(u) lets the search and the text keep b ≥ 0
}

// search names the strategy Fit uses for a Func, chosen by which of the
// four constants f's shape makes redundant. Searching a 2-D grid for
// every edge of a network on every click costs tens of milliseconds in
// the browser; the reductions make most functions a 1-D search.
type search int

const (
	// searchGeneral: a 2-D grid over b and c, then the polish. Any f.
	searchGeneral search = iota
	// searchNone: f is 0, the fit is the constant d.
	searchNone
	// searchLinear: f(u) = u; least squares in closed form.
	searchLinear
	// searchShift: f is scale-free, f(λu) = g(λ)f(u) + h(λ) (powers, abs,
	// sqrt, 1/x, log): |b| is absorbed by a and d, so only the sign of b
	// and the root -c/b are searched.
	searchShift
	// searchRate: f(u+c) = e^c f(u) (exp): c is absorbed by a, so only b
	// is searched.
	searchRate
	// searchHarmonic: a·sin(bu+c) = p·sin(bu) + q·cos(bu): for each b, a
	// and c come from linear least squares with d, so only b is searched.
	searchHarmonic
)

// parity is f's symmetry under u -> -u.
type parity int

const (
	parityNone parity = iota
	parityEven        // f(-u) = f(u)
	parityOdd         // f(-u) = -f(u)
)

// tinyArg keeps the clamped functions finite: log and 1/x see at least
// this much (in magnitude). It is far below anything a fit uses, so on the
// domain Eval is the function itself.
const tinyArg = 1e-300

// maxExpArg keeps exp finite.
const maxExpArg = 700

// Library returns the default candidates, in the order Best breaks ties
// among equally complex functions: 0, x, x^2, x^3, exp, sin, tanh, log,
// sqrt, abs, 1/x. Complexities are pykan's (0:0, x:1, x^2 exp sin log
// sqrt 1/x: 2, x^3 tanh abs: 3). The slice is new on every call; change it
// freely.
func Library() []Func {
	return []Func{
		zeroFunc(),
		{Name: "x", Complexity: 1, search: searchLinear, parity: parityOdd,
			Eval:   func(u float64) float64 { return u },
			Deriv:  func(float64) float64 { return 1 },
			Format: func(arg string) string { return arg }},
		{Name: "x^2", Complexity: 2, search: searchShift, parity: parityEven,
			Eval:   func(u float64) float64 { return u * u },
			Deriv:  func(u float64) float64 { return 2 * u },
			Format: func(arg string) string { return powerBase(arg) + "^2" }},
		{Name: "x^3", Complexity: 3, search: searchShift, parity: parityOdd,
			Eval:   func(u float64) float64 { return u * u * u },
			Deriv:  func(u float64) float64 { return 3 * u * u },
			Format: func(arg string) string { return powerBase(arg) + "^3" }},
		{Name: "exp", Complexity: 2, search: searchRate,
			Eval:   func(u float64) float64 { return math.Exp(min(u, maxExpArg)) },
			Deriv:  func(u float64) float64 { return math.Exp(min(u, maxExpArg)) },
			Domain: func(_, hi float64) bool { return hi <= maxExpArg },
			Format: call("exp")},
		{Name: "sin", Complexity: 2, search: searchHarmonic, parity: parityOdd,
			Eval:   math.Sin,
			Deriv:  math.Cos,
			Format: call("sin")},
		{Name: "tanh", Complexity: 3, search: searchGeneral, parity: parityOdd,
			Eval:   math.Tanh,
			Deriv:  func(u float64) float64 { t := math.Tanh(u); return 1 - t*t },
			Format: call("tanh")},
		{Name: "log", Complexity: 2, search: searchShift,
			Eval: func(u float64) float64 { return math.Log(max(u, tinyArg)) },
			// The derivative is clamped like the function; the polish
			// only needs a direction near the domain's edge.
			Deriv:  func(u float64) float64 { return 1 / max(u, 1e-12) },
			Domain: func(lo, _ float64) bool { return lo > 0 },
			Format: call("log")},
		{Name: "sqrt", Complexity: 2, search: searchShift,
			Eval: func(u float64) float64 { return math.Sqrt(max(u, 0)) },
			// f' is infinite at 0, where a fit whose root sits on the
			// first sample lands; a large finite slope lets the polish
			// move away from there instead of stalling on Inf.
			Deriv:  func(u float64) float64 { return 0.5 / math.Sqrt(max(u, 1e-12)) },
			Domain: func(lo, _ float64) bool { return lo >= 0 },
			Format: call("sqrt")},
		{Name: "abs", Complexity: 3, search: searchShift, parity: parityEven,
			Eval:   math.Abs,
			Deriv:  sign,
			Format: call("abs")},
		{Name: "1/x", Complexity: 2, search: searchShift, parity: parityOdd,
			Eval:   func(u float64) float64 { return 1 / awayFromZero(u) },
			Deriv:  func(u float64) float64 { v := max(math.Abs(u), 1e-150); return -1 / (v * v) },
			Domain: func(lo, hi float64) bool { return lo > 0 || hi < 0 },
			Format: func(arg string) string { return "1/" + powerBase(arg) }},
	}
}

// text writes f applied to arg.
func (f *Func) text(arg string) string {
	if f.Format == nil {
		return f.Name + "(" + arg + ")"
	}
	return f.Format(arg)
}

// Lookup returns the library's Func of that name.
func Lookup(name string) (Func, bool) {
	for _, f := range Library() {
		if f.Name == name {
			return f, true
		}
	}
	return Func{}, false
}

// zeroFunc is pykan's "0": the edge is the constant d (a is 0).
func zeroFunc() Func {
	return Func{Name: "0", Complexity: 0, search: searchNone,
		Eval:   func(float64) float64 { return 0 },
		Deriv:  func(float64) float64 { return 0 },
		Format: func(string) string { return "0" }}
}

// call formats f as a function call, name(arg).
func call(name string) func(string) string {
	return func(arg string) string { return name + "(" + arg + ")" }
}

func sign(u float64) float64 {
	switch {
	case u > 0:
		return 1
	case u < 0:
		return -1
	}
	return 0
}

// awayFromZero moves u out of (-tinyArg, tinyArg), keeping its sign (0
// goes up), so 1/u stays finite.
func awayFromZero(u float64) float64 {
	if math.Abs(u) >= tinyArg {
		return u
	}
	if u < 0 {
		return -tinyArg
	}
	return tinyArg
}
