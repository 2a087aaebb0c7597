package experiment

import (
	"fmt"

	"playground/data"
)

// InputNames names the network's inputs as the graph labels them (ASCII,
// for the canvas's font): the features' formulas on the plane, their
// positive and negative spike channels when latency-coded ("x1+",
// "x1-"), the spike channels of a spike task (the interval task's A and
// B, the sequence task's s1, s2, ...), and none for a pairs task's 2p
// one-hot inputs, too many to name.
func (s Spec) InputNames() []string {
	set := s.Data.Set
	switch {
	case set.Pairs():
		return nil
	case set == data.Interval:
		return []string{"A", "B"}
	case set.Temporal():
		names := make([]string, set.Channels())
		for i := range names {
			names[i] = fmt.Sprintf("s%d", i+1)
		}
		return names
	case s.LatencyCoded():
		names := make([]string, 0, s.Inputs())
		for _, f := range s.Features {
			names = append(names, f.Formula()+"+", f.Formula()+"-")
		}
		return names
	}
	names := make([]string, len(s.Features))
	for i, f := range s.Features {
		names[i] = f.Formula()
	}
	return names
}
