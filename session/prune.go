package session

import (
	"fmt"

	"playground/nn"
)

// Prune removes the hidden nodes of a network of KAN layers that matter
// least for its output on the training inputs, and sets its weak edges to
// 0 (nn.PruneKAN, pykan's prune): nodes and edges scoring at most
// threshold, or, for a threshold of 0 or less, pykan's defaults (nodes
// 1e-2, edges 3e-2). The layers' widths in the
// spec follow, so the link carries the new shape; the trained functions
// of everything that stays are kept, and training goes on from them: the
// step count stays, the optimizer starts afresh. When nothing would go
// it says so; on an error nothing changes.
func (s *Session) Prune(threshold float64) error {
	nodeTh, edgeTh := threshold, threshold
	if !(threshold > 0) {
		nodeTh, edgeTh = nn.DefaultKANNodeThreshold, nn.DefaultKANEdgeThreshold
	}
	p, err := nn.PruneKAN(s.trainer.Net(), s.data.xTrain, nodeTh, edgeTh)
	if err != nil {
		return err
	}
	next := s.spec.Clone()
	removed := 0
	for l, w := range p.Widths() {
		removed += next.Layers[l].Units - w
		next.Layers[l].Units = w
	}
	if removed == 0 && p.Edges == 0 {
		return fmt.Errorf("nothing scores at most %g: train longer with sparsity (a KAN layer option), or prune at a higher threshold", nodeTh)
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
	s.lastError = "" // a converged run may go on: the objective changed
	s.surface.invalidate()
	return nil
}
