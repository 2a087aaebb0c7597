package nn

import (
	"math"

	"playground/kernels"
)

// lbfgsPart advances the L-BFGS iteration by at most one full-batch
// evaluation (see StepPart).
func (t *Trainer) lbfgsPart() (loss float32, done bool) {
	if t.x.Rows == 0 {
		return float32(math.NaN()), true
	}
	if len(t.lb.x) != t.net.NumParams() {
		t.restartLBFGS() // the network changed size: a KAN grid was refined
	}
	if !t.lb.busy() && !t.netAt(t.lb.x) {
		// The weights were edited since the last iteration (restored,
		// pruned, loaded): start from them, with nothing remembered.
		t.net.CopyParams(t.lb.restart())
	}
	loss = float32(math.NaN())
	op := t.lb.next(float64(t.schedule.Rate(t.lr, t.steps)))
	if op == lbfgsEvaluate {
		var f float64
		f, loss = t.fullBatch(t.lb.point(), t.lb.grad())
		op = t.lb.tell(f, float64(loss))
	}
	if op != lbfgsIterated {
		return loss, false
	}
	// The last evaluation may have been a rejected trial: put the
	// accepted point back.
	t.setNet(t.lb.x)
	t.steps++
	return float32(t.lb.acceptedAux()), true
}

// restartLBFGS drops the iteration under way, its trial point included,
// and the memory; L-BFGS starts again from the network's weights.
//
// When the network's size changed (a KAN layer refined its grid), the
// state is remade for the new size; the trial point, of the old shape,
// is dropped.
func (t *Trainer) restartLBFGS() {
	if n := t.net.NumParams(); len(t.lb.x) != n {
		t.lb = newLBFGS(n, len(t.lb.s))
	} else if t.lb.busy() {
		t.setNet(t.lb.x)
	}
	t.net.CopyParams(t.lb.restart())
}

// fullBatch loads x into the network and returns the objective over every
// training row, data loss + regularization penalty + the layers' extra
// terms, writing its gradient (after the GradHooks) into g. It also
// returns the data loss alone. Rows go through the network evalChunk at a
// time, so the layers' buffers stay small whatever the data's size; each
// chunk's gradient is weighted by its share of the rows, so the sum is
// the gradient of the mean over all of them.
func (t *Trainer) fullBatch(x, g []float32) (obj float64, data float32) {
	t.setNet(x)
	t.net.ZeroGrad()
	t.net.beginStep(t.steps)
	defer t.net.endStep()
	n := t.x.Rows
	var sum float64
	for r0 := 0; r0 < n; r0 += evalChunk {
		r1 := min(r0+evalChunk, n)
		pred := t.net.Forward(rowRange(t.x, r0, r1))
		grad := resize(&t.gradBuf, pred.Rows, pred.Cols)
		sum += float64(t.loss.Eval(pred, rowRange(t.y, r0, r1), grad)) * float64(r1-r0)
		if r1-r0 != n {
			kernels.Scale(float32(r1-r0)/float32(n), grad.Data)
		}
		t.net.Backward(grad)
	}
	mean := sum / float64(n)
	obj = mean
	if t.reg.Rate != 0 {
		obj += float64(t.reg.Penalty(t.params))
		t.reg.AddGrad(t.params)
	}
	obj += t.addTerms(true)
	t.runHooks()
	for _, p := range t.params {
		g = g[copy(g, p.Grad):]
	}
	t.evals++
	t.epochs++
	return obj, float32(mean)
}

// setNet loads a flat vector, in Params order, into the network.
func (t *Trainer) setNet(x []float32) {
	for _, p := range t.params {
		x = x[copy(p.Value, x):]
	}
}

// netAt reports whether the network's weights are x, bit for bit (NaN
// included).
func (t *Trainer) netAt(x []float32) bool {
	for _, p := range t.params {
		for i, v := range p.Value {
			if math.Float32bits(v) != math.Float32bits(x[i]) {
				return false
			}
		}
		x = x[len(p.Value):]
	}
	return true
}

// rowRange returns rows [r0, r1) of m as a view.
func rowRange(m Matrix, r0, r1 int) Matrix {
	return Matrix{Rows: r1 - r0, Cols: m.Cols, Data: m.Data[r0*m.Cols : r1*m.Cols]}
}
