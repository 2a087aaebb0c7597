package session

import (
	"slices"
	"testing"

	"playground/experiment"
	"playground/nn"
)

// The learned-delay preset's pictures: every column of the chosen example
// over the time steps, and a delay histogram per picture whose learned
// positions move with training.
func TestSpikeViewsOfLearnedDelays(t *testing.T) {
	sess := newSession(t, presetSpec(t, "interval-learned-delays"))
	snap := sess.Snapshot(4)
	sm := snap.Spikes
	if sm == nil {
		t.Fatal("no spike sample on a task of spike trains")
	}
	steps := sess.trainer.Net().Steps
	if sm.Steps != steps || len(sm.Columns) != 3 || sm.Example != 0 || sm.Class != sess.data.all[0].Label {
		t.Fatalf("sample: steps %d (want %d), %d columns, example %d class %d", sm.Steps, steps, len(sm.Columns), sm.Example, sm.Class)
	}
	in, hidden, out := sm.Columns[0], sm.Columns[1], sm.Columns[2]
	if in.Units != 2 || len(in.Spikes) != steps*2 || countOnes(in.Spikes) != 2 {
		t.Errorf("inputs: %d units, %d values, %d spikes (the interval task spikes each input once)", in.Units, len(in.Spikes), countOnes(in.Spikes))
	}
	if hidden.Units != 24 || len(hidden.Spikes) != steps*24 || len(hidden.Membrane) != steps*24 || hidden.Threshold != 1 || len(hidden.Delays) != 2*24 || hidden.MaxDelay != 14 {
		t.Errorf("hidden: %d units, %d spikes, %d membrane values, threshold %g, %d delays", hidden.Units, len(hidden.Spikes), len(hidden.Membrane), hidden.Threshold, len(hidden.Delays))
	}
	for k, s := range hidden.Spikes {
		if (s == 1) != (hidden.Membrane[k] > hidden.Threshold) {
			t.Fatalf("hidden value %d: spike %g with membrane %g", k, s, hidden.Membrane[k])
		}
	}
	if !out.Readout || out.Spikes != nil || len(out.Membrane) != steps*4 || sm.Predicted < 0 || sm.Predicted > 3 {
		t.Errorf("readout: %+v, predicted %d", out, sm.Predicted)
	}
	if len(snap.Delays) != 2 || snap.Delays[0].Mode != nn.DelayLearned || snap.Delays[1].Mode != nn.DelayNone {
		t.Fatalf("delay histories %+v", snap.Delays)
	}
	h := snap.Delays[0]
	if len(h.Steps) != 1 || h.Steps[0] != 0 || len(h.Counts) != h.Bins() || h.Bins() != 2*14+1 {
		t.Fatalf("first histogram: steps %v, %d counts, %d bins", h.Steps, len(h.Counts), h.Bins())
	}
	if sum := sumOf(h.Counts); sum < 0.999 || sum > 1.001 {
		t.Errorf("shares sum to %g", sum)
	}
	if len(snap.Positions) != 2 || len(snap.Positions[0]) != 2*24 || len(snap.Positions[1]) != 0 {
		t.Errorf("positions of %d layers", len(snap.Positions))
	}
	first := slices.Clone(h.Counts)

	sess.Step(150)
	snap = sess.Snapshot(4)
	h = snap.Delays[0]
	if len(h.Steps) != 2 || h.Steps[1] != 150 {
		t.Fatalf("after 150 steps: histograms at %v", h.Steps)
	}
	if slices.Equal(h.Counts[:h.Bins()], first) && slices.Equal(h.Counts[h.Bins():], first) {
		t.Errorf("learned delays did not move in 150 steps: %v", first)
	}

	sess.SetSpikeExample(5)
	if got := sess.snap.Spikes; got.Example != 5 || got.Class != sess.data.all[5].Label {
		t.Errorf("chosen example 5: sample of example %d class %d", got.Example, got.Class)
	}
	sess.SetSpikeExample(1 << 30)
	if got := sess.SpikeExample(); got != len(sess.data.all)-1 {
		t.Errorf("an example past the end chose %d", got)
	}
	sess.Reset()
	if snap = sess.Snapshot(4); len(snap.Delays[0].Steps) != 1 || snap.Delays[0].Steps[0] != 0 {
		t.Errorf("after a reset the histograms go on: %v", snap.Delays[0].Steps)
	}
}

// A run longer than the strips kept thins them, newest kept, evenly.
func TestDelayHistoryThins(t *testing.T) {
	sess := newSession(t, presetSpec(t, "interval-fixed-delays"))
	for range 3 * maxDelayStrips {
		sess.Step(1)
		sess.Snapshot(2)
	}
	h := sess.snap.Delays[0]
	n := len(h.Steps)
	if n > maxDelayStrips || n < maxDelayStrips/4 || h.Steps[n-1] > sess.trainer.Steps() || len(h.Counts) != n*h.Bins() {
		t.Fatalf("%d histograms, last at %d of %d steps", n, h.Steps[n-1], sess.trainer.Steps())
	}
	if !slices.IsSorted(h.Steps) {
		t.Errorf("steps out of order: %v", h.Steps)
	}
	// Fixed delays never move: every histogram is the first.
	for i := 1; i < n; i++ {
		if !slices.Equal(h.Counts[:h.Bins()], h.Counts[i*h.Bins():(i+1)*h.Bins()]) {
			t.Fatalf("fixed delays' histogram %d differs from the first", i)
		}
	}
}

// Tasks on the plane have no spiking pictures.
func TestNoSpikeViewsOnThePlane(t *testing.T) {
	snap := newSession(t, experiment.Default()).Snapshot(4)
	if snap.Spikes != nil || snap.Delays != nil || snap.Positions != nil {
		t.Errorf("spiking pictures on the plane: %v %v %v", snap.Spikes, snap.Delays, snap.Positions)
	}
}

func countOnes(v []float32) int {
	n := 0
	for _, x := range v {
		if x == 1 {
			n++
		}
	}
	return n
}

func sumOf(v []float32) float32 {
	var s float32
	for _, x := range v {
		s += x
	}
	return s
}
