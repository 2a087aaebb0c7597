package nn

import (
	"fmt"
	"math"

	"playground/kernels"
)

// Loss scores a batch of predictions against targets.
//
// Eval returns the mean loss over rows and writes dLoss/dpred, already
// divided by the number of rows, into grad (the shape of pred; it may not
// alias pred or target). With no rows it returns NaN and writes nothing.
type Loss interface {
	Eval(pred, target, grad Matrix) float32
}

// NewLoss returns the loss of the given kind. It panics on an unknown
// kind, which only a programming error produces (parsed kinds are valid).
func NewLoss(kind LossKind) Loss {
	switch kind {
	case MSE:
		return meanSquaredError{}
	case CrossEntropy:
		return softmaxCrossEntropy{}
	}
	panic(fmt.Sprintf("nn: loss %v", kind))
}

func (k LossKind) valid() bool { return k < numLosses }

// meanSquaredError is the mean over rows of 0.5·Σ_j (p_j - t_j)². The half
// makes the gradient plainly p - t.
type meanSquaredError struct{}

func (meanSquaredError) Eval(pred, target, grad Matrix) float32 {
	if pred.Rows == 0 {
		return float32(math.NaN())
	}
	n := pred.Rows * pred.Cols
	g := grad.Data[:n]
	copy(g, pred.Data[:n])
	kernels.Axpy(-1, target.Data[:n], g)
	inv := 1 / float32(pred.Rows)
	loss := 0.5 * kernels.SumSquares(g) * inv
	kernels.Scale(inv, g)
	return loss
}

// softmaxCrossEntropy applies a softmax over each row of the prediction
// (the logits) and returns the mean over rows of -Σ_j t_j log p_j.
// Targets are one-hot or probability rows, any number of classes ≥ 2.
//
// It works from log-softmax, so a confident wrong logit gives a large but
// finite loss rather than log(0). The gradient is p·Σt - t, which is the
// familiar p - t when the target row sums to one.
type softmaxCrossEntropy struct{}

func (softmaxCrossEntropy) Eval(pred, target, grad Matrix) float32 {
	rows, cols := pred.Rows, pred.Cols
	if rows == 0 {
		return float32(math.NaN())
	}
	g := grad.Data[:rows*cols]
	copy(g, pred.Data[:rows*cols])
	kernels.LogSoftmaxRows(rows, cols, g)
	inv := 1 / float64(rows)
	var loss float64
	for i := range rows {
		t := target.Data[i*cols : (i+1)*cols]
		lp := g[i*cols : (i+1)*cols]
		var tsum float64
		for _, v := range t {
			tsum += float64(v)
		}
		for j, tj := range t {
			l := float64(lp[j])
			if tj != 0 { // 0·log 0 counts as 0
				loss -= float64(tj) * l
			}
			lp[j] = float32((math.Exp(l)*tsum - float64(tj)) * inv)
		}
	}
	return float32(loss * inv)
}
