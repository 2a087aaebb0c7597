package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"playground/symbolic"
)

// snapTestEdges snaps a few edges of l to each kind of function, with
// constants that keep their arguments where the functions are smooth.
func snapTestEdges(t *testing.T, l *KAN) {
	t.Helper()
	fits := []struct {
		name       string
		a, b, c, d float64
	}{{"sin", 0.8, 2.5, 0.3, 0.1}, {"x^2", -0.6, 1.2, 0.2, 0.4}, {"exp", 0.5, 0.7, -0.1, -0.2},
		{"tanh", 1.1, 1.5, 0.1, 0}, {"log", 0.4, 0.5, 2, 0.3}, {"x", 0.7, 1.1, 0.2, -0.1}}
	e := 0
	for _, f := range fits {
		fn, ok := symbolic.Lookup(f.name)
		if !ok {
			t.Fatal(f.name)
		}
		if err := l.SnapEdge(e/l.out, e%l.out, symbolic.Fit{Func: fn, A: f.a, B: f.b, C: f.c, D: f.d}); err != nil {
			t.Fatal(err)
		}
		e += 2
		if e >= l.in*l.out {
			break
		}
	}
}

// TestSnappedKANGradients: with snapped edges, every parameter (the
// constants included) and the input pass the gradient check, and a
// snapped edge computes a·f(b·x+c)+d.
func TestSnappedKANGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, c := range []struct{ in, out int }{{2, 5}, {5, 1}, {3, 3}} {
		l := newTestKAN(t, c.in, c.out, 5, 3, 1, 0.5, 3)
		snapTestEdges(t, l)
		if got := len(l.sym.Value); got != c.in*c.out*4 {
			t.Fatalf("sym holds %d values", got)
		}
		x := randMatrix(rng, 7, c.in, 0.9)
		checkKANGradients(t, l, x, rng, false)
		fit, ok := l.EdgeSymbolic(0, 0)
		if !ok || fit.Func.Name != "sin" {
			t.Fatalf("edge 0->0: %+v %v", fit, ok)
		}
		got := l.EdgeCurve(0, 0, []float32{0.3}, nil)[0]
		if want := 0.8*math.Sin(2.5*0.3+0.3) + 0.1; math.Abs(float64(got)-want) > 1e-5 {
			t.Errorf("snapped edge at 0.3: %g, want %g", got, want)
		}
	}
}

// TestSnapEdgeRefuses: an edge out of range or a function the layer has
// no mode for is an error, and changes nothing.
func TestSnapEdgeRefuses(t *testing.T) {
	l := newTestKAN(t, 2, 2, 3, 3, 1, 0, 1)
	zero, _ := symbolic.Lookup("0")
	sin, _ := symbolic.Lookup("sin")
	for _, c := range []struct {
		i, j int
		f    symbolic.Func
	}{{0, 0, zero}, {2, 0, sin}, {0, -1, sin}} {
		if err := l.SnapEdge(c.i, c.j, symbolic.Fit{Func: c.f, A: 1}); err == nil {
			t.Errorf("edge %d -> %d to %s accepted", c.i, c.j, c.f.Name)
		}
	}
	if len(l.sym.Value) != 0 || l.anyHeld() {
		t.Error("a refused snap changed the layer")
	}
	// A mode out of range (a hand-edited state) is no snapped function.
	l.modes.Value[0] = 99
	if _, ok := l.EdgeSymbolic(0, 0); ok {
		t.Error("mode 99 reads as snapped")
	}
}
