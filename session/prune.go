package session

import (
	"fmt"

	"playground/nn"
)

// Prune removes the hidden nodes of a network of KAN layers that matter
// least for its output on the training inputs, and sets its weak edges to
// 0 (nn.PruneKAN, pykan's prune; threshold is the node threshold, edges go
// at 3 times it; 0 or less means pykan's 1e-2). The layers' widths in the
// spec follow, so the link carries the new shape; the trained functions
// of everything that stays are kept, and training goes on from them: the
// step count stays, the optimizer starts afresh. On an error nothing
// changes.
func (s *Session) Prune(threshold float64) error {
	if threshold <= 0 {
		threshold = nn.DefaultKANPruneThreshold
	}
	p, err := nn.PruneKAN(s.trainer.Net(), s.data.xTrain, threshold)
	if err != nil {
		return err
	}
	next := s.spec.Clone()
	for l, w := range p.Widths() {
		next.Layers[l].Units = w
	}
	if err := next.Validate(); err != nil {
		return fmt.Errorf("the pruned network does not fit the experiment: %w", err)
	}
	if err := s.swapNet(p.Net); err != nil {
		return err
	}
	s.spec = next
	return nil
}

// swapNet trains net, of the same inputs and outputs, in place of the
// network: a pruned or snapped copy. What views cached of the old one
// (its shape, its pictures) is stale.
func (s *Session) swapNet(net *nn.Network) error {
	if err := s.trainer.SwapNet(net); err != nil {
		return err
	}
	s.generation++
	s.stepped = false
	s.metricsStale = true
	s.surface.invalidate()
	return nil
}
