package session

import (
	"playground/nn"
	"playground/ui"
)

// The spiking pictures' data: one chosen example run through the network
// (its raster, membranes and the delays its spikes travel along), and
// each spiking layer's distribution of delays over training. Both come
// with a picture: the example is one row through the network, the
// histograms a pass over the synapses, a small part of a picture's cost.

// spikeViews is what the session keeps for those pictures.
type spikeViews struct {
	example int // the chosen example, an index into the task's examples
	row     []float32
	answer  []int // argmax scratch
	sample  ui.SpikeSample
	// histories are kept across pictures for generation historyOf and
	// restart when the model or its step count goes back.
	histories []ui.DelayHistory
	historyOf int
	// spacing is the fewest steps between two recorded histograms; it
	// doubles each time the histories are thinned to maxDelayStrips.
	spacing   int
	positions [][]float32
}

// maxDelayStrips bounds the histograms kept per layer: when full, every
// other one goes and the spacing doubles, so the picture spans the whole
// run at a bounded cost.
const maxDelayStrips = 160

// SpikeExample is the example whose spikes the pictures show.
func (s *Session) SpikeExample() int { return s.spikes.example }

// SpikeExamples is how many examples the spiking pictures may show.
func (s *Session) SpikeExamples() int { return len(s.data.all) }

// SetSpikeExample chooses the example the spiking pictures show (clamped
// to the task's examples). A picture already showing the network as it
// is gets the new example at once: it is one row through the network.
func (s *Session) SetSpikeExample(i int) {
	s.spikes.example = min(max(i, 0), max(len(s.data.all)-1, 0))
	if s.surface.valid && s.snap.Spikes != nil {
		s.fillSpikeSample(&s.snap, s.trainer.Net())
	}
}

// fillSpikeViews fills the snapshot's spiking pictures for a task of
// spike trains and clears them for any other.
func (s *Session) fillSpikeViews(snap *Snapshot, net *nn.Network) {
	if !s.spec.Data.Set.Temporal() {
		snap.Spikes, snap.Delays, snap.Positions = nil, nil, nil
		return
	}
	s.recordDelays(net)
	snap.Delays, snap.Positions = s.spikes.histories, s.spikes.positions
	s.fillSpikeSample(snap, net)
}

// fillSpikeSample runs the chosen example through the network and keeps
// what every column did over the time steps.
func (s *Session) fillSpikeSample(snap *Snapshot, net *nn.Network) {
	v := &s.spikes
	pts := s.data.all
	if len(pts) == 0 || len(net.Layers) == 0 {
		snap.Spikes = nil
		return
	}
	v.example = min(max(v.example, 0), len(pts)-1)
	p := pts[v.example]
	v.row = exampleGrid(v.row[:0], s.spec.Data.Set, pts[v.example:v.example+1], 1, s.spec.Data.Classes, s.spec.Data.Timing)
	steps := max(net.Steps, 1)
	net.Forward(nn.Matrix{Rows: 1, Cols: len(v.row), Data: v.row})

	sm := &v.sample
	cols := net.In()
	sm.Example, sm.Class, sm.Predicted, sm.Steps = v.example, p.Label, -1, steps
	if n := len(net.Layers) + 1; cap(sm.Columns) < n {
		sm.Columns = make([]ui.SpikeColumn, n)
	} else {
		sm.Columns = sm.Columns[:n]
	}
	in := &sm.Columns[0]
	*in = ui.SpikeColumn{Units: cols, Spikes: append(in.Spikes[:0], v.row...), Membrane: in.Membrane[:0], Delays: in.Delays[:0]}
	for l, m := range net.Outputs() {
		layer, c := net.Layers[l], &sm.Columns[l+1]
		out := layer.Out()
		*c = ui.SpikeColumn{Units: out, Spikes: c.Spikes[:0], Membrane: c.Membrane[:0], Delays: c.Delays[:0]}
		lif, spiking := layer.(*nn.LIF)
		switch {
		case spiking && lif.Readout():
			c.Readout = true
			c.Membrane = lif.MembraneRow(c.Membrane, 0)
		case spiking:
			c.Threshold = lif.Threshold()
			c.Membrane = lif.MembraneRow(c.Membrane, 0)
			c.Spikes = append(c.Spikes, m.Row(0)...)
		case m.Cols == steps*out: // a layer of values per step: its trace
			c.Membrane = append(c.Membrane, m.Row(0)...)
		}
		if spiking {
			c.Delays, c.MaxDelay = lif.Delays(c.Delays), lif.MaxDelay()
		}
		if l == len(net.Layers)-1 && m.Cols == out {
			v.answer = argmaxRows(v.answer, m)
			sm.Predicted = v.answer[0]
		}
	}
	snap.Spikes = sm
}

