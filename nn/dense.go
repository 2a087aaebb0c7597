package nn

import (
	"fmt"
	"math/rand/v2"

	"playground/kernels"
)

// Dense is a fully connected layer: y = act(x·W + b) for a batch x of
// rows x In. W is In x Out row-major, so the weight from input i to unit
// j is W[i*Out+j], and b has Out entries.
type Dense struct {
	in, out int
	w, b    Param
	params  []*Param // [w, b], built once so Params does not allocate
	act     activationStage
	x       Matrix    // input of the most recent Forward (caller's buffer)
	dxBuf   []float32 // dL/dx, returned by Backward
}

// NewDense makes a layer of out units over in inputs with weights drawn
// by init from rng and biases at initialBias(init).
func NewDense(in, out int, act Activation, init Init, rng *rand.Rand) *Dense {
	d := &Dense{
		in:  in,
		out: out,
		w: Param{Name: "W", Rows: in, Cols: out, Decay: true,
			Value: make([]float32, in*out), Grad: make([]float32, in*out)},
		b: Param{Name: "b", Rows: 1, Cols: out,
			Value: make([]float32, out), Grad: make([]float32, out)},
		act: newActivationStage(act),
	}
	d.params = []*Param{&d.w, &d.b}
	initWeights(init, d.w.Value, in, out, rng)
	for j := range d.b.Value {
		d.b.Value[j] = initialBias(init)
	}
	return d
}

// DenseLayer is the fully connected kind.
const DenseLayer LayerKind = "dense"

func init() {
	registerKind(&KindInfo{
		Kind:            DenseLayer,
		Label:           "dense",
		Help:            "Every input connects to every unit: y = act(x·W + b).",
		TakesActivation: true,
		CanOutput:       true,
		Params:          func(in, out int, _ Options) int { return in*out + out },
		FLOPs:           func(in, out int, _ Options) int { return 2*in*out + out },
		New: func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error) {
			return NewDense(in, c.Units, c.Activation, init, rng), nil
		},
	}, 0)
}

// Kind returns DenseLayer.
func (d *Dense) Kind() LayerKind { return DenseLayer }

// Edges copies W: the weight from input i to unit j is the edge's strength.
func (d *Dense) Edges(dst []float32) []float32 { return append(dst[:0], d.w.Value...) }

// In returns the number of inputs.
func (d *Dense) In() int { return d.in }

// Out returns the number of units.
func (d *Dense) Out() int { return d.out }

// Activation returns the layer's nonlinearity.
func (d *Dense) Activation() Activation { return d.act.act }

// Params returns [W, b]: W decays, b does not.
func (d *Dense) Params() []*Param { return d.params }

// Weights returns W (In x Out).
func (d *Dense) Weights() *Param { return &d.w }

// Bias returns b (1 x Out).
func (d *Dense) Bias() *Param { return &d.b }

// PreActivation returns x·W + b from the most recent Forward.
func (d *Dense) PreActivation() Matrix { return d.act.preActivation() }

// Forward computes act(x·W + b) for the rows of x. It keeps a view of x
// for Backward, so x must not change in between.
func (d *Dense) Forward(x Matrix) Matrix {
	if x.Cols != d.in {
		// The gemm would read rows at the wrong stride: fail loudly.
		panic(fmt.Sprintf("nn: dense layer of %d inputs given %d columns", d.in, x.Cols))
	}
	d.x = x
	z := d.act.pre(x.Rows, d.out)
	kernels.GemmNN(x.Rows, d.out, d.in, 1, x.Data, d.in, d.w.Value, d.out, 0, z.Data, d.out)
	kernels.AddBias(x.Rows, d.out, d.b.Value, z.Data, d.out)
	return d.act.forward()
}

// Backward accumulates dW += xᵀ·dz and db += column sums of dz, where
// dz = dy ⊙ act'(z), and returns dx = dz·Wᵀ.
func (d *Dense) Backward(dy Matrix) Matrix {
	dz := d.backwardParams(dy)
	dx := resize(&d.dxBuf, dz.Rows, d.in)
	kernels.GemmNT(dz.Rows, d.in, d.out, 1, dz.Data, d.out, d.w.Value, d.out, 0, dx.Data, d.in)
	return dx
}

// BackwardParams is Backward without dx, for a first layer whose input
// gradient nobody reads: it saves a third of the layer's backward work.
func (d *Dense) BackwardParams(dy Matrix) { d.backwardParams(dy) }

func (d *Dense) backwardParams(dy Matrix) Matrix {
	if dy.Cols != d.out || dy.Rows != d.x.Rows {
		panic(fmt.Sprintf("nn: dense layer backward got %dx%d for a %dx%d output", dy.Rows, dy.Cols, d.x.Rows, d.out))
	}
	dz := d.act.backward(dy)
	kernels.GemmTN(d.in, d.out, dz.Rows, 1, d.x.Data, d.in, dz.Data, d.out, 1, d.w.Grad, d.out)
	kernels.SumRows(dz.Rows, d.out, dz.Data, d.out, d.b.Grad)
	return dz
}
