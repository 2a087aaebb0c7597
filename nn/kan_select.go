package nn

import (
	"fmt"
	"math"
	"slices"

	gonum "gonum.org/v1/gonum/mat"
)

// Selection (S-KAN's "full training, then selective training"): a unit of
// the selectable basis first trains all four bases with its softmax
// mixing weights (kan_mixture.go), pushed toward one basis by a penalty on
// their entropy,
//
//	kanSelectEntropy · Σ_j H(w_j),  H(w) = -Σ_b w_b·ln w_b,
//
// added to the objective as part of the layer's LossTerm. Left alone the
// mixture stays mixed (about 0.4 for the best basis after 200 L-BFGS
// iterations: the weights and the coefficients trade scale freely), so
// the penalty is what makes the weights decide; it is weak enough
// (about the MSE of a good fit) that the data choose the direction first.
// Then SelectBases makes the choice hard: each unit keeps its heaviest
// basis with weight 1, refitted to what the whole mixture computed, and
// the others get weight 0 (logits at kanDecidedLogit) and zero
// coefficients. A decided unit's softmax is saturated, so its logits get
// no gradient and it stays decided; the penalty is then 0. The logits
// carry the decision, so links and weight files keep it with no extra
// state. The session selects at a fixed step (session/select.go).
const (
	kanSelectEntropy = 1e-3
	// kanDecidedLogit is a losing basis's logit after SelectBases: its
	// weight e^-40 ≈ 4e-18 vanishes beside the winner's 1 in float32.
	kanDecidedLogit = -40
)

// selectionLoss returns the selection penalty over the layer's undecided
// units, adding its gradient in the logits to mix.Grad when grad is true.
func (l *KAN) selectionLoss(grad bool) float64 {
	if l.basis != SelectableBasis {
		return 0
	}
	var total float64
	for j := range l.out {
		if l.Decided(j) {
			continue
		}
		w := softmaxPool(l.mix.Value[j*kanPool : (j+1)*kanPool])
		var h float64
		for _, v := range w {
			h -= v * math.Log(v) // softmax weights of finite logits are > 0
		}
		total += h
		if !grad {
			continue
		}
		for b, v := range w { // dH/dz_b = -w_b·(ln w_b + H)
			l.mix.Grad[j*kanPool+b] += float32(-kanSelectEntropy * v * (math.Log(v) + h))
		}
	}
	return kanSelectEntropy * total
}