// recordDelays adds each spiking layer's histogram of delays at this
// step, when the spacing allows, and keeps its positions for the
// weight-by-delay picture.
func (s *Session) recordDelays(net *nn.Network) {
	v := &s.spikes
	step := s.trainer.Steps()
	restart := v.historyOf != s.generation
	for _, h := range v.histories {
		if n := len(h.Steps); n > 0 && h.Steps[n-1] > step {
			restart = true // reset, or weights restored from before
		}
	}
	if restart {
		v.histories, v.positions, v.historyOf, v.spacing = v.histories[:0], v.positions[:0], s.generation, 1
	}
	k := 0
	for l, layer := range net.Layers {
		lif, ok := layer.(*nn.LIF)
		if !ok {
			continue
		}
		if k == len(v.histories) {
			v.histories = append(v.histories, ui.DelayHistory{})
			v.positions = append(v.positions, nil)
		}
		h := &v.histories[k]
		if restart || h.Layer != l {
			*h = ui.DelayHistory{Layer: l, Mode: lif.DelayMode(), MaxDelay: lif.MaxDelay(), Steps: h.Steps[:0], Counts: h.Counts[:0]}
		}
		v.positions[k] = lif.Positions(v.positions[k])
		k++
		if h.Mode == nn.DelayNone {
			continue
		}
		if n := len(h.Steps); n > 0 && step < h.Steps[n-1]+v.spacing {
			continue
		}
		h.Steps = append(h.Steps, step)
		h.Counts = appendHistogram(h.Counts, *h, v.positions[k-1])
	}
	v.histories, v.positions = v.histories[:k], v.positions[:k]
	for i := range v.histories {
		if len(v.histories[i].Steps) > maxDelayStrips {
			for j := range v.histories {
				thinHistory(&v.histories[j])
			}
			v.spacing *= 2
			break
		}
	}
}

// appendHistogram appends the share of positions in each of h's bins.
func appendHistogram(dst []float32, h ui.DelayHistory, positions []float32) []float32 {
	n := len(dst)
	for range h.Bins() {
		dst = append(dst, 0)
	}
	if len(positions) == 0 {
		return dst
	}
	bins, share := dst[n:], 1/float32(len(positions))
	for _, p := range positions {
		bins[h.DelayBin(p)] += share
	}
	return dst
}

// thinHistory keeps every other histogram, the newest always.
func thinHistory(h *ui.DelayHistory) {
	bins, n := h.Bins(), len(h.Steps)
	kept := 0
	for i := n - 1; i >= 0; i -= 2 {
		kept++
	}
	first := n - 1 - 2*(kept-1)
	for j := range kept {
		i := first + 2*j
		h.Steps[j] = h.Steps[i]
		copy(h.Counts[j*bins:(j+1)*bins], h.Counts[i*bins:(i+1)*bins])
	}
	h.Steps, h.Counts = h.Steps[:kept], h.Counts[:kept*bins]
}

// SpikeTask says the task's examples are spike trains: the spiking
// pictures apply.
func (s *Session) SpikeTask() bool { return s.spec.Data.Set.Temporal() }

// ChooseSpikeCell chooses the example cell of the surface's grid shows:
// the grid cycles through the examples (exampleGrid).
func (s *Session) ChooseSpikeCell(cell int) {
	if n := len(s.data.all); n > 0 && cell >= 0 {
		s.SetSpikeExample(cell % n)
	}
}
