package nn

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// A spiking first layer reads the trainer's minibatch rows in place
// (pickRows): training must take exactly the steps it takes on a gathered
// copy of them, which a first layer that cannot pick rows gets.
func TestLIFTrainsOnPickedRowsAsOnACopy(t *testing.T) {
	const in, steps, rows = 5, 12, 23
	for _, delays := range []int{DelayNone, DelayFixed} {
		build := func() *Network {
			o := LIFLayer.Info().DefaultOptions()
			o[LIFDelays], o[LIFMaxDelay] = float32(delays), 3
			net, err := Build(in, []LayerConfig{
				{Kind: LIFLayer, Units: 40, Activation: Linear, Options: o},
				{Kind: LIFLayer, Units: 3, Activation: Linear, Options: LIFLayer.Info().DefaultOptions()},
			}, Glorot, rand.New(rand.NewPCG(3, 4)))
			if err != nil {
				t.Fatal(err)
			}
			net.Steps = steps
			return net
		}
		rng := rand.New(rand.NewPCG(5, 6))
		x := Matrix{Rows: rows, Cols: steps * in, Data: make([]float32, rows*steps*in)}
		for i := range x.Data {
			if rng.Float64() < 0.3 {
				x.Data[i] = 1
			}
		}
		y := Matrix{Rows: rows, Cols: 3, Data: make([]float32, rows*3)}
		for r := range rows {
			y.Data[r*3+rng.IntN(3)] = 1
		}
		picking, copying := build(), build()
		// Hidden behind the Layer interface, the layer picks no rows.
		copying.Layers[0] = struct{ Layer }{copying.Layers[0]}
		if _, ok := copying.Layers[0].(rowPicker); ok {
			t.Fatal("the wrapped layer still picks rows")
		}
		var trainers []*Trainer
		for _, net := range []*Network{picking, copying} {
			tr, err := NewTrainer(TrainerConfig{Net: net, Loss: CrossEntropy, LR: 0.01, Batch: 7, Seed: 9,
				Optimizer: OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}}, x, y)
			if err != nil {
				t.Fatal(err)
			}
			trainers = append(trainers, tr)
		}
		for step := range 12 { // three epochs, ending on a short batch
			a, b := trainers[0].Step(), trainers[1].Step()
			if a != b {
				t.Fatalf("delays %d, step %d: loss %v on picked rows, %v on a copy", delays, step, a, b)
			}
		}
		if !slices.Equal(picking.CopyParams(nil), copying.CopyParams(nil)) {
			t.Errorf("delays %d: weights differ after training on picked rows and on a copy", delays)
		}
		if l := picking.Layers[0].(*LIF); l.Membrane().Rows != 23-3*7 {
			t.Errorf("delays %d: the last step's membrane has %d rows, its batch %d", delays, l.Membrane().Rows, 23-3*7)
		}
	}
}
