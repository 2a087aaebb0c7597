package nn

// Each edge of a KAN layer has a mode, kept as the state Param "edges"
// (In x Out, row i for input i, one value per edge) so that it travels
// with the weights like the knots:
//
//	0    its learned function: SiLU plus the basis (the default)
//	1    pruned: φ is 0
//	2+f  snapped: φ(x) = a·f(b·x+c)+d, f the f-th of KANSymbolicNames,
//	     a, b, c, d trainable (kan_symbolic.go)
//
// An edge that is not 0 has its spline parameters (coefficients and both
// scales) at 0 and held there: ExtraLoss, which the trainer runs after
// every backward pass of a step, clears their gradients, so no optimizer
// moves them (L-BFGS's memory stays 0 there too) and the spline part of
// the layer's Forward adds exactly 0 for the edge. A grid update or
// refinement refits those zero coefficients to zero. Pruning is a mask
// in this sense (pykan's mask), without a multiply in the hot loops.
const (
	KANEdgeSpline   = 0
	KANEdgePruned   = 1
	KANEdgeSymbolic = 2 // + the function's index in KANSymbolicNames
)

// EdgeMode returns edge i->j's mode (see KANEdgeSpline).
func (l *KAN) EdgeMode(i, j int) int { return int(l.modes.Value[i*l.out+j]) }

// EdgeLive reports whether edge i->j still computes its learned spline.
func (l *KAN) EdgeLive(i, j int) bool { return l.EdgeMode(i, j) == KANEdgeSpline }

// PruneEdge sets edge i->j to 0 for good: its spline parameters and, if it
// was snapped, its constants become 0 and stay there.
func (l *KAN) PruneEdge(i, j int) {
	e := i*l.out + j
	l.modes.Value[e] = KANEdgePruned
	l.zeroSpline(e)
	if len(l.sym.Value) > 0 {
		clear(l.sym.Value[e*kanSymbolicConstants : (e+1)*kanSymbolicConstants])
	}
	l.rows = 0 // the last Forward's statistics no longer hold
}

// zeroSpline sets edge e's coefficients (every slot's) and scales to 0.
func (l *KAN) zeroSpline(e int) {
	nb, edges := l.numBases(), l.in*l.out
	for q := range l.slots {
		clear(l.coef.Value[(q*edges+e)*nb : (q*edges+e+1)*nb])
	}
	l.scaleBase.Value[e], l.scaleSp.Value[e] = 0, 0
}

// holdEdges clears the gradients of the spline parameters of every edge
// that is pruned or snapped, and of the constants of every edge that is
// not snapped, so training leaves them as they are.
func (l *KAN) holdEdges() {
	nb, edges := l.numBases(), l.in*l.out
	for e, m := range l.modes.Value {
		if m != KANEdgeSpline {
			for q := range l.slots {
				clear(l.coef.Grad[(q*edges+e)*nb : (q*edges+e+1)*nb])
			}
			l.scaleBase.Grad[e], l.scaleSp.Grad[e] = 0, 0
		}
		if m < KANEdgeSymbolic && len(l.sym.Grad) > 0 {
			clear(l.sym.Grad[e*kanSymbolicConstants : (e+1)*kanSymbolicConstants])
		}
	}
}

// anyHeld reports whether some edge is pruned or snapped.
func (l *KAN) anyHeld() bool {
	for _, m := range l.modes.Value {
		if m != KANEdgeSpline {
			return true
		}
	}
	return false
}
