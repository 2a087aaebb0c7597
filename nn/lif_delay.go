package nn

import (
	"math"
	"math/rand/v2"
	"slices"

	"playground/kernels"
)

// synapses are a LIF layer's weighted, delayed connections. Synapse i->j
// carries input i's value d steps late with weight W_ij·k_ij(d) over the
// taps d = 0..taps-1. k is one-hot at delay 0 (no delays), at a fixed
// random delay, or, for learned delays, at the rounded position P_ij, except
// inside a training step, where it is the normalized Gaussian of DCLS
// (Hammouamri et al. 2023):
//
//	k_ij(d) = e_d / (Σ_m e_m + 1e-7),  e_d = exp(-((d - P_ij)/σ)²/2),
//
// whose width σ narrows geometrically from max(K/2, 0.23) to 0.23 over the
// sharpening steps, so positions first feel distant delays and finally
// settle on one. dk(d)/dP = k(d)·[(d-P)/σ² - Σ_m k(m)·(m-P)/σ²]. Positions
// are clamped to [0, K] before each use (the paper clamps after each step).
type synapses struct {
	in, out, taps int
	mode          int // DelayNone, DelayFixed or DelayLearned
	sharpen       int // steps over which σ narrows
	w             Param
	pos           Param // learned: positions in steps, In x Out
	fixed         Param // fixed: delays in whole steps, In x Out (state)
	training      bool
	sigma         float32

	kernel  []float32 // W·k, laid out [i][d][j] so a tap's units are contiguous
	gT      []float32 // dense weight gradient: dL/dcur transposed, Out x steps
	dwT     []float32 // dense weight gradient: dL/dW transposed, Out x In
	kernelT []float32 // kernel laid out [d][j][i], for the input gradient
	gauss   []float32 // training, learned: k_ij(d), laid out like kernel
	dkernel []float32 // dL/d(W·k), like kernel (with delays)
}

// sigmaEnd is the width learned delays' kernels narrow to.
const sigmaEnd = 0.23

// positionLRScale is how much faster positions learn than weights.
const positionLRScale = 100

// init draws the weights by init, scaled by gain, then fixed delays or
// initial positions.
func (s *synapses) init(in, out, mode, maxDelay, sharpen int, gain float32, init Init, rng *rand.Rand) {
	s.in, s.out, s.mode, s.sharpen = in, out, mode, sharpen
	s.taps = 1
	if mode != DelayNone {
		s.taps = maxDelay + 1
	}
	s.w = Param{Name: "W", Rows: in, Cols: out, Decay: true,
		Value: make([]float32, in*out), Grad: make([]float32, in*out)}
	initWeights(init, s.w.Value, in, out, rng)
	// A plain loop, not kernels.Scale: constructors are reachable from the
	// kind registry in the Worker, which has no kernel module to import.
	for i := range s.w.Value {
		s.w.Value[i] *= gain
	}
	switch mode {
	case DelayFixed:
		s.fixed = Param{Name: "delays", Rows: in, Cols: out, Value: make([]float32, in*out)}
		for k := range s.fixed.Value {
			s.fixed.Value[k] = float32(rng.IntN(s.taps))
		}
	case DelayLearned:
		s.pos = Param{Name: "P", Rows: in, Cols: out, LRScale: positionLRScale,
			Value: make([]float32, in*out), Grad: make([]float32, in*out)}
		for k := range s.pos.Value {
			s.pos.Value[k] = float32(rng.Float64() * float64(maxDelay))
		}
		s.gauss = make([]float32, in*out*s.taps)
	}
	s.kernel = make([]float32, in*s.taps*out)
	if s.taps > 1 { // one tap accumulates into W's gradient
		s.dkernel = make([]float32, in*s.taps*out)
	}
	s.sigma = s.sigmaAt(0)
}

func (s *synapses) params() []*Param {
	if s.mode == DelayLearned {
		return []*Param{&s.w, &s.pos}
	}
	return []*Param{&s.w}
}

