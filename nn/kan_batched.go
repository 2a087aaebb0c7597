package nn

import "playground/kernels"

// The batched path of a KAN layer with a single B-spline basis, the
// default and the one training spends its time in: per input, the G+k
// bases of every row at once (kernels.BSplineBasis, SIMD in the browser),
// kept function-major, so that each sum over an edge's coefficients
// becomes a matrix product over the batch (kernels.Gemm*):
//
//	y                 = SiLU(X)·scale_base + Σ_i (B_i·(scale_sp_i∘C_i)ᵀ)
//	dL/dscale_base    = SiLU(X)ᵀ·dY
//	D_i               = dYᵀ·B_i                          (out x (G+k))
//	dL/dc_ijm         = scale_sp_ij·D_i[j, m]
//	dL/dscale_sp_ij   = Σ_m c_ijm·D_i[j, m]
//	dL/dx_ri          = SiLU'(x_ri)·(dY·scale_baseᵀ)_ri + Σ_j dY_rj·(B'_i·(scale_sp_i∘C_i)ᵀ)_rj
//
// with B_i the rows x (G+k) bases of input i (stored transposed, one row
// per basis function), C_i its edges' coefficients (out x (G+k)) and
// scale_sp_i∘C_i each edge's row scaled by its scale_sp. The products
// whose long side is the batch are taken with the batch as their columns
// (out x rows, transposed), where the kernels vectorize: a layer of one
// unit (the usual last layer) needs no transposes at all. The sums over
// rows run in float32, in the products' order, where the point-by-point
// path of the other bases sums in float64.

// forwardBatched writes the layer's output for the rows of the most
// recent Forward (whose SiLU values are in siluBuf) into y, keeping each
// input's bases and slopes for Backward.
func (l *KAN) forwardBatched(y Matrix) {
	rows, in, out, nb, k, nt := l.rows, l.in, l.out, l.numBases(), l.k, l.grid.Cols
	basis := grown(&l.basisBuf, in*nb*rows)
	dbasis := grown(&l.dbasisBuf, in*nb*rows)
	inv := grown(&l.invBuf, kernels.BSplineInvLen(nt, k))
	work := grown(&l.workBuf, kernels.BSplineWorkLen(nt))
	ct := grown(&l.coefT, nb*out)
	yT := grown(&l.yT, out*rows)
	for i := range in {
		t := l.knots(i)
		kernels.BSplineInverses(t, k, inv)
		bi, dbi := basis[i*nb*rows:(i+1)*nb*rows], dbasis[i*nb*rows:(i+1)*nb*rows]
		kernels.BSplineBasis(rows, l.xBuf[i:], in, k, t, inv, bi, dbi, rows, work)
		l.scaledCoefT(i, ct)
		beta := float32(1)
		if i == 0 {
			beta = 0
		}
		kernels.GemmTN(out, rows, nb, 1, ct, out, bi, rows, beta, yT, rows)
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

// scaledCoefT writes input i's coefficients, each edge's scaled by its
// scale_sp, transposed: ct[m·out+j] = scale_sp_ij·c_ijm.
func (l *KAN) scaledCoefT(i int, ct []float32) {
	out, nb := l.out, l.numBases()
	for j := range out {
		e := i*out + j
		sp, c := l.scaleSp.Value[e], l.coef.Value[e*nb:(e+1)*nb]
		for m, v := range c {
			ct[m*out+j] = sp * v
		}
	}
}

// backwardBatched adds the parameter gradients for dy and, when dx is not
// nil, writes dL/dx into it (see the formulas above).
func (l *KAN) backwardBatched(dy Matrix, dx []float32) {
	rows, in, out, nb := l.rows, l.in, l.out, l.numBases()
	coef, sp := l.coef.Value, l.scaleSp.Value
	dC := grown(&l.dC, out*nb)
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
	for i := range in {
		bi := l.basisBuf[i*nb*rows : (i+1)*nb*rows]
		kernels.GemmNT(out, nb, rows, 1, dyT, rows, bi, rows, 0, dC, nb)
		for j := range out {
			e := i*out + j
			c, g, d := coef[e*nb:(e+1)*nb], l.coef.Grad[e*nb:(e+1)*nb], dC[j*nb:(j+1)*nb]
			var s float32
			for m, v := range d {
				g[m] += sp[e] * v
				s += c[m] * v
			}
			l.scaleSp.Grad[e] += s
		}
		if dx == nil {
			continue
		}
		l.scaledCoefT(i, l.coefT)
		kernels.GemmTN(out, rows, nb, 1, l.coefT, out, l.dbasisBuf[i*nb*rows:(i+1)*nb*rows], rows, 0, dsT, rows)
		for j := range out {
			g, d := dyT[j*rows:(j+1)*rows], dsT[j*rows:(j+1)*rows]
			for r := range rows {
				dx[r*in+i] += g[r] * d[r]
			}
		}
	}
}

// edgeRowsBatched writes φ_ij at every row of the most recent Forward for
// the edges of input i into dst (out x rows): the splines as one product
// of the coefficients with the kept bases, then the SiLU terms.
func (l *KAN) edgeRowsBatched(i int, dst []float32) {
	rows, in, out, nb := l.rows, l.in, l.out, l.numBases()
	kernels.GemmNN(out, rows, nb, 1, l.coef.Value[i*out*nb:(i+1)*out*nb], nb, l.basisBuf[i*nb*rows:(i+1)*nb*rows], rows, 0, dst, rows)
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
// bases of all points at once, their sum with the edge's coefficients as
// a product, then the SiLU term.
func (l *KAN) edgeCurveBatched(i, j int, xs, dst []float32) {
	n, nb, k, nt := len(xs), l.numBases(), l.k, l.grid.Cols
	if n == 0 {
		return
	}
	e, t := i*l.out+j, l.knots(i)
	inv := grown(&l.invBuf, kernels.BSplineInvLen(nt, k))
	work := grown(&l.workBuf, kernels.BSplineWorkLen(nt))
	cb := grown(&l.curveBasis, nb*n)
	sil := grown(&l.curveSilu, n)
	kernels.BSplineInverses(t, k, inv)
	kernels.BSplineBasis(n, xs, 1, k, t, inv, cb, nil, n, work)
	kernels.GemmTN(1, n, nb, 1, l.coef.Value[e*nb:(e+1)*nb], 1, cb, n, 0, dst, n)
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
		col := l.basisBuf[i*nb*l.rows+r:]
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
