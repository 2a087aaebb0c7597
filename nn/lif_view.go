package nn

// What the pictures read of a LIF layer: its settings, its synapses'
// delays and the membranes of its most recent Forward. Views go through
// these small accessors rather than into the time loop, so the loop's
// buffers may change shape without the pictures noticing.

// Threshold is the membrane value at which a hidden unit spikes.
func (l *LIF) Threshold() float32 { return l.thresh }

// DelayMode is DelayNone, DelayFixed or DelayLearned.
func (l *LIF) DelayMode() int { return l.syn.mode }

// MaxDelay is the longest delay a synapse may take, in steps (0 without
// delays).
func (l *LIF) MaxDelay() int { return l.syn.taps - 1 }

// Positions writes each synapse's delay in steps at [i*Out+j] as training
// sees it: the learned position (clamped to 0..MaxDelay, not rounded), or
// the fixed delay. A layer without delays writes nothing: dst[:0].
func (l *LIF) Positions(dst []float32) []float32 {
	s := &l.syn
	dst = dst[:0]
	switch s.mode {
	case DelayFixed:
		return append(dst, s.fixed.Value...)
	case DelayLearned:
		hi := float32(s.taps - 1)
		for _, p := range s.pos.Value {
			if p != p { // NaN: a diverged step; show it at 0
				p = 0
			}
			dst = append(dst, min(max(p, 0), hi))
		}
	}
	return dst
}

// MembraneRow writes row r's membrane over the time steps of the most
// recent Forward, T·Out values time-major (step t's unit j at t*Out+j):
// H, before the reset, for a hidden layer, V for a readout. It writes
// nothing when the last Forward had no row r.
func (l *LIF) MembraneRow(dst []float32, r int) []float32 {
	dst = dst[:0]
	n := l.steps * l.out
	if r < 0 || r >= l.numRows() || len(l.hBuf) < (r+1)*n {
		return dst
	}
	return append(dst, l.hBuf[r*n:(r+1)*n]...)
}
