package symbolic

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// target is pykan's first example, exp(sin(πu) + v²).
func target(x []float64) float64 { return math.Exp(math.Sin(math.Pi*x[0]) + x[1]*x[1]) }

// kan251 returns fits shaped as a KAN[2,5,1] snapped to the target: the
// first hidden node carries sin(πx1) + x2², the others are pruned or
// constant, and the output is exp of the first node.
func kan251(sinEdge, squareEdge, expEdge Fit) [][][]Fit {
	zero, _ := Lookup("0")
	x, _ := Lookup("x")
	l0 := [][]Fit{make([]Fit, 5), make([]Fit, 5)}
	l0[0][0], l0[1][0] = sinEdge, squareEdge
	// Node 1 is the constant 0.3, node 2 gets two constants that cancel;
	// nodes 3 and 4 have no edges (pruned).
	l0[0][1] = Fit{Func: zero, B: 1, D: 0.3, R2: 1}
	l0[0][2] = Fit{Func: zero, B: 1, D: 0.5, R2: 1}
	l0[1][2] = Fit{Func: zero, B: 1, D: -0.5, R2: 1}
	l1 := [][]Fit{make([]Fit, 1), make([]Fit, 1), make([]Fit, 1), make([]Fit, 1), make([]Fit, 1)}
	l1[0][0] = expEdge
	// 2·0.3 - 0.6 = 0: the constant node adds nothing to the output.
	l1[1][0] = Fit{Func: x, A: 2, B: 1, D: -0.6, R2: 1}
	return [][][]Fit{l0, l1}
}

