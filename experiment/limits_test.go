package experiment

import (
	"math"
	"testing"

	"playground/data"
	"playground/nn"
)

// longestSpec is a valid spec whose encodings are as long as they get: the
// most added points, each with the longest float32 text, the most removed
// indices at their widest, every feature, and the most layers, low-rank
// ones with three-digit widths and ranks.
func longestSpec() Spec {
	s := Default()
	s.Data = DataSpec{Set: data.MultiGauss, Points: MaxPoints, Noise: MaxNoise, TrainPercent: 15}
	tiny := float32(-1.1754944e-38) // the longest float32 text: "-1.1754944e-38"
	for range MaxAdded {
		s.Data.Added = append(s.Data.Added, data.Point{X1: tiny, X2: tiny, Value: tiny})
	}
	for i := range MaxRemoved {
		s.Data.Removed = append(s.Data.Removed, MaxPoints-MaxRemoved+i)
	}
	s.Features = data.Features()
	s.Layers = nil
	for range MaxLayers - 1 {
		s.Layers = append(s.Layers, LayerSpec{Kind: nn.LowRankLayer, Units: 100, Activation: nn.Sigmoid, Options: nn.Options{"r": 7}})
	}
	s.Layers[1].Units, s.Layers[1].Options["r"] = 102, 100 // a rank with three digits, once: it costs
	s.Layers = append(s.Layers, LayerSpec{Kind: nn.LowRankLayer, Units: 1, Activation: nn.Sigmoid, Options: nn.Options{"r": 1}})
	s.Loss = nn.MSE
	next := func(x float32) float32 { return math.Nextafter32(x, 0) }
	s.Optimizer = OptimizerSpec{Kind: nn.AdamW, LR: 1.2345679e-05, Momentum: next(1), Beta1: next(1), Beta2: next(1), WeightDecay: 1.2345679e-05}
	s.Schedule = ScheduleSpec{Kind: nn.StepDecay, Every: MaxScheduleSteps, Gamma: 1.2345679e-05, Period: MaxScheduleSteps}
	s.Reg = RegSpec{Kind: nn.L2, Rate: 1.2345679e-05}
	// The largest batch one step's work allows for this network, with a
	// digit to spare in the hash.
	s.Batch, s.Seed = min(MaxBatch, MaxStepWork/s.NumParams()), math.MaxUint32
	return s
}

func TestLongestSpecFitsTheCaps(t *testing.T) {
	s := longestSpec()
	if err := s.Validate(); err != nil {
		t.Fatalf("longestSpec is invalid: %v", err)
	}
	h := checkHashRoundTrip(t, s)
	b := checkJSONRoundTrip(t, s)
	t.Logf("longest hash: %d of %d bytes; longest file: %d of %d bytes", len(h), MaxHashLen, len(b), MaxJSONLen)
	if len(h) > MaxHashLen*3/4 || len(b) > MaxJSONLen*3/4 {
		t.Errorf("the longest spec leaves too little room under the caps: hash %d of %d, file %d of %d",
			len(h), MaxHashLen, len(b), MaxJSONLen)
	}
}
