package session

import (
	"playground/nn"
	"playground/symbolic"
)

// Snap reads the formula (Formula) and makes it the network, pykan's
// auto_symbolic: every edge that a library function fits to R² ≥ minR2
// becomes that function, a·f(b·x+c)+d with the four constants trainable
// (nn.KAN.SnapEdge), and every edge too weak to fit becomes the constant
// its function averaged over its input's range (x with a = 0). Edges no
// function fits keep their splines; edges snapped before stay as they
// are. Training goes on: the optimizer restarts (the parameter count
// grew by the constants) and fine-tunes the constants, and Formula reads
// the snapped edges from them. It returns the formula as snapped and the
// number of edges it snapped now.
func (s *Session) Snap() (Formula, int, error) {
	f, err := s.Formula()
	if err != nil {
		return Formula{}, 0, err
	}
	ks, err := nn.KANLayers(s.trainer.Net())
	if err != nil {
		return Formula{}, 0, err
	}
	linear, _ := symbolic.Lookup("x")
	snapped := 0
	for _, e := range f.Edges {
		k := ks[e.Layer]
		if !k.EdgeLive(e.From, e.To) {
			continue
		}
		fit := e.Fit
		switch {
		case e.Pruned:
			fit = symbolic.Fit{Func: linear, B: 1, D: edgeMean(k, e.From, e.To)}
		case fit.R2 < minR2:
			continue
		case fit.Func.Name == "0":
			fit = symbolic.Fit{Func: linear, B: 1, D: fit.D}
		}
		if err := k.SnapEdge(e.From, e.To, fit); err != nil {
			continue // a function the layer cannot hold keeps its spline
		}
		snapped++
	}
	if snapped > 0 {
		s.trainer.ResetOptimizer()
		s.generation++ // the parameter count changed
		s.stepped = false
		s.metricsStale = true
		s.lastError = "" // a converged run may go on with the constants
		s.surface.invalidate()
	}
	f, err = s.Formula()
	return f, snapped, err
}

// edgeMean is edge i->j's function averaged over its input's range.
func edgeMean(k *nn.KAN, i, j int) float64 {
	lo, hi := k.InputRange(i)
	xs := make([]float32, formulaSamples)
	for n := range xs {
		xs[n] = lo + (hi-lo)*float32(n)/float32(formulaSamples-1)
	}
	var sum float64
	for _, y := range k.EdgeCurve(i, j, xs, nil) {
		sum += float64(y)
	}
	return sum / formulaSamples
}

// Snapped reports whether some edge of the network is snapped to a
// function.
func (s *Session) Snapped() bool {
	ks, err := nn.KANLayers(s.trainer.Net())
	if err != nil {
		return false
	}
	for _, k := range ks {
		for i := range k.In() {
			for j := range k.Out() {
				if _, ok := k.EdgeSymbolic(i, j); ok {
					return true
				}
			}
		}
	}
	return false
}
