package session

import "playground/nn"

// kanSelectAt is the step at which KAN layers of the selectable basis
// choose: each unit keeps the basis its mixing weights favor
// (nn.SelectKANBases). The first kanSelectAt steps train the mixture
// under the selection penalty, twice as long as the grid schedule runs,
// so the grids have settled on the data before the choice.
const kanSelectAt = 100

// selectBases makes the choice before a step begins once kanSelectAt
// steps are done, or earlier if L-BFGS settled first (then nothing more
// would change the mixture). A network already decided, or one without
// a selectable layer, is left alone; a choice restarts L-BFGS, whose
// objective and parameters changed.
func (s *Session) selectBases() {
	if !s.grids || (s.trainer.Steps() < kanSelectAt && !s.trainer.Settled()) {
		return
	}
	if nn.SelectKANBases(s.trainer.Net()) {
		s.trainer.ResetOptimizer()
		s.metricsStale = true
		s.surface.invalidate()
	}
}
