package session

import (
	"math"
	"slices"
	"testing"

	"playground/experiment"
	"playground/nn"
	"playground/ui"
)

// The large plot of a KAN edge spans the range its input took on the
// training samples, counts every sample once in its histogram, and puts a
// control point per coefficient; moving one sets exactly that coefficient
// so the point lands where it was asked, the network's outputs change, and
// weights (and a link's, to float16) carry the edit. So for B-splines
// and Gaussian RBFs; Chebyshev edges have no points.
func TestEdgePlotAndControlPoints(t *testing.T) {
	for _, b := range []nn.KANBasis{nn.BSplineBasis, nn.RBFBasis} {
		t.Run(b.String(), func(t *testing.T) { testControlPoints(t, withBasis(t, b)) })
	}
	sess := newSession(t, withBasis(t, nn.ChebyshevBasis))
	sess.Step(3)
	var p ui.EdgePlot
	if err := sess.EdgePlot(0, 0, 0, &p); err != nil || len(p.Handles) != 0 || len(p.Curve) != edgePlotSamples {
		t.Errorf("a Chebyshev edge's plot: %d handles, %d curve points, %v", len(p.Handles), len(p.Curve), err)
	}
	if err := sess.SetControlPoint(0, 0, 0, 0, 1); err == nil || sess.ControlPoints(0, 0, 0) != nil {
		t.Error("a Chebyshev edge's control point moved")
	}
}

// withBasis is the KAN preset with every layer on basis b.
func withBasis(t *testing.T, b nn.KANBasis) experiment.Spec {
	spec := presetSpec(t, "kan-expsin")
	for i := range spec.Layers {
		spec.Layers[i].Options["basis"] = float32(b)
	}
	return spec
}

func testControlPoints(t *testing.T, spec experiment.Spec) {
	sess := newSession(t, spec)
	sess.Step(20)
	var p ui.EdgePlot
	const layer, from, to = 0, 1, 2
	if err := sess.EdgePlot(layer, from, to, &p); err != nil {
		t.Fatal(err)
	}
	x := sess.data.xTrain
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	for r := range x.Rows {
		lo, hi = min(lo, x.At(r, from)), max(hi, x.At(r, from))
	}
	total := 0
	for _, c := range p.Counts {
		total += c
	}
	if p.Lo != lo || p.Hi != hi || total != x.Rows || len(p.Counts) != edgePlotBins {
		t.Errorf("plot over [%v, %v] with %d samples in %d bins; the input took [%v, %v] over %d samples",
			p.Lo, p.Hi, total, len(p.Counts), lo, hi, x.Rows)
	}
	net := sess.trainer.Net()
	kan := net.Layers[layer].(*nn.KAN)
	if want := kan.Grid() + kan.Order(); len(p.Handles) != want {
		t.Fatalf("%d handles, want G+k = %d", len(p.Handles), want)
	}
	if len(p.Curve) != edgePlotSamples {
		t.Fatalf("%d curve samples", len(p.Curve))
	}
	t.Logf("input range [%.3f, %.3f], handles at x %.3f .. %.3f", lo, hi, p.Handles[0].X, p.Handles[len(p.Handles)-1].X)

	// An interior control point: the one whose abscissa is nearest the
	// middle of the input's range.
	m := 0
	for k, h := range p.Handles {
		if math.Abs(float64(h.X-(lo+hi)/2)) < math.Abs(float64(p.Handles[m].X-(lo+hi)/2)) {
			m = k
		}
	}
	before := sess.ControlPoints(layer, from, to)
	outBefore := slices.Clone(net.Forward(x).Data)
	curveBefore := slices.Clone(p.Curve)
	target := p.Handles[m].Y + 0.5
	if err := sess.SetControlPoint(layer, from, to, m, target); err != nil {
		t.Fatal(err)
	}
	after := sess.ControlPoints(layer, from, to)
	for k := range after {
		if k != m && after[k] != before[k] {
			t.Errorf("coefficient %d moved from %v to %v; only %d was edited", k, before[k], after[k], m)
		}
	}
	var q ui.EdgePlot
	if err := sess.EdgePlot(layer, from, to, &q); err != nil {
		t.Fatal(err)
	}
	if got := q.Handles[m].Y; math.Abs(float64(got-target)) > 1e-5 {
		t.Errorf("control point %d is at %v after moving it to %v", m, got, target)
	}
	if got := sess.EdgeHandles(layer, from, to, nil); !slices.Equal(got, q.Handles) {
		t.Errorf("EdgeHandles %v, the plot's %v", got, q.Handles)
	}
	if got := sess.EdgeHandles(layer+5, from, to, nil); got != nil {
		t.Errorf("EdgeHandles of a layer that is not there: %v", got)
	}
	sp, _ := editableSpline(kan, from, to)
	if want := float32((float64(target) - sp.base(m)) / float64(sp.scale)); after[m] != want {
		t.Errorf("coefficient %d is %v, want (y - scale_base·SiLU(g))/scale_sp = %v", m, after[m], want)
	}
	// The curve rises by scale_sp·Δc·B_m(x), most near the point's
	// abscissa and by less than the point moved (B_m < 1).
	biggest, at := 0.0, float32(0)
	for k := range q.Curve {
		if d := math.Abs(float64(q.Curve[k] - curveBefore[k])); d > biggest {
			biggest, at = d, q.Lo+(q.Hi-q.Lo)*float32(k)/float32(len(q.Curve)-1)
		}
	}
	interval := (sp.knots[len(sp.knots)-1] - sp.knots[0]) / float32(len(sp.knots)-1)
	t.Logf("the curve moved by at most %.3f, at x %.3f; the point is at x %.3f", biggest, at, q.Handles[m].X)
	if biggest < 0.1 || biggest > 0.5+1e-4 || math.Abs(float64(at-q.Handles[m].X)) > float64(interval) {
		t.Errorf("the curve moved by at most %v at x %v: want a bump below the point's 0.5 near its x %v", biggest, at, q.Handles[m].X)
	}
	outAfter := net.Forward(x).Data
	changed := 0
	for r := range outAfter {
		if outAfter[r] != outBefore[r] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the network's outputs did not change")
	}

	// The edit travels with the weights: exactly in a file's float32,
	// to float16 in a link.
	w := sess.Weights()
	payload, err := experiment.EncodeWeights(w)
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]experiment.Weights{"weights": w, "link": mustDecode(t, payload, sess.WeightCounts())} {
		other := newSession(t, sess.Spec())
		if err := other.Restore(w); err != nil {
			t.Fatal(err)
		}
		got := other.ControlPoints(layer, from, to)
		tol := 0.0
		if name == "link" {
			tol = 1e-3 * math.Abs(float64(after[m])) // float16's half an ulp
		}
		if math.Abs(float64(got[m]-after[m])) > tol {
			t.Errorf("%s: coefficient %d comes back as %v, want %v", name, m, got[m], after[m])
		}
	}

	// Training goes on from the edit.
	if n := sess.Step(5); n != 5 || !finite(sess.Metrics().TrainLoss) {
		t.Errorf("after the edit %d of 5 steps, train loss %v", n, sess.Metrics().TrainLoss)
	}

	// Refused edits change nothing.
	now := sess.ControlPoints(layer, from, to)
	for name, edit := range map[string]func() error{
		"no layer":   func() error { return sess.SetControlPoint(5, 0, 0, 0, 1) },
		"no edge":    func() error { return sess.SetControlPoint(layer, 2, 0, 0, 1) },
		"no point":   func() error { return sess.SetControlPoint(layer, from, to, len(now), 1) },
		"negative":   func() error { return sess.SetControlPoint(layer, from, to, -1, 1) },
		"nan height": func() error { return sess.SetControlPoint(layer, from, to, 0, float32(math.NaN())) },
		"inf height": func() error { return sess.SetControlPoint(layer, from, to, 0, float32(math.Inf(1))) },
	} {
		if err := edit(); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if !slices.Equal(now, sess.ControlPoints(layer, from, to)) {
		t.Error("a refused edit changed the coefficients")
	}
	if err := sess.EdgePlot(7, 0, 0, &p); err == nil {
		t.Error("EdgePlot of a missing layer: no error")
	}
}

