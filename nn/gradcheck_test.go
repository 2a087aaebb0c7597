package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Gradient checks compare backpropagation with central differences of
// the float32 forward pass. float32 leaves about 7 digits, so the step is
// large (1e-2) and the comparison relative with an absolute floor; the
// step actually taken (after rounding v±eps to float32) is the divisor.

const (
	gradEps    = 1e-2
	gradRelTol = 1e-2
	gradAbsTol = 5e-4
)

// numericGrad returns (f(v+eps) - f(v-eps)) / (2 eps) for every entry of
// values, restoring each afterwards. kinks, if not nil, returns the set of
// ReLU units that are on; when either evaluation switches one, the
// difference straddles a kink and that entry is marked skip.
func numericGrad(values []float32, f func() float64, kinks func() []bool) (num []float64, skip []bool) {
	num = make([]float64, len(values))
	skip = make([]bool, len(values))
	var base []bool
	if kinks != nil {
		f()
		base = slices.Clone(kinks())
	}
	for i, v := range values {
		hi, lo := v+gradEps, v-gradEps
		values[i] = hi
		fHi := f()
		if kinks != nil && !slices.Equal(base, kinks()) {
			skip[i] = true
		}
		values[i] = lo
		fLo := f()
		if kinks != nil && !slices.Equal(base, kinks()) {
			skip[i] = true
		}
		values[i] = v
		num[i] = (fHi - fLo) / (float64(hi) - float64(lo))
	}
	return num, skip
}

// compareGrads returns an error naming the first entry where analytic and
// numeric disagree beyond the tolerances, or saying that kinks left fewer
// than four entries in five to compare.
func compareGrads(analytic []float32, numeric []float64, skip []bool) error {
	checked, err := mismatchedGrad(analytic, numeric, skip)
	if err != nil {
		return err
	}
	if checked*5 < len(analytic)*4 {
		return fmt.Errorf("only %d of %d entries away from kinks", checked, len(analytic))
	}
	return nil
}

// mismatchedGrad is compareGrads without the coverage rule: it returns
// how many entries it compared (those not skipped) and the first that
// disagrees, for callers that judge coverage over several tensors.
func mismatchedGrad(analytic []float32, numeric []float64, skip []bool) (checked int, err error) {
	for i, a := range analytic {
		if skip != nil && skip[i] {
			continue
		}
		checked++
		n := numeric[i]
		if math.Abs(float64(a)-n) > gradRelTol*math.Max(math.Abs(float64(a)), math.Abs(n))+gradAbsTol {
			return checked, fmt.Errorf("entry %d: backprop %.6g, finite difference %.6g", i, a, n)
		}
	}
	return checked, nil
}

// reluKinks returns a function listing which ReLU units of the network are
// on after its most recent Forward, or nil when no layer uses ReLU.
func reluKinks(layers ...*Dense) func() []bool {
	var relu []*Dense
	for _, d := range layers {
		if d.Activation() == ReLU {
			relu = append(relu, d)
		}
	}
	if relu == nil {
		return nil
	}
	return func() []bool {
		var on []bool
		for _, d := range relu {
			for _, z := range d.PreActivation().Data {
				on = append(on, z > 0)
			}
		}
		return on
	}
}

func randMatrix(rng *rand.Rand, rows, cols int, scale float64) Matrix {
	m := Matrix{Rows: rows, Cols: cols, Data: make([]float32, rows*cols)}
	for i := range m.Data {
		m.Data[i] = float32((rng.Float64()*2 - 1) * scale)
	}
	return m
}

// oneHot returns rows of one-hot targets over classes.
func oneHot(rng *rand.Rand, rows, classes int) Matrix {
	m := Matrix{Rows: rows, Cols: classes, Data: make([]float32, rows*classes)}
	for i := range rows {
		m.Data[i*classes+rng.IntN(classes)] = 1
	}
	return m
}

