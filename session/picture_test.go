package session

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"playground/experiment"
)

// A wide network's picture comes in slices, trains nothing meanwhile, and
// is exactly the picture made at once.
func TestPictureInSlicesIsThePictureAtOnce(t *testing.T) {
	spec := largestSpec()
	spec.Data.Points = 400 // keeps the test short; still several slices
	staged, whole := newSession(t, spec), newSession(t, spec)
	staged.Step(3)
	whole.Step(3)
	staged.SetRunning(true)

	calls := 0
	var snap *Snapshot
	for ready := false; !ready; calls++ {
		snap, ready = staged.PreparePicture(20, time.Nanosecond)
		if !ready {
			if !staged.PicturePending() {
				t.Fatal("a picture in progress is not pending")
			}
			if n := staged.Advance(time.Second); n != 0 {
				t.Fatalf("trained %d steps while a picture was pending", n)
			}
		}
	}
	if calls < 4 {
		t.Fatalf("the widest network's picture took %d calls; want it sliced", calls)
	}
	if staged.PicturePending() || snap.Step != 3 {
		t.Fatalf("after the picture: pending %v, step %d", staged.PicturePending(), snap.Step)
	}
	ref := whole.Snapshot(20)
	if fmt.Sprint(snap.Metrics) != fmt.Sprint(ref.Metrics) { // printed, so NaN equals NaN
		t.Fatalf("metrics differ:\n%+v\n%+v", snap.Metrics, ref.Metrics)
	}
	if !slices.Equal(snap.Surface.Output.Values, ref.Surface.Output.Values) {
		t.Fatal("the sliced surface differs from the whole one")
	}
	for c := range ref.Surface.Nodes {
		for u := range ref.Surface.Nodes[c] {
			if !slices.Equal(snap.Surface.Nodes[c][u].Values, ref.Surface.Nodes[c][u].Values) {
				t.Fatalf("node %d/%d differs", c, u)
			}
		}
	}
	if n := staged.Advance(time.Second); n == 0 {
		t.Fatal("training did not resume after the picture")
	}
}

// A step during a picture (the API's step(n) does not wait) starts the
// picture again, so it never mixes two steps.
func TestPictureRestartsAfterAStep(t *testing.T) {
	spec := largestSpec()
	spec.Data.Points = 400
	s := newSession(t, spec)
	if _, ready := s.PreparePicture(20, time.Nanosecond); ready {
		t.Fatal("the widest network's picture came at once")
	}
	s.Step(1)
	if s.PicturePending() {
		t.Fatal("a picture of the old step is still pending")
	}
	snap := s.Snapshot(20)
	if snap.Step != 1 || snap.Metrics.Step != 1 {
		t.Fatalf("picture of step %d (metrics %d), want 1", snap.Step, snap.Metrics.Step)
	}
}

// The widest network gets a coarser grid of the plane than the default,
// whose picture keeps the full one.
func TestWidestNetworkGetsACoarserPlane(t *testing.T) {
	small, err := New(experiment.Default())
	if err != nil {
		t.Fatal(err)
	}
	wide, err := New(largestSpec())
	if err != nil {
		t.Fatal(err)
	}
	sr, wr := small.Snapshot(50).Surface.Res, wide.Snapshot(50).Surface.Res
	t.Logf("grid side: default %d, widest %d (flops an example %d)", sr, wr, wide.exampleFLOPs())
	if sr != 50 {
		t.Errorf("the default network's grid is %d a side, want 50", sr)
	}
	if wr >= 50 || wr < minPlaneRes {
		t.Errorf("the widest network's grid is %d a side, want %d to 49", wr, minPlaneRes)
	}
	if got := len(wide.Snapshot(50).Surface.Output.Values); got != wr*wr {
		t.Errorf("the widest network's output has %d values, want %d", got, wr*wr)
	}
}
