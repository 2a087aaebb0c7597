package nn

// InputWidth is the number of values in one example row: In() for a
// network without a time axis, Steps·In() for one with.
func (n *Network) InputWidth() int { return n.In() * max(n.Steps, 1) }

// stepAware is a Layer that behaves differently inside a training step: a
// spiking layer's learned delays are Gaussian kernels whose width follows
// the step count while training, and rounded integer delays otherwise
// (evaluation, pictures).
type stepAware interface {
	beginStep(step int)
	endStep()
}

// readoutLayer is a Layer that changes what it gives when it is a
// network's output layer: a spiking layer then gives its membrane readout
// ([batch, units]) instead of spikes.
type readoutLayer interface {
	readOut()
}

// beginStep tells the step-aware layers that training step step begins:
// what follows until endStep is its forward and backward passes.
func (n *Network) beginStep(step int) {
	for _, l := range n.Layers {
		if s, ok := l.(stepAware); ok {
			s.beginStep(step)
		}
	}
}

// endStep ends what beginStep began.
func (n *Network) endStep() {
	for _, l := range n.Layers {
		if s, ok := l.(stepAware); ok {
			s.endStep()
		}
	}
}