// probabilityRows returns targets that are distributions, not one-hot.
func probabilityRows(rng *rand.Rand, rows, classes int) Matrix {
	m := Matrix{Rows: rows, Cols: classes, Data: make([]float32, rows*classes)}
	for i := range rows {
		r := m.Row(i)
		var sum float32
		for j := range r {
			r[j] = float32(rng.Float64() + 0.1)
			sum += r[j]
		}
		for j := range r {
			r[j] /= sum
		}
	}
	return m
}

// TestDenseGradients checks W, b and the input gradient of one Dense layer
// for every activation. The loss is a fixed random linear function of the
// output, so dL/dy is known exactly and only the layer is under test.
func TestDenseGradients(t *testing.T) {
	for _, act := range Activations() {
		t.Run(act.String(), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(21, uint64(act)))
			const rows, in, out = 5, 4, 3
			d := NewDense(in, out, act, Glorot, rng)
			randomizeBias(rng, d)
			x := randMatrix(rng, rows, in, 1)
			r := randMatrix(rng, rows, out, 1)
			loss := func() float64 {
				y := d.Forward(x)
				var s float64
				for i, v := range y.Data {
					s += float64(v) * float64(r.Data[i])
				}
				return s
			}
			clear(d.w.Grad)
			clear(d.b.Grad)
			d.Forward(x)
			dx := slices.Clone(d.Backward(r).Data)

			kinks := reluKinks(d)
			for _, c := range []struct {
				name     string
				values   []float32
				analytic []float32
			}{
				{"W", d.w.Value, d.w.Grad},
				{"b", d.b.Value, d.b.Grad},
				{"x", x.Data, dx},
			} {
				num, skip := numericGrad(c.values, loss, kinks)
				if err := compareGrads(c.analytic, num, skip); err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
			}
		})
	}
}

// randomizeBias moves biases off their initial constant so their gradient
// is exercised at a generic point.
func randomizeBias(rng *rand.Rand, d *Dense) {
	for j := range d.b.Value {
		d.b.Value[j] = float32(rng.Float64() - 0.5)
	}
}

// TestLossGradients checks dLoss/dpred for MSE and for cross-entropy with
// 2 and 5 classes, one-hot and probability targets.
func TestLossGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 23))
	const rows = 6
	for _, c := range []struct {
		name    string
		kind    LossKind
		classes int
		target  func(rows, classes int) Matrix
	}{
		{"mse/1", MSE, 1, func(r, c int) Matrix { return randMatrix(rng, r, c, 1) }},
		{"mse/3", MSE, 3, func(r, c int) Matrix { return randMatrix(rng, r, c, 1) }},
		{"xent/2/onehot", CrossEntropy, 2, func(r, c int) Matrix { return oneHot(rng, r, c) }},
		{"xent/5/onehot", CrossEntropy, 5, func(r, c int) Matrix { return oneHot(rng, r, c) }},
		{"xent/5/probabilities", CrossEntropy, 5, func(r, c int) Matrix { return probabilityRows(rng, r, c) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			loss := NewLoss(c.kind)
			pred := randMatrix(rng, rows, c.classes, 2)
			target := c.target(rows, c.classes)
			grad := Matrix{Rows: rows, Cols: c.classes, Data: make([]float32, rows*c.classes)}
			scratch := Matrix{Rows: rows, Cols: c.classes, Data: make([]float32, rows*c.classes)}
			loss.Eval(pred, target, grad)
			f := func() float64 { return float64(loss.Eval(pred, target, scratch)) }
			num, _ := numericGrad(pred.Data, f, nil)
			if err := compareGrads(grad.Data, num, nil); err != nil {
				t.Error(err)
			}
		})
	}
}

