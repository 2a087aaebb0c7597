package nn

import "math"

// pykan's sparsity penalty (MultKAN.reg with reg_metric
// 'edge_forward_spline_n', the default of fit). Each edge's score is
//
//	a_ij = std_r φ_ij(x_ri) / (std_r x_ri + 0.1)
//
// over the batch, and the layer's penalty is
//
//	reg = l1·Σ a + entropy·(H_row + H_col)
//	H_row = mean_j -Σ_i p log2(p + 1e-4), p = a_ij / (Σ_i' a_i'j + 1)
//	H_col = mean_i -Σ_j p log2(p + 1e-4), p = a_ij / (Σ_j' a_ij' + 1)
//
// with pykan's fit defaults l1 = 1, entropy = 2; the objective gets
// lamb·reg. The L1 part drives whole edges to flat functions, the entropy
// part makes each unit rely on few inputs and each input feed few units.
const (
	kanL1Weight      = 1
	kanEntropyWeight = 2
	kanEntropyEps    = 1e-4 // inside the log, as pykan
	kanScoreFloor    = 0.1  // added to the input's spread, as pykan
)

// kanSparsity is the penalty's weight and the scratch its evaluation
// needs, sized at construction so ExtraLoss never allocates.
type kanSparsity struct {
	lamb float32
	// per edge: the batch mean, standard deviation, the shift the sums
	// run around, and the penalty's weight on each row's φ deviation
	mean, std, shift, weight []float64
	dA                       []float64 // per edge: d(reg)/d(a_ij)
	xMean, xStd              []float64 // per input
	// ExtraLossInput's answer (rows x in) and one input's edge slopes at
	// every row (out x rows); inputReady says the statistics behind them
	// are the latest ExtraLoss(true)'s.
	dx, slopes    []float32
	inputReady    bool
	rowSum, rowHP []float64 // per unit j: Σ_i a + 1, Σ_i h(p)·p
	colSum, colHP []float64 // per input i: Σ_j a + 1, Σ_j h(p)·p
}

func (s *kanSparsity) init(in, out int) {
	edges := in * out
	s.mean, s.std = make([]float64, edges), make([]float64, edges)
	s.shift, s.weight = make([]float64, edges), make([]float64, edges)
	s.dA = make([]float64, edges)
	s.xMean, s.xStd = make([]float64, in), make([]float64, in)
	s.rowSum, s.rowHP = make([]float64, out), make([]float64, out)
	s.colSum, s.colHP = make([]float64, in), make([]float64, in)
}

// SetSparsity sets lamb, the weight of pykan's L1 + entropy penalty in
// the objective; 0 (the default) turns it off and it then costs nothing.
// Our MSE is half of pykan's mean squared error, so pykan's lamb λ
// corresponds to λ/2 here. Under L-BFGS, follow a change with
// Trainer.ResetOptimizer (the objective changed).
func (l *KAN) SetSparsity(lamb float32) { l.sparse.lamb = lamb }

// Sparsity returns the penalty's weight lamb.
func (l *KAN) Sparsity() float32 { return l.sparse.lamb }

// kanSparsityOptionInfo declares the penalty's strength as a KAN layer
// option, in pykan's units (its fit's lamb, on its mean squared error):
// the panel's "sparsity", the link's lamb=. 0, the default, is off.
// pykan's examples use 1e-3 to 1e-2; much above 0.1 flattens everything.
var kanSparsityOptionInfo = Option{
	Key: KANSparsityOption, Label: "sparsity",
	Help: "pykan's lamb: weight of the L1 + entropy penalty that drives weak edges flat, so Prune can remove them " +
		"(1e-3..1e-2 typical; 0 off). Changing it keeps training.",
	Default: 0, Min: 0, Max: 1,
}

// SetSparsityOption sets the penalty from the option's value, pykan's
// lamb: half of it here, where the MSE is half of pykan's.
func (l *KAN) SetSparsityOption(lamb float32) { l.SetSparsity(lamb / 2) }

// ExtraLoss implements LossTerm: lamb·reg over the most recent Forward's
// rows (0 with lamb 0 or fewer than 2 rows), adding its gradient into the
// Params' Grad when grad is true. The trainer calls it after the batch's
// Forward and Backward: the last minibatch, or under L-BFGS the last of
// the chunks a full batch goes through (evalChunk rows), so the spread is
// measured on those rows.
//
// The gradient added here is the one for this layer's parameters with
// its inputs held fixed; a deeper layer's scores also depend on its
// inputs (through φ and through the input's spread, as pykan's autograd
// sees them), and ExtraLossInput gives that part, which the trainer sends
// back through the layers below. An edge whose φ does not vary over the
// batch (std 0) gets no gradient, where the square root has no slope.
//
// It is also where the gradients of pruned and snapped edges' spline
// parameters are cleared (holdEdges, kan_edges.go): the last thing a
// step does to the gradients before the optimizer.
func (l *KAN) ExtraLoss(grad bool) float32 {
	if grad && l.anyHeld() {
		defer l.holdEdges()
	}
	l.sparse.inputReady = false
	sel := l.selectionLoss(grad)
	lamb := float64(l.sparse.lamb)
	if lamb == 0 || l.rows < 2 {
		return float32(sel)
	}
	l.batchStats()
	reg := l.sparsityScores(grad)
	if grad {
		l.sparsityGrad(lamb)
		l.sparse.inputReady = true
	}
	return float32(lamb*reg + sel)
}

