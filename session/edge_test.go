package session

import (
	"math"
	"testing"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

// Specs at the edges of the limits build, train and evaluate without
// NaN or panics: what a hand-edited link can reach.
func TestEdgeSpecsTrain(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*experiment.Spec)
	}{
		{"one training point, batch larger than the data", func(s *experiment.Spec) {
			s.Data.Points, s.Data.TrainPercent, s.Batch = experiment.MinPoints, experiment.MinTrainPercent, experiment.MaxBatch
		}},
		{"no hidden layer", func(s *experiment.Spec) { s.Layers = nil }},
		{"widest layer", func(s *experiment.Spec) {
			s.Layers = []experiment.LayerSpec{{Kind: nn.DenseLayer, Units: experiment.MaxUnits, Activation: nn.GELU}}
		}},
		{"deepest stack", func(s *experiment.Spec) {
			s.Layers = nil
			for range experiment.MaxLayers - 1 {
				s.Layers = append(s.Layers, experiment.LayerSpec{Kind: nn.DenseLayer, Units: 3, Activation: nn.SiLU})
			}
		}},
		{"eight rings, adam, cosine, l1", func(s *experiment.Spec) {
			s.Data.Set, s.Data.Classes = data.Rings, data.MaxClasses
			s.Optimizer.Kind, s.Schedule.Kind, s.Reg.Kind = nn.Adam, nn.Cosine, nn.L1
		}},
		{"regression, all features, adamw, step decay, l2", func(s *experiment.Spec) {
			s.Data.Set, s.Data.Classes, s.Loss = data.MultiGauss, 0, nn.MSE
			s.Features = data.Features()
			s.Optimizer.Kind, s.Schedule.Kind, s.Reg.Kind = nn.AdamW, nn.StepDecay, nn.L2
		}},
		{"mse on classes, momentum, sine, zero init", func(s *experiment.Spec) {
			s.Loss, s.Optimizer.Kind, s.Init = nn.MSE, nn.Momentum, nn.Zero
			s.Layers[0].Activation = nn.Sine
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The edits write the hidden layers; the output layer follows.
			spec := experiment.Default()
			spec.Layers = spec.Hidden()
			tc.edit(&spec)
			spec.Layers = append(spec.Layers, experiment.NewLayer(nn.DenseLayer, spec.Outputs(), nn.Linear))
			if err := spec.Validate(); err != nil {
				t.Fatalf("spec invalid: %v", err)
			}
			sess := newSession(t, spec)
			if took := sess.Step(200); took != 200 {
				t.Fatalf("took %d of 200 steps: %s", took, sess.LastError())
			}
			m := sess.Metrics()
			if math.IsNaN(float64(m.TrainLoss)) || math.IsInf(float64(m.TrainLoss), 0) {
				t.Fatalf("train loss %v", m.TrainLoss)
			}
			if surf := sess.Snapshot(8).Surface; len(surf.Nodes) != len(spec.Layers)+1 {
				t.Fatalf("surface has %d columns", len(surf.Nodes))
			}
		})
	}
}
