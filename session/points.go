package session

import (
	"errors"
	"slices"

	"playground/data"
	"playground/experiment"
)

// TrainPoints are the points the network trains on, hand-added ones last.
// Callers must not change them.
func (s *Session) TrainPoints() []data.Point { return s.data.train }

// TestPoints are the held-out points. Callers must not change them.
func (s *Session) TestPoints() []data.Point { return s.data.test }

// RemoveNearest edits spec (a copy of this session's) to drop the point
// nearest to (x1, x2) among those on screen: training points, and test
// points when the view shows them.
func (s *Session) RemoveNearest(spec *experiment.Spec, x1, x2 float32) error {
	source, ok := s.nearest(x1, x2, spec.View.ShowTest)
	if !ok {
		return errors.New("there is no point to remove")
	}
	if source < 0 {
		i := -1 - source
		spec.Data.Added = slices.Delete(slices.Clone(spec.Data.Added), i, i+1)
		return nil
	}
	removed := slices.Clone(spec.Data.Removed)
	at, found := slices.BinarySearch(removed, source)
	if !found {
		removed = slices.Insert(removed, at, source)
	}
	spec.Data.Removed = removed
	return nil
}

// nearest finds the source of the point closest to (x1, x2).
func (s *Session) nearest(x1, x2 float32, withTest bool) (int, bool) {
	best, bestDist := -1, float32(0)
	source := 0
	if i, d := data.Nearest(s.data.train, x1, x2); i >= 0 {
		best, bestDist, source = i, d, s.data.trainSource[i]
	}
	if withTest {
		if i, d := data.Nearest(s.data.test, x1, x2); i >= 0 && (best < 0 || d < bestDist) {
			best, source = i, s.data.testSource[i]
		}
	}
	return source, best >= 0
}