// TestComposeKAN251 composes hand-made edge fits into pykan's example.
func TestComposeKAN251(t *testing.T) {
	sin, _ := Lookup("sin")
	sq, _ := Lookup("x^2")
	exp, _ := Lookup("exp")
	layers := kan251(
		Fit{Func: sin, A: 1, B: math.Pi, R2: 1},
		Fit{Func: sq, A: 1, B: 1, R2: 1},
		Fit{Func: exp, A: 1, B: 1, R2: 1},
	)
	exprs, err := Compose(layers, []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	if len(exprs) != 1 {
		t.Fatalf("%d outputs, want 1", len(exprs))
	}
	t.Logf("KAN[2,5,1]: %s", exprs[0].Text)
	if want := "exp(sin(3.14*x1) + x2^2)"; exprs[0].Text != want {
		t.Errorf("text %q, want %q", exprs[0].Text, want)
	}
	rng := rand.New(rand.NewPCG(31, 32))
	for range 200 {
		x := []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		if got, want := exprs[0].Eval(x), target(x); math.Abs(got-want) > 1e-6 {
			t.Fatalf("Eval(%v) = %g, want %g", x, got, want)
		}
	}
	// The closure owns its copy of the fits.
	layers[1][0][0].A = 5
	if got, want := exprs[0].Eval([]float64{0.3, -0.4}), target([]float64{0.3, -0.4}); math.Abs(got-want) > 1e-12 {
		t.Errorf("Eval follows a later change to the layers: %g, want %g", got, want)
	}
}

// TestComposeFromSamples runs the pipeline the playground will: sample
// each edge's curve over the range its input takes, snap it with Best,
// compose, and check the formula against the data.
func TestComposeFromSamples(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	lib := Library()
	snap := func(f func(float64) float64, lo, hi float64) Fit {
		xs := linspace(lo, hi, 100)
		ys := make([]float64, len(xs))
		for i, x := range xs {
			ys[i] = f(x)
		}
		// A trained spline is not exact: 0.1% noise.
		ys = withNoise(ys, 1e-3, rng)
		fit, ok := Best(xs, ys, lib, 0.99)
		if !ok {
			t.Fatalf("no fit on [%g, %g]", lo, hi)
		}
		return fit
	}
	// The hidden node sin(πx1) + x2² runs over [-1, 2].
	layers := kan251(
		snap(func(x float64) float64 { return math.Sin(math.Pi * x) }, -1, 1),
		snap(func(x float64) float64 { return x * x }, -1, 1),
		snap(math.Exp, -1, 2),
	)
	for l, layer := range layers {
		for i, row := range layer {
			for j, f := range row {
				if f.Func.Name != "" && f.Func.Name != "0" {
					t.Logf("layer %d edge %d->%d: %s, R² %.6f", l, i, j, f.Formula("u"), f.R2)
				}
			}
		}
	}
	exprs, err := Compose(layers, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := exprs[0].Text
	t.Logf("composed: %s", text)
	for _, part := range []string{"exp(", "sin(3.14*x1", "x2"} {
		if !strings.Contains(text, part) {
			t.Errorf("formula %q lacks %q", text, part)
		}
	}
	var ss float64
	const n = 1000
	for range n {
		x := []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		d := exprs[0].Eval(x) - target(x)
		ss += d * d
	}
	if rmse := math.Sqrt(ss / n); rmse > 1e-2 {
		t.Errorf("formula RMSE %.3g against exp(sin(πx1) + x2²), want at most 1e-2", rmse)
	} else {
		t.Logf("formula RMSE %.3g", rmse)
	}
}

// TestComposeLayers: default names, several outputs, constant folding
// through a layer, and the shape errors.
func TestComposeLayers(t *testing.T) {
	x, _ := Lookup("x")
	sq, _ := Lookup("x^2")
	zero, _ := Lookup("0")
	// Two inputs, two outputs: y1 = 2·x1 - x2² + 1, y2 = (x1)² from a
	// node that is x1 + 0.5 minus 0.5.
	layers := [][][]Fit{{
		{{Func: x, A: 2, B: 1, D: 0.4}, {Func: x, A: 1, B: 1, D: 0.5}},
		{{Func: sq, A: -1, B: 1, D: 0.6}, {Func: zero, B: 1, D: -0.5}},
	}}
	exprs, err := Compose(layers, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2*x1 - x2^2 + 1", "x1"}
	for k, e := range exprs {
		if e.Text != want[k] {
			t.Errorf("output %d: %q, want %q", k, e.Text, want[k])
		}
	}
	if got := exprs[0].Eval([]float64{0.5, 2}); math.Abs(got-(1-4+1)) > 1e-12 {
		t.Errorf("y1(0.5, 2) = %g, want -2", got)
	}
	// A second layer squaring a node that is a sum needs parentheses.
	deep := append(layers, [][]Fit{{{Func: sq, A: 1, B: 1}}, {{}}})
	exprs, err = Compose(deep, []string{"u", "v"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "(2*u - v^2 + 1)^2"; exprs[0].Text != want {
		t.Errorf("deep: %q, want %q", exprs[0].Text, want)
	}
	// A node with no variable left is folded into a number downstream.
	folded := [][][]Fit{{{{Func: zero, B: 1, D: 0.5}}}, {{{Func: sq, A: 2, B: 1, C: 1}}}}
	exprs, err = Compose(folded, nil)
	if err != nil {
		t.Fatal(err)
	}
	if exprs[0].Text != "4.5" || exprs[0].Eval([]float64{7}) != 4.5 {
		t.Errorf("folded: %q = %g, want 4.5", exprs[0].Text, exprs[0].Eval([]float64{7}))
	}

	bad := []struct {
		name   string
		layers [][][]Fit
		inputs []string
	}{
		{"no layers", nil, nil},
		{"inputs do not match", layers, []string{"x1"}},
		{"ragged", [][][]Fit{{make([]Fit, 2), make([]Fit, 3)}}, nil},
		{"empty layer", [][][]Fit{{{}, {}}}, []string{"a", "b"}},
		{"layers do not chain", [][][]Fit{layers[0], {make([]Fit, 1)}}, nil},
	}
	for _, b := range bad {
		if _, err := Compose(b.layers, b.inputs); err == nil {
			t.Errorf("%s: no error", b.name)
		}
	}
}
