package nn

import (
	"errors"
	"fmt"
	"math"
)

// Pruning a network of KAN layers, as pykan's MultKAN.prune: score every
// node and edge by how much the output depends on it (attribute), drop
// the hidden nodes that score below a threshold, which makes the layers
// narrower, and set the weak edges that remain to 0 (PruneEdge).

// KANScores are pykan's attribution scores over a batch (attribute in
// pykan 0.2): the outputs score 1, and going back layer by layer
//
//	edge_ij = std_r φ_ij · node_j / (std_r y_j + 1e-4)
//	node_i  = Σ_j edge_ij
//
// y_j the unit's output: an edge scores its share of its unit's spread,
// weighed by how much that unit matters downstream.
type KANScores struct {
	Edges [][]float64 // per layer, In x Out: [l][i*Out+j]
	Nodes [][]float64 // per boundary: [0] the inputs, [l+1] layer l's units
	// Means holds each edge's mean φ over the batch, [l][i*Out+j]: what
	// removing it takes away from its unit.
	Means [][]float64
}

// kanScoreEps is pykan's 1e-4 under the unit's spread.
const kanScoreEps = 1e-4

// pykan's pruning thresholds, prune(node_th=1e-2, edge_th=3e-2).
const (
	DefaultKANNodeThreshold = 1e-2
	DefaultKANEdgeThreshold = 3e-2
)

// ErrNotAllKAN says a network mixes KAN layers with others; pruning and
// snapping read every edge as a function of one input.
var ErrNotAllKAN = errors.New("nn: only a network made only of KAN layers can be pruned or snapped")

// KANLayers returns the network's layers as KAN layers, or ErrNotAllKAN.
func KANLayers(net *Network) ([]*KAN, error) {
	if net == nil || len(net.Layers) == 0 {
		return nil, errors.New("nn: no network")
	}
	ks := make([]*KAN, len(net.Layers))
	for n, l := range net.Layers {
		k, ok := l.(*KAN)
		if !ok {
			return nil, ErrNotAllKAN
		}
		ks[n] = k
	}
	return ks, nil
}

// ScoreKAN forwards x (at least 2 rows) through a network of KAN layers
// and returns the scores of its nodes and edges.
func ScoreKAN(net *Network, x Matrix) (KANScores, error) {
	ks, err := KANLayers(net)
	if err != nil {
		return KANScores{}, err
	}
	if x.Rows < 2 || x.Cols != net.In() {
		return KANScores{}, fmt.Errorf("nn: scoring needs at least 2 rows of %d inputs, got %dx%d", net.In(), x.Rows, x.Cols)
	}
	net.Forward(x)
	n := len(ks)
	sc := KANScores{Edges: make([][]float64, n), Nodes: make([][]float64, n+1), Means: make([][]float64, n)}
	sc.Nodes[n] = make([]float64, ks[n-1].out)
	for j := range sc.Nodes[n] {
		sc.Nodes[n][j] = 1
	}
	for l := n - 1; l >= 0; l-- {
		k := ks[l]
		k.batchStats()
		ystd := k.outputStd()
		edges, nodes := make([]float64, k.in*k.out), make([]float64, k.in)
		for i := range k.in {
			for j := range k.out {
				e := i*k.out + j
				edges[e] = k.sparse.std[e] * sc.Nodes[l+1][j] / (ystd[j] + kanScoreEps)
				nodes[i] += edges[e]
			}
		}
		sc.Edges[l], sc.Nodes[l] = edges, nodes
		sc.Means[l] = append([]float64(nil), k.sparse.mean...)
	}
	return sc, nil
}

// outputStd returns each unit's sample standard deviation over the most
// recent Forward's rows.
func (l *KAN) outputStd() []float64 {
	sd := make([]float64, l.out)
	n := float64(l.rows)
	for j := range l.out {
		var s1, s2 float64
		shift := float64(l.yBuf[j])
		for r := range l.rows {
			d := float64(l.yBuf[r*l.out+j]) - shift
			s1 += d
			s2 += d * d
		}
		sd[j] = math.Sqrt(max(0, (s2-s1*s1/n)/(n-1)))
	}
	return sd
}

