package symbolic

import (
	"math"
	"testing"
)

func TestNum(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{0, "0"}, {1, "1"}, {-1, "-1"}, {0.5, "0.5"}, {math.Pi, "3.14"}, {-2.25, "-2.25"},
		{31.4159, "31.4"}, {314.159, "314"}, {3141.59, "3142"}, {0.012345, "0.0123"},
		{0.001, "0.001"}, {9.996, "10"}, {0.99951, "1"}, {1.2e-5, "1.2e-05"}, {-4.56e-7, "-4.56e-07"},
		{123456, "1.23e+05"},
	}
	for _, c := range cases {
		if got := num(c.v); got != c.want {
			t.Errorf("num(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestFormula(t *testing.T) {
	fn := func(name string) Func {
		f, ok := Lookup(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		return f
	}
	cases := []struct {
		fit  Fit
		want string
	}{
		{Fit{Func: fn("sin"), A: 1, B: math.Pi}, "sin(3.14*x1)"},
		{Fit{Func: fn("sin"), A: 1.2, B: 3.1, C: 0.7, D: 0.1}, "1.2*sin(3.1*x1 + 0.7) + 0.1"},
		{Fit{Func: fn("sin"), A: -1, B: 3.1, C: -0.7, D: -0.3}, "-sin(3.1*x1 - 0.7) - 0.3"},
		// c negligible against b, d against a (display precision)
		{Fit{Func: fn("sin"), A: 1.0004, B: math.Pi, C: 0.001, D: 0.004}, "sin(3.14*x1)"},
		{Fit{Func: fn("sin"), A: 1, B: math.Pi, C: 0.02, D: 0.006}, "sin(3.14*x1 + 0.02) + 0.006"},
		{Fit{Func: fn("x"), A: 1.5, B: 1, D: 0.2}, "1.5*x1 + 0.2"},
		{Fit{Func: fn("x"), A: -1, B: 1}, "-x1"},
		{Fit{Func: fn("x^2"), A: 1, B: 1}, "x1^2"},
		{Fit{Func: fn("x^2"), A: 2, B: 1, C: -0.25, D: 1}, "2*(x1 - 0.25)^2 + 1"},
		{Fit{Func: fn("x^3"), A: -0.5, B: 1, C: 0.3}, "-0.5*(x1 + 0.3)^3"},
		{Fit{Func: fn("1/x"), A: 2.5, B: 1, C: 1.3}, "2.5/(x1 + 1.3)"},
		{Fit{Func: fn("1/x"), A: 1, B: 1}, "1/x1"},
		{Fit{Func: fn("1/x"), A: -1, B: 1, C: -2}, "-1/(x1 - 2)"},
		{Fit{Func: fn("log"), A: 0.7, B: -1, C: 1.05, D: 0.2}, "0.7*log(-x1 + 1.05) + 0.2"},
		{Fit{Func: fn("sqrt"), A: 1, B: 1, C: 1}, "sqrt(x1 + 1)"},
		{Fit{Func: fn("abs"), A: 2, B: 1, C: -0.5}, "2*abs(x1 - 0.5)"},
		{Fit{Func: fn("tanh"), A: 2, B: 4, C: 0.8, D: 0.3}, "2*tanh(4*x1 + 0.8) + 0.3"},
		{Fit{Func: fn("exp"), A: 1.2e-5, B: 3}, "1.2e-05*exp(3*x1)"},
		{Fit{Func: fn("0"), D: 0.3}, "0.3"},
		{Fit{Func: fn("sin"), A: 0, B: 2, D: -0.3}, "-0.3"},
		{Fit{Func: fn("exp"), A: 2, B: 0, C: 1, D: 0.5}, num(2*math.E + 0.5)},
		{Fit{}, "0"},
	}
	for _, c := range cases {
		if got := c.fit.Formula("x1"); got != c.want {
			t.Errorf("%s %+v: %q, want %q", c.fit.Func.Name, c.fit, got, c.want)
		}
	}
	if got := (Fit{Func: fn("x^2"), A: 1, B: 1}).String(); got != "x^2" {
		t.Errorf("String = %q, want %q", got, "x^2")
	}
}

// TestFormulaParentheses: arguments get parentheses only where the
// precedence needs them.
func TestFormulaParentheses(t *testing.T) {
	for _, c := range []struct {
		e            string
		atom, sumish bool
	}{
		{"x1", true, false}, {"3.14", true, false}, {"sin(x1 + 1)", true, false}, {"(x1 + 1)", true, false},
		{"x1^2", false, false}, {"2*x1", false, false}, {"-x1", false, false}, {"1e-05", false, false},
		{"x1 + 1", false, true}, {"sin(x1) - x2^2", false, true}, {"", false, false},
	} {
		if got := isAtom(c.e); got != c.atom {
			t.Errorf("isAtom(%q) = %v", c.e, got)
		}
		if got := isSum(c.e); got != c.sumish {
			t.Errorf("isSum(%q) = %v", c.e, got)
		}
	}
}
