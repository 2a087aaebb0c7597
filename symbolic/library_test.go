package symbolic

import (
	"math"
	"testing"
)

// TestLibraryNames pins the library's names, order and complexities
// (pykan's), which Best's ties and the formulas rely on.
func TestLibraryNames(t *testing.T) {
	want := []struct {
		name       string
		complexity int
	}{{"0", 0}, {"x", 1}, {"x^2", 2}, {"x^3", 3}, {"exp", 2}, {"sin", 2}, {"tanh", 3}, {"log", 2}, {"sqrt", 2}, {"abs", 3}, {"1/x", 2}}
	lib := Library()
	if len(lib) != len(want) {
		t.Fatalf("library has %d functions, want %d", len(lib), len(want))
	}
	for i, w := range want {
		if lib[i].Name != w.name || lib[i].Complexity != w.complexity {
			t.Errorf("library[%d] = %s (complexity %d), want %s (%d)", i, lib[i].Name, lib[i].Complexity, w.name, w.complexity)
		}
		if f, ok := Lookup(w.name); !ok || f.Name != w.name {
			t.Errorf("Lookup(%q) failed", w.name)
		}
	}
	if _, ok := Lookup("cosh"); ok {
		t.Error("Lookup found cosh, which the library does not have")
	}
	lib[1].Name = "changed"
	if Library()[1].Name != "x" {
		t.Error("Library returned a shared slice")
	}
}

// TestLibraryEval checks each f against math on its domain, and that it
// stays finite everywhere else (the clamps a composed formula relies on).
func TestLibraryEval(t *testing.T) {
	exact := map[string]func(float64) float64{
		"0": func(float64) float64 { return 0 }, "x": func(u float64) float64 { return u },
		"x^2": func(u float64) float64 { return u * u }, "x^3": func(u float64) float64 { return u * u * u },
		"exp": math.Exp, "sin": math.Sin, "tanh": math.Tanh, "log": math.Log, "sqrt": math.Sqrt,
		"abs": math.Abs, "1/x": func(u float64) float64 { return 1 / u },
	}
	args := []float64{-1e300, -750, -3.7, -1, -0.2, -1e-310, 0, 1e-310, 1e-5, 0.3, 1, 2.5, 700, 800, 1e300}
	for _, f := range Library() {
		want := exact[f.Name]
		for _, u := range args {
			got := f.Eval(u)
			// Powers overflow on huge arguments like math does; a fit
			// never gets there (it rejects non-finite values).
			if !finite(got) && !(math.Abs(u) > 1e100 && (f.Name == "x^2" || f.Name == "x^3")) {
				t.Errorf("%s(%g) = %g, want a finite value", f.Name, u, got)
			}
			if (f.Domain == nil || f.Domain(u, u)) && math.Abs(u) < 700 && math.Abs(u) > 1e-300 {
				if w := want(u); got != w && math.Abs(got-w) > 1e-15*math.Abs(w) {
					t.Errorf("%s(%g) = %g, want %g", f.Name, u, got, w)
				}
			}
		}
	}
}

// TestLibraryDeriv checks each f' against a central difference.
func TestLibraryDeriv(t *testing.T) {
	for _, f := range Library() {
		for _, u := range []float64{-2.3, -0.7, 0.4, 1.9} {
			if f.Domain != nil && !f.Domain(u-1e-3, u+1e-3) {
				continue
			}
			h := 1e-6
			num := (f.Eval(u+h) - f.Eval(u-h)) / (2 * h)
			if got := f.Deriv(u); math.Abs(got-num) > 1e-6*(1+math.Abs(num)) {
				t.Errorf("%s'(%g) = %g, central difference %g", f.Name, u, got, num)
			}
		}
	}
}

// TestLibraryDomain checks the domains a fit must respect.
func TestLibraryDomain(t *testing.T) {
	cases := []struct {
		name   string
		lo, hi float64
		want   bool
	}{
		{"log", 0.01, 3, true}, {"log", 0, 3, false}, {"log", -1, 3, false},
		{"sqrt", 0, 3, true}, {"sqrt", -1e-9, 3, false},
		{"1/x", 0.1, 2, true}, {"1/x", -2, -0.1, true}, {"1/x", -0.1, 0.1, false}, {"1/x", 0, 1, false},
		{"exp", -5, 700, true}, {"exp", 0, 701, false},
	}
	for _, c := range cases {
		f, _ := Lookup(c.name)
		if got := f.Domain(c.lo, c.hi); got != c.want {
			t.Errorf("%s domain [%g, %g] = %v, want %v", c.name, c.lo, c.hi, got, c.want)
		}
	}
	for _, name := range []string{"x", "x^2", "x^3", "sin", "tanh", "abs", "0"} {
		if f, _ := Lookup(name); f.Domain != nil {
			t.Errorf("%s has a domain; it is defined on all reals", name)
		}
	}
}