// PrunedKAN is a pruned network and what changed.
type PrunedKAN struct {
	Net *Network
	// Kept lists, per boundary, the old indices of the nodes that stay:
	// [0] every input, [l+1] layer l's units (every output for the last).
	Kept [][]int
	// Edges counts the edges set to 0 among those that stay.
	Edges int
}

// Widths returns the pruned network's layer widths.
func (p PrunedKAN) Widths() []int {
	w := make([]int, len(p.Kept)-1)
	for l := range w {
		w[l] = len(p.Kept[l+1])
	}
	return w
}

// PruneKAN returns a copy of a network of KAN layers without its hidden
// nodes that score at most nodeTh over the rows of x, and with the edges
// that score below edgeTh set to 0 (PruneEdge); a hidden layer keeps at
// least its best node. Everything
// that stays keeps its values (coefficients, scales, knots, mixing,
// snapped constants, sparsity), so the pruned network computes what the
// original did less the removed parts; what those added on average (their
// mean over x) is moved into an edge of the same unit that stays (see
// foldMean), so the output does not shift by the constants they carried.
// net itself is not changed, only forwarded.
func PruneKAN(net *Network, x Matrix, nodeTh, edgeTh float64) (PrunedKAN, error) {
	for _, th := range []float64{nodeTh, edgeTh} {
		if !(th >= 0) || math.IsInf(th, 0) {
			return PrunedKAN{}, fmt.Errorf("nn: pruning threshold %g must be a number at least 0", th)
		}
	}
	sc, err := ScoreKAN(net, x)
	if err != nil {
		return PrunedKAN{}, err
	}
	ks, _ := KANLayers(net)
	n := len(ks)
	kept := make([][]int, n+1)
	for b, scores := range sc.Nodes {
		best := 0
		for i, v := range scores {
			if b == 0 || b == n || v > nodeTh {
				kept[b] = append(kept[b], i)
			}
			if v > scores[best] {
				best = i
			}
		}
		if len(kept[b]) == 0 {
			kept[b] = []int{best}
		}
	}
	p := PrunedKAN{Net: &Network{Layers: make([]Layer, n)}, Kept: kept}
	for l, k := range ks {
		nk, err := k.subLayer(kept[l], kept[l+1])
		if err != nil {
			return PrunedKAN{}, fmt.Errorf("nn: layer %d: %w", l+1, err)
		}
		lost := make([]float64, len(kept[l+1])) // per kept unit: the mean it loses
		keptIn := make([]bool, k.in)
		for _, i := range kept[l] {
			keptIn[i] = true
		}
		for nj, j := range kept[l+1] {
			for i := range k.in {
				e := i*k.out + j
				if !keptIn[i] {
					lost[nj] += sc.Means[l][e]
				}
			}
			for ni, i := range kept[l] {
				e := i*k.out + j
				if sc.Edges[l][e] < edgeTh && nk.EdgeMode(ni, nj) != KANEdgePruned {
					lost[nj] += sc.Means[l][e]
					nk.PruneEdge(ni, nj)
					p.Edges++
				}
			}
		}
		// An input whose values all lie inside its grid's interior, where
		// B-splines sum to 1.
		inside := func(ni int) bool {
			lo, hi := k.InputRange(kept[l][ni])
			t := nk.knots(ni)
			return lo >= t[nk.k] && hi <= t[nk.k+nk.g]
		}
		regridded := false
		for nj, v := range lost {
			score := func(ni int) float64 { return sc.Edges[l][kept[l][ni]*k.out+kept[l+1][nj]] }
			if nk.foldMean(nj, v, score, inside) || regridded {
				continue
			}
			// No B-spline edge of the unit sees only its grid's interior
			// (a hidden node's range drifted since the grids last moved):
			// move the grids onto the inputs, keeping each spline's values
			// there, and try again. Without it the constant is lost and
			// the output jumps by it.
			regridded = true
			if nk.UpdateGrid(keptColumns(k, kept[l])) == nil {
				nk.foldMean(nj, v, score, inside)
			}
		}
		p.Net.Layers[l] = nk
	}
	return p, nil
}

// keptColumns returns the columns cols of the layer's most recent Forward
// input, a new matrix.
func keptColumns(l *KAN, cols []int) Matrix {
	m := Matrix{Rows: l.rows, Cols: len(cols), Data: make([]float32, l.rows*len(cols))}
	for r := range l.rows {
		for c, i := range cols {
			m.Data[r*len(cols)+c] = l.xBuf[r*l.in+i]
		}
	}
	return m
}

