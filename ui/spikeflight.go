package ui

import "image"

// MaxFlightDots bounds the spikes drawn travelling in one frame of the
// graph's playback: a wide layer's every spike times every synapse would
// cost more than a frame, and show only a swarm.
const MaxFlightDots = 400

// flightDot is a travelling spike's radius: it must stand out on the
// weight lines it travels along.
const flightDot = 3.5

// DrawSpikeFlight draws a frame of the chosen example's playback over a
// graph laid out by l, into dst, a transparent buffer as large as the
// graph (it is cleared first): at time t (in steps, 0..Steps), every
// spike a neuron released at step s travels along each of its synapses
// as a dot, from the neuron at s to the next column's neuron at the end
// of step s+d, d the synapse's delay; neurons spiking at step ⌊t⌋ are
// ringed. At most maxDots dots are drawn (the most recent spikes
// first); it returns how many were.
func DrawSpikeFlight(dst *image.RGBA, l GraphLayout, s SpikeSample, t float32, maxDots int) int {
	clear(dst.Pix)
	if s.Steps < 1 || !(t >= 0) || len(s.Columns) != l.Columns() {
		return 0
	}
	origin := dst.Rect.Min
	now := int(t)
	for i, c := range s.Columns {
		if now >= s.Steps || len(c.Spikes) < s.Steps*c.Units || l.Units(i) != c.Units {
			continue
		}
		for u, v := range c.Spikes[now*c.Units : (now+1)*c.Units] {
			if v > 0.5 {
				r := l.NodeRect(i, u).Add(origin)
				outline(dst, r.Inset(-1), SpikeColor)
				outline(dst, r.Inset(-2), SpikeColor)
			}
		}
	}
	dots := 0
	for i := 0; i+1 < len(s.Columns); i++ {
		from, to := s.Columns[i], s.Columns[i+1]
		in, out := from.Units, to.Units
		if len(from.Spikes) < s.Steps*in || l.Units(i) != in || l.Units(i+1) != out || out <= 0 {
			continue
		}
		delays, longest := to.Delays, max(to.MaxDelay, 0)
		if len(delays) != in*out {
			delays, longest = nil, 0 // no delays: every spike arrives within its step
		}
		// Spikes released more than the longest delay ago have all
		// arrived: a wide layer's long past costs nothing.
		for step := min(now, s.Steps-1); step >= 0 && t-float32(step) < float32(longest+1); step-- {
			for a, v := range from.Spikes[step*in : (step+1)*in] {
				if v <= 0.5 {
					continue
				}
				src := l.NodeRect(i, a).Add(origin)
				fx, fy := float32(src.Max.X), float32(src.Min.Y+src.Max.Y)/2
				for b := range out {
					var d float32
					if delays != nil {
						d = min(delays[a*out+b], float32(longest))
					}
					frac := (t - float32(step)) / (d + 1)
					if frac >= 1 {
						continue
					}
					if dots >= maxDots {
						return dots
					}
					dst2 := l.NodeRect(i+1, b).Add(origin)
					tx, ty := float32(dst2.Min.X), float32(dst2.Min.Y+dst2.Max.Y)/2
					x, y := fx+(tx-fx)*frac, fy+(ty-fy)*frac
					fillDisc(dst, dst.Rect, x, y, flightDot+1.2, InkColor, 0.9)
					fillDisc(dst, dst.Rect, x, y, flightDot, SpikeColor, 1)
					dots++
				}
			}
		}
	}
	return dots
}

// FlightLength is how long, in time steps, the playback of a sample
// runs: its steps and one more, so the last spikes arrive.
func FlightLength(s SpikeSample) float32 { return float32(s.Steps + 1) }
