package nn

import "playground/kernels"

// Regularization is a penalty on the weights (parameters with Decay set;
// biases are exempt), added to the data loss's gradient.
type Regularization struct {
	Kind RegKind
	Rate float32
}

// AddGrad adds the penalty's gradient: rate·sign(w) for L1, rate·w for L2.
func (r Regularization) AddGrad(params []*Param) {
	if r.Rate == 0 {
		return
	}
	for _, p := range params {
		if !p.Decay {
			continue
		}
		switch r.Kind {
		case L1:
			kernels.AxpySign(r.Rate, p.Value, p.Grad)
		case L2:
			kernels.Axpy(r.Rate, p.Value, p.Grad)
		}
	}
}

// Penalty returns the value whose gradient AddGrad adds: rate·Σ|w| for L1
// and rate·½Σw² for L2.
func (r Regularization) Penalty(params []*Param) float32 {
	var sum float32
	for _, p := range params {
		if !p.Decay {
			continue
		}
		switch r.Kind {
		case L1:
			sum += kernels.SumAbs(p.Value)
		case L2:
			sum += 0.5 * kernels.SumSquares(p.Value)
		}
	}
	return r.Rate * sum
}