func mustDecode(t *testing.T, payload string, counts experiment.WeightCounts) experiment.Weights {
	t.Helper()
	w, err := experiment.DecodeWeights(payload, counts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// An edit in the middle of an L-BFGS iteration (the network holding a
// trial point of its line search) lands on the accepted weights and
// stays: the next iteration starts from the edited network.
func TestControlPointMidStep(t *testing.T) {
	sess := newSession(t, presetSpec(t, "kan-expsin"))
	sess.Step(5)
	for range 20 {
		if _, ok := sess.stepPart(); !ok {
			t.Fatal("training stopped")
		}
		if sess.trainer.MidStep() {
			break
		}
	}
	if !sess.trainer.MidStep() {
		t.Skip("no L-BFGS iteration took more than one evaluation")
	}
	var p ui.EdgePlot
	if err := sess.EdgePlot(0, 0, 0, &p); err != nil {
		t.Fatal(err)
	}
	const m = 2
	target := p.Handles[m].Y - 0.3
	if err := sess.SetControlPoint(0, 0, 0, m, target); err != nil {
		t.Fatal(err)
	}
	if sess.trainer.MidStep() {
		t.Error("still mid-step after the edit")
	}
	if err := sess.EdgePlot(0, 0, 0, &p); err != nil {
		t.Fatal(err)
	}
	if got := p.Handles[m].Y; math.Abs(float64(got-target)) > 1e-5 {
		t.Errorf("control point %d is at %v, asked %v", m, got, target)
	}
	edited := sess.Metrics().TrainLoss
	sess.Step(3)
	if got := sess.Metrics().TrainLoss; !(got <= edited) {
		t.Errorf("training from the edit: loss %v -> %v", edited, got)
	}
}
