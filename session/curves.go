package session

import (
	"playground/nn"
	"playground/ui"
)

// Edge sampling for the graph: enough points for a smooth little plot,
// and only for layers small enough that the graph has room to show each
// edge's plot (wider ones draw their edges as lines).
const (
	curveSamples  = 24
	maxCurveEdges = 64
)

// sampleCurves fills c with layer l's edge functions, or empties it when
// the layer has none (or too many to draw).
func sampleCurves(c *ui.EdgeCurves, l nn.Layer) {
	f, ok := l.(nn.EdgeFunctions)
	in, out := l.In(), l.Out()
	if !ok || in*out > maxCurveEdges {
		*c = ui.EdgeCurves{Lo: c.Lo[:0], Hi: c.Hi[:0], Values: c.Values[:0]}
		return
	}
	c.Samples, c.Out = curveSamples, out
	c.Lo, c.Hi = grow(c.Lo, in), grow(c.Hi, in)
	c.Values = grow(c.Values, in*out*curveSamples)
	var xs [curveSamples]float32
	for i := range in {
		lo, hi := f.InputRange(i)
		if !(hi > lo) {
			hi = lo + 1
		}
		c.Lo[i], c.Hi[i] = lo, hi
		for s := range xs {
			xs[s] = lo + (hi-lo)*float32(s)/float32(curveSamples-1)
		}
		for j := range out {
			e := (i*out + j) * curveSamples
			f.EdgeCurve(i, j, xs[:], c.Values[e:e+curveSamples])
		}
	}
}
