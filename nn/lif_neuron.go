package nn

import (
	"math"
	"slices"

	"playground/kernels"
)

// The neurons of a LIF layer: the membrane over time, forward and back.
// Buffers are rows x T·Out, time-major within a row.

// surrogate is the ATan surrogate derivative of step(u), (α/2)/(1+(π/2·α·u)²).
func surrogate(alpha, u float32) float32 {
	a := math.Pi / 2 * alpha * u
	return alpha / 2 / (1 + a*a)
}

// smoothStep is 1/2 + atan(π/2·α·u)/π, the function whose derivative is
// the surrogate (the relaxation the gradient check differentiates).
func smoothStep(alpha, u float32) float32 {
	return 0.5 + float32(math.Atan(float64(math.Pi/2*alpha*u)))/math.Pi
}

// spikeForward integrates the currents cur into membranes h (before
// reset) and spikes s: kernels.LIFForward, or the relaxation the gradient
// check differentiates.
func (l *LIF) spikeForward(cur, h, s []float32, rows int) {
	out, T := l.out, l.steps
	if l.relaxed == nil {
		kernels.LIFForward(rows, T, out, l.beta, l.thresh, cur, h, s)
		return
	}
	l.relaxed.begin(len(h))
	defer l.relaxed.end()
	for r := range rows {
		base := r * T * out
		for j := range out {
			var v float32
			for t := range T {
				k := base + t*out + j
				hk := l.beta*v + cur[k]
				h[k] = hk
				s[k] = smoothStep(l.alpha, hk-l.thresh)
				if l.relaxed.reset(k, hk > l.thresh) {
					v = 0
				} else {
					v = hk
				}
			}
		}
	}
}

// spikeBackward turns dL/dS (ds) into dL/dI (g) through time:
// dL/dH[t] = dS[t]·surrogate(H[t]-θ) + (1 - S[t])·β·dL/dH[t+1], the reset
// S[t] held constant (detached), and dL/dI[t] = dL/dH[t]:
// kernels.LIFBackward, or the relaxation's resets for the gradient check.
func (l *LIF) spikeBackward(ds, g []float32, rows int) {
	out, T := l.out, l.steps
	h := l.hBuf
	if l.relaxed == nil {
		kernels.LIFBackward(rows, T, out, l.beta, l.thresh, l.alpha, h, ds, g)
		return
	}
	for r := range rows {
		base := r * T * out
		for j := range out {
			var next float32 // dL/dH[t+1]
			for t := T - 1; t >= 0; t-- {
				k := base + t*out + j
				gh := ds[k] * surrogate(l.alpha, h[k]-l.thresh)
				if !l.relaxed.resets[k] {
					gh += l.beta * next
				}
				g[k] = gh
				next = gh
			}
		}
	}
}

// readoutForward integrates without threshold, V[t] = β·V[t-1] + I[t],
// into v (the spiking recurrence with an infinite threshold, which never
// resets), the softmax over units of each V[t] into p, and their sum over
// time into m (rows x Out).
func (l *LIF) readoutForward(cur, v, p, m []float32, rows int) {
	out, T := l.out, l.steps
	// The recurrence's spikes, all 0, go to p, which the softmax overwrites.
	kernels.LIFForward(rows, T, out, l.beta, float32(math.Inf(1)), cur, v, p)
	readoutSoftmax(p, v, rows*T, out)
	clear(m[:rows*out])
	for r := range rows {
		kernels.SumRows(T, out, p[r*T*out:], out, m[r*out:(r+1)*out])
	}
}

// readoutSoftmax writes the softmax of each of the n rows of out values
// of v into p. With the WebAssembly kernels it is one SoftmaxRows call: in
// Go, the exponentials of a 20-unit readout over 100 steps at batch 64
// took 10 ms of a 40 ms training step. Without them it is softmaxInto,
// whose float32 roundings the spiking claims (lif_claims_test.go) were
// measured with: the learned-delay runs are chaotic enough that
// SoftmaxRows's float64 sums move two seeds of five below 95%.
func readoutSoftmax(p, v []float32, n, out int) {
	if kernels.Accelerated() {
		copy(p[:n*out], v)
		kernels.SoftmaxRows(n, out, p)
		return
	}
	for k := 0; k < n*out; k += out {
		softmaxInto(p[k:k+out], v[k:k+out])
	}
}

// readoutBackward turns dL/dm into dL/dI: dL/dV[t]_j = p_j·(dm_j - Σ_k
// p_k·dm_k) from the softmax, accumulated back through V[t+1] = β·V[t] + I.
func (l *LIF) readoutBackward(dm, g []float32, rows int) {
	out, T, beta := l.out, l.steps, l.beta
	p := l.pBuf
	for r := range rows {
		dmr := dm[r*out : (r+1)*out]
		var next []float32 // dL/dV[t+1]; none after the last step
		for t := T - 1; t >= 0; t-- {
			k := (r*T + t) * out
			pt, gt := p[k:k+out], g[k:k+out]
			var dot float32
			for j, v := range pt {
				dot += v * dmr[j]
			}
			if next == nil {
				for j, v := range pt {
					gt[j] = v * (dmr[j] - dot)
				}
			} else {
				for j, v := range pt {
					gt[j] = v*(dmr[j]-dot) + beta*next[j]
				}
			}
			next = gt
		}
	}
}

// softmaxInto writes softmax(x) into p (max-shifted, so large membranes
// do not overflow).
func softmaxInto(p, x []float32) {
	hi := x[0]
	for _, v := range x[1:] {
		hi = max(hi, v)
	}
	var sum float32
	for j, v := range x {
		e := float32(math.Exp(float64(v - hi)))
		p[j] = e
		sum += e
	}
	for j := range p {
		p[j] /= sum
	}
}

// spikeRelaxation is the differentiable stand-in for a LIF layer that the
// gradient check differentiates. Forward emits the smooth spike 1/2 +
// atan(π/2·α·u)/π, whose derivative is exactly the ATan surrogate, in
// place of step(u), and resets where the recording pass spiked, whatever
// the membranes do later: a detached reset is a constant, so holding it
// fixed under finite differences is what "detached" means.
type spikeRelaxation struct {
	record bool   // the next pass records its resets
	resets []bool // the recorded resets, rows x T·Out
}

// reset says whether entry k resets: spike while recording, the recorded
// value after.
func (r *spikeRelaxation) reset(k int, spike bool) bool {
	if r.record {
		r.resets[k] = spike
		return spike
	}
	return r.resets[k]
}

// begin and end bracket a forward pass over n entries.
func (r *spikeRelaxation) begin(n int) {
	if r.record {
		r.resets = slices.Grow(r.resets[:0], n)[:n]
	} else if len(r.resets) != n {
		panic("nn: relaxed LIF layer given another shape than it recorded")
	}
}

func (r *spikeRelaxation) end() { r.record = false }
