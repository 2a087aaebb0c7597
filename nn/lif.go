package nn

import (
	"fmt"
	"math/rand/v2"
)

// LIF is a layer of leaky integrate-and-fire neurons fed through delayed
// synapses (see synapses): over the T time steps of a row, unit j takes
// the current I[t]_j = Σ_i Σ_d W_ij·k_ij(d)·x[t-d]_i and integrates it,
//
//	H[t] = β·V[t-1] + I[t],  S[t] = step(H[t] - θ),  V[t] = H[t]·(1 - S[t]),
//
// β = 1 - 1/τ, spiking when the membrane crosses the threshold θ and
// resetting to zero. The reset is detached: backpropagation through time
// treats S in the reset as a constant, and the spike's derivative is the
// ATan surrogate (α/2)/(1 + (π/2·α·u)²) at u = H - θ.
//
// A hidden LIF layer maps rows of T·In() values (time-major, see Layer)
// to rows of T·Out() spikes. As a network's output layer its units do not
// spike: the membrane integrates without threshold or reset, V[t] =
// β·V[t-1] + I[t], and the layer gives m = Σ_t softmax(V[t]), one value per
// unit, which cross-entropy reads as logits (the DCLS paper's readout).
type LIF struct {
	in, out int
	syn     synapses
	beta    float32 // 1 - 1/τ
	thresh  float32
	alpha   float32 // the surrogate's sharpness
	readout bool    // output layer: membrane readout instead of spikes
	// relaxed, set only by the gradient check, makes the layer
	// differentiable so that Backward is its exact gradient (see
	// spikeRelaxation).
	relaxed *spikeRelaxation
	params  []*Param

	x      Matrix    // input of the most recent Forward (caller's buffer)
	rows   []int     // the rows of x that Forward read, in order; nil: all
	picked []int     // rows for the next Forward (see pickRows)
	steps  int       // T of the most recent Forward
	curBuf []float32 // synaptic current I, rows x T·Out
	hBuf   []float32 // membrane before reset H (readout: V), rows x T·Out
	yBuf   []float32 // spikes (hidden) or the readout m (output)
	pBuf   []float32 // readout: softmax(V[t]), rows x T·Out
	gBuf   []float32 // dL/dI, rows x T·Out
	dxBuf  []float32 // dL/dx, rows x T·In
}

// LIFLayer is the spiking kind.
const LIFLayer LayerKind = "lif"

// The LIF kind's option keys.
const (
	LIFDelays    = "dl"   // DelayNone, DelayFixed or DelayLearned
	LIFMaxDelay  = "dmax" // the longest delay in steps
	LIFTau       = "tau"
	lifThreshold = "th"
	lifSharpness = "sg"
	LIFSharpen   = "sh" // steps over which learned delays' kernels narrow
)

// The values of the delays option.
const (
	DelayNone    = 0 // every synapse delays by 0 steps
	DelayFixed   = 1 // integer delays drawn once, uniformly in 0..max delay
	DelayLearned = 2 // positions learned through Gaussian kernels (DCLS)
)

func init() {
	registerKind(&KindInfo{
		Kind:  LIFLayer,
		Label: "Spiking (LIF)",
		Help:  "Leaky integrate-and-fire neurons over the task's time steps, fed through synapses that may delay spikes; as the output layer, a membrane readout.",
		Options: []Option{{
			Key: LIFDelays, Label: "delays",
			Help:    "Synaptic delays: none, fixed random integers, or learned positions (Gaussian kernels that narrow to integer delays).",
			Default: DelayNone, Min: DelayNone, Max: DelayLearned, Integer: true,
			Choices: []string{"none", "fixed random", "learned"},
		}, {
			Key: LIFMaxDelay, Label: "max delay",
			Help:    "The longest synaptic delay, in time steps.",
			Default: 10, Min: 1, Max: 50, Integer: true,
		}, {
			Key: LIFTau, Label: "time constant",
			Help:    "Membrane time constant τ in steps: the membrane keeps 1 - 1/τ of its value each step (τ = 1 forgets at once).",
			Default: 2, Min: 1, Max: 100,
		}, {
			Key: lifThreshold, Label: "threshold",
			Help:    "Membrane value at which a neuron spikes and resets to zero.",
			Default: 1, Min: 0.1, Max: 10,
		}, {
			Key: lifSharpness, Label: "surrogate sharpness",
			Help:    "α of the ATan surrogate gradient (α/2)/(1+(π/2·α·u)²): larger is closer to the true step, and sparser.",
			Default: 5, Min: 0.5, Max: 6,
		}, {
			Key: LIFSharpen, Label: "delay sharpening steps",
			Help:    "Training steps over which learned delays' Gaussian kernels narrow from half the max delay to 0.23 steps.",
			Default: 500, Min: 1, Max: 100000, Integer: true,
		}},
		TimeAxis:  true,
		CanOutput: true,
		Params: func(in, out int, o Options) int {
			if o.Int(LIFDelays) == DelayLearned {
				return 2 * in * out
			}
			return in * out
		},
		// Per time step: the multiply-adds of the delayed currents (at
		// rounded, integer delays) and the membrane update.
		FLOPs: func(in, out int, o Options) int { return 2*in*out + 4*out },
		// Training runs every delay tap.
		StepUses: func(o Options) int {
			if o.Int(LIFDelays) == DelayNone {
				return 1
			}
			return o.Int(LIFMaxDelay) + 1
		},
		New: func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error) {
			o := c.Options
			return NewLIF(in, c.Units, LIFConfig{
				Delays: o.Int(LIFDelays), MaxDelay: o.Int(LIFMaxDelay),
				Tau: o[LIFTau], Threshold: o[lifThreshold], Sharpness: o[lifSharpness],
				SharpenSteps: o.Int(LIFSharpen),
			}, init, rng)
		},
	}, 3)
}

