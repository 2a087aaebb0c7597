package session

import (
	"fmt"
	"math"

	"playground/nn"
	"playground/ui"
)

// One KAN edge drawn large (ui.EdgePlot) and its control points edited by
// hand. A B-spline edge computes
//
//	φ(x) = scale_base·SiLU(x) + scale_sp·Σ_m c_m·B_m(x)
//
// and its control point m sits at the Greville abscissa g_m of B_m (the
// mean of the k knots inside its support, where B_m weighs most) at
// height scale_base·SiLU(g_m) + scale_sp·c_m: the curve follows the
// polygon of these points as a spline follows its control polygon, with
// the SiLU branch added. Moving a point to height y sets
// c_m = (y - scale_base·SiLU(g_m)) / scale_sp, which moves the curve
// near g_m by about the same amount. A Gaussian RBF edge's point m sits
// at its bump's center the same way; its bumps overlap, so the curve
// passes near rather than along the polygon, but a point still moves its
// own bump. Chebyshev and Fourier coefficients act over the whole range,
// with no place of their own: those edges show no points.

// The large plot's resolution: points along the curve, bins of the
// histogram of the inputs.
const (
	edgePlotSamples = 160
	edgePlotBins    = 40
)

// edgeInputs caches one layer's inputs over the training samples, which
// the histogram and the plot's range need: a forward pass through the
// layers below, redone only when the network moved.
type edgeInputs struct {
	layer, generation, step, edits int
	valid                          bool
	x                              nn.Matrix // rows x the layer's inputs
	xs                             []float32 // where the curve is sampled
}

// kanEdge returns the KAN layer of edge from->to, or why there is none.
func (s *Session) kanEdge(layer, from, to int) (*nn.KAN, error) {
	net := s.trainer.Net()
	if layer < 0 || layer >= len(net.Layers) {
		return nil, fmt.Errorf("there is no layer %d", layer+1)
	}
	kan, ok := net.Layers[layer].(*nn.KAN)
	switch {
	case !ok:
		return nil, fmt.Errorf("layer %d is not a KAN layer", layer+1)
	case from < 0 || from >= kan.In() || to < 0 || to >= kan.Out():
		return nil, fmt.Errorf("layer %d has no edge from input %d to unit %d", layer+1, from+1, to+1)
	}
	return kan, nil
}

// layerInputs is what layer sees from the training samples (cached until
// the network changes). It runs the layers below on them, as a grid
// update does.
func (s *Session) layerInputs(layer int) nn.Matrix {
	c := &s.edgeInputs
	if c.valid && c.layer == layer && c.generation == s.generation && c.step == s.trainer.Steps() && c.edits == s.coefEdits {
		return c.x
	}
	net, x := s.trainer.Net(), s.data.xTrain
	for _, l := range net.Layers[:layer] {
		x = l.Forward(x)
	}
	c.x.Rows, c.x.Cols = x.Rows, x.Cols
	c.x.Data = append(c.x.Data[:0], x.Data...)
	c.layer, c.generation, c.step, c.edits, c.valid = layer, s.generation, s.trainer.Steps(), s.coefEdits, true
	return c.x
}

// EdgePlot fills p with edge from->to of KAN layer `layer` (0 the first
// layer): its function over the range its input took on the training
// samples, their histogram, and, for a B-spline edge that still computes
// its spline, the control points. p's slices are reused.
func (s *Session) EdgePlot(layer, from, to int, p *ui.EdgePlot) error {
	kan, err := s.kanEdge(layer, from, to)
	if err != nil {
		return err
	}
	x := s.layerInputs(layer)
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	for r := range x.Rows {
		v := x.Data[r*x.Cols+from]
		lo, hi = min(lo, v), max(hi, v)
	}
	if !(hi > lo) || !finite(hi-lo) {
		if !finite(lo) {
			lo = 0
		}
		lo, hi = lo-0.5, lo+0.5
	}
	p.Lo, p.Hi = lo, hi
	p.Counts = p.Counts[:0]
	for range edgePlotBins {
		p.Counts = append(p.Counts, 0)
	}
	for r := range x.Rows {
		b := int(float32(edgePlotBins) * (x.Data[r*x.Cols+from] - lo) / (hi - lo))
		if b >= 0 && b <= edgePlotBins { // the largest value falls on the last bin's right end
			p.Counts[min(b, edgePlotBins-1)]++
		}
	}
	xs := grow(s.edgeInputs.xs, edgePlotSamples)
	s.edgeInputs.xs = xs
	for k := range xs {
		xs[k] = lo + (hi-lo)*float32(k)/float32(edgePlotSamples-1)
	}
	p.Curve = kan.EdgeCurve(from, to, xs, p.Curve[:0])
	p.Handles = appendHandles(p.Handles[:0], kan, from, to)
	return nil
}

// EdgeHandles appends edge from->to's control points, where EdgePlot
// draws them (input and height), to dst: none for an edge without.
func (s *Session) EdgeHandles(layer, from, to int, dst []ui.EdgeHandle) []ui.EdgeHandle {
	kan, err := s.kanEdge(layer, from, to)
	if err != nil {
		return dst
	}
	return appendHandles(dst, kan, from, to)
}

