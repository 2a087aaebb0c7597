package session

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

func newSession(t *testing.T, s experiment.Spec) *Session {
	t.Helper()
	sess, err := New(s)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return sess
}

// The browser test asserts the default experiment reaches this test loss
// within this many steps; keep the two in step.
const (
	defaultLossBound = 0.1
	defaultMaxSteps  = 4000
)

func TestDefaultExperimentLearns(t *testing.T) {
	sess := newSession(t, experiment.Default())
	start := sess.Metrics()
	if start.Step != 0 || math.IsNaN(float64(start.TestLoss)) {
		t.Fatalf("fresh session: %+v", start)
	}
	steps := 0
	for steps < defaultMaxSteps {
		steps += sess.Step(100)
		if sess.Metrics().TestLoss < defaultLossBound {
			break
		}
	}
	m := sess.Metrics()
	t.Logf("default: %d steps, epoch %d, train loss %.4f test loss %.4f, test accuracy %.3f", m.Step, m.Epoch, m.TrainLoss, m.TestLoss, m.TestAcc)
	if m.TestLoss >= defaultLossBound {
		t.Fatalf("test loss %.4f after %d steps, want below %.2f", m.TestLoss, m.Step, defaultLossBound)
	}
	if m.TestAcc < 0.95 {
		t.Errorf("test accuracy %.3f, want at least 0.95", m.TestAcc)
	}
	if m.TestLoss >= start.TestLoss {
		t.Errorf("test loss did not fall: %.4f then %.4f", start.TestLoss, m.TestLoss)
	}
}

func TestSameSpecSameLosses(t *testing.T) {
	spec := experiment.Default()
	spec.Layers = slices.Insert(spec.Layers, len(spec.Hidden()), experiment.LayerSpec{Kind: nn.DenseLayer, Units: 3, Activation: nn.ReLU})
	a, b := newSession(t, spec), newSession(t, spec)
	a.Step(300)
	b.Step(300)
	// Printed, so NaN (the RMSE of a classification) equals NaN.
	same := func(x, y Metrics) bool { return fmt.Sprint(x) == fmt.Sprint(y) }
	if !same(a.Metrics(), b.Metrics()) {
		t.Fatalf("same spec, different results:\n%+v\n%+v", a.Metrics(), b.Metrics())
	}
	spec.Seed++
	c := newSession(t, spec)
	c.Step(300)
	if same(c.Metrics(), a.Metrics()) {
		t.Fatal("a different seed gave identical results")
	}
}

// divergingSpec is a linear network on regression with a learning rate
// far above what MSE tolerates: its weights grow geometrically.
func divergingSpec() experiment.Spec {
	s := experiment.Default()
	s.Data.Set, s.Data.Classes, s.Loss = data.Plane, 0, nn.MSE
	s.Optimizer.LR = 10
	for i := range s.Layers {
		s.Layers[i].Activation = nn.Linear
	}
	s.FitOutput()
	return s
}

func TestDivergencePausesAndRestores(t *testing.T) {
	sess := newSession(t, divergingSpec())
	sess.SetRunning(true)
	took := sess.Step(5000)
	if took == 5000 {
		t.Fatal("lr=10 did not diverge within 5000 steps")
	}
	if sess.Running() {
		t.Error("still running after divergence")
	}
	if !strings.Contains(sess.LastError(), "diverged") {
		t.Errorf("error %q", sess.LastError())
	}
	if !paramsFinite(sess.Network()) {
		t.Fatal("weights are not finite after restoring")
	}
	m := sess.Metrics()
	if math.IsNaN(float64(m.TrainLoss)) || math.IsInf(float64(m.TrainLoss), 0) {
		t.Fatalf("train loss %v after restoring the last good weights", m.TrainLoss)
	}
	t.Logf("diverged at step %d: %s", m.Step, sess.LastError())
	sess.SetRunning(true)
	if sess.LastError() != "" {
		t.Error("playing again keeps the old error")
	}
	// Diverging again from the restored weights restores finite ones again.
	sess.Step(5000)
	if sess.Running() || !paramsFinite(sess.Network()) || !finite(sess.Metrics().TrainLoss) {
		t.Fatalf("second divergence: running %v, loss %v", sess.Running(), sess.Metrics().TrainLoss)
	}
}

func TestEditKinds(t *testing.T) {
	sess := newSession(t, experiment.Default())
	sess.Step(50)
	weights := sess.Network().CopyParams(nil)

	// Live: the learning rate.
	next := sess.Spec()
	next.Optimizer.LR = 0.1
	if err := sess.Edit(next); err != nil {
		t.Fatal(err)
	}
	if sess.Metrics().Step != 50 || !slices.Equal(sess.Network().CopyParams(nil), weights) {
		t.Fatal("changing the learning rate reset the model")
	}

	// Points: a hand-added point keeps the weights and the step count.
	next = sess.Spec()
	next.Data.Added = append(next.Data.Added, data.Point{X1: 1.5, X2: -2, Label: 1})
	trainBefore := len(sess.TrainPoints())
	if err := sess.Edit(next); err != nil {
		t.Fatal(err)
	}
	if sess.Metrics().Step != 50 || len(sess.TrainPoints()) != trainBefore+1 {
		t.Fatalf("adding a point: step %d, %d train points (was %d)", sess.Metrics().Step, len(sess.TrainPoints()), trainBefore)
	}

	// Structure: a new layer rebuilds from step 0.
	next = sess.Spec()
	next.Layers = slices.Insert(next.Layers, len(next.Hidden()), experiment.LayerSpec{Kind: nn.DenseLayer, Units: 5, Activation: nn.Sine})
	if err := sess.Edit(next); err != nil {
		t.Fatal(err)
	}
	if sess.Metrics().Step != 0 || len(sess.Network().Layers) != 4 {
		t.Fatalf("adding a layer: step %d, %d layers", sess.Metrics().Step, len(sess.Network().Layers))
	}

	// Invalid: refused, nothing changes.
	bad := sess.Spec()
	bad.Layers[0].Units = 100000
	if err := sess.Edit(bad); err == nil {
		t.Fatal("an invalid spec was accepted")
	}
	if !sess.Spec().Equal(next) {
		t.Fatal("a refused edit changed the spec")
	}
}