// lifInitGain scales the initial weights, in units of the threshold. The
// initializations assume inputs of unit variance; spikes are sparse 0s and
// 1s, and at the plain scale few membranes would ever reach the threshold,
// leaving the surrogate little to work with. (The DCLS reference uses
// batch normalization instead.)
const lifInitGain = 4

// LIFConfig holds a LIF layer's settings (its kind's options).
type LIFConfig struct {
	Delays       int // DelayNone, DelayFixed or DelayLearned
	MaxDelay     int
	Tau          float32
	Threshold    float32
	Sharpness    float32
	SharpenSteps int
}

// NewLIF makes a hidden LIF layer of out units over in inputs; weights are
// drawn by init from rng (scaled by lifInitGain·threshold), then fixed
// delays or initial positions.
func NewLIF(in, out int, c LIFConfig, init Init, rng *rand.Rand) (*LIF, error) {
	switch {
	case in <= 0 || out <= 0:
		return nil, fmt.Errorf("nn: LIF layer %d -> %d", in, out)
	case c.Delays < DelayNone || c.Delays > DelayLearned:
		return nil, fmt.Errorf("nn: LIF delays %d", c.Delays)
	case c.Delays != DelayNone && c.MaxDelay < 1:
		return nil, fmt.Errorf("nn: LIF max delay %d", c.MaxDelay)
	case !(c.Tau >= 1) || !(c.Threshold > 0) || !(c.Sharpness > 0) || c.SharpenSteps < 1:
		return nil, fmt.Errorf("nn: LIF τ=%g, threshold %g, sharpness %g, sharpening %d", c.Tau, c.Threshold, c.Sharpness, c.SharpenSteps)
	}
	l := &LIF{
		in: in, out: out,
		beta: 1 - 1/c.Tau, thresh: c.Threshold, alpha: c.Sharpness,
	}
	l.syn.init(in, out, c.Delays, c.MaxDelay, c.SharpenSteps, lifInitGain*c.Threshold, init, rng)
	l.params = l.syn.params()
	return l, nil
}

// Kind returns LIFLayer.
func (l *LIF) Kind() LayerKind { return LIFLayer }

// In returns the number of inputs per time step.
func (l *LIF) In() int { return l.in }

// Out returns the number of units.
func (l *LIF) Out() int { return l.out }

// Params returns W (In x Out), then for learned delays the positions P
// (In x Out, in steps, learning at 100x the rate).
func (l *LIF) Params() []*Param { return l.params }

// State returns the fixed random delays (In x Out, whole steps) of a layer
// with fixed delays, nothing otherwise.
func (l *LIF) State() []*Param { return l.syn.state() }

// Edges writes the weights W.
func (l *LIF) Edges(dst []float32) []float32 {
	return append(dst[:0], l.syn.w.Value...)
}

// Delays writes each synapse's delay in steps at [i*Out+j] as Forward
// uses it outside training: 0, the fixed delay, or the rounded position.
func (l *LIF) Delays(dst []float32) []float32 { return l.syn.delays(dst) }

// Readout reports whether the layer is an output layer with a membrane
// readout.
func (l *LIF) Readout() bool { return l.readout }

// readOut makes the layer an output layer (see LIF).
func (l *LIF) readOut() { l.readout = true }

