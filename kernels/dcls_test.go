package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The DCLS kernels against float64 references: natively the Go body,
// under Node the WebAssembly body the loader chose.

type dclsCase struct {
	in, out, taps int
	sigma         float32
	pos, w        []float32 // in x out
	dk            []float32 // in x taps x out
}

func dclsCases(rng *rand.Rand) []dclsCase {
	var cases []dclsCase
	for _, in := range []int{1, 3} {
		for _, out := range []int{1, 3, 4, 5, 9} {
			for _, taps := range []int{1, 2, 26, 51} {
				for _, sigma := range []float32{float32(taps-1) / 2, 1, 0.23} {
					if sigma < 0.23 {
						sigma = 0.23
					}
					c := dclsCase{in: in, out: out, taps: taps, sigma: sigma,
						pos: make([]float32, in*out), w: randSlice(rng, in*out), dk: randSlice(rng, in*taps*out)}
					for k := range c.pos {
						c.pos[k] = float32(rng.Float64() * float64(taps-1))
					}
					cases = append(cases, c)
				}
			}
		}
	}
	return cases
}

// dclsReference returns the taps and kernel in float64.
func dclsReference(c dclsCase) (gauss, kernel []float64) {
	nt := c.in * c.taps * c.out
	gauss, kernel = make([]float64, nt), make([]float64, nt)
	for i := range c.in {
		for j := range c.out {
			k := i*c.out + j
			var sum float64
			for d := range c.taps {
				z := (float64(d) - float64(c.pos[k])) / float64(c.sigma)
				e := math.Exp(-z * z / 2)
				gauss[(i*c.taps+d)*c.out+j] = e
				sum += e
			}
			for d := range c.taps {
				at := (i*c.taps+d)*c.out + j
				gauss[at] /= sum + 1e-7
				kernel[at] = float64(c.w[k]) * gauss[at]
			}
		}
	}
	return gauss, kernel
}

// dclsTapTolerance bounds a tap's error: every g is at most 1, and the
// float32 argument of exp costs a relative error of its size times the
// argument's rounding, which only large arguments, whose taps are tiny,
// make large.
const dclsTapTolerance = 2e-6

// checkDCLSTaps compares the taps and kernel of a case with the float64
// reference.
func checkDCLSTaps(t *testing.T, c dclsCase, gauss, kernel []float32) {
	t.Helper()
	wantG, wantK := dclsReference(c)
	for at := range wantG {
		if d := math.Abs(float64(gauss[at]) - wantG[at]); !(d <= dclsTapTolerance) {
			t.Fatalf("%dx%d taps %d σ %v: gauss[%d] = %v, want %v", c.in, c.out, c.taps, c.sigma, at, gauss[at], wantG[at])
		}
		if d := math.Abs(float64(kernel[at]) - wantK[at]); !(d <= dclsTapTolerance) {
			t.Fatalf("%dx%d taps %d σ %v: kernel[%d] = %v, want %v", c.in, c.out, c.taps, c.sigma, at, kernel[at], wantK[at])
		}
	}
}

func TestDCLSKernelAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(81, 82))
	for _, c := range dclsCases(rng) {
		nt := c.in * c.taps * c.out
		gauss, kernel := filled(nt+2, -3), filled(nt+2, -3)
		DCLSKernel(c.in, c.out, c.taps, c.sigma, c.pos, c.w, gauss, kernel)
		checkDCLSTaps(t, c, gauss, kernel)
		if gauss[nt] != -3 || kernel[nt+1] != -3 {
			t.Fatalf("%dx%d taps %d: wrote past the taps", c.in, c.out, c.taps)
		}
	}
}

func TestDCLSBackwardAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(83, 84))
	for _, c := range dclsCases(rng) {
		n, nt := c.in*c.out, c.in*c.taps*c.out
		gauss, kernel := make([]float32, nt), make([]float32, nt)
		DCLSKernel(c.in, c.out, c.taps, c.sigma, c.pos, c.w, gauss, kernel)
		wGrad, pGrad := randSlice(rng, n+1), randSlice(rng, n+1)
		w0, p0 := append([]float32(nil), wGrad...), append([]float32(nil), pGrad...)
		DCLSBackward(c.in, c.out, c.taps, c.sigma, c.pos, c.w, gauss, c.dk, wGrad, pGrad)
		inv2 := 1 / (float64(c.sigma) * float64(c.sigma))
		for i := range c.in {
			for j := range c.out {
				k := i*c.out + j
				p := float64(c.pos[k])
				var dw, dwMag, mean float64
				for d := range c.taps {
					at := (i*c.taps+d)*c.out + j
					g := float64(gauss[at])
					dw += float64(c.dk[at]) * g
					dwMag += math.Abs(float64(c.dk[at]) * g)
					mean += g * (float64(d) - p)
				}
				var dp, dpMag float64
				for d := range c.taps {
					at := (i*c.taps+d)*c.out + j
					term := float64(c.dk[at]) * float64(c.w[k]) * float64(gauss[at]) * ((float64(d) - p - mean) * inv2)
					dp += term
					dpMag += math.Abs(float64(c.dk[at])*float64(c.w[k])*float64(gauss[at])) * (math.Abs(float64(d)-p) + math.Abs(mean)) * inv2
				}
				wantW, wantP := float64(w0[k])+dw, float64(p0[k])+dp
				if e := math.Abs(float64(wGrad[k]) - wantW); !(e <= 1e-6*(dwMag+math.Abs(wantW))+1e-7) {
					t.Fatalf("%dx%d taps %d σ %v: wGrad[%d] = %v, want %v", c.in, c.out, c.taps, c.sigma, k, wGrad[k], wantW)
				}
				if e := math.Abs(float64(pGrad[k]) - wantP); !(e <= 1e-5*(dpMag+math.Abs(wantP))+1e-7) {
					t.Fatalf("%dx%d taps %d σ %v: pGrad[%d] = %v, want %v", c.in, c.out, c.taps, c.sigma, k, pGrad[k], wantP)
				}
			}
		}
		if wGrad[n] != w0[n] || pGrad[n] != p0[n] {
			t.Fatalf("%dx%d taps %d: wrote past the gradients", c.in, c.out, c.taps)
		}
	}
}

func TestDCLSRefusesShortOperands(t *testing.T) {
	if _, err := panicOf(func() {
		DCLSKernel(2, 3, 4, 1, make([]float32, 6), make([]float32, 6), make([]float32, 24), make([]float32, 23))
	}); err == nil {
		t.Error("DCLSKernel with a short kernel did not panic")
	}
}