func (s *synapses) state() []*Param {
	if s.mode == DelayFixed {
		return []*Param{&s.fixed}
	}
	return nil
}

// sigmaAt is the kernels' width at a training step.
func (s *synapses) sigmaAt(step int) float32 {
	start := max(float64(s.taps-1)/2, sigmaEnd)
	f := min(float64(step)/float64(s.sharpen), 1)
	return float32(start * math.Pow(sigmaEnd/start, f))
}

// train enters a training step.
func (s *synapses) train(step int) {
	s.training = true
	s.sigma = s.sigmaAt(step)
}

// gaussian reports whether this pass uses the Gaussian kernels.
func (s *synapses) gaussian() bool { return s.mode == DelayLearned && s.training }

// delayOf is synapse k's integer delay outside training.
func (s *synapses) delayOf(k int) int {
	switch s.mode {
	case DelayFixed:
		return int(s.fixed.Value[k])
	case DelayLearned:
		return int(math.Round(float64(min(max(s.pos.Value[k], 0), float32(s.taps-1)))))
	}
	return 0
}

func (s *synapses) delays(dst []float32) []float32 {
	dst = dst[:0]
	for k := range s.in * s.out {
		dst = append(dst, float32(s.delayOf(k)))
	}
	return dst
}

// build fills kernel from the weights and delays for this pass: one-hot
// at the integer delays, or the Gaussian taps (kernels.DCLSKernel, once
// per training step's forward).
func (s *synapses) build() {
	in, out, taps := s.in, s.out, s.taps
	if taps == 1 {
		copy(s.kernel, s.w.Value) // one tap: the kernel is W
		return
	}
	if !s.gaussian() {
		clear(s.kernel)
		for i := range in {
			for j := range out {
				k := i*out + j
				s.kernel[(i*taps+s.delayOf(k))*out+j] = s.w.Value[k]
			}
		}
		return
	}
	hi := float32(taps - 1)
	for k, p := range s.pos.Value {
		s.pos.Value[k] = min(max(p, 0), hi)
	}
	kernels.DCLSKernel(in, out, taps, s.sigma, s.pos.Value, s.w.Value, s.gauss, s.kernel)
}

// forward writes the currents cur[r][t][j] = Σ_i Σ_d kernel[i][d][j]·x[r][t-d][i].
// Input i at step t reaches steps t..t+taps-1, which are contiguous in cur
// as its taps are in kernel, so each step adds one kernel row per input
// that spiked (spikes keep those few).
func (s *synapses) forward(x rowSet, T int, cur []float32) {
	s.build()
	in, out, taps := s.in, s.out, s.taps
	if s.dense() {
		// LIF.pickRows picks no rows here: they are contiguous.
		kernels.GemmNN(x.n*T, out, in, 1, x.data, in, s.kernel, out, 0, cur, out)
		return
	}
	clear(cur)
	for r := range x.n {
		xr, cr := x.row(r), cur[r*T*out:(r+1)*T*out]
		for t := range T {
			reach := min(taps, T-t) * out
			kernels.GatherActiveRows(xr[t*in:(t+1)*in], s.kernel, taps*out, reach, cr[t*out:])
		}
	}
}

// denseOut is the widest layer without delays whose currents are one
// dense product rather than a kernel row per spike: rows this short cost
// more per spike to set up than to add, and a product of every input
// costs less. Under Node, a 256 -> 20 readout over 6400 steps at 15%
// spikes: 2.3 ms as a product, 5.1 ms row by row.
const denseOut = 32

// dense reports whether the currents are one dense product (see denseOut).
func (s *synapses) dense() bool { return s.taps == 1 && s.out <= denseOut }

