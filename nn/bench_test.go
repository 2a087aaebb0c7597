package nn

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"playground/kernels"
)

// BenchmarkMLPStep times one training step (forward, backward, SGD update)
// of the 784-128-10 ReLU network on minibatches of 64 with softmax
// cross-entropy: the shape quoted for TensorFlow.js comparisons (make
// bench runs it under Node next to TensorFlow.js). samples/s is the
// figure to compare. Under Node, body=wasm uses the WebAssembly kernels
// and body=go the Go bodies, in the same run.
func BenchmarkMLPStep(b *testing.B) {
	for _, batch := range []int{64} {
		b.Run(fmt.Sprintf("784-128-10/batch%d", batch), func(b *testing.B) {
			benchmarkStep(b, 784, []LayerConfig{{Kind: DenseLayer, Units: 128, Activation: ReLU}}, 10, batch)
		})
	}
}

// BenchmarkPlaygroundStep times a step of the networks the page trains
// most: 2-D inputs, narrow hidden layers, small batches.
func BenchmarkPlaygroundStep(b *testing.B) {
	hidden := func(act Activation, units ...int) []LayerConfig {
		var ls []LayerConfig
		for _, u := range units {
			ls = append(ls, LayerConfig{Kind: DenseLayer, Units: u, Activation: act})
		}
		return ls
	}
	cases := []struct {
		name   string
		in     int
		hidden []LayerConfig
		batch  int
	}{
		{"2-4-2-2/tanh/batch10", 2, hidden(Tanh, 4, 2), 10},
		{"2-8-8-2/relu/batch10", 2, hidden(ReLU, 8, 8), 10},
		{"7-64-64-2/tanh/batch30", 7, hidden(Tanh, 64, 64), 30},
		{"2-256-256-128-2/relu/batch30", 2, hidden(ReLU, 256, 256, 128), 30},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) { benchmarkStep(b, c.in, c.hidden, 2, c.batch) })
	}
}

func benchmarkStep(b *testing.B, in int, hidden []LayerConfig, out, batch int) {
	for _, body := range benchBodies() {
		b.Run("body="+body, func(b *testing.B) {
			defer kernels.SetAccelerated(kernels.Accelerated())
			kernels.SetAccelerated(body == "wasm")
			benchmarkBodyStep(b, in, hidden, out, batch)
		})
	}
}

// benchBodies lists the kernel bodies this build can time.
func benchBodies() []string {
	if kernels.Accelerated() {
		return []string{"wasm", "go"}
	}
	return []string{"go"}
}

func benchmarkBodyStep(b *testing.B, in int, hidden []LayerConfig, out, batch int) {
	rng := rand.New(rand.NewPCG(31, 32))
	net, err := NewNetwork(in, hidden, out, Linear, He, rng)
	if err != nil {
		b.Fatal(err)
	}
	rows := 16 * batch
	x := Matrix{Rows: rows, Cols: in, Data: make([]float32, rows*in)}
	y := Matrix{Rows: rows, Cols: out, Data: make([]float32, rows*out)}
	for i := range x.Data {
		x.Data[i] = float32(rng.Float64())
	}
	for r := range rows {
		y.Data[r*out+rng.IntN(out)] = 1
	}
	tr, err := NewTrainer(TrainerConfig{Net: net, Loss: CrossEntropy, Optimizer: OptimizerConfig{Kind: SGD},
		LR: 0.01, Batch: batch, Seed: 1}, x, y)
	if err != nil {
		b.Fatal(err)
	}
	tr.Step() // grow the buffers outside the timing
	b.ReportAllocs()
	for b.Loop() {
		tr.Step()
	}
	b.ReportMetric(float64(batch)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}
