package session

import (
	"playground/experiment"
	"playground/nn"
)

// KAN layers move their grids to the inputs they see early in training,
// as pykan's fit does: before every kanGridEvery-th step of the first
// kanGridStop. The spline keeps its values where the samples are, so the
// loss barely moves; the grid then covers where the data really lies.
// (Stretching the schedule over pykan's equivalent under L-BFGS, every
// 100th of the first 1000 iterations, did no better on KAN[2,1,1].)
const (
	kanGridEvery = 5
	kanGridStop  = 50
)

// refineGrids moves each KAN layer whose grid size next changes onto its
// new grid, fitted to the inputs the layer sees from the training set;
// the functions stay, the parameter count changes. On an error the
// network may be partly refined: the caller rebuilds it from next.
func (s *Session) refineGrids(next experiment.Spec) error {
	grid := func(n int) int { return int(next.Layers[n].Options[nn.KANGridOption]) }
	if err := nn.RefineKANLayers(s.trainer.Net(), grid, s.data.xTrain); err != nil {
		return err
	}
	// The optimizer's state has the old shape; L-BFGS remakes its own.
	s.trainer.ResetOptimizer()
	return nil
}

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
