package nn

// Param is one trainable tensor of a layer with its gradient. Rows and Cols
// give its shape for views (a dense layer's weights are In x Out).
type Param struct {
	Name       string
	Rows, Cols int
	Value      []float32
	Grad       []float32
	// Decay says whether L1/L2 penalties and weight decay apply: true for
	// weights, false for biases.
	Decay bool
	// LRScale multiplies the learning rate for this tensor (a spiking
	// layer's delay positions learn 100x faster than its weights); 0 means 1.
	LRScale float32
}

// rate is the learning rate for p under a base rate lr.
func (p *Param) rate(lr float32) float32 {
	if p.LRScale == 0 {
		return lr
	}
	return lr * p.LRScale
}

// Layer is one stage of a network working on a batch at a time.
//
// Forward and Backward return matrices backed by buffers the layer owns:
// valid until the layer's next call, grown only when a batch is larger than
// any before, so a training step allocates nothing once warm. Backward
// accumulates into the Params' Grad slices (the trainer zeroes them) and
// refers to the inputs of the most recent Forward.
//
// Layers that carry a time axis (spiking, KindInfo.TimeAxis) take rows of
// T time steps, time-major (step t's value of input i at t*In()+i), and
// read T from the width of the rows they are given; see Network.Steps.
type Layer interface {
	Kind() LayerKind
	In() int
	Out() int
	Params() []*Param
	Forward(x Matrix) Matrix
	Backward(dy Matrix) Matrix
	// Edges writes into dst[:0] (grown if short) one strength per edge
	// from input i to unit j, at [i*Out+j], for the network graph to draw:
	// the weight for dense layers, the effective weight of a factored
	// layer. Views ask the layer instead of guessing from Params' shapes.
	Edges(dst []float32) []float32
}

// Stateful is a Layer that keeps values it does not train but a copy of
// the model must carry: a KAN layer's spline grid, a pruning mask. Their
// Grad is nil. Network.State lists them in layer order.
type Stateful interface {
	Layer
	State() []*Param
}

// EdgeFunctions is a Layer whose every edge is a function of one
// variable (a KAN layer's splines), for views that draw each edge's curve
// over the range its input took.
type EdgeFunctions interface {
	Layer
	// EdgeCurve writes edge i->j's function at each x of xs into dst[:0]
	// (grown if short) and returns it.
	EdgeCurve(i, j int, xs, dst []float32) []float32
	// InputRange is the range input i took in the most recent Forward.
	InputRange(i int) (lo, hi float32)
}