// subLayer returns a new KAN layer holding this one's values for the
// inputs ins and units outs (old indices, ascending).
func (l *KAN) subLayer(ins, outs []int) (*KAN, error) {
	nk, err := NewKANWithBasis(len(ins), len(outs), l.g, l.k, l.a, l.basis, Zero, nil)
	if err != nil {
		return nil, err
	}
	nk.SetSparsity(l.Sparsity())
	nb, nknots := l.numBases(), l.grid.Cols
	nk.setGrid(l.g, make([]float32, len(ins)*nknots), make([]float32, len(l.slots)*len(ins)*len(outs)*nb))
	if len(l.sym.Value) > 0 {
		nk.growSymbolic()
	}
	oldEdges, newEdges := l.in*l.out, nk.in*nk.out
	for ni, i := range ins {
		copy(nk.knots(ni), l.knots(i))
		for nj, j := range outs {
			e, ne := i*l.out+j, ni*nk.out+nj
			for q := range l.slots {
				copy(nk.coef.Value[(q*newEdges+ne)*nb:(q*newEdges+ne+1)*nb], l.coef.Value[(q*oldEdges+e)*nb:(q*oldEdges+e+1)*nb])
			}
			nk.scaleBase.Value[ne], nk.scaleSp.Value[ne] = l.scaleBase.Value[e], l.scaleSp.Value[e]
			nk.modes.Value[ne] = l.modes.Value[e]
			if len(l.sym.Value) > 0 {
				copy(nk.sym.Value[ne*kanSymbolicConstants:(ne+1)*kanSymbolicConstants], l.sym.Value[e*kanSymbolicConstants:])
			}
		}
	}
	if l.basis == SelectableBasis {
		for nj, j := range outs {
			copy(nk.mix.Value[nj*kanPool:(nj+1)*kanPool], l.mix.Value[j*kanPool:(j+1)*kanPool])
		}
	}
	return nk, nil
}

// foldMean adds the constant v to unit j's output by changing one of its
// edges that stays, the best scoring by score(i): a snapped edge's d, or
// a spline edge's coefficients where the basis has a constant
// (Chebyshev's first polynomial is 1; B-splines sum to 1 inside the grid,
// so only where inside(i) says input i's values all lie there). It
// reports whether some edge took it; Gaussian and Fourier bases have no
// constant, and their units lose it (training brings it back).
func (l *KAN) foldMean(j int, v float64, score func(i int) float64, inside func(i int) bool) bool {
	if v == 0 {
		return true
	}
	best := -1
	for i := range l.in {
		q := l.constantSlot(i, j)
		if q < 0 || (l.slots[q].basis == BSplineBasis && l.EdgeLive(i, j) && !inside(i)) {
			continue
		}
		if best < 0 || score(i) > score(best) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	e := best*l.out + j
	if _, ok := l.EdgeSymbolic(best, j); ok {
		l.sym.Value[e*kanSymbolicConstants+3] += float32(v)
		return true
	}
	q := l.constantSlot(best, j)
	w := float64(l.mixWeights()[j*len(l.slots)+q] * l.scaleSp.Value[e])
	nb := l.numBases()
	c := l.coef.Value[(q*l.in*l.out+e)*nb : (q*l.in*l.out+e+1)*nb]
	if l.slots[q].basis == ChebyshevBasis {
		c[0] += float32(v / w)
	} else {
		for m := range c {
			c[m] += float32(v / w)
		}
	}
	l.rows = 0
	return true
}

// constantSlot returns the slot of edge i->j that can carry a constant: 0
// for a snapped edge (its d), the B-spline or Chebyshev slot of a spline
// edge whose scale_sp (and mixing weight) is not 0; -1 if none.
func (l *KAN) constantSlot(i, j int) int {
	e := i*l.out + j
	if _, ok := l.EdgeSymbolic(i, j); ok {
		return 0
	}
	if l.EdgeMode(i, j) != KANEdgeSpline || l.scaleSp.Value[e] == 0 {
		return -1
	}
	w := l.mixWeights()
	for q, sl := range l.slots {
		if (sl.basis == BSplineBasis || sl.basis == ChebyshevBasis) && w[j*len(l.slots)+q] > 1e-3 {
			return q
		}
	}
	return -1
}
