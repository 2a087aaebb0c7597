package nn

import "playground/kernels"

// The sparsity penalty's gradient in the layer's inputs. pykan's scores
// a_ij = std φ_ij(x_i) / (std x_i + 0.1) are taken on the layer's inputs,
// which in a deeper layer are the outputs of the layers before it; its
// autograd sends the penalty back through them. Leaving that part out
// (the inputs held fixed) gives L-BFGS a direction that is not the
// objective's gradient: its line search fails and it stops before the
// weak nodes have gone flat, so Prune finds little to remove.

var _ InputLossTerm = (*KAN)(nil)

// ExtraLossInput implements InputLossTerm: d(lamb·reg)/dx for the rows of
// the most recent Forward, valid after ExtraLoss(true) (ok is false when
// the term was 0 or has not been evaluated with its gradient since). With
// W_ij = d(lamb·reg)/d(std φ_ij) and T_i = d(lamb·reg)/d(std x_i),
//
//	dx_ri = Σ_j W_ij·(φ_ij(x_ri) - mean φ_ij)·φ'_ij(x_ri)/((n-1)·std φ_ij)
//	      + T_i·(x_ri - mean x_i)/((n-1)·std x_i)
//
// The matrix is the layer's buffer, overwritten by the next call.
func (l *KAN) ExtraLossInput() (dx Matrix, ok bool) {
	s := &l.sparse
	if !s.inputReady {
		return Matrix{}, false
	}
	rows, in, out := l.rows, l.in, l.out
	n, lamb := float64(rows), float64(s.lamb)
	dx = Matrix{Rows: rows, Cols: in, Data: grown(&s.dx, rows*in)}
	w := l.mixWeights()
	vals := grown(&l.phiBuf, out*rows)
	slopes := grown(&s.slopes, out*rows)
	for i := range in {
		// a_ij falls as the input's spread grows: da/d(std x) = -a/(std x + 0.1).
		var spread float64
		if s.xStd[i] > 0 {
			den := s.xStd[i] + kanScoreFloor
			for j := range out {
				e := i*out + j
				spread -= s.dA[e] * s.std[e] / (den * den)
			}
			spread *= lamb / ((n - 1) * s.xStd[i])
		}
		l.edgeRows(i, w, vals)
		l.edgeSlopes(i, w, slopes)
		for r := range rows {
			ri := r*in + i
			g := spread * (float64(l.xBuf[ri]) - s.xMean[i])
			for j := range out {
				// s.weight holds W_ij/((n-1)·std φ_ij), 0 for an edge
				// outside the penalty or flat over the batch.
				if we := s.weight[i*out+j]; we != 0 {
					g += we * (float64(vals[j*rows+r]) - s.mean[i*out+j]) * float64(slopes[j*rows+r])
				}
			}
			dx.Data[ri] = float32(g)
		}
	}
	return dx, true
}

// edgeSlopes writes φ'_ij at every row of the most recent Forward for the
// edges of input i into dst, unit j's at dst[j·rows:]: the SiLU branch and
// the basis part. A snapped edge's formula is left out: it is outside the
// penalty, which is the only reader.
func (l *KAN) edgeSlopes(i int, w, dst []float32) {
	rows, in, out, nb := l.rows, l.in, l.out, l.numBases()
	sb, sp := l.scaleBase.Value, l.scaleSp.Value
	if l.batched {
		l.mixedCoefT(i, true, l.coefT)
		_, dbi := l.batchedBases(i)
		kernels.GemmTN(out, rows, l.batchedWidth(), 1, l.coefT, out, dbi, rows, 0, dst, rows)
		for r := range rows {
			_, ds := silu(float64(l.xBuf[r*in+i]))
			for j := range out {
				dst[j*rows+r] += sb[i*out+j] * float32(ds)
			}
		}
		return
	}
	ns, block := len(l.slots), in*out*nb
	for r := range rows {
		ri := r*in + i
		for j := range out {
			e := i*out + j
			var slope float32
			for q, sl := range l.slots {
				o := ri*l.stride + sl.off
				c := l.coef.Value[q*block+e*nb : q*block+(e+1)*nb]
				slope += w[j*ns+q] * splineAt(c, int(l.startBuf[ri*ns+q]), l.dbasisBuf[o:o+sl.width])
			}
			dst[j*rows+r] = sb[e]*l.dsiluBuf[ri] + sp[e]*slope
		}
	}
}
