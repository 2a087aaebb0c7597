package kernels

import (
	"fmt"
	"math"
)

// Learned synaptic delays (DCLS, Hammouamri et al. 2023), for nn's LIF
// layer: synapse i->j of in x out has a position p_ij in steps and a
// weight w_ij, and inside a training step carries its input over the taps
// d = 0..taps-1 with the normalized Gaussian
//
//	g_ij(d) = e_d / (Σ_m e_m + 1e-7),  e_d = exp(-z²/2),  z = (d - p_ij)/σ.
//
// DCLSKernel computes the taps and the weighted kernel once per training
// step; DCLSBackward turns the kernel's gradient into the weights' and
// positions'. Positions and weights are laid out [i][j] (In x Out); taps,
// kernel and its gradient [i][d][j], so that one tap's units are
// contiguous, as the spike-driven products read them. The WebAssembly
// bodies take four synapses j at a time with a float32 exponential; the
// Go body rounds float64's.

// DCLSKernel writes g_ij(d) at gauss[(i·taps+d)·out+j] and w_ij·g_ij(d)
// at the same place in kernel, for σ > 0.
func DCLSKernel(in, out, taps int, sigma float32, pos, w, gauss, kernel []float32) {
	if checkDCLS("DCLSKernel", in, out, taps, pos, w, gauss, kernel, nil) || accelDCLSKernel(in, out, taps, sigma, pos, w, gauss, kernel) {
		return
	}
	inv := 1 / sigma
	for i := range in {
		for j := range out {
			k := i*out + j
			p := pos[k]
			var sum float32
			for d := range taps {
				z := (float32(d) - p) * inv
				e := float32(math.Exp(float64(-z * z / 2)))
				gauss[(i*taps+d)*out+j] = e
				sum += e
			}
			norm := 1 / (sum + 1e-7)
			for d := range taps {
				at := (i*taps+d)*out + j
				g := gauss[at] * norm
				gauss[at] = g
				kernel[at] = w[k] * g
			}
		}
	}
}

// DCLSBackward adds to wGrad and pGrad the gradients of the weights and
// positions given dk = dL/d(kernel) and the taps of DCLSKernel:
//
//	dL/dw = Σ_d dk_d·g_d,  dL/dp = Σ_d dk_d·w·g_d·((d-p)/σ² - Σ_m g_m·(m-p)/σ²).
func DCLSBackward(in, out, taps int, sigma float32, pos, w, gauss, dk, wGrad, pGrad []float32) {
	if checkDCLS("DCLSBackward", in, out, taps, pos, w, gauss, dk, [][]float32{wGrad, pGrad}) ||
		accelDCLSBackward(in, out, taps, sigma, pos, w, gauss, dk, wGrad, pGrad) {
		return
	}
	inv2 := 1 / (sigma * sigma)
	for i := range in {
		for j := range out {
			k := i*out + j
			p, wk := pos[k], w[k]
			var dw, mean, dp float32
			for d := range taps {
				at := (i*taps+d)*out + j
				g := gauss[at]
				dw += dk[at] * g
				mean += g * (float32(d) - p)
			}
			for d := range taps {
				at := (i*taps+d)*out + j
				dp += dk[at] * wk * gauss[at] * ((float32(d)-p)*inv2 - mean*inv2)
			}
			wGrad[k] += dw
			pGrad[k] += dp
		}
	}
}

// checkDCLS panics on negative sizes and on operands shorter than the
// shape: synapse operands in·out, tap operands in·taps·out. It reports
// whether there is nothing to do.
func checkDCLS(name string, in, out, taps int, pos, w, taps1, taps2 []float32, more [][]float32) bool {
	if in < 0 || out < 0 || taps < 0 {
		panic(fmt.Sprintf("kernels: %s with %d inputs, %d outputs, %d taps", name, in, out, taps))
	}
	if in == 0 || out == 0 || taps == 0 {
		return true
	}
	n, nt := in*out, in*taps*out
	_, _, _, _ = pos[n-1], w[n-1], taps1[nt-1], taps2[nt-1]
	for _, s := range more {
		_ = s[n-1]
	}
	return false
}
