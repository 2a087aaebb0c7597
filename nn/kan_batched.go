package nn

import "playground/kernels"

// The batched path of a KAN layer, where training spends its time: per
// input, all the functions of every row at once (the slots' G+k each,
// stacked: four blocks for the selectable basis), kept function-major,
// from the kernels of kan_batched_bases.go (SIMD in the browser), so
// that each sum over an edge's coefficients becomes a matrix product
// over the batch (kernels.Gemm*). With w_jq the mixing weights (1 for a
// single basis) and E_i input i's effective coefficients,
// E_i[j, (q,m)] = scale_sp_ij·w_jq·c^(q)_ijm:
//
//	y                 = SiLU(X)·scale_base + Σ_i (B_i·E_iᵀ)
//	dL/dscale_base    = SiLU(X)ᵀ·dY
//	D_i               = dYᵀ·B_i                          (out x slots·(G+k))
//	dL/dc^(q)_ijm     = scale_sp_ij·w_jq·D_i[j, (q,m)]
//	S_ijq             = Σ_m c^(q)_ijm·D_i[j, (q,m)]
//	dL/dscale_sp_ij   = Σ_q w_jq·S_ijq
//	dL/dw_jq          = Σ_i scale_sp_ij·S_ijq             (to the logits: addMixGrad)
//	dL/dx_ri          = SiLU'(x_ri)·(dY·scale_baseᵀ)_ri + Σ_j dY_rj·(B'_i·E_iᵀ)_rj
//
// with B_i the rows x slots·(G+k) functions of input i (stored
// transposed, one row per function). The products whose long side is the
// batch are taken with the batch as their columns (out x rows,
// transposed), where the kernels vectorize: a layer of one unit (the
// usual last layer) needs no transposes at all. The sums over rows run in
// float32, in the products' order, where the point-by-point path sums in
// float64.

// batchedWidth is the functions per input on the batched path: G+k per
// slot.
func (l *KAN) batchedWidth() int { return len(l.slots) * l.numBases() }

// batchedBases returns input i's functions and their slopes as the most
// recent batched Forward kept them (batchedWidth x rows each).
func (l *KAN) batchedBases(i int) (b, db []float32) {
	size := l.batchedWidth() * l.rows
	return l.basisBuf[i*size : (i+1)*size], l.dbasisBuf[i*size : (i+1)*size]
}

// forwardBatched writes the layer's output for the rows of the most
// recent Forward (whose SiLU values are in siluBuf) into y, keeping each
// input's bases and slopes for Backward.
func (l *KAN) forwardBatched(y Matrix) {
	rows, in, out, nw := l.rows, l.in, l.out, l.batchedWidth()
	grown(&l.basisBuf, in*nw*rows)
	grown(&l.dbasisBuf, in*nw*rows)
	ct := grown(&l.coefT, nw*out)
	yT := grown(&l.yT, out*rows)
	for i := range in {
		bi, dbi := l.batchedBases(i)
		l.basesColumn(i, rows, l.xBuf[i:], in, bi, dbi, rows)
		l.mixedCoefT(i, true, ct)
		beta := float32(1)
		if i == 0 {
			beta = 0
		}
		kernels.GemmTN(out, rows, nw, 1, ct, out, bi, rows, beta, yT, rows)
	}
	kernels.GemmNN(rows, out, in, 1, l.siluBuf, in, l.scaleBase.Value, out, 0, y.Data, out)
	addTransposed(y.Data, yT, rows, out)
}

// addTransposed adds the out x rows matrix aT into the rows x out matrix
// a (both contiguous).
func addTransposed(a, aT []float32, rows, out int) {
	if out == 1 {
		kernels.Axpy(1, aT[:rows], a[:rows])
		return
	}
	for j := range out {
		for r, v := range aT[j*rows : (j+1)*rows] {
			a[r*out+j] += v
		}
	}
}

// mixedCoefT writes input i's coefficients of every slot, each edge's
// weighted by its unit's mixing weight and, when withSp, scaled by its
// scale_sp, transposed: ct[(q·(G+k)+m)·out+j] = scale_sp_ij·w_jq·c^(q)_ijm.
// A single basis has w = 1, and the product is then exactly scale_sp·c.
func (l *KAN) mixedCoefT(i int, withSp bool, ct []float32) {
	out, nb, ns := l.out, l.numBases(), len(l.slots)
	block := l.in * out * nb
	w := l.mixWeights()
	for q := range ns {
		for j := range out {
			e := i*out + j
			f := w[j*ns+q]
			if withSp {
				f *= l.scaleSp.Value[e]
			}
			c := l.coef.Value[q*block+e*nb : q*block+(e+1)*nb]
			for m, v := range c {
				ct[(q*nb+m)*out+j] = f * v
			}
		}
	}
}