// Decided reports whether unit j of a selectable layer has chosen its
// basis (SelectBases); a single-basis layer is always decided.
func (l *KAN) Decided(j int) bool {
	if l.basis != SelectableBasis {
		return true
	}
	z := l.mix.Value[j*kanPool : (j+1)*kanPool]
	lo, hi := z[0], z[0]
	for _, v := range z[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi-lo >= -kanDecidedLogit/2
}

// SelectBases makes every undecided unit of a selectable layer keep its
// winning basis alone and reports whether any unit changed. The winner's
// coefficients are refitted by least squares, at the samples x (the
// layer's inputs, two rows or more), to what the unit's whole mixture
// computed on each edge, as a grid update refits (kan_grid.go), so the
// unit keeps as much of its function as the winner can carry. The other
// bases get logit kanDecidedLogit and zero coefficients. Under L-BFGS
// follow it with Trainer.ResetOptimizer (the parameters and the objective
// changed). On an error (too few samples, one that is not finite, a
// failed fit) the layer is unchanged.
func (l *KAN) SelectBases(x Matrix) (bool, error) {
	if l.basis != SelectableBasis {
		return false, nil
	}
	win := make([]int, l.out) // -1: decided already
	undecided := false
	for j := range win {
		win[j] = -1
		if !l.Decided(j) {
			win[j], undecided = l.WinningBasis(j), true
		}
	}
	if !undecided {
		return false, nil
	}
	coef := slices.Clone(l.coef.Value)
	if err := l.refitWinners(x, win, coef); err != nil {
		return false, err
	}
	nb, edges := l.numBases(), l.in*l.out
	for j, w := range win {
		if w < 0 {
			continue
		}
		for b := range kanPool {
			l.mix.Value[j*kanPool+b] = kanDecidedLogit
			if b == w {
				l.mix.Value[j*kanPool+b] = 0
				continue
			}
			for i := range l.in {
				clear(coef[(b*edges+i*l.out+j)*nb:][:nb])
			}
		}
	}
	copy(l.coef.Value, coef)
	l.mixWeights()
	l.rows = 0 // the last Forward's sums are of the mixture
	return true, nil
}

// refitWinners writes into coef (laid out as the coef Param), for every
// input i and undecided unit j (win[j] >= 0), the coefficients of basis
// win[j] that fit by least squares, at the samples of input i in x, the
// edge's spline part as the mixture computes it now: Σ_b w_jb·S^(b)_ij.
func (l *KAN) refitWinners(x Matrix, win []int, coef []float32) error {
	switch {
	case x.Cols != l.in:
		return fmt.Errorf("nn: KAN basis selection given %d columns for %d inputs", x.Cols, l.in)
	case x.Rows < 2:
		return fmt.Errorf("nn: KAN basis selection needs samples, got %d rows", x.Rows)
	}
	n, k, nb, edges := x.Rows, l.k, l.numBases(), l.in*l.out
	weights := l.mixWeights()
	design := gonum.NewDense(n, nb, nil)
	v := make([]float32, nb)
	for i := range l.in {
		t := l.knots(i)
		for b := range kanPool {
			var units []int
			for j, w := range win {
				if w == b {
					units = append(units, j)
				}
			}
			if len(units) == 0 {
				continue
			}
			target := gonum.NewDense(n, len(units), nil)
			for r := range n {
				xr := float64(x.Data[r*l.in+i])
				if math.IsNaN(xr) || math.IsInf(xr, 0) {
					return fmt.Errorf("nn: KAN basis selection: input %d has a non-finite value %g", i, xr)
				}
				row := design.RawRowView(r)
				clear(row)
				st := evalKANBasis(KANBasis(b), t, k, l.a, xr, v[:l.slots[b].width], nil)
				for m, bv := range v[:l.slots[b].width] {
					row[st+m] = float64(bv)
				}
				for q, sl := range l.slots { // the mixture's spline part, every basis
					st := evalKANBasis(sl.basis, t, k, l.a, xr, v[:sl.width], nil)
					for u, j := range units {
						c := l.coef.Value[(q*edges+i*l.out+j)*nb+st:]
						var s float64
						for m, bv := range v[:sl.width] {
							s += float64(c[m]) * float64(bv)
						}
						target.Set(r, u, target.At(r, u)+float64(weights[j*kanPool+q])*s)
					}
				}
			}
			var svd gonum.SVD
			if !svd.Factorize(design, gonum.SVDThin) {
				return fmt.Errorf("nn: KAN basis selection: the least-squares fit of input %d failed", i)
			}
			rank := svd.Rank(kanSolveRcond)
			var fit gonum.Dense
			if rank > 0 {
				svd.SolveTo(&fit, target, rank)
			}
			for u, j := range units {
				c := coef[(b*edges+i*l.out+j)*nb:][:nb]
				for m := range c {
					c[m] = 0 // no sample reaches any basis: 0
					if rank > 0 {
						c[m] = float32(fit.At(m, u))
					}
				}
			}
		}
	}
	return nil
}

// undecidedKAN reports whether a unit of a selectable KAN layer of net
// has yet to choose.
func undecidedKAN(net *Network) bool {
	for _, l := range net.Layers {
		if k, ok := l.(*KAN); ok && k.basis == SelectableBasis {
			for j := range k.out {
				if !k.Decided(j) {
					return true
				}
			}
		}
	}
	return false
}

// SelectKANBases runs SelectBases on every KAN layer of net, each with
// its inputs from x (the training rows) through the layers below it
// (after their own choice), and reports whether any unit changed. On an
// error the layers before the failing one have chosen.
func SelectKANBases(net *Network, x Matrix) (bool, error) {
	if !undecidedKAN(net) {
		return false, nil // without forwarding x: the session asks every step
	}
	changed := false
	err := eachGridLayer(net, x, func(_ int, gl gridLayer, in Matrix) error {
		l, ok := gl.(*KAN)
		if !ok {
			return nil
		}
		c, err := l.SelectBases(in)
		changed = changed || c
		return err
	})
	return changed, err
}