// threeLayerNet is 3 -> 6 (tanh) -> 5 (hidden act) -> classes (linear).
func threeLayerNet(t *testing.T, rng *rand.Rand, hiddenAct Activation, classes int) *Network {
	t.Helper()
	net, err := NewNetwork(3, []LayerConfig{
		{Kind: DenseLayer, Units: 6, Activation: Tanh},
		{Kind: DenseLayer, Units: 5, Activation: hiddenAct},
	}, classes, Linear, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range net.Layers {
		randomizeBias(rng, l.(*Dense))
	}
	return net
}

func denseLayers(net *Network) []*Dense {
	var ds []*Dense
	for _, l := range net.Layers {
		ds = append(ds, l.(*Dense))
	}
	return ds
}

// TestNetworkGradients checks every parameter and the input gradient of a
// 3-layer network through each loss, end to end.
func TestNetworkGradients(t *testing.T) {
	for _, c := range []struct {
		name    string
		act     Activation
		kind    LossKind
		classes int
	}{
		{"relu/xent2", ReLU, CrossEntropy, 2},
		{"gelu/xent5", GELU, CrossEntropy, 5},
		{"sigmoid/mse", Sigmoid, MSE, 2},
		{"sine/mse1", Sine, MSE, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(24, 25))
			net := threeLayerNet(t, rng, c.act, c.classes)
			const rows = 7
			x := randMatrix(rng, rows, 3, 1.5)
			var target Matrix
			if c.kind == CrossEntropy {
				target = oneHot(rng, rows, c.classes)
			} else {
				target = randMatrix(rng, rows, c.classes, 1)
			}
			loss := NewLoss(c.kind)
			grad := Matrix{Rows: rows, Cols: c.classes, Data: make([]float32, rows*c.classes)}
			f := func() float64 { return float64(loss.Eval(net.Forward(x), target, grad)) }

			net.ZeroGrad()
			f()
			dx := slices.Clone(net.BackwardInput(grad).Data)
			kinks := reluKinks(denseLayers(net)...)
			for i, p := range net.Params() {
				num, skip := numericGrad(p.Value, f, kinks)
				if err := compareGrads(p.Grad, num, skip); err != nil {
					t.Errorf("param %d (%s): %v", i, p.Name, err)
				}
			}
			num, skip := numericGrad(x.Data, f, kinks)
			if err := compareGrads(dx, num, skip); err != nil {
				t.Errorf("input: %v", err)
			}

			// Backward (which skips the input gradient) must give the same
			// parameter gradients as BackwardInput.
			want := make([][]float32, 0)
			for _, p := range net.Params() {
				want = append(want, slices.Clone(p.Grad))
			}
			net.ZeroGrad()
			f()
			net.Backward(grad)
			for i, p := range net.Params() {
				if !slices.Equal(p.Grad, want[i]) {
					t.Errorf("Backward and BackwardInput differ on param %d", i)
				}
			}
		})
	}
}

// TestGradientCheckCatchesErrors makes sure the check above can fail: a
// gradient with one sign flipped, or scaled by 1.1, must be rejected.
func TestGradientCheckCatchesErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(26, 27))
	net := threeLayerNet(t, rng, Tanh, 3)
	x := randMatrix(rng, 4, 3, 1)
	target := oneHot(rng, 4, 3)
	loss := NewLoss(CrossEntropy)
	grad := Matrix{Rows: 4, Cols: 3, Data: make([]float32, 12)}
	f := func() float64 { return float64(loss.Eval(net.Forward(x), target, grad)) }
	net.ZeroGrad()
	f()
	net.Backward(grad)
	w := net.Params()[0]
	num, _ := numericGrad(w.Value, f, nil)
	if err := compareGrads(w.Grad, num, nil); err != nil {
		t.Fatalf("correct gradient rejected: %v", err)
	}
	biggest := 0
	for i, g := range w.Grad {
		if math.Abs(float64(g)) > math.Abs(float64(w.Grad[biggest])) {
			biggest = i
		}
	}
	flipped := slices.Clone(w.Grad)
	flipped[biggest] = -flipped[biggest]
	if compareGrads(flipped, num, nil) == nil {
		t.Error("a sign flip passed the gradient check")
	}
	scaled := slices.Clone(w.Grad)
	for i := range scaled {
		scaled[i] *= 1.1
	}
	if compareGrads(scaled, num, nil) == nil {
		t.Error("a gradient 10% too large passed the gradient check")
	}
}
