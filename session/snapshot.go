package session

import (
	"playground/data"
	"playground/experiment"
	"playground/nn"
	"playground/ui"
)

// Snapshot is what the views draw: the experiment at one step, gathered
// in one place so no view reaches into the model. It belongs to the
// session and stays valid until the next Snapshot, step or edit; views
// read it and never write to it.
type Snapshot struct {
	Spec       experiment.Spec
	Step       int
	Generation int // changes when the model is rebuilt or the points change
	Running    bool
	Metrics    Metrics
	// Params are the trained values and State the values layers keep
	// without training them (none yet: spline grids and masks will be),
	// both in the order nn documents (Network.Params, Network.State): the
	// order the weight file and weights in links use.
	Params, State []*nn.Param
	// Edges holds, per layer, one strength per edge from input i to unit
	// j at [i*Out+j], as the layer's kind defines it (Layer.Edges).
	Edges [][]float32
	// Curves holds, per layer, its edges' functions sampled over their
	// inputs' ranges, for layers whose edges are functions (KAN); invalid
	// for the others.
	Curves []ui.EdgeCurves
	// Surface is every layer's output over the task's grid.
	Surface *Surface
	// Bases holds, per layer and unit, a selectable KAN unit's mixture
	// of bases and whether it has chosen (BasisMarks); nil for layers
	// with one basis.
	Bases [][]ui.BasisMark
	// Pairs is the table of answers of a pairs task (empty otherwise).
	Pairs ui.PairTable
	// Spikes is the chosen example's activity through a spiking network,
	// Delays each spiking layer's delay histograms over training and
	// Positions its synapses' delays in steps (In x Out, empty without
	// delays), for tasks of spike trains (session/spikeview.go); nil for
	// the others.
	Spikes    *ui.SpikeSample
	Delays    []ui.DelayHistory
	Positions [][]float32
	// Train and Test are the examples on each side of the split.
	Train, Test []data.Point
}
