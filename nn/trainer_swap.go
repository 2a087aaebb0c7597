package nn

// SwapNet makes the trainer train net, a network of another shape (a
// pruned KAN, say) that reads the same inputs and gives the same outputs,
// in place of the one it had. The counts of steps, evaluations and epochs
// go on (it is the same run); the optimizer starts afresh from net's
// weights (L-BFGS with an empty memory, a minibatch optimizer without
// moments); the epoch's order and the rules stay.
func (t *Trainer) SwapNet(net *Network) error {
	if err := checkData(net, t.x, t.y); err != nil {
		return err
	}
	t.net, t.params, t.terms = net, net.Params(), nil
	for _, l := range net.Layers {
		if lt, ok := l.(LossTerm); ok {
			t.terms = append(t.terms, lt)
		}
	}
	if t.lb != nil {
		t.lb = newLBFGS(net.NumParams(), len(t.lb.s))
		net.CopyParams(t.lb.restart())
		return nil
	}
	t.opt = NewOptimizer(t.optCfg, t.params)
	return nil
}
