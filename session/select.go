package session

import (
	"playground/nn"
	"playground/ui"
)

// kanSelectAt is the step at which KAN layers of the selectable basis
// choose: each unit keeps the basis its mixing weights favor
// (nn.SelectKANBases). The first kanSelectAt steps train the mixture
// under the selection penalty, twice as long as the grid schedule runs,
// so the grids have settled on the data before the choice.
const kanSelectAt = 100

// selectBases makes the choice, refitting each winner on the training
// inputs, before a step begins once kanSelectAt
// steps are done, or earlier if L-BFGS settled first (then nothing more
// would change the mixture). A network already decided, or one without
// a selectable layer, is left alone; a choice restarts L-BFGS, whose
// objective and parameters changed.
func (s *Session) selectBases() {
	if !s.grids || (s.trainer.Steps() < kanSelectAt && !s.trainer.Settled()) {
		return
	}
	// A failed refit (inputs that are not finite) leaves the layer
	// mixing; the next step tries again, and divergence, if that is what
	// it was, is caught by the step.
	if changed, _ := nn.SelectKANBases(s.trainer.Net(), s.data.xTrain); changed {
		s.trainer.ResetOptimizer()
		s.metricsStale = true
		s.surface.invalidate()
	}
}

// basisMixer is a KAN layer that may mix several bases per unit.
type basisMixer interface {
	Basis() nn.KANBasis
	Mixture(j int) [4]float32
	Decided(j int) bool
}

// BasisMarks appends, per layer of net, each unit's mixture and whether it
// has chosen, for KAN layers of the selectable basis (nil for the other
// layers): what the graph marks, the hover text names and the page's
// status() reports. The units' slices of dst's earlier contents are
// reused, so a picture allocates none once warm.
func BasisMarks(dst [][]ui.BasisMark, net *nn.Network) [][]ui.BasisMark {
	for _, l := range net.Layers {
		m, ok := l.(basisMixer)
		if !ok || m.Basis() != nn.SelectableBasis {
			dst = append(dst, nil)
			continue
		}
		var marks []ui.BasisMark // the last picture's, when dst had them
		if i := len(dst); i < cap(dst) {
			marks = dst[:i+1][i][:0]
		}
		for j := range l.Out() {
			marks = append(marks, ui.BasisMark{Weights: m.Mixture(j), Decided: m.Decided(j)})
		}
		dst = append(dst, marks)
	}
	return dst
}
