package kernels

// The vector kernels take their length from x (or from the shape
// arguments); y and dst must be at least that long.

// Axpy computes y += alpha*x.
func Axpy(alpha float32, x, y []float32) {
	if accelAxpy(false, alpha, x, y) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}

// AxpySign computes y += alpha*sign(x), with sign(0) = 0: the gradient of
// an L1 penalty.
func AxpySign(alpha float32, x, y []float32) {
	if accelAxpy(true, alpha, x, y) {
		return
	}
	y = y[:len(x)]
	for i, v := range x {
		switch {
		case v > 0:
			y[i] += alpha
		case v < 0:
			y[i] -= alpha
		}
	}
}

// Scale computes x *= alpha.
func Scale(alpha float32, x []float32) {
	if accelScale(alpha, x) {
		return
	}
	for i := range x {
		x[i] *= alpha
	}
}

// Dot returns the sum of x[i]*y[i]. Four partial sums, as a SIMD body
// keeps them, also shorten the dependency chain in pure Go.
func Dot(x, y []float32) float32 {
	if s, ok := accelDot(x, y); ok {
		return s
	}
	y = y[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// SumSquares returns the sum of x[i]*x[i].
func SumSquares(x []float32) float32 { return Dot(x, x) }

// SumAbs returns the sum of |x[i]|: the L1 norm.
func SumAbs(x []float32) float32 {
	if s, ok := accelSumAbs(x); ok {
		return s
	}
	var s0, s1 float32
	i := 0
	for ; i+2 <= len(x); i += 2 {
		s0 += abs(x[i])
		s1 += abs(x[i+1])
	}
	if i < len(x) {
		s0 += abs(x[i])
	}
	return s0 + s1
}

// AddBias adds bias[j] to every c[i,j] of the rows x cols block of c.
func AddBias(rows, cols int, bias []float32, c []float32, ldc int) {
	if accelAddBias(rows, cols, bias, c, ldc) {
		return
	}
	bias = bias[:cols]
	for i := range rows {
		ci := c[i*ldc : i*ldc+cols]
		for j, b := range bias {
			ci[j] += b
		}
	}
}

// SumRows adds each column's sum of the rows x cols block of a to dst:
// dst[j] += sum_i a[i,j], the gradient of a bias added to every row.
func SumRows(rows, cols int, a []float32, lda int, dst []float32) {
	if accelSumRows(rows, cols, a, lda, dst) {
		return
	}
	dst = dst[:cols]
	for i := range rows {
		ai := a[i*lda : i*lda+cols]
		for j, v := range ai {
			dst[j] += v
		}
	}
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
