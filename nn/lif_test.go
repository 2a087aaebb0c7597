package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"playground/kernels"
)

// relaxForGradcheck makes the layer differentiable for the registry's
// gradient check (see spikeRelaxation), inside a training step so that
// learned delays use their Gaussian kernels. It also takes back the
// initial weights' gain (lifInitGain): with weights that large, the
// registry's finite-difference step moves membranes across much of the
// surrogate's width and float32 central differences lose their accuracy;
// the gain matters to training, not to whether gradients are right.
func (l *LIF) relaxForGradcheck() {
	l.relaxed = &spikeRelaxation{}
	l.beginStep(0)
	kernels.Scale(1/(lifInitGain*l.thresh), l.syn.w.Value)
}

// recordResets makes the next Forward record the resets later ones keep.
func (l *LIF) recordResets() { l.relaxed.record = true }

// clampKinks lists the positions at the ends of their range, where
// Forward clamps them: a kink finite differences must not straddle.
func (l *LIF) clampKinks() []bool {
	on := make([]bool, 0, len(l.syn.pos.Value))
	for _, p := range l.syn.pos.Value {
		on = append(on, p <= 0 || p >= float32(l.syn.taps-1))
	}
	return on
}

// The registry check draws random options; these pin the cases it may
// miss: learned delays short enough to act within its few time steps, at
// a wide and a narrow kernel, and fixed delays.
func TestLIFDelayGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	k := LIFLayer.Info()
	for _, mode := range []int{DelayFixed, DelayLearned} {
		for _, dmax := range []int{1, 2, 3} {
			for _, step := range []int{0, 50, 100} {
				o := k.DefaultOptions()
				o[LIFDelays], o[LIFMaxDelay], o[LIFSharpen] = float32(mode), float32(dmax), 100
				c := kindCase{in: 3, cfg: LayerConfig{Kind: LIFLayer, Units: 4, Activation: Linear, Options: o}, init: Glorot}
				atStep := func(l Layer) Layer { l.(*LIF).beginStep(step); return l }
				for _, err := range checkKindGradients(k, c, rng, atStep) {
					t.Errorf("delays %d, max %d, step %d: %v", mode, dmax, step, err)
				}
			}
		}
	}
}

// The output layer's membrane readout, m = Σ_t softmax(V[t]), is smooth:
// its gradients (inputs, weights, positions) are checked directly.
func TestLIFReadoutGradients(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 12))
	for _, mode := range []int{DelayNone, DelayLearned} {
		l, err := NewLIF(3, 4, LIFConfig{Delays: mode, MaxDelay: 2, Tau: 3, Threshold: 1, Sharpness: 5, SharpenSteps: 10}, Glorot, rng)
		if err != nil {
			t.Fatal(err)
		}
		l.readOut()
		l.beginStep(3)
		const steps = 5
		x := randMatrix(rng, 4, steps*3, 1)
		r := randMatrix(rng, 4, 4, 1)
		loss := func() float64 {
			y := l.Forward(x)
			var s float64
			for i, v := range y.Data {
				s += float64(v) * float64(r.Data[i])
			}
			return s
		}
		loss()
		dx := slices.Clone(l.Backward(r).Data)
		num, _ := numericGrad(x.Data, loss, nil)
		if _, err := mismatchedGrad(dx, num, nil); err != nil {
			t.Errorf("delays %d: input: %v", mode, err)
		}
		for _, p := range l.Params() {
			num, _ := numericGrad(p.Value, loss, nil)
			if _, err := mismatchedGrad(p.Grad, num, nil); err != nil {
				t.Errorf("delays %d: %s: %v", mode, p.Name, err)
			}
		}
	}
}

// A spike on input 0 reaches the unit after its synapse's delay: with
// τ = 1 and one strong synapse, the unit fires exactly d steps later.
func TestLIFDelayShiftsSpikes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	l, err := NewLIF(1, 1, LIFConfig{Delays: DelayLearned, MaxDelay: 6, Tau: 1, Threshold: 0.5, Sharpness: 5, SharpenSteps: 1}, Glorot, rng)
	if err != nil {
		t.Fatal(err)
	}
	l.syn.w.Value[0] = 1
	const steps = 10
	for _, pos := range []float32{0, 2.4, 3.6, 6} {
		l.syn.pos.Value[0] = pos
		x := Matrix{Rows: 1, Cols: steps, Data: make([]float32, steps)}
		x.Data[1] = 1
		y := l.Forward(x)
		want := 1 + int(math.Round(float64(pos)))
		for tt, s := range y.Data {
			if (tt == want) != (s == 1) {
				t.Errorf("position %g: spike train %v, want one spike at step %d", pos, y.Data, want)
				break
			}
		}
		if d := l.Delays(nil)[0]; d != float32(want-1) {
			t.Errorf("position %g: Delays gives %g", pos, d)
		}
	}
}

// Positions learn at 100x the weights' rate, and Adam honours it.
func TestLIFPositionsLearnFaster(t *testing.T) {
	p := &Param{Name: "P", Rows: 1, Cols: 1, Value: []float32{0}, Grad: []float32{1}, LRScale: positionLRScale}
	w := &Param{Name: "W", Rows: 1, Cols: 1, Value: []float32{0}, Grad: []float32{1}}
	opt := NewOptimizer(OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}, []*Param{w, p})
	opt.Step([]*Param{w, p}, 1e-3)
	if ratio := p.Value[0] / w.Value[0]; math.Abs(float64(ratio)-positionLRScale) > 1e-3 {
		t.Errorf("position moved %g, weight %g: ratio %g, want %d", p.Value[0], w.Value[0], ratio, positionLRScale)
	}
}

// Kernels narrow from half the max delay to 0.23 over the sharpening steps.
func TestLIFSigmaSchedule(t *testing.T) {
	var s synapses
	s.init(1, 1, DelayLearned, 10, 100, 1, Glorot, rand.New(rand.NewPCG(1, 1)))
	for _, c := range []struct {
		step int
		want float64
	}{{0, 5}, {100, sigmaEnd}, {1000, sigmaEnd}, {50, math.Sqrt(5 * sigmaEnd)}} {
		if got := float64(s.sigmaAt(c.step)); math.Abs(got-c.want) > 1e-5 {
			t.Errorf("σ at step %d = %g, want %g", c.step, got, c.want)
		}
	}
}