// backwardBatched adds the parameter gradients for dy and, when dx is not
// nil, writes dL/dx into it (see the formulas above).
func (l *KAN) backwardBatched(dy Matrix, dx []float32) {
	rows, in, out, nb, ns, nw := l.rows, l.in, l.out, l.numBases(), len(l.slots), l.batchedWidth()
	block := in * out * nb
	coef, sp, w := l.coef.Value, l.scaleSp.Value, l.mixWeights()
	dC := grown(&l.dC, out*nw)
	kernels.GemmTN(in, out, rows, 1, l.siluBuf, in, dy.Data, out, 1, l.scaleBase.Grad, out)
	dyT := dy.Data[:rows*out]
	if out > 1 {
		dyT = grown(&l.dyT, out*rows)
		for r := range rows {
			for j, g := range dy.Data[r*out : (r+1)*out] {
				dyT[j*rows+r] = g
			}
		}
	}
	var dsT []float32
	if dx != nil {
		kernels.GemmNT(rows, in, out, 1, dy.Data, out, l.scaleBase.Value, out, 0, dx, in)
		kernels.SiLUBackward(dx, l.xBuf, l.siluBuf, dx)
		dsT = grown(&l.dsT, out*rows)
	}
	mAcc := l.mixAcc
	clear(mAcc)
	for i := range in {
		bi, dbi := l.batchedBases(i)
		kernels.GemmNT(out, nw, rows, 1, dyT, rows, bi, rows, 0, dC, nw)
		for j := range out {
			e := i*out + j
			var ssp float32
			for q := range ns {
				o := q*block + e*nb
				c, g, d := coef[o:o+nb], l.coef.Grad[o:o+nb], dC[j*nw+q*nb:j*nw+(q+1)*nb]
				wq := w[j*ns+q]
				f := sp[e] * wq
				var s float32
				for m, v := range d {
					g[m] += f * v
					s += c[m] * v
				}
				ssp += wq * s
				if mAcc != nil {
					mAcc[j*ns+q] += float64(sp[e] * s)
				}
			}
			l.scaleSp.Grad[e] += ssp
		}
		if dx == nil {
			continue
		}
		l.mixedCoefT(i, true, l.coefT)
		kernels.GemmTN(out, rows, nw, 1, l.coefT, out, dbi, rows, 0, dsT, rows)
		for j := range out {
			g, d := dyT[j*rows:(j+1)*rows], dsT[j*rows:(j+1)*rows]
			for r := range rows {
				dx[r*in+i] += g[r] * d[r]
			}
		}
	}
	if mAcc != nil {
		l.addMixGrad(mAcc, w)
	}
}

// edgeRowsBatched writes φ_ij at every row of the most recent Forward for
// the edges of input i into dst (out x rows): the basis parts as one
// product of the weighted coefficients with the kept bases, then the SiLU
// terms.
func (l *KAN) edgeRowsBatched(i int, dst []float32) {
	rows, in, out, nw := l.rows, l.in, l.out, l.batchedWidth()
	bi, _ := l.batchedBases(i)
	l.mixedCoefT(i, false, l.coefT)
	kernels.GemmTN(out, rows, nw, 1, l.coefT, out, bi, rows, 0, dst, rows)
	for j := range out {
		e := i*out + j
		sb, sp := l.scaleBase.Value[e], l.scaleSp.Value[e]
		for r, v := range dst[j*rows : (j+1)*rows] {
			dst[j*rows+r] = sb*l.siluBuf[r*in+i] + sp*v
		}
		if len(l.sym.Value) > 0 { // a snapped edge (kan_symbolic.go)
			for r := range rows {
				dst[j*rows+r] += l.symbolicAt(e, l.xBuf[r*in+i])
			}
		}
	}
}

// edgeCurveBatched writes φ_ij at the points xs into dst (as long): the
// bases of all points at once, their sum with the edge's weighted
// coefficients as a product, then the SiLU term.
func (l *KAN) edgeCurveBatched(i, j int, xs, dst []float32) {
	n, out, nw := len(xs), l.out, l.batchedWidth()
	if n == 0 {
		return
	}
	e := i*out + j
	cb := grown(&l.curveBasis, nw*n)
	sil := grown(&l.curveSilu, n)
	l.basesColumn(i, n, xs, 1, cb, nil, n)
	// Unit j's column of the weighted coefficients (stride out).
	ct := grown(&l.coefT, nw*out)
	l.mixedCoefT(i, false, ct)
	kernels.GemmTN(1, n, nw, 1, ct[j:], out, cb, n, 0, dst, n)
	kernels.Scale(l.scaleSp.Value[e], dst)
	kernels.SiLU(sil, xs)
	kernels.Axpy(l.scaleBase.Value[e], sil, dst)
	if len(l.sym.Value) > 0 { // a snapped edge (kan_symbolic.go)
		for p, x := range xs {
			dst[p] += l.symbolicAt(e, x)
		}
	}
}

// pointBasis returns slot q's basis values at row r, input i of the most
// recent Forward and the index of the basis function the first of them
// belongs to: the batched path's G+k values gathered into pointBuf (start
// 0), or the point's own values (a B-spline window of k+1 from its start).
func (l *KAN) pointBasis(r, i, q int) (start int, b []float32) {
	if l.batched {
		nb := l.numBases()
		bi, _ := l.batchedBases(i)
		col := bi[q*nb*l.rows+r:]
		b = l.pointBuf[:nb]
		for m := range b {
			b[m] = col[m*l.rows]
		}
		return 0, b
	}
	ri, sl := r*l.in+i, l.slots[q]
	o := ri*l.stride + sl.off
	return int(l.startBuf[ri*len(l.slots)+q]), l.basisBuf[o : o+sl.width]
}