func appendHandles(dst []ui.EdgeHandle, kan *nn.KAN, from, to int) []ui.EdgeHandle {
	if sp, ok := editableSpline(kan, from, to); ok {
		for m := range sp.coef {
			dst = append(dst, ui.EdgeHandle{X: sp.node(m), Y: sp.height(m)})
		}
	}
	return dst
}

// SetControlPoint moves control point m of edge from->to of KAN layer
// `layer` to height y (see EdgePlot): one coefficient of the spline
// changes, the rest of the network stays. Training goes on from the
// edited network with a fresh optimizer (mid-step, L-BFGS's trial point
// is dropped first, so the edit lands on the accepted weights). Edges
// that have no control points, a point that does not exist, or a height
// that is not finite are refused and change nothing.
func (s *Session) SetControlPoint(layer, from, to, m int, y float32) error {
	kan, err := s.kanEdge(layer, from, to)
	if err != nil {
		return err
	}
	sp, ok := editableSpline(kan, from, to)
	switch {
	case !ok:
		return fmt.Errorf("edge %d->%d of layer %d has no control points: only B-spline and Gaussian RBF edges that are neither pruned nor snapped, with a spline scale other than 0, have them", from+1, to+1, layer+1)
	case m < 0 || m >= len(sp.coef):
		return fmt.Errorf("the edge has control points 0 to %d, not %d", len(sp.coef)-1, m)
	case !finite(y):
		return fmt.Errorf("a control point's height must be a finite number, not %v", y)
	}
	c := (float64(y) - sp.base(m)) / float64(sp.scale)
	if !finite(float32(c)) {
		return fmt.Errorf("height %v needs a coefficient of %v, beyond float32", y, c)
	}
	s.trainer.ResetOptimizer() // before the edit: it puts back the accepted weights mid-step
	sp.coef[m] = float32(c)
	s.coefEdits++
	s.stepped = false // the weights before the last step are not this network's
	s.lastError = ""
	s.metricsStale = true
	s.surface.invalidate()
	return nil
}

// ControlPoints returns the coefficients behind edge from->to's control
// points (a copy), for checks that an edit or a link reproduced them; nil
// for an edge without.
func (s *Session) ControlPoints(layer, from, to int) []float32 {
	kan, err := s.kanEdge(layer, from, to)
	if err != nil {
		return nil
	}
	sp, ok := editableSpline(kan, from, to)
	if !ok {
		return nil
	}
	return append([]float32(nil), sp.coef...)
}

// splineEdge is one B-spline or RBF edge's parameters, in the layer's
// Params.
type splineEdge struct {
	coef   []float32 // c_0..c_{G+k-1}
	knots  []float32 // its input's G+2k+1 knots
	k      int
	rbf    bool    // Gaussian bumps centered evenly over knots k..G+k
	scaleB float32 // scale_base
	scale  float32 // scale_sp
}

// editableSpline is edge from->to's spline, when it has control points:
// a B-spline or RBF layer, the edge computing its spline (not pruned or
// snapped), and scale_sp not 0 (else no coefficient moves the curve).
func editableSpline(kan *nn.KAN, from, to int) (splineEdge, bool) {
	b := kan.Basis()
	if b != nn.BSplineBasis && b != nn.RBFBasis || !kan.EdgeLive(from, to) {
		return splineEdge{}, false
	}
	// Params: coef (In·Out x (G+k)), scale_base, scale_sp (In x Out);
	// State: grid (In x (G+2k+1)), ... (nn.KAN's Params and State).
	coef, scaleBase, scaleSp := kan.Params()[0], kan.Params()[1], kan.Params()[2]
	grid := kan.State()[0]
	nb, e := kan.Grid()+kan.Order(), from*kan.Out()+to
	sp := splineEdge{
		coef:   coef.Value[e*nb : (e+1)*nb],
		knots:  grid.Value[from*grid.Cols : (from+1)*grid.Cols],
		k:      kan.Order(),
		rbf:    b == nn.RBFBasis,
		scaleB: scaleBase.Value[e],
		scale:  scaleSp.Value[e],
	}
	if sp.scale == 0 || !finite(sp.scale) || len(sp.knots) != nb+sp.k+1 {
		return splineEdge{}, false
	}
	return sp, true
}

// node is where coefficient m acts most: B_m's Greville abscissa, the
// mean of knots m+1..m+k, or the RBF bump's center (nn/basis_rbf.go).
func (sp splineEdge) node(m int) float32 {
	if sp.rbf {
		lo, hi := float64(sp.knots[sp.k]), float64(sp.knots[len(sp.knots)-1-sp.k])
		return float32(lo + float64(m)*(hi-lo)/float64(len(sp.coef)-1))
	}
	var sum float64
	for _, t := range sp.knots[m+1 : m+1+sp.k] {
		sum += float64(t)
	}
	return float32(sum / float64(sp.k))
}

// base is the SiLU branch at control point m: scale_base·SiLU(g_m).
func (sp splineEdge) base(m int) float64 {
	g := float64(sp.node(m))
	return float64(sp.scaleB) * g / (1 + math.Exp(-g))
}

// height is control point m's value: the SiLU branch plus scale_sp·c_m.
func (sp splineEdge) height(m int) float32 {
	return float32(sp.base(m) + float64(sp.scale)*float64(sp.coef[m]))
}
