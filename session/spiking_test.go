package session

import (
	"testing"

	"playground/data"
	"playground/experiment"
)

// A spec on a task of spike trains builds, trains and draws: the network
// reads Steps·Channels values per example, and the surface shows every
// node over examples.
func TestSpikingSpecTrainsAndDraws(t *testing.T) {
	for _, set := range []data.Set{data.Interval, data.Sequence} {
		s := experiment.Default()
		s.UseSet(set)
		if err := s.Validate(); err != nil {
			t.Fatalf("%v: %v", set, err)
		}
		sess := newSession(t, s)
		if got, want := sess.data.xTrain.Cols, set.Channels()*set.Steps(s.Data.Classes, s.Data.Timing); got != want {
			t.Errorf("%v: input rows of %d values, want %d", set, got, want)
		}
		sess.Step(5)
		if m := sess.Metrics(); m.Step != 5 || !(m.TrainLoss > 0) {
			t.Errorf("%v: after 5 steps: %+v", set, m)
		}
		snap := sess.Snapshot(6)
		if len(snap.Surface.Nodes) != len(s.Layers)+1 || len(snap.Surface.Nodes[0]) != set.Channels() {
			t.Errorf("%v: surface of %d columns, %d inputs", set, len(snap.Surface.Nodes), len(snap.Surface.Nodes[0]))
		}
		for l, col := range snap.Surface.Nodes {
			for u, f := range col {
				for _, v := range f.Values {
					if v != v {
						t.Fatalf("%v: node %d/%d shows NaN", set, l, u)
					}
				}
			}
		}
	}
}
