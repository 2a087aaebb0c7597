package session

import (
	"math"
	"strings"
	"testing"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

// The snapshot carries what the views draw, in the shapes they expect.
func TestSnapshotOfAPlaneTask(t *testing.T) {
	spec := experiment.Default()
	spec.Layers[0] = experiment.NewLayer(nn.LowRankLayer, 4, nn.Tanh)
	spec.Layers[0].Options["r"] = 1
	s := newSession(t, spec)
	s.Step(10)
	snap := s.Snapshot(20)
	if snap.Step != 10 || snap.Metrics.Step != 10 || snap.Surface.Res != 20 || len(snap.Surface.Nodes) != len(spec.Layers)+1 {
		t.Fatalf("step %d, metrics step %d, surface %d, %d node columns", snap.Step, snap.Metrics.Step, snap.Surface.Res, len(snap.Surface.Nodes))
	}
	in := spec.Inputs()
	for i, l := range spec.Layers {
		if len(snap.Edges[i]) != in*l.Units {
			t.Errorf("layer %d: %d edges, want %d", i, len(snap.Edges[i]), in*l.Units)
		}
		in = l.Units
	}
	n := 0
	for _, p := range snap.Params {
		n += len(p.Value)
	}
	if n != spec.NumParams() || len(snap.State) != 0 {
		t.Errorf("%d parameter values (spec says %d), %d state tensors", n, spec.NumParams(), len(snap.State))
	}
	if snap.Pairs.P != 0 || len(snap.Train)+len(snap.Test) != spec.Data.Points {
		t.Errorf("pairs %d, %d + %d points", snap.Pairs.P, len(snap.Train), len(snap.Test))
	}
}

// A pairs task's surface is the p×p grid of pairs, and its table marks
// the training pairs and the right answers.
func TestSnapshotOfAPairsTask(t *testing.T) {
	spec := experiment.Default()
	spec.UseSet(data.ModAdd)
	spec.Data.Classes = 7
	spec.FitLayers()
	s := newSession(t, spec)
	snap := s.Snapshot(50)
	p := 7
	tab := snap.Pairs
	if snap.Surface.Res != p || len(snap.Surface.Nodes[0]) != 2*p || tab.P != p || len(tab.Answer) != p*p {
		t.Fatalf("surface %d with %d inputs, table %d with %d answers", snap.Surface.Res, len(snap.Surface.Nodes[0]), tab.P, len(tab.Answer))
	}
	train := 0
	for i := range p * p {
		a, b := i/p, i%p
		if tab.Truth[i] != (a+b)%p {
			t.Fatalf("truth at (%d, %d) is %d", a, b, tab.Truth[i])
		}
		if tab.Train[i] {
			train++
		}
	}
	if train != len(snap.Train) || train != data.TrainCount(p*p, spec.Data.TrainPercent) {
		t.Errorf("%d training pairs marked, %d trained on", train, len(snap.Train))
	}
	// The table's answers are the network's: argmax of its outputs.
	m := s.Metrics()
	right := 0
	for i := range p * p {
		if tab.Answer[i] == tab.Truth[i] && !tab.Train[i] {
			right++
		}
	}
	if got := float32(right) / float32(len(snap.Test)); got != m.TestAcc {
		t.Errorf("the table has %v of the test pairs right, the metrics say %v", got, m.TestAcc)
	}
}

// A KAN layer's edges come with their functions sampled over their
// inputs' ranges; other layers' do not.
func TestSnapshotSamplesKANEdges(t *testing.T) {
	spec := presetSpec(t, "kan-expsin")
	spec.Layers = append([]experiment.LayerSpec{{Kind: nn.DenseLayer, Units: 3, Activation: nn.Tanh}}, spec.Layers...)
	s := newSession(t, spec)
	s.Step(3)
	snap := s.Snapshot(20)
	if snap.Curves[0].Valid() {
		t.Error("a dense layer has edge curves")
	}
	c := snap.Curves[1]
	kan := s.Network().Layers[1].(nn.EdgeFunctions)
	if !c.Valid() || c.Out != 5 || len(c.Values) != 3*5*c.Samples {
		t.Fatalf("KAN curves: valid %v, out %d, %d values", c.Valid(), c.Out, len(c.Values))
	}
	xs := []float32{c.Lo[2], c.Hi[2]}
	want := kan.EdgeCurve(2, 4, xs, nil)
	e := (2*5 + 4) * c.Samples
	// lo + (hi-lo)·1 may round off hi by an ulp.
	close := func(a, b float32) bool { return math.Abs(float64(a-b)) <= 1e-5*max(1, math.Abs(float64(b))) }
	if got := []float32{c.Values[e], c.Values[e+c.Samples-1]}; !close(got[0], want[0]) || !close(got[1], want[1]) {
		t.Errorf("edge 2->4 at its range's ends: %v, want %v", got, want)
	}
}

// A KAN layer that mixes bases gives each unit's mixture (still mixing
// at step 20); layers with one basis give none.
func TestSnapshotNamesMixedBases(t *testing.T) {
	spec := presetSpec(t, "kan-expsin")
	spec.Layers[0].Options["basis"] = float32(nn.SelectableBasis)
	s := newSession(t, spec)
	s.Step(20)
	b := s.Snapshot(10).Bases
	if len(b) != 2 || len(b[0]) != 5 || b[1] != nil {
		t.Fatalf("bases %q", b)
	}
	for _, m := range b[0] {
		if name := m.String(); !strings.Contains(name, "%") || m.Decided {
			t.Errorf("unit basis %q has no weight, or chose before step %d", name, kanSelectAt)
		}
	}
	t.Logf("leading bases after 20 iterations: %v", b[0])
}
