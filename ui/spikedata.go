package ui

// What the spiking pictures draw: plain data the session prepares.

// SpikeSample is one example's activity through a spiking network over
// its time steps: the raster, the membrane traces and the spikes that
// travel along the graph's edges are drawn from it.
type SpikeSample struct {
	// Example is the example's index among the task's examples, Class its
	// class, Predicted the network's answer (-1 when there is none).
	Example, Class, Predicted int
	Steps                     int
	// Columns are the graph's columns: the inputs, then one per layer.
	Columns []SpikeColumn
}

// SpikeColumn is one column of neurons over the time steps. Values are
// Steps x Units, time-major (step t's unit u at t*Units+u).
type SpikeColumn struct {
	Units int
	// Spikes holds 1 where a unit spiked and 0 elsewhere (the inputs, a
	// hidden spiking layer); nil for a readout, which does not spike.
	Spikes []float32
	// Membrane is the membrane before its reset (hidden) or the readout's
	// V; nil for the inputs.
	Membrane []float32
	// Threshold is where a hidden unit spikes; 0 for the inputs and a
	// readout.
	Threshold float32
	Readout   bool
	// Delays are the whole-step delays of the synapses into this column
	// from the one before, In x Units at [i*Units+u], as the network
	// runs them outside training; nil for the inputs. MaxDelay bounds
	// them (the layer's max delay; 0 without delays).
	Delays   []float32
	MaxDelay int
}

// DelayHistory is one spiking layer's distribution of synaptic delays
// over training: a histogram per recorded step.
type DelayHistory struct {
	Layer    int // the layer, 0 the first after the inputs
	Mode     int // nn.DelayNone, nn.DelayFixed or nn.DelayLearned
	MaxDelay int
	// Steps are the training steps of the recorded histograms, oldest
	// first; Counts holds one histogram of Bins() values per step, each
	// the share of the layer's synapses whose delay falls in the bin
	// (DelayBinsPerStep bins per step of delay, centred on multiples of
	// 1/DelayBinsPerStep).
	Steps  []int
	Counts []float32
}

// DelayBinsPerStep is how finely a delay histogram cuts one step of
// delay: learned positions move by fractions of a step.
const DelayBinsPerStep = 2

// Bins is the number of bins of each histogram.
func (h DelayHistory) Bins() int { return DelayBinsPerStep*max(h.MaxDelay, 0) + 1 }

// valid says Counts holds a histogram for every step.
func (h DelayHistory) valid() bool {
	return h.MaxDelay >= 0 && len(h.Steps) > 0 && len(h.Counts) == len(h.Steps)*h.Bins()
}

// DelayBin is the bin a delay of d steps falls in, clamped to the range.
func (h DelayHistory) DelayBin(d float32) int {
	if !(d > 0) {
		return 0
	}
	return min(int(d*DelayBinsPerStep+0.5), h.Bins()-1)
}

// FieldNodeAt is the grid node of a res x res Field drawn over a w x h
// area (DrawField) nearest to the pixel (x, y), as an index row by row
// from the top; -1 outside the area.
func FieldNodeAt(x, y, w, h, res int) int {
	if x < 0 || y < 0 || x >= w || y >= h || res < 1 {
		return -1
	}
	node := func(p, size int) int {
		return min(int((float32(p)+0.5)*float32(res-1)/float32(size)+0.5), res-1)
	}
	return node(y, h)*res + node(x, w)
}
