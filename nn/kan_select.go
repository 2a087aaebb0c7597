package nn

import "math"

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
// basis with weight 1, whose coefficients absorb the weight they had, and
// the others get weight 0 (logits at kanDecidedLogit) and zero
// coefficients. A decided unit's softmax is saturated, so its logits get
// no gradient and it stays decided; the penalty is then 0. The logits
// carry the decision, so links and weight files keep it with no extra
// state. The session selects at a fixed step (session/select.go).
const (
	kanSelectEntropy = 1e-3
	// kanDecidedLogit is a losing basis's logit after SelectBases: its
	// weight e^-40 ≈ 4e-18 is 0 in float32 sums.
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
// winning basis alone (see above) and reports whether any unit changed.
// The unit's function loses the other bases' parts; training goes on
// from there (under L-BFGS after Trainer.ResetOptimizer: the parameters
// and the objective changed).
func (l *KAN) SelectBases() bool {
	if l.basis != SelectableBasis {
		return false
	}
	changed := false
	nb, edges := l.numBases(), l.in*l.out
	for j := range l.out {
		if l.Decided(j) {
			continue
		}
		changed = true
		win, w := l.WinningBasis(j), l.Mixture(j)
		for b := range kanPool {
			keep := float32(0)
			l.mix.Value[j*kanPool+b] = kanDecidedLogit
			if b == win {
				keep = w[b]
				l.mix.Value[j*kanPool+b] = 0
			}
			for i := range l.in {
				c := l.coef.Value[(b*edges+i*l.out+j)*nb:][:nb]
				for m := range c {
					c[m] *= keep
				}
			}
		}
	}
	l.mixWeights()
	return changed
}

// SelectKANBases runs SelectBases on every KAN layer of net and reports
// whether any unit changed.
func SelectKANBases(net *Network) bool {
	changed := false
	for _, l := range net.Layers {
		if k, ok := l.(*KAN); ok && k.SelectBases() {
			changed = true
		}
	}
	return changed
}
