//go:build !js

package nn_test

import (
	"math/rand/v2"
	"testing"

	"playground/data"
	"playground/nn"
)

// The claims of the spiking layer (issue 10), checked over seeds with
// their numbers printed; nothing is timed. They run natively only.

// spikingRun is one training run of a two-layer spiking network: a hidden
// LIF layer with the delays under test, and a LIF readout without delays.
type spikingRun struct {
	set            data.Set
	classes, noise int
	hidden         int
	maxDelay       int
	epochs         int
	lr             float64
	timing         data.Timing // the task's gaps and onsets (zero: the defaults)
}

// testAccuracy trains the run's network with delays mode on seed and
// returns its test accuracy (delays rounded, as at inference).
func (c spikingRun) testAccuracy(t *testing.T, mode int, seed uint64) float32 {
	t.Helper()
	pts := data.GenerateTimed(c.set, 600, c.noise, c.classes, c.timing, seed)
	trainIdx, testIdx := data.SplitIndices(len(pts), 70, seed+100)
	steps, in := c.set.Steps(c.classes, c.timing), c.set.Channels()
	rows := func(idx []int) (x, y nn.Matrix) {
		p := make([]data.Point, len(idx))
		for i, j := range idx {
			p[i] = pts[j]
		}
		x = nn.Matrix{Rows: len(p), Cols: steps * in, Data: c.set.InputMatrix(nil, p, nil, c.classes, c.timing)}
		y = nn.Matrix{Rows: len(p), Cols: c.classes, Data: data.Targets(nil, p, c.classes)}
		return x, y
	}
	xTrain, yTrain := rows(trainIdx)
	xTest, yTest := rows(testIdx)

	// τ = 1: membranes forget at once, so only delays can bring spikes
	// that happened at different steps together.
	options := func(mode int) nn.Options {
		o := nn.LIFLayer.Info().DefaultOptions()
		o[nn.LIFDelays], o[nn.LIFMaxDelay], o[nn.LIFTau] = float32(mode), float32(c.maxDelay), 1
		o[nn.LIFSharpen] = 300
		return o
	}
	net, err := nn.Build(in, []nn.LayerConfig{
		{Kind: nn.LIFLayer, Units: c.hidden, Activation: nn.Linear, Options: options(mode)},
		{Kind: nn.LIFLayer, Units: c.classes, Activation: nn.Linear, Options: options(nn.DelayNone)},
	}, nn.Glorot, rand.New(rand.NewPCG(seed, 3)))
	if err != nil {
		t.Fatal(err)
	}
	net.Steps = steps
	tr, err := nn.NewTrainer(nn.TrainerConfig{
		Net: net, Loss: nn.CrossEntropy, LR: float32(c.lr), Batch: 32, Seed: seed,
		Schedule:  nn.Schedule{Kind: nn.Cosine, Period: c.epochs * (len(trainIdx) + 31) / 32},
		Optimizer: nn.OptimizerConfig{Kind: nn.Adam, Beta1: 0.9, Beta2: 0.999},
	}, xTrain, yTrain)
	if err != nil {
		t.Fatal(err)
	}
	for tr.Epoch() < c.epochs {
		tr.Step()
	}
	_, acc := tr.Evaluate(xTest, yTest)
	return acc
}

var delayNames = [...]string{nn.DelayNone: "none", nn.DelayFixed: "fixed random", nn.DelayLearned: "learned"}

// On the interval task with 4 classes, no delays stay near chance (at
// most 35% test accuracy) and learned delays reach at least 95%, each on
// at least 4 of 5 seeds; fixed random delays land in between: above no
// delays on at least 4 seeds, and on average below learned ones. (In
// this two-layer network the readout can itself match hidden spikes that
// random delays happen to bring together, so fixed delays often come close
// to learned ones; the printed numbers show by how much.)
func TestClaimLearnedDelaysSolveTheIntervalTask(t *testing.T) {
	seeds := uint64(5)
	if testing.Short() {
		seeds = 3
	}
	run := spikingRun{set: data.Interval, classes: 4, hidden: 24, maxDelay: 14, epochs: 100, lr: 0.002}
	var none, fixed, learned int
	var mean [3]float32
	for seed := range seeds {
		var acc [3]float32
		for mode := range acc {
			acc[mode] = run.testAccuracy(t, mode, seed+1)
			mean[mode] += acc[mode] / float32(seeds)
		}
		t.Logf("seed %d: test accuracy with delays %s %.3f, %s %.3f, %s %.3f", seed+1,
			delayNames[0], acc[0], delayNames[1], acc[1], delayNames[2], acc[2])
		if acc[nn.DelayNone] <= 0.35 {
			none++
		}
		if acc[nn.DelayLearned] >= 0.95 {
			learned++
		}
		if acc[nn.DelayFixed] > acc[nn.DelayNone] {
			fixed++
		}
	}
	t.Logf("means: none %.3f, fixed random %.3f, learned %.3f", mean[0], mean[1], mean[2])
	need := int(seeds) - 1
	if none < need || learned < need || fixed < need {
		t.Errorf("of %d seeds: %d without delays at most 35%%, %d learned at least 95%%, %d fixed above none; want %d each",
			seeds, none, learned, fixed, need)
	}
	if !(mean[0] < mean[1] && mean[1] < mean[2]) {
		t.Errorf("mean accuracies none %.3f, fixed %.3f, learned %.3f are not in that order", mean[0], mean[1], mean[2])
	}
}

// On the sequence (polychrony) task, whose classes differ only in spike
// timing, learned delays beat no delays by at least 20 points of test
// accuracy on every seed.
func TestClaimLearnedDelaysBeatNoneOnTheSequenceTask(t *testing.T) {
	seeds := uint64(3)
	if testing.Short() {
		seeds = 2
	}
	run := spikingRun{set: data.Sequence, classes: 4, noise: 25, hidden: 16, maxDelay: 20, epochs: 60, lr: 0.002}
	for seed := range seeds {
		none := run.testAccuracy(t, nn.DelayNone, seed+1)
		learned := run.testAccuracy(t, nn.DelayLearned, seed+1)
		t.Logf("seed %d: test accuracy without delays %.3f, with learned delays %.3f", seed+1, none, learned)
		if learned-none < 0.20 {
			t.Errorf("seed %d: learned delays %.3f beat none %.3f by less than 20 points", seed+1, learned, none)
		}
	}
}