// beginStep starts a training step: learned delays use Gaussian kernels
// of the width the step count gives.
func (l *LIF) beginStep(step int) { l.syn.train(step) }

// endStep goes back to integer delays.
func (l *LIF) endStep() { l.syn.training = false }

// Membrane returns the membrane trace of the most recent Forward, rows x
// T·Out: H (before reset) for a hidden layer, V for a readout.
func (l *LIF) Membrane() Matrix {
	rows := l.numRows()
	return Matrix{Rows: rows, Cols: l.steps * l.out, Data: l.hBuf[:rows*l.steps*l.out]}
}

// pickRows makes the next Forward read only the given rows of its input,
// in their order, where they lie: the trainer's minibatch without
// gathering a copy of it (64 rows of 700 inputs over 100 steps are 18 MB,
// 2.5 ms a step to copy under Node). It reports false, and picks nothing,
// when the layer's currents are one dense product over contiguous rows.
func (l *LIF) pickRows(rows []int) bool {
	if l.syn.dense() || l.relaxed != nil {
		return false
	}
	l.picked = rows
	return true
}

// numRows is the number of rows of the most recent Forward.
func (l *LIF) numRows() int {
	if l.rows != nil {
		return len(l.rows)
	}
	return l.x.Rows
}

// Forward runs the rows of x (T·In() values each) through the synapses
// and the neurons (only those pickRows chose, if it did). It keeps a view
// of x for Backward.
func (l *LIF) Forward(x Matrix) Matrix {
	if x.Cols == 0 || x.Cols%l.in != 0 {
		panic(fmt.Sprintf("nn: LIF layer of %d inputs per step given rows of %d values", l.in, x.Cols))
	}
	l.x, l.steps = x, x.Cols/l.in
	l.rows, l.picked = l.picked, nil
	for _, r := range l.rows {
		if r < 0 || r >= x.Rows {
			panic(fmt.Sprintf("nn: LIF layer picked row %d of %d", r, x.Rows))
		}
	}
	rows, width := l.numRows(), l.steps*l.out
	cur := resize(&l.curBuf, rows, width)
	l.syn.forward(l.inputs(), l.steps, cur.Data)
	h := resize(&l.hBuf, rows, width)
	if l.readout {
		p := resize(&l.pBuf, rows, width)
		y := resize(&l.yBuf, rows, l.out)
		l.readoutForward(cur.Data, h.Data, p.Data, y.Data, rows)
		return y
	}
	y := resize(&l.yBuf, rows, width)
	l.spikeForward(cur.Data, h.Data, y.Data, rows)
	return y
}

// Backward runs backpropagation through time and the synapses: it
// accumulates the parameters' gradients and returns dL/dx.
func (l *LIF) Backward(dy Matrix) Matrix {
	g := l.backwardParams(dy)
	dx := resize(&l.dxBuf, l.numRows(), l.x.Cols)
	l.syn.backwardInput(g, l.numRows(), l.steps, dx.Data)
	return dx
}

// BackwardParams is Backward without dx.
func (l *LIF) BackwardParams(dy Matrix) { l.backwardParams(dy) }

// backwardParams accumulates the parameter gradients and returns dL/dI.
func (l *LIF) backwardParams(dy Matrix) []float32 {
	rows, width := l.numRows(), l.steps*l.out
	wantCols := width
	if l.readout {
		wantCols = l.out
	}
	if dy.Rows != rows || dy.Cols != wantCols {
		panic(fmt.Sprintf("nn: LIF layer backward got %dx%d for a %dx%d output", dy.Rows, dy.Cols, rows, wantCols))
	}
	g := resize(&l.gBuf, rows, width).Data
	if l.readout {
		l.readoutBackward(dy.Data, g, rows)
	} else {
		l.spikeBackward(dy.Data, g, rows)
	}
	l.syn.backwardParams(l.inputs(), g, l.steps)
	return g
}

// inputs is the rows the most recent Forward read.
func (l *LIF) inputs() rowSet {
	return rowSet{data: l.x.Data, width: l.x.Cols, n: l.numRows(), pick: l.rows}
}

// rowSet is a layer's input rows: data's rows of width values, all n of
// them in order, or those pick lists.
type rowSet struct {
	data  []float32
	width int
	n     int
	pick  []int
}

// row returns the r-th row of the set.
func (s rowSet) row(r int) []float32 {
	if s.pick != nil {
		r = s.pick[r]
	}
	return s.data[r*s.width : (r+1)*s.width]
}
