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
	sharpen        int         // steps over which learned delays' kernels narrow; 0: 300
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
		o[nn.LIFSharpen] = float32(c.sharpenSteps())
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

// sharpenSteps is the steps over which learned delays' kernels narrow
// (300 unless the run says).
func (c spikingRun) sharpenSteps() int {
	if c.sharpen > 0 {
		return c.sharpen
	}
	return 300
}

var delayNames = [...]string{nn.DelayNone: "none", nn.DelayFixed: "fixed random", nn.DelayLearned: "learned"}

// On the interval task with 4 classes, no delays stay near chance (at
// most 35% test accuracy), learned delays reach at least 95%, fixed random
// delays land in between, on at least 4 of 5 seeds (issue 10's claim, as
// written). Fixed random delays land in between on a seed when they beat
// both near chance (35%, and no delays' own accuracy) and stop short of
// solving the task (95%, and learned delays' own accuracy).
//
// The configuration, and why: fixed and learned delays get the same
// network (2 → LIF 24 → LIF readout 4, τ = 1) and the fixed ones are drawn
// once, uniformly over the max delay, as in the DCLS paper. With the task's
// default gaps (2, 5, 8, 11) and a max delay of 14, the 24 neurons' random
// delay pairs, and the readout's coincidences of their spikes, often
// happen to cover all four gaps, and fixed delays solve the task on some
// seeds (0.683-1.000 over seeds 1-5, between on 3). A random pair matches
// a given gap with a probability that falls with the range the delays are
// drawn from, while learned delays reach any gap below the max delay; so
// the task is scaled up with the delay range: max delay 20, and the gaps
// 4 steps apart (2, 6, 10, 14: the interval task's gap options), as far
// apart relative to the range as before (4/20 against 3/14). Measured over
// seeds 1-10: no delays 0.19-0.25, learned at least 0.95 on 9 seeds,
// fixed 0.60-0.89 on 9 (0.978 on seed 9).
func TestClaimLearnedDelaysSolveTheIntervalTask(t *testing.T) {
	seeds := uint64(5)
	if testing.Short() {
		seeds = 3
	}
	run := spikingRun{set: data.Interval, classes: 4, hidden: 24, maxDelay: 20, epochs: 100, lr: 0.002,
		timing: data.Timing{GapFirst: 2, GapStep: 4}}
	const nearChance, solved = 0.35, 0.95
	var none, fixed, learned int
	var mean [3]float32
	for seed := range seeds {
		var acc [3]float32
		for mode := range acc {
			acc[mode] = run.testAccuracy(t, mode, seed+1)
			mean[mode] += acc[mode] / float32(seeds)
		}
		between := acc[nn.DelayFixed] > max(nearChance, acc[nn.DelayNone]) && acc[nn.DelayFixed] < min(solved, acc[nn.DelayLearned])
		t.Logf("seed %d: test accuracy with delays %s %.3f, %s %.3f, %s %.3f; fixed in between: %v", seed+1,
			delayNames[0], acc[0], delayNames[1], acc[1], delayNames[2], acc[2], between)
		if acc[nn.DelayNone] <= nearChance {
			none++
		}
		if acc[nn.DelayLearned] >= solved {
			learned++
		}
		if between {
			fixed++
		}
	}
	t.Logf("means: none %.3f, fixed random %.3f, learned %.3f", mean[0], mean[1], mean[2])
	need := int(seeds) - 1
	if none < need || learned < need || fixed < need {
		t.Errorf("of %d seeds: %d without delays at most 35%%, %d learned at least 95%%, %d fixed in between; want %d each",
			seeds, none, learned, fixed, need)
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