func TestRemoveNearestKeepsTheSplit(t *testing.T) {
	spec := experiment.Default()
	spec.View.ShowTest = true
	sess := newSession(t, spec)
	target := sess.TrainPoints()[7]
	testBefore := slices.Clone(sess.TestPoints())

	next := sess.Spec()
	if err := sess.RemoveNearest(&next, target.X1, target.X2); err != nil {
		t.Fatal(err)
	}
	if len(next.Data.Removed) != 1 {
		t.Fatalf("removed %v", next.Data.Removed)
	}
	if err := sess.Edit(next); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(sess.TrainPoints(), target) {
		t.Fatal("the clicked point is still there")
	}
	if !slices.Equal(sess.TestPoints(), testBefore) {
		t.Fatal("removing a training point changed the test points")
	}

	// A hand-added point is removed from Added.
	next = sess.Spec()
	next.Data.Added = []data.Point{{X1: 5.5, X2: 5.5, Label: 0}}
	if err := sess.Edit(next); err != nil {
		t.Fatal(err)
	}
	next = sess.Spec()
	if err := sess.RemoveNearest(&next, 5.4, 5.4); err != nil {
		t.Fatal(err)
	}
	if len(next.Data.Added) != 0 || len(next.Data.Removed) != 1 {
		t.Fatalf("after removing the added point: added %v removed %v", next.Data.Added, next.Data.Removed)
	}
}

func TestAdvance(t *testing.T) {
	sess := newSession(t, experiment.Default())
	if n := sess.Advance(time.Millisecond); n != 0 {
		t.Fatalf("paused session trained %d steps", n)
	}
	sess.SetRunning(true)
	if n := sess.Advance(time.Millisecond); n < 1 {
		t.Fatalf("running session trained %d steps", n)
	}
	// The pace caps a frame's steps however much time there is; 0 lets
	// the budget decide.
	for _, pace := range []int{1, 3, experiment.DefaultSpeed} {
		spec := sess.Spec()
		spec.View.Speed = pace
		if err := sess.Edit(spec); err != nil {
			t.Fatal(err)
		}
		if n := sess.Advance(time.Hour); n != pace {
			t.Errorf("pace %d: a frame took %d steps", pace, n)
		}
	}
	spec := sess.Spec()
	spec.View.Speed = 0
	sess.Edit(spec)
	if n := sess.Advance(time.Hour); n != maxStepsPerAdvance {
		t.Errorf("as fast as it goes, with all the time there is: %d steps, want the cap %d", n, maxStepsPerAdvance)
	}
}

func TestSurface(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*experiment.Spec)
	}{
		{"two classes", func(*experiment.Spec) {}},
		{"four rings", func(s *experiment.Spec) { s.Data.Set, s.Data.Classes = data.Rings, 4 }},
		{"regression", func(s *experiment.Spec) { s.Data.Set, s.Data.Classes, s.Loss = data.Plane, 0, nn.MSE }},
		{"mse classes", func(s *experiment.Spec) { s.Data.Set, s.Data.Classes, s.Loss = data.SpiralK, 3, nn.MSE }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := experiment.Default()
			tc.edit(&spec)
			spec.FitOutput()
			sess := newSession(t, spec)
			sess.Step(20)
			const res = 12
			surf := sess.Snapshot(res).Surface
			net := sess.Network()
			if len(surf.Nodes) != len(net.Layers)+1 || len(surf.Nodes[0]) != spec.Inputs() {
				t.Fatalf("%d node columns for %d layers", len(surf.Nodes), len(net.Layers))
			}
			for c, col := range surf.Nodes {
				for u, f := range col {
					if f.Res != res || len(f.Values) != res*res {
						t.Fatalf("node %d/%d: res %d, %d values", c, u, f.Res, len(f.Values))
					}
					for _, v := range f.Values {
						if !(v >= -1 && v <= 1) {
							t.Fatalf("node %d/%d value %v outside [-1, 1]", c, u, v)
						}
					}
				}
			}
			out := surf.Output
			if out.Classes > 0 {
				for i := range res * res {
					var sum float32
					for _, p := range out.Values[i*out.Classes : (i+1)*out.Classes] {
						sum += p
					}
					if math.Abs(float64(sum)-1) > 1e-4 {
						t.Fatalf("cell %d probabilities sum to %v", i, sum)
					}
				}
			} else {
				for _, v := range out.Values {
					if !(v >= -1 && v <= 1) {
						t.Fatalf("output %v outside [-1, 1]", v)
					}
				}
			}
			// The same surface is returned until something changes.
			if again := sess.Snapshot(res).Surface; &again.Output.Values[0] != &out.Values[0] {
				t.Fatal("the surface was recomputed into new buffers")
			}
			allocs := testing.AllocsPerRun(10, func() {
				sess.Step(1)
				sess.Snapshot(res)
			})
			if allocs > 0 {
				t.Errorf("a step and a snapshot allocate %.0f times", allocs)
			}
		})
	}
}