// backwardInput writes dx[r][t][i] = Σ_d Σ_j kernel[i][d][j]·g[r][t+d][j]:
// per tap d a product of g, shifted d steps, with the tap's Out x In
// slice of kernelT (one product over all rows without delays). kernel is
// transposed first so that the products run along the In inputs, the
// long side, rather than along Out, which a readout keeps short.
func (s *synapses) backwardInput(g []float32, rows, T int, dx []float32) {
	in, out, taps := s.in, s.out, s.taps
	kt := s.transposedKernel()
	if taps == 1 {
		kernels.GemmNN(rows*T, in, out, 1, g, out, kt, in, 0, dx, in)
		return
	}
	clear(dx[:rows*T*in])
	for r := range rows {
		gr, dr := g[r*T*out:(r+1)*T*out], dx[r*T*in:(r+1)*T*in]
		for d := 0; d < min(taps, T); d++ {
			kernels.GemmNN(T-d, in, out, 1, gr[d*out:], out, kt[d*out*in:], in, 1, dr, in)
		}
	}
}

// transposedKernel returns kernel laid out [d][j][i].
func (s *synapses) transposedKernel() []float32 {
	in, out, taps := s.in, s.out, s.taps
	kt := slices.Grow(s.kernelT[:0], in*taps*out)[:in*taps*out]
	s.kernelT = kt
	for i := range in {
		for d := range taps {
			row := s.kernel[(i*taps+d)*out : (i*taps+d+1)*out]
			for j, v := range row {
				kt[(d*out+j)*in+i] = v
			}
		}
	}
	return kt
}

// backwardParams accumulates dW and dP from g = dL/dcur.
func (s *synapses) backwardParams(x rowSet, g []float32, T int) {
	in, out, taps := s.in, s.out, s.taps
	if s.dense() && kernels.Accelerated() {
		s.denseWeightGrad(x.data, g, x.n*T)
		return
	}
	dk := s.dkernel
	if taps == 1 {
		dk = s.w.Grad // the same layout: the gradient accumulates in place
	} else {
		clear(dk)
	}
	for r := range x.n {
		xr, gr := x.row(r), g[r*T*out:(r+1)*T*out]
		for t := range T {
			reach := min(taps, T-t) * out
			kernels.ScatterActiveRows(xr[t*in:(t+1)*in], gr[t*out:], reach, dk, taps*out)
		}
	}
	if taps == 1 {
		return // dk was W's gradient
	}
	if !s.gaussian() {
		for i := range in {
			for j := range out {
				k := i*out + j
				s.w.Grad[k] += dk[(i*taps+s.delayOf(k))*out+j]
			}
		}
		return
	}
	kernels.DCLSBackward(in, out, taps, s.sigma, s.pos.Value, s.w.Value, s.gauss, dk, s.w.Grad, s.pos.Grad)
}

// denseGradSteps is the steps per product of denseWeightGrad.
const denseGradSteps = 128

// denseWeightGrad adds xᵀ·g over n steps to W's gradient as dense
// products, as the forward's currents of a narrow layer are, for the
// WebAssembly kernels: (gᵀ·x)ᵀ, since their product with A transposed is
// the slow one, over denseGradSteps steps at a time, so that the steps'
// inputs stay in cache for every unit. Under Node, a 256 -> 20 readout
// over 6400 steps at 15% spikes: 2.3-2.6 ms (3.0 in one product, GemmTN
// 6.1) against 5.6 row by row. In Go the rows stay: a dense product there
// runs every input, spiking or not.
func (s *synapses) denseWeightGrad(x, g []float32, n int) {
	in, out := s.in, s.out
	gT := slices.Grow(s.gT[:0], out*n)[:out*n]
	s.gT = gT
	for t := range n {
		for j, v := range g[t*out : (t+1)*out] {
			gT[j*n+t] = v
		}
	}
	dwT := slices.Grow(s.dwT[:0], out*in)[:out*in]
	s.dwT = dwT
	clear(dwT)
	for t0 := 0; t0 < n; t0 += denseGradSteps {
		kernels.GemmNN(out, in, min(denseGradSteps, n-t0), 1, gT[t0:], n, x[t0*in:], in, 1, dwT, in)
	}
	for j := range out {
		for i, v := range dwT[j*in : (j+1)*in] {
			s.w.Grad[i*out+j] += v
		}
	}
}
