package session

import (
	"errors"
	"math/rand/v2"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

// Seeds for the independent random streams one spec seed feeds. Each draws
// from its own stream so that, say, adding a layer does not reshuffle the
// data.
const (
	streamData = iota + 1
	streamSplit
	streamInit
	streamBatches
)

func streamSeed(seed uint32, stream uint64) uint64 { return uint64(seed)<<8 | stream }

// dataset is the points of a spec with its matrices for the network.
type dataset struct {
	all         []data.Point // every generated example, before the split and removals
	train, test []data.Point
	// trainSource and testSource say where each point came from: an index
	// into the generated points, or addedSource(i) for hand-added point i.
	trainSource, testSource []int
	xTrain, yTrain          nn.Matrix
	xTest, yTest            nn.Matrix
}

// addedSource marks the i-th hand-added point in a source list.
func addedSource(i int) int { return -1 - i }

// buildData draws the spec's points and splits them, then drops the
// removed ones and appends the hand-added points to the training side.
// The split is made before removal, so removing a point never moves the
// others between training and test.
func buildData(s experiment.Spec) (*dataset, error) {
	d := s.Data
	generated := data.GenerateTimed(d.Set, d.Points, d.Noise, d.Classes, d.Timing, streamSeed(d.Seed, streamData))
	if d.Set.Uploaded() {
		generated = d.Uploaded // a person's own points stand for the generated ones
	}
	removed := make(map[int]bool, len(d.Removed))
	for _, i := range d.Removed {
		removed[i] = true
	}
	trainIdx, testIdx := data.SplitIndices(len(generated), d.TrainPercent, streamSeed(d.Seed, streamSplit))
	ds := &dataset{all: generated}
	for _, i := range trainIdx {
		if !removed[i] {
			ds.train = append(ds.train, generated[i])
			ds.trainSource = append(ds.trainSource, i)
		}
	}
	for _, i := range testIdx {
		if !removed[i] {
			ds.test = append(ds.test, generated[i])
			ds.testSource = append(ds.testSource, i)
		}
	}
	for i, p := range d.Added {
		ds.train = append(ds.train, p)
		ds.trainSource = append(ds.trainSource, addedSource(i))
	}
	if len(ds.train) == 0 {
		return nil, errors.New("no training points left: add points or remove fewer")
	}
	ds.setMatrices(s)
	return ds, nil
}

func (ds *dataset) setMatrices(s experiment.Spec) {
	in, out := s.InputWidth(), s.Outputs()
	set, classes := s.Data.Set, s.Data.Classes
	if !s.Classification() {
		classes = 0
	}
	ds.xTrain = nn.Matrix{Rows: len(ds.train), Cols: in, Data: set.InputMatrix(nil, ds.train, s.Features, classes, s.Data.Timing)}
	ds.yTrain = nn.Matrix{Rows: len(ds.train), Cols: out, Data: data.Targets(nil, ds.train, classes)}
	ds.xTest = nn.Matrix{Rows: len(ds.test), Cols: in, Data: set.InputMatrix(nil, ds.test, s.Features, classes, s.Data.Timing)}
	ds.yTest = nn.Matrix{Rows: len(ds.test), Cols: out, Data: data.Targets(nil, ds.test, classes)}
}

// buildTrainer makes the network and its trainer for the spec and data.
func buildTrainer(s experiment.Spec, ds *dataset) (*nn.Trainer, error) {
	rng := rand.New(rand.NewPCG(streamSeed(s.Seed, streamInit), 0))
	net, err := nn.Build(s.Inputs(), s.LayerConfigs(), s.Init, rng)
	if err != nil {
		return nil, err
	}
	if s.Temporal() {
		net.Steps = s.Steps()
	}
	return nn.NewTrainer(trainerConfig(s, net), ds.xTrain, ds.yTrain)
}

func trainerConfig(s experiment.Spec, net *nn.Network) nn.TrainerConfig {
	o := s.Optimizer
	return nn.TrainerConfig{
		Net:  net,
		Loss: s.Loss,
		Rule: nn.RuleConfig{Kind: s.Rule},
		Optimizer: nn.OptimizerConfig{
			Kind: o.Kind, Momentum: o.Momentum, Beta1: o.Beta1, Beta2: o.Beta2, WeightDecay: o.WeightDecay,
		},
		LR:       o.LR,
		Schedule: nn.Schedule{Kind: s.Schedule.Kind, Every: s.Schedule.Every, Gamma: s.Schedule.Gamma, Period: s.Schedule.Period},
		Reg:      nn.Regularization{Kind: s.Reg.Kind, Rate: s.Reg.Rate},
		Batch:    s.Batch,
		Seed:     streamSeed(s.Seed, streamBatches),
	}
}
