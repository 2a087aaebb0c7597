package nn

import (
	"fmt"

	"playground/symbolic"
)

// Snapped edges: after the formula is read (package symbolic fits each
// edge to a·f(b·x+c)+d), an edge may be replaced by that function for
// good, pykan's fix_symbolic. Its mode (kan_edges.go) says which f, from
// KANSymbolicNames; its spline is held at 0; and a, b, c, d are the
// trainable Param "sym" (In·Out x 4, row i·Out+j for edge i->j, in that
// order), so the optimizer fine-tunes the constants and the formula read
// from them follows. sym is empty (0 x 4) until an edge is snapped: a
// network that never snaps holds the parameters the registry counts.
// Edges that are not snapped keep 0 in their rows, with no gradient.
// sym does not decay: decay would pull a formula's constants to 0.

// kanSymbolicConstants is a, b, c, d.
const kanSymbolicConstants = 4

// KANSymbolicNames are the functions an edge may be snapped to, by their
// names in package symbolic. An edge's mode stores its index here, so
// this order is part of the state's meaning: append, never reorder.
var KANSymbolicNames = []string{"x", "x^2", "x^3", "exp", "sin", "tanh", "log", "sqrt", "abs", "1/x"}

// kanSymbolicFuncs are KANSymbolicNames's functions.
var kanSymbolicFuncs = func() []symbolic.Func {
	fs := make([]symbolic.Func, len(KANSymbolicNames))
	for n, name := range KANSymbolicNames {
		f, ok := symbolic.Lookup(name)
		if !ok {
			panic("nn: symbolic library has no " + name)
		}
		fs[n] = f
	}
	return fs
}()

// SnapEdge replaces edge i->j's function by fit.A·f(fit.B·x+fit.C)+fit.D,
// f the fit's function, which must be one of KANSymbolicNames ("0" is
// not: prune such an edge). The first snap in a layer grows sym to In·Out
// rows: the parameter count changes, so reset the optimizer after.
func (l *KAN) SnapEdge(i, j int, fit symbolic.Fit) error {
	if i < 0 || i >= l.in || j < 0 || j >= l.out {
		return fmt.Errorf("nn: no edge %d -> %d in a KAN layer %d -> %d", i, j, l.in, l.out)
	}
	f := -1
	for n, name := range KANSymbolicNames {
		if name == fit.Func.Name {
			f = n
		}
	}
	if f < 0 {
		return fmt.Errorf("nn: cannot snap an edge to %q", fit.Func.Name)
	}
	l.growSymbolic()
	e := i*l.out + j
	l.modes.Value[e] = float32(KANEdgeSymbolic + f)
	l.zeroSpline(e)
	copy(l.sym.Value[e*kanSymbolicConstants:], []float32{float32(fit.A), float32(fit.B), float32(fit.C), float32(fit.D)})
	l.rows = 0
	return nil
}

// growSymbolic sizes sym for every edge, once.
func (l *KAN) growSymbolic() {
	n := l.in * l.out * kanSymbolicConstants
	if len(l.sym.Value) == n {
		return
	}
	l.sym.Rows = l.in * l.out
	l.sym.Value, l.sym.Grad = make([]float32, n), make([]float32, n)
	l.symAcc = make([]float64, n)
}

// EdgeSymbolic returns edge i->j's snapped function with its current
// constants (R2 is 1: it is the edge), or false if it is not snapped.
func (l *KAN) EdgeSymbolic(i, j int) (symbolic.Fit, bool) {
	e := i*l.out + j
	f, ok := l.symbolicFunc(e)
	if !ok {
		return symbolic.Fit{}, false
	}
	c := l.sym.Value[e*kanSymbolicConstants:]
	return symbolic.Fit{Func: f, A: float64(c[0]), B: float64(c[1]), C: float64(c[2]), D: float64(c[3]), R2: 1}, true
}

// symbolicFunc returns edge e's function if it is snapped. A mode out of
// range (a hand-edited state) counts as not snapped.
func (l *KAN) symbolicFunc(e int) (symbolic.Func, bool) {
	m := int(l.modes.Value[e]) - KANEdgeSymbolic
	if m < 0 || m >= len(kanSymbolicFuncs) || len(l.sym.Value) == 0 {
		return symbolic.Func{}, false
	}
	return kanSymbolicFuncs[m], true
}

// symbolicAt returns snapped edge e's value at x (0 when not snapped).
func (l *KAN) symbolicAt(e int, x float32) float32 {
	f, ok := l.symbolicFunc(e)
	if !ok {
		return 0
	}
	c := l.sym.Value[e*kanSymbolicConstants:]
	return float32(float64(c[0])*f.Eval(float64(c[1])*float64(x)+float64(c[2])) + float64(c[3]))
}

// forwardSymbolic adds the snapped edges' values to the most recent
// Forward's output y.
func (l *KAN) forwardSymbolic(y Matrix) {
	if len(l.sym.Value) == 0 {
		return
	}
	for e := range l.in * l.out {
		if _, ok := l.symbolicFunc(e); !ok {
			continue
		}
		i, j := e/l.out, e%l.out
		for r := range l.rows {
			y.Data[r*l.out+j] += l.symbolicAt(e, l.xBuf[r*l.in+i])
		}
	}
}

// backwardSymbolic adds the snapped edges' constant gradients and, when dx
// is not nil, their part of dL/dx: with u = b·x+c,
//
//	dφ/da = f(u), dφ/db = a·f'(u)·x, dφ/dc = a·f'(u), dφ/dd = 1, dφ/dx = a·f'(u)·b
func (l *KAN) backwardSymbolic(dy Matrix, dx []float32) {
	if len(l.sym.Value) == 0 {
		return
	}
	clear(l.symAcc)
	for e := range l.in * l.out {
		f, ok := l.symbolicFunc(e)
		if !ok {
			continue
		}
		i, j := e/l.out, e%l.out
		c := l.sym.Value[e*kanSymbolicConstants:]
		a, b := float64(c[0]), float64(c[1])
		acc := l.symAcc[e*kanSymbolicConstants : (e+1)*kanSymbolicConstants]
		for r := range l.rows {
			g := float64(dy.Data[r*l.out+j])
			x := float64(l.xBuf[r*l.in+i])
			u := b*x + float64(c[2])
			fu, du := f.Eval(u), f.Deriv(u)
			acc[0] += g * fu
			acc[1] += g * a * du * x
			acc[2] += g * a * du
			acc[3] += g
			if dx != nil {
				dx[r*l.in+i] += float32(g * a * du * b)
			}
		}
	}
	addAcc(l.sym.Grad, l.symAcc)
}
