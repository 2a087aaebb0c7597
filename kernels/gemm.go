package kernels

// The matrix products follow BLAS sgemm: C = alpha*op(A)*op(B) + beta*C
// for row-major C of m x n, with k the inner dimension. When beta is 0, C
// is overwritten, so NaN or garbage in it does not leak into the result;
// when alpha is 0 (or k is 0), A and B are not read.

// gemmForm names a transpose form, for the WebAssembly dispatch.
type gemmForm int

const (
	formNN gemmForm = iota
	formNT
	formTN
)

// GemmNN computes C = alpha*A*B + beta*C with A m x k and B k x n.
func GemmNN(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m <= 0 || n <= 0 {
		return
	}
	if accelGemm(formNN, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
		return
	}
	for i := range m {
		ci := c[i*ldc : i*ldc+n]
		scaleRow(beta, ci)
		if alpha == 0 || k <= 0 {
			continue
		}
		// Row i of A is contiguous: its elements are the axpy coefficients.
		ai := a[i*lda : i*lda+k]
		accumulateRows(alpha, ai, 1, b, ldb, k, ci)
	}
}

// GemmTN computes C = alpha*Aᵀ*B + beta*C with A k x m and B k x n.
// It is the weight gradient of a dense layer: inputsᵀ · output gradients.
func GemmTN(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m <= 0 || n <= 0 {
		return
	}
	if accelGemm(formTN, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
		return
	}
	for i := range m {
		ci := c[i*ldc : i*ldc+n]
		scaleRow(beta, ci)
		if alpha == 0 || k <= 0 {
			continue
		}
		// Column i of A, read with stride lda, gives the coefficients; C's
		// row stays hot in cache while B's rows stream past.
		accumulateRows(alpha, a[i:], lda, b, ldb, k, ci)
	}
}

// GemmNT computes C = alpha*A*Bᵀ + beta*C with A m x k and B n x k.
// Both operands are read along contiguous rows, so each entry of C is a
// dot product; four rows of B share one pass over a row of A.
func GemmNT(m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m <= 0 || n <= 0 {
		return
	}
	if accelGemm(formNT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) {
		return
	}
	if alpha == 0 || k <= 0 {
		for i := range m {
			scaleRow(beta, c[i*ldc:i*ldc+n])
		}
		return
	}
	for i := range m {
		ai := a[i*lda : i*lda+k]
		ci := c[i*ldc : i*ldc+n]
		j := 0
		for ; j+4 <= n; j += 4 {
			d0, d1, d2, d3 := dot4(ai,
				b[j*ldb:j*ldb+k], b[(j+1)*ldb:(j+1)*ldb+k],
				b[(j+2)*ldb:(j+2)*ldb+k], b[(j+3)*ldb:(j+3)*ldb+k])
			ci[j] = blend(alpha*d0, beta, ci[j])
			ci[j+1] = blend(alpha*d1, beta, ci[j+1])
			ci[j+2] = blend(alpha*d2, beta, ci[j+2])
			ci[j+3] = blend(alpha*d3, beta, ci[j+3])
		}
		for ; j < n; j++ {
			ci[j] = blend(alpha*Dot(ai, b[j*ldb:j*ldb+k]), beta, ci[j])
		}
	}
}

// accumulateRows adds alpha * sum_p coef[p*stride] * B[p,:] to c for p in
// [0, k). Four rows of B at a time: c is loaded and stored once per four
// rows instead of once per row.
func accumulateRows(alpha float32, coef []float32, stride int, b []float32, ldb, k int, c []float32) {
	n := len(c)
	p := 0
	for ; p+4 <= k; p += 4 {
		a0 := alpha * coef[p*stride]
		a1 := alpha * coef[(p+1)*stride]
		a2 := alpha * coef[(p+2)*stride]
		a3 := alpha * coef[(p+3)*stride]
		b0 := b[p*ldb : p*ldb+n]
		b1 := b[(p+1)*ldb : (p+1)*ldb+n]
		b2 := b[(p+2)*ldb : (p+2)*ldb+n]
		b3 := b[(p+3)*ldb : (p+3)*ldb+n]
		for j := range c {
			c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]
		}
	}
	for ; p < k; p++ {
		Axpy(alpha*coef[p*stride], b[p*ldb:p*ldb+n], c)
	}
}

// dot4 returns the dot products of a with four vectors of a's length.
func dot4(a, b0, b1, b2, b3 []float32) (s0, s1, s2, s3 float32) {
	n := len(a)
	b0, b1, b2, b3 = b0[:n], b1[:n], b2[:n], b3[:n]
	for p, v := range a {
		s0 += v * b0[p]
		s1 += v * b1[p]
		s2 += v * b2[p]
		s3 += v * b3[p]
	}
	return
}

// scaleRow applies C's beta: 0 overwrites (NaN must not survive), 1 keeps.
func scaleRow(beta float32, c []float32) {
	switch beta {
	case 0:
		clear(c)
	case 1:
	default:
		for j := range c {
			c[j] *= beta
		}
	}
}

// blend returns v + beta*c, ignoring c entirely when beta is 0.
func blend(v, beta, c float32) float32 {
	if beta == 0 {
		return v
	}
	return v + beta*c
}
