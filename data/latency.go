package data

import (
	"math"
)

// Latency coding feeds a set of points on the plane to a spiking network:
// each input feature has two channels, one for its positive values and
// one for its negative ones, and a value spikes once, on its sign's
// channel, the earlier the larger its magnitude. The magnitude's range
// over the set's square (Feature.Range) maps linearly onto steps 0..T-1
// (T = Timing.Latency), the largest to step 0 and values near 0 to T-1;
// 0 itself does not spike. temporalTail quiet steps follow, for the last
// spikes to reach the readout.
//
// Why two channels and not one whose latency runs from the smallest value
// to the largest: feedforward LIF neurons without delays compute little
// more than monotone functions of spike times, and most plane tasks are
// not monotone in a coordinate (the circle's inside is |x1| small). With
// the sign on its own channel, "far from 0" is "an early spike", which
// one neuron detects, and XOR's quadrants are which channels spike
// (a 16-unit LIF layer learns XOR to 100% test accuracy; the circle, a
// sum of squares, wants the features x1², x2² too).

// LatencyCodes reports whether the set's examples can be coded as spike
// latencies: classes of points on the plane (a spiking network's
// membrane readout gives class scores, not values).
func LatencyCodes(s Set) bool { return s.OnPlane() && !s.Regression() }

// LatencySteps is the number of time steps of a latency-coded example
// whose spikes fall in steps 0..latency-1.
func LatencySteps(latency int) int { return latency + temporalTail }

// Range is the range of the feature's values over the square
// [-e, e]^2.
func (f Feature) Range(e float32) (lo, hi float32) {
	switch f {
	case X1, X2:
		return -e, e
	case X1Squared, X2Squared:
		return 0, e * e
	case X1X2:
		return -e * e, e * e
	case SinX1, SinX2:
		if e >= math.Pi/2 {
			return -1, 1
		}
		s := float32(math.Sin(float64(e)))
		return -s, s
	}
	return -1, 1
}

// LatencyStep is the step at which a value v of magnitude up to scale
// spikes in a code over latency steps: |v| = scale at 0, values near 0 at
// latency-1 (beyond scale at 0); -1 (no spike) for 0, NaN or a scale
// that is not positive.
func LatencyStep(v, scale float32, latency int) int {
	a := abs32(v)
	if !(scale > 0) || !(a > 0) || latency < 1 {
		return -1
	}
	u := max(1-a/scale, 0)
	return int(math.Round(float64(u) * float64(latency-1)))
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// LatencyChannels is the number of spike channels of a latency code of
// features: two per feature, its positive and its negative values.
func LatencyChannels(features int) int { return 2 * features }

// LatencyCode turns rows of feature values (len(feats) per row, as
// FeatureMatrix writes them) into spike trains over LatencySteps(latency)
// steps, time-major (step t's spike on channel c at t·2len(feats)+c;
// channel 2i is feature i's positive values, 2i+1 its negative ones), in
// dst's storage, and returns it.
func LatencyCode(dst, values []float32, feats []Feature, extent float32, latency int) []float32 {
	n := len(feats)
	if n == 0 {
		return dst[:0]
	}
	ch := LatencyChannels(n)
	rows, steps := len(values)/n, LatencySteps(latency)
	cols := ch * steps
	dst = grow(dst, rows*cols)
	clear(dst)
	scale := make([]float32, n)
	for i, f := range feats {
		lo, hi := f.Range(extent)
		scale[i] = max(-lo, hi)
	}
	for r := range rows {
		row := dst[r*cols : (r+1)*cols]
		for i, v := range values[r*n : (r+1)*n] {
			c := 2 * i
			if v < 0 {
				c++
			}
			if t := LatencyStep(v, scale[i], latency); t >= 0 {
				row[t*ch+c] = 1
			}
		}
	}
	return dst
}

// LatencyInputs writes the spike trains of pts, their features
// latency-coded (LatencyCode), into dst's storage and returns it.
func (s Set) LatencyInputs(dst []float32, pts []Point, feats []Feature, latency int) []float32 {
	return LatencyCode(dst, FeatureMatrix(nil, pts, feats), feats, s.Extent(), latency)
}
