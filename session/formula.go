package session

import (
	"errors"
	"math"

	"playground/nn"
	"playground/symbolic"
)

// Formula is a KAN read off as formulas: every edge snapped to the
// simplest library function that explains it (package symbolic), and the
// edges composed into one expression per output.
type Formula struct {
	Outputs []string      // one expression per output, over the input features' names
	Edges   []SnappedEdge // every edge, layer by layer
	// TestRMSE is the composed formula's error on the test examples (for
	// a regression; NaN otherwise, or without test examples).
	TestRMSE float64
}

// SnappedEdge is one edge's fit; Pruned edges were too weak to fit and
// count as zero.
type SnappedEdge struct {
	Layer, From, To int
	Fit             symbolic.Fit
	Pruned          bool
}

// Sampling and thresholds of the snapping: an edge whose strength is below
// pruneShare of its layer's strongest counts as zero (fitting its wiggle
// would find some function); a fit needs minR2.
const (
	formulaSamples = 64
	pruneShare     = 0.01
	minR2          = 0.9
)

// ErrNotKAN says the network has layers whose edges are not functions.
var ErrNotKAN = errors.New("only a network of KAN layers reads off as a formula: every edge must be a function of one input")

// Formula snaps every edge of a network made only of KAN layers to a
// formula and composes them. Edges that no library function fits to R²
// minR2 keep the best fit found, reported with its R², so the reader sees
// which terms are approximate.
func (s *Session) Formula() (Formula, error) {
	net := s.trainer.Net()
	if !s.spec.Data.Set.OnPlane() {
		return Formula{}, errors.New("the formula reads inputs by name: pick a task on the plane")
	}
	// Forward the training inputs so each edge's input range is the
	// data's (the surface's grid may have been the last forward).
	net.Forward(s.data.xTrain)
	fits := make([][][]symbolic.Fit, len(net.Layers))
	var f Formula
	xs := make([]float32, formulaSamples)
	xs64, ys64 := make([]float64, formulaSamples), make([]float64, formulaSamples)
	var ys []float32
	lib := symbolic.Library()
	for li, l := range net.Layers {
		ef, ok := l.(nn.EdgeFunctions)
		if !ok {
			return Formula{}, ErrNotKAN
		}
		in, out := l.In(), l.Out()
		strength := l.Edges(nil)
		var peak float32
		for _, v := range strength {
			peak = max(peak, abs32(v))
		}
		fits[li] = make([][]symbolic.Fit, in)
		for i := range in {
			fits[li][i] = make([]symbolic.Fit, out)
			lo, hi := ef.InputRange(i)
			for k := range xs {
				xs[k] = lo + (hi-lo)*float32(k)/float32(formulaSamples-1)
				xs64[k] = float64(xs[k])
			}
			for j := range out {
				e := SnappedEdge{Layer: li, From: i, To: j}
				if k, ok := l.(*nn.KAN); ok {
					// A snapped edge is its function (snap.go); a pruned one 0.
					if fit, ok := k.EdgeSymbolic(i, j); ok {
						e.Fit = fit
						fits[li][i][j] = fit
						f.Edges = append(f.Edges, e)
						continue
					}
					if k.EdgeMode(i, j) == nn.KANEdgePruned {
						e.Pruned = true
						f.Edges = append(f.Edges, e)
						continue
					}
				}
				if !(abs32(strength[i*out+j]) >= pruneShare*peak) || !(hi > lo) {
					e.Pruned = true
					f.Edges = append(f.Edges, e)
					continue
				}
				ys = ef.EdgeCurve(i, j, xs, ys)
				for k, y := range ys {
					ys64[k] = float64(y)
				}
				// Below the threshold Best still gives the best of the
				// library; its R² tells how far it is.
				fit, _ := symbolic.Best(xs64, ys64, lib, minR2)
				e.Fit = fit
				fits[li][i][j] = fit
				f.Edges = append(f.Edges, e)
			}
		}
	}
	names := make([]string, len(s.spec.Features))
	for i, feat := range s.spec.Features {
		names[i] = feat.Formula()
	}
	exprs, err := symbolic.Compose(fits, names)
	if err != nil {
		return Formula{}, err
	}
	for _, e := range exprs {
		f.Outputs = append(f.Outputs, e.Text)
	}
	f.TestRMSE = math.NaN()
	if !s.spec.Classification() && len(exprs) == 1 && s.data.xTest.Rows > 0 {
		x, y := s.data.xTest, s.data.yTest
		row := make([]float64, x.Cols)
		var sq float64
		for r := range x.Rows {
			for c, v := range x.Row(r) {
				row[c] = float64(v)
			}
			d := exprs[0].Eval(row) - float64(y.Data[r])
			sq += d * d
		}
		f.TestRMSE = math.Sqrt(sq / float64(x.Rows))
	}
	// The forward above replaced the layers' last batch: views recompute.
	s.surface.invalidate()
	return f, nil
}
