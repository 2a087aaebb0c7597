package nn

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"playground/kernels"
)

// lifBenchShapes are the spiking networks the issue compares with
// snntorch 0.9 (one thread, batch 64, BPTT, ATan, Adam): a hidden LIF
// layer and a LIF readout, over T steps, with the snntorch step time.
var lifBenchShapes = []struct {
	in, hidden, out, steps int
	snntorchMs             float64
}{
	{2, 64, 4, 50, 20},
	{700, 256, 20, 100, 130},
}

// lifBenchRate is the probability that an input channel spikes at a step
// in the benchmark's random trains: sparse, as event-based inputs are. The
// spike-driven products cost in proportion to it; snntorch's dense ones
// do not.
const lifBenchRate = 0.05

// lifBenchMaxDelay is the max delay of the learned-delay variant.
const lifBenchMaxDelay = 25

// BenchmarkLIFStep times one training step (forward, BPTT, Adam) of the
// spiking shapes at batch 64, without delays and with learned delays on
// the hidden layer (max delay 25), on random input spike trains of
// lifBenchRate. Under Node, body=wasm uses the WebAssembly kernels and
// body=go the Go bodies, in the same run; ms/step is the figure to compare
// with snntorch's.
func BenchmarkLIFStep(b *testing.B) {
	for _, sh := range lifBenchShapes {
		for _, delays := range []int{DelayNone, DelayLearned} {
			label := "none"
			if delays == DelayLearned {
				label = fmt.Sprintf("learned-max%d", lifBenchMaxDelay)
			}
			name := fmt.Sprintf("%d-%d-%d/T%d/delays=%s", sh.in, sh.hidden, sh.out, sh.steps, label)
			for _, body := range benchBodies() {
				b.Run(name+"/body="+body, func(b *testing.B) {
					defer kernels.SetAccelerated(kernels.Accelerated())
					kernels.SetAccelerated(body == "wasm")
					benchmarkLIFStep(b, sh.in, sh.hidden, sh.out, sh.steps, delays)
				})
			}
		}
	}
}

func benchmarkLIFStep(b *testing.B, in, hidden, out, steps, delays int) {
	const batch = 64
	rng := rand.New(rand.NewPCG(51, 52))
	o := LIFLayer.Info().DefaultOptions()
	o[LIFDelays], o[LIFMaxDelay] = float32(delays), lifBenchMaxDelay
	net, err := Build(in, []LayerConfig{
		{Kind: LIFLayer, Units: hidden, Activation: Linear, Options: o},
		{Kind: LIFLayer, Units: out, Activation: Linear, Options: LIFLayer.Info().DefaultOptions()},
	}, Glorot, rng)
	if err != nil {
		b.Fatal(err)
	}
	net.Steps = steps
	rows := 4 * batch
	x := Matrix{Rows: rows, Cols: steps * in, Data: make([]float32, rows*steps*in)}
	spikes := 0
	for i := range x.Data {
		if rng.Float64() < lifBenchRate {
			x.Data[i] = 1
			spikes++
		}
	}
	y := Matrix{Rows: rows, Cols: out, Data: make([]float32, rows*out)}
	for r := range rows {
		y.Data[r*out+rng.IntN(out)] = 1
	}
	tr, err := NewTrainer(TrainerConfig{Net: net, Loss: CrossEntropy, LR: 1e-3, Batch: batch, Seed: 1,
		Optimizer: OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}}, x, y)
	if err != nil {
		b.Fatal(err)
	}
	// Grow the buffers, and let the engine's optimizing tier compile the
	// kernels, outside the timing.
	for start := time.Now(); time.Since(start) < 300*time.Millisecond; {
		tr.Step()
	}
	b.ReportAllocs()
	for b.Loop() {
		tr.Step()
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(b.N), "ms/step")
	b.ReportMetric(float64(spikes)/float64(len(x.Data)), "input-rate")
}
