package nn

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// LayerConfig describes one layer: its kind, width, activation and the
// kind's options (nil when the kind declares none).
type LayerConfig struct {
	Kind       LayerKind
	Units      int
	Activation Activation
	Options    Options
}

// Network is a stack of layers, each feeding the next.
//
// Layers is exported so views can walk it; change it only before the
// first call to Params or Outputs (they cache per-layer lists).
type Network struct {
	Layers []Layer
	// Steps is the number of time steps of a network of time-axis layers
	// (spiking): an example row then holds Steps·In() values, time-major
	// (see InputWidth). 0 or 1 for networks without a time axis.
	Steps int

	params  []*Param
	state   []*Param // Stateful layers' values, gathered once like params
	stated  bool
	outputs []Matrix
}

// paramBackwarder is a Layer that can accumulate its parameter gradients
// without computing its input gradient. The network uses it for the first
// layer, whose input gradient nobody reads.
type paramBackwarder interface {
	BackwardParams(dy Matrix)
}

// NewNetwork builds the usual perceptron shape in -> hidden... -> out,
// whose output layer is Dense with outAct (Linear for cross-entropy, which
// applies its own softmax). It is Build with a dense last layer.
func NewNetwork(in int, hidden []LayerConfig, out int, outAct Activation, init Init, rng *rand.Rand) (*Network, error) {
	layers := append(slices.Clone(hidden), LayerConfig{Kind: DenseLayer, Units: out, Activation: outAct})
	return Build(in, layers, init, rng)
}

// Build makes the network in -> layers[0] -> ... -> layers[len-1]; the last
// layer is the output layer and must be of a kind that can be one. Layers
// draw their weights from rng in order, so a network follows from its seed.
func Build(in int, layers []LayerConfig, init Init, rng *rand.Rand) (*Network, error) {
	switch {
	case in <= 0:
		return nil, fmt.Errorf("nn: network needs at least one input, got %d", in)
	case len(layers) == 0:
		return nil, errors.New("nn: network needs an output layer")
	case !init.valid():
		return nil, fmt.Errorf("nn: unknown initialization %v", init)
	case rng == nil:
		return nil, errors.New("nn: Build needs a random source")
	}
	n := &Network{Layers: make([]Layer, 0, len(layers))}
	width := in
	for i, c := range layers {
		last := i == len(layers)-1
		l, err := newLayer(c, width, last, init, rng)
		if err != nil {
			if last {
				return nil, fmt.Errorf("nn: output layer: %w", err)
			}
			return nil, fmt.Errorf("nn: hidden layer %d: %w", i+1, err)
		}
		n.Layers = append(n.Layers, l)
		width = c.Units
	}
	return n, nil
}

// newLayer makes one layer of kind c.Kind over in inputs, after checking
// c against the kind's declarations.
func newLayer(c LayerConfig, in int, output bool, init Init, rng *rand.Rand) (Layer, error) {
	k := c.Kind.Info()
	switch {
	case k == nil:
		return nil, fmt.Errorf("unknown layer kind %q", c.Kind)
	case c.Units <= 0:
		return nil, fmt.Errorf("%d units", c.Units)
	case !c.Activation.valid():
		return nil, fmt.Errorf("unknown activation %v", c.Activation)
	case output && !k.CanOutput:
		return nil, fmt.Errorf("a %s layer cannot be the output layer", c.Kind)
	}
	if problems := k.Problems(in, c); len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	l, err := k.New(c, in, init, rng)
	if r, ok := l.(readoutLayer); ok && err == nil && output {
		r.readOut()
	}
	return l, err
}

// In returns the number of inputs of the first layer.
func (n *Network) In() int { return n.Layers[0].In() }

// Out returns the number of outputs of the last layer.
func (n *Network) Out() int { return n.Layers[len(n.Layers)-1].Out() }

// Forward runs x through every layer and returns the last layer's output,
// a view of its buffer valid until the next Forward.
func (n *Network) Forward(x Matrix) Matrix {
	outs := n.layerOutputs()
	for i, l := range n.Layers {
		x = l.Forward(x)
		outs[i] = x
	}
	return x
}

// Backward takes dL/d(output) of the most recent Forward and accumulates
// every parameter's gradient. It skips the input gradient when the first
// layer allows.
func (n *Network) Backward(dy Matrix) {
	for i := len(n.Layers) - 1; i > 0; i-- {
		dy = n.Layers[i].Backward(dy)
	}
	if pb, ok := n.Layers[0].(paramBackwarder); ok {
		pb.BackwardParams(dy)
		return
	}
	n.Layers[0].Backward(dy)
}

// backwardLayer runs layer i's backward for dy = dL/d(its output) and
// returns dL/d(its input), or an empty Matrix for the first layer when it
// can skip that.
func (n *Network) backwardLayer(i int, dy Matrix) Matrix {
	if pb, ok := n.Layers[i].(paramBackwarder); ok && i == 0 {
		pb.BackwardParams(dy)
		return Matrix{}
	}
	return n.Layers[i].Backward(dy)
}

// BackwardInput is Backward that also returns dL/d(input), for saliency
// pictures and gradient checks. The result is a view of the first layer's
// buffer.
func (n *Network) BackwardInput(dy Matrix) Matrix {
	for i := len(n.Layers) - 1; i >= 0; i-- {
		dy = n.Layers[i].Backward(dy)
	}
	return dy
}

// Outputs returns each layer's output from the most recent Forward, views
// of the layers' buffers, for drawing every neuron. The slice is reused.
func (n *Network) Outputs() []Matrix { return n.layerOutputs() }

func (n *Network) layerOutputs() []Matrix {
	if len(n.outputs) != len(n.Layers) {
		n.outputs = make([]Matrix, len(n.Layers))
	}
	return n.outputs
}

// Params returns every layer's parameters in layer order. The slice is
// built once and reused.
func (n *Network) Params() []*Param {
	if n.params == nil {
		for _, l := range n.Layers {
			n.params = append(n.params, l.Params()...)
		}
	}
	return n.params
}

// State returns the values layers keep without training them (Stateful
// layers: spline grids, masks), in layer order. The slice is built once
// and reused, as Params's is.
func (n *Network) State() []*Param {
	if !n.stated {
		for _, l := range n.Layers {
			if s, ok := l.(Stateful); ok {
				n.state = append(n.state, s.State()...)
			}
		}
		n.stated = true
	}
	return n.state
}

// NumParams returns the number of trainable values.
func (n *Network) NumParams() int {
	total := 0
	for _, p := range n.Params() {
		total += len(p.Value)
	}
	return total
}

// ZeroGrad sets every gradient to zero.
func (n *Network) ZeroGrad() {
	for _, p := range n.Params() {
		clear(p.Grad)
	}
}

// CopyParams appends every parameter value, in Params order, to dst[:0]
// and returns it; dst grows only when too small.
func (n *Network) CopyParams(dst []float32) []float32 {
	dst = dst[:0]
	for _, p := range n.Params() {
		dst = append(dst, p.Value...)
	}
	return dst
}

// SetParams loads values written by CopyParams. The length must match
// NumParams exactly.
func (n *Network) SetParams(src []float32) error {
	if len(src) != n.NumParams() {
		return fmt.Errorf("nn: %d parameter values for a network of %d", len(src), n.NumParams())
	}
	for _, p := range n.Params() {
		src = src[copy(p.Value, src):]
	}
	return nil
}
