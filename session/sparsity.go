package session

import (
	"playground/experiment"
	"playground/nn"
)

// The KAN sparsity penalty's strength (the layer option
// nn.KANSparsityOption, pykan's lamb) changes the objective, not the
// model, so an edit of it applies to the running network like the
// learning rate does.

// sameSparsity returns next with every KAN layer's sparsity option set
// to old's, where old has a KAN layer at the same place, so comparing it
// with old shows whether anything else changed.
func sameSparsity(old, next experiment.Spec) experiment.Spec {
	rest := next.Clone()
	for i, l := range rest.Layers {
		if i < len(old.Layers) && l.Kind == nn.KANLayer && old.Layers[i].Kind == nn.KANLayer {
			l.Options[nn.KANSparsityOption] = old.Layers[i].Options[nn.KANSparsityOption]
		}
	}
	return rest
}

// applySparsity sets each KAN layer's penalty from the spec and, when one
// changed, restarts the optimizer: L-BFGS's memory was of the old
// objective.
func (s *Session) applySparsity(spec experiment.Spec) {
	changed := false
	for i, l := range s.trainer.Net().Layers {
		k, ok := l.(*nn.KAN)
		if !ok || i >= len(spec.Layers) {
			continue
		}
		before := k.Sparsity()
		k.SetSparsityOption(spec.Layers[i].Options[nn.KANSparsityOption])
		changed = changed || k.Sparsity() != before
	}
	if changed {
		s.trainer.ResetOptimizer()
	}
}
