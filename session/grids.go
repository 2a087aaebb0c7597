package session

import "playground/nn"

// KAN layers move their grids to the inputs they see early in training,
// as pykan's fit does: before every kanGridEvery-th step of the first
// kanGridStop. The spline keeps its values where the samples are, so the
// loss barely moves; the grid then covers where the data really lies.
const (
	kanGridEvery = 5
	kanGridStop  = 50
)

// hasGrids reports whether any layer of the network keeps a grid.
func hasGrids(net *nn.Network) bool {
	for _, l := range net.Layers {
		if l.Kind() == nn.KANLayer {
			return true
		}
	}
	return false
}

// updateGrids runs the grid schedule before a step begins. A failed
// update (inputs that are not finite, say) leaves the grids as they were:
// training goes on, and divergence, if that is what it was, is caught by
// the step.
func (s *Session) updateGrids() {
	steps := s.trainer.Steps()
	if !s.grids || steps >= kanGridStop || steps%kanGridEvery != 0 || s.gridsAt == steps+1 {
		return
	}
	s.gridsAt = steps + 1 // once per step count, even when the step fails
	if nn.UpdateKANGrids(s.trainer.Net(), s.data.xTrain) == nil {
		// L-BFGS sees the moved weights and starts again from them.
		s.metricsStale = true
		s.surface.invalidate()
	}
}
