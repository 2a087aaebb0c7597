package kernels

import "math"

// SoftmaxRows replaces each row of the contiguous rows x cols block x with
// its softmax. The row maximum is subtracted first, so large logits do not
// overflow: every exponent is at most 0 and the largest term is exactly 1.
func SoftmaxRows(rows, cols int, x []float32) {
	if accelSoftmax(false, rows, cols, x) {
		return
	}
	for i := range rows {
		r := x[i*cols : (i+1)*cols]
		m := rowMax(r)
		var sum float64
		for j, v := range r {
			e := math.Exp(float64(v - m))
			r[j] = float32(e)
			sum += e
		}
		Scale(float32(1/sum), r)
	}
}

// LogSoftmaxRows replaces each row of the contiguous rows x cols block x
// with its log-softmax, x - max - log(sum exp(x - max)). Unlike the log of
// SoftmaxRows it stays finite when a probability underflows, which keeps
// cross-entropy finite for confident wrong answers.
func LogSoftmaxRows(rows, cols int, x []float32) {
	if accelSoftmax(true, rows, cols, x) {
		return
	}
	for i := range rows {
		r := x[i*cols : (i+1)*cols]
		m := rowMax(r)
		var sum float64
		for _, v := range r {
			sum += math.Exp(float64(v - m))
		}
		shift := m + float32(math.Log(sum))
		for j := range r {
			r[j] -= shift
		}
	}
}

func rowMax(r []float32) float32 {
	m := float32(math.Inf(-1))
	for _, v := range r {
		m = max(m, v)
	}
	return m
}