// entropyTerm returns -p·log2(p+ε) and its derivative in p.
func entropyTerm(p float64) (v, dv float64) {
	lg := math.Log2(p + kanEntropyEps)
	return -p * lg, -lg - p/((p+kanEntropyEps)*math.Ln2)
}

// sparsityScores returns reg from the batch statistics and, when grad is
// true, leaves in s.weight each edge's d(reg)/d(a_ij) divided by
// (input spread + 0.1): the factor d(reg)/d(std φ_ij).
func (l *KAN) sparsityScores(grad bool) float64 {
	s := &l.sparse
	in, out := l.in, l.out
	// A pruned or snapped edge is outside the penalty: its spline is
	// held at 0, and a snapped edge's constants are the formula's.
	score := func(i, j int) float64 {
		if !l.EdgeLive(i, j) {
			return 0
		}
		return s.std[i*out+j] / (s.xStd[i] + kanScoreFloor)
	}
	for j := range out {
		s.rowSum[j], s.rowHP[j] = 1, 0
	}
	for i := range in {
		s.colSum[i], s.colHP[i] = 1, 0
	}
	var l1 float64
	for i := range in {
		for j := range out {
			a := score(i, j)
			l1 += a
			s.rowSum[j] += a
			s.colSum[i] += a
		}
	}
	var hRow, hCol float64
	for i := range in {
		for j := range out {
			a := score(i, j)
			pr, pc := a/s.rowSum[j], a/s.colSum[i]
			vr, dr := entropyTerm(pr)
			vc, dc := entropyTerm(pc)
			hRow += vr
			hCol += vc
			s.rowHP[j] += dr * pr
			s.colHP[i] += dc * pc
		}
	}
	reg := kanL1Weight*l1 + kanEntropyWeight*(hRow/float64(out)+hCol/float64(in))
	if !grad {
		return reg
	}
	// dH/da_m = (h'(p_m) - Σ h'(p)·p) / sum, for the row and the column.
	for i := range in {
		for j := range out {
			a := score(i, j)
			_, dr := entropyTerm(a / s.rowSum[j])
			_, dc := entropyTerm(a / s.colSum[i])
			dA := kanL1Weight + kanEntropyWeight*((dr-s.rowHP[j])/(float64(out)*s.rowSum[j])+
				(dc-s.colHP[i])/(float64(in)*s.colSum[i]))
			if !l.EdgeLive(i, j) {
				dA = 0
			}
			s.dA[i*out+j] = dA
			s.weight[i*out+j] = dA / (s.xStd[i] + kanScoreFloor)
		}
	}
	return reg
}

// sparsityGrad adds lamb·d(reg)/dθ for the coefficients, both scales and
// the mixing logits: d std_ij / dφ_ij(x_r) = (φ_r - mean)/((n-1)·std),
// and φ's derivatives are scale_sp·w_jb·B^(b)_m, SiLU, the basis part
// Σ_b w_jb·S^(b), and scale_sp·S^(b) in w_jb (turned into the logits'
// by addMixGrad).
func (l *KAN) sparsityGrad(lamb float64) {
	s := &l.sparse
	n := float64(l.rows)
	for e, sd := range s.std {
		if sd > 0 {
			s.weight[e] *= lamb / ((n - 1) * sd)
		} else {
			s.weight[e] = 0
		}
	}
	in, out, nb, ns := l.in, l.out, l.numBases(), len(l.slots)
	block := in * out * nb
	w := l.mixWeights()
	cAcc, bAcc, sAcc, mAcc := l.coefAcc, l.baseAcc, l.spAcc, l.mixAcc
	clear(cAcc)
	clear(bAcc)
	clear(sAcc)
	clear(mAcc)
	var sums [kanPool]float32
	for r := range l.rows {
		for i := range in {
			ri := r*in + i
			sil := float64(l.siluBuf[ri])
			for j := range out {
				e := i*out + j
				phi, spline := l.phi(r, i, j, w, sums[:ns])
				g := s.weight[e] * (float64(phi) - s.mean[e])
				bAcc[e] += g * sil
				sAcc[e] += g * float64(spline)
				gsp := g * float64(l.scaleSp.Value[e])
				for q := range l.slots {
					st, b := l.pointBasis(r, i, q)
					acc := cAcc[q*block+e*nb+st : q*block+e*nb+st+len(b)]
					gs := gsp * float64(w[j*ns+q])
					for m, v := range b {
						acc[m] += gs * float64(v)
					}
					if mAcc != nil {
						mAcc[j*ns+q] += gsp * float64(sums[q])
					}
				}
			}
		}
	}
	addAcc(l.coef.Grad, cAcc)
	addAcc(l.scaleBase.Grad, bAcc)
	addAcc(l.scaleSp.Grad, sAcc)
	if mAcc != nil {
		l.addMixGrad(mAcc, w)
	}
}
