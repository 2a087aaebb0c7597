package session

import (
	"math"
	"slices"
	"testing"

	"playground/experiment"
)

// surfaceRes is the grid the weights tests compare predictions over.
const surfaceRes = 50

// float16PredictionBound is the largest change of the plane's answer
// (ui.Field values: p(class 1) - p(class 0), class probabilities, or a
// regression's output) that rounding the weights to float16 may cause in
// the experiments below; docs/DESIGN.md states it with the measurements.
const float16PredictionBound = 0.005

// TestWeightsLinkReproducesPredictions trains an experiment, writes it and
// its weights as a link, opens the link in a new session as the page does,
// and compares: the values restored are the float16 ones bit for bit, the
// step is kept, and the predictions over the plane move by no more than
// float16PredictionBound. A second page opening the same link shows exactly
// the same predictions.
func TestWeightsLinkReproducesPredictions(t *testing.T) {
	for _, c := range []struct {
		name  string
		spec  experiment.Spec
		steps int
	}{
		{"default", experiment.Default(), 1000},
		{"kan-expsin", presetSpec(t, "kan-expsin"), 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			trained := newSession(t, c.spec)
			trained.Step(c.steps)
			link, w, opened := reopen(t, trained)
			if opened.Steps() != c.steps || opened.Metrics().Epoch != trained.Metrics().Epoch {
				t.Errorf("opened at step %d epoch %d, want %d and %d", opened.Steps(), opened.Metrics().Epoch, c.steps, trained.Metrics().Epoch)
			}
			delta := maxDelta(trained.Snapshot(surfaceRes).Surface.Output.Values, opened.Snapshot(surfaceRes).Surface.Output.Values)
			t.Logf("%s: %d params, %d state values, link %d bytes, max |Δ output| over the plane %.3g, loss %.6f -> %.6f",
				c.name, len(w.Params), len(w.State), len(link), delta, trained.Metrics().TrainLoss, opened.Metrics().TrainLoss)
			if delta > float16PredictionBound {
				t.Errorf("max |Δ output| %.3g, above the documented %g", delta, float16PredictionBound)
			}
			again := openLink(t, link)
			if d := maxDelta(opened.Snapshot(surfaceRes).Surface.Output.Values, again.Snapshot(surfaceRes).Surface.Output.Values); d != 0 {
				t.Errorf("two pages opening one link differ by %g", d)
			}
			// Both go on training alike from there.
			opened.Step(20)
			again.Step(20)
			if a, b := opened.Metrics().TrainLoss, again.Metrics().TrainLoss; a != b {
				t.Errorf("after 20 more steps the losses differ: %v and %v", a, b)
			}
		})
	}
}

// reopen writes a session and its weights as a link and opens that in a
// new session, checking that the restored values are the float16 ones bit
// for bit.
func reopen(t *testing.T, trained *Session) (link string, w experiment.Weights, opened *Session) {
	t.Helper()
	w = trained.Weights()
	link, err := experiment.EncodeHashWithWeights(trained.Spec(), w)
	if err != nil {
		t.Fatal(err)
	}
	opened = openLink(t, link)
	if got, want := opened.Weights(), experiment.RoundWeights(w); !sameBits(got, want) {
		t.Fatalf("restored weights are not the float16 values of the trained ones")
	}
	return link, w, opened
}

// openLink builds a session from a link with weights, as the page does.
func openLink(t *testing.T, link string) *Session {
	t.Helper()
	spec, ignored, err := experiment.DecodeHash(link)
	if err != nil || len(ignored) > 0 {
		t.Fatalf("DecodeHash: %v (ignored %v)", err, ignored)
	}
	payload, err := experiment.HashWeights(link)
	if err != nil || payload == "" {
		t.Fatalf("HashWeights: %q, %v", payload, err)
	}
	sess := newSession(t, spec)
	w, err := experiment.DecodeWeights(payload, sess.WeightCounts())
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Restore(w); err != nil {
		t.Fatal(err)
	}
	return sess
}

func TestRestoreRefusesOtherNetworks(t *testing.T) {
	sess := newSession(t, experiment.Default())
	sess.Step(5)
	before := sess.Weights()
	w := sess.Weights()
	w.Params = w.Params[1:]
	if err := sess.Restore(w); err == nil {
		t.Error("weights one parameter short were restored")
	}
	w = sess.Weights()
	w.Params[3] = float32(math.Inf(1))
	if err := sess.Restore(w); err == nil {
		t.Error("an infinite weight was restored")
	}
	if !sameBits(sess.Weights(), before) || sess.Steps() != 5 {
		t.Error("a refused restore changed the session")
	}
}

func sameBits(a, b experiment.Weights) bool {
	eq := func(x, y []float32) bool {
		return slices.EqualFunc(x, y, func(u, v float32) bool { return math.Float32bits(u) == math.Float32bits(v) })
	}
	return a.Step == b.Step && a.Epoch == b.Epoch && eq(a.Params, b.Params) && eq(a.State, b.State)
}

func maxDelta(a, b []float32) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	d := 0.0
	for i := range a {
		d = max(d, math.Abs(float64(a[i]-b[i])))
	}
	return d
}

// A hand-edited link cannot put a KAN edge into a mode the network has no
// room for (snapped edges need constants a fresh network lacks).
func TestRestoreRefusesUnknownEdgeModes(t *testing.T) {
	sess := newSession(t, presetSpec(t, "kan-expsin"))
	net := sess.Network()
	at := 0
	for _, p := range net.State() {
		if p.Name == kanEdgeModes {
			break
		}
		at += len(p.Value)
	}
	if at == len(sess.Weights().State) {
		t.Fatal("the KAN preset has no edge modes in its state")
	}
	for _, m := range []float32{2, 0.5, -1, 1e4} {
		w := sess.Weights()
		w.State[at] = m
		if err := sess.Restore(w); err == nil {
			t.Errorf("mode %v was restored", m)
		}
	}
	w := sess.Weights()
	w.State[at] = 1 // pruned is fine
	if err := sess.Restore(w); err != nil {
		t.Errorf("a pruned edge was refused: %v", err)
	}
	sess.Step(2) // and the network runs
}
