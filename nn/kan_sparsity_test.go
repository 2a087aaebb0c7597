package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sparsityRef computes pykan's reg for the layer's last Forward batch x
// from its definition, in float64 with two-pass standard deviations.
func sparsityRef(l *KAN, x Matrix) float64 {
	std := func(v []float64) float64 {
		var mean, sq float64
		for _, x := range v {
			mean += x / float64(len(v))
		}
		for _, x := range v {
			sq += (x - mean) * (x - mean)
		}
		return math.Sqrt(sq / float64(len(v)-1))
	}
	a := make([][]float64, l.out) // a[j][i], pykan's (out, in) layout
	for j := range a {
		a[j] = make([]float64, l.in)
	}
	for i := range l.in {
		col := make([]float32, x.Rows)
		xs := make([]float64, x.Rows)
		for r := range x.Rows {
			col[r], xs[r] = x.At(r, i), float64(x.At(r, i))
		}
		for j := range l.out {
			a[j][i] = std(toFloat64(l.EdgeCurve(i, j, col, nil))) / (std(xs) + 0.1)
		}
	}
	entropy := func(p []float64) float64 {
		var h float64
		for _, v := range p {
			h -= v * math.Log2(v+1e-4)
		}
		return h
	}
	var l1, hRow, hCol float64
	for j := range l.out {
		sum := 1.0
		for i := range l.in {
			l1 += a[j][i]
			sum += a[j][i]
		}
		p := make([]float64, l.in)
		for i := range p {
			p[i] = a[j][i] / sum
		}
		hRow += entropy(p) / float64(l.out)
	}
	for i := range l.in {
		sum := 1.0
		for j := range l.out {
			sum += a[j][i]
		}
		p := make([]float64, l.out)
		for j := range p {
			p[j] = a[j][i] / sum
		}
		hCol += entropy(p) / float64(l.in)
	}
	return l1 + 2*(hRow+hCol)
}

// TestKANSparsityValue compares ExtraLoss with the formula computed from
// the edge curves.
func TestKANSparsityValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	for _, c := range []struct{ in, out int }{{2, 5}, {5, 1}, {3, 3}, {1, 1}} {
		l := newTestKAN(t, c.in, c.out, 5, 3, 1, 0.5, 7)
		x := randMatrix(rng, 40, c.in, 1.2)
		l.Forward(x)
		if v := l.ExtraLoss(true); v != 0 {
			t.Errorf("penalty off: %g", v)
		}
		l.SetSparsity(0.25)
		got, want := float64(l.ExtraLoss(false)), 0.25*sparsityRef(l, x)
		t.Logf("%d-%d: lamb·reg %.6g, reference %.6g", c.in, c.out, got, want)
		if math.Abs(got-want) > 1e-5*math.Abs(want) {
			t.Errorf("%d-%d: lamb·reg %g, reference %g", c.in, c.out, got, want)
		}
	}
}

// TestKANSparsityGradient checks ExtraLoss's gradient for every parameter
// against central differences of its value, and that it adds to the Grad
// already there and leaves it alone with the penalty off.
func TestKANSparsityGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	for n, c := range []struct{ in, out, g, k int }{{2, 5, 5, 3}, {5, 1, 3, 3}, {3, 4, 6, 2}, {2, 2, 4, 1}} {
		l := newTestKAN(t, c.in, c.out, c.g, c.k, 1, 0.5, uint64(n))
		x := randMatrix(rng, 25, c.in, 1.2)
		l.SetSparsity(1)
		f := func() float64 {
			l.Forward(x)
			return float64(l.ExtraLoss(false))
		}
		f()
		for _, p := range l.Params() {
			for m := range p.Grad {
				p.Grad[m] = 0.5 // stands for the data loss's gradient
			}
		}
		l.ExtraLoss(true)
		for _, p := range l.Params() {
			analytic := slices.Clone(p.Grad)
			for m := range analytic {
				analytic[m] -= 0.5
			}
			num, _ := numericGrad(p.Value, f, nil)
			if err := compareGrads(analytic, num, nil); err != nil {
				t.Errorf("%+v %s: %v", c, p.Name, err)
			}
		}
		l.SetSparsity(0)
		before := slices.Clone(l.coef.Grad)
		if v := l.ExtraLoss(true); v != 0 || !slices.Equal(before, l.coef.Grad) {
			t.Errorf("penalty off: %g, gradient changed", v)
		}
	}
}

// TestKANSparsityInTrainer: the trainer finds the penalty (a LossTerm),
// and training with it leaves the edges smaller than training without.
func TestKANSparsityInTrainer(t *testing.T) {
	train := func(lamb float32) (total float32) {
		rng := rand.New(rand.NewPCG(45, 46))
		net := buildKAN(t, []int{2, 5, 1}, 3, rng)
		x := randMatrix(rng, 200, 2, 1)
		y := Matrix{Rows: 200, Cols: 1, Data: make([]float32, 200)}
		for r := range 200 {
			y.Data[r] = float32(math.Sin(math.Pi * float64(x.At(r, 0)))) // x_1 does not matter
		}
		for _, l := range net.Layers {
			l.(*KAN).SetSparsity(lamb)
		}
		tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 1, Rule: RuleConfig{Kind: LBFGS}}, x, y)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.terms) != 2 {
			t.Fatalf("trainer found %d loss terms, want 2", len(tr.terms))
		}
		for range 40 {
			tr.Step()
		}
		net.Forward(x)
		for _, l := range net.Layers {
			for _, e := range l.Edges(nil) {
				total += e
			}
		}
		return total
	}
	off, on := train(0), train(1e-2)
	t.Logf("sum of edge strengths after 40 L-BFGS iterations: %.4g without the penalty, %.4g with lamb 1e-2", off, on)
	if !(on < off) {
		t.Errorf("the penalty did not shrink the edges: %g with, %g without", on, off)
	}
}
