//go:build js

package panel

import (
	"slices"
	"strconv"

	"playground/data"
	"playground/experiment"
	"playground/nn"
)

func (p *Panel) buildData() {
	sec := p.section("Data")
	var sets []choice
	for _, set := range data.Sets() {
		sets = append(sets, choice{set.Label(), set.String()})
	}
	p.addSelect(sec, "dataset", "Data set", sets,
		func(s experiment.Spec) string { return s.Data.Set.String() },
		func(s *experiment.Spec, v string) error {
			set, err := data.ParseSet(v)
			if err != nil {
				return err
			}
			if handled, err := uploadedSetChoice(s, set); handled {
				return err
			}
			s.UseSet(set)
			return nil
		})
	classes := func(s experiment.Spec) float64 { return float64(s.Data.Classes) }
	setClasses := func(s *experiment.Spec, v float64) { s.Data.Classes = int(v); s.Data.Added = nil }
	onPlane := func(s experiment.Spec) bool { return s.Data.Set.OnPlane() }
	// An upload fixes its points, their count and classes, without noise;
	// spike trains are drawn examples too: they take a count, noise and a seed.
	generated := func(s experiment.Spec) bool {
		return s.Data.Set.OnPlane() && !s.Data.Set.Uploaded() || s.Data.Set.Temporal()
	}
	p.addNumber(sec, numberField{id: "classes", label: "Classes", min: "2", max: strconv.Itoa(data.MaxClasses), step: "1", integer: true,
		get: classes, set: setClasses,
	}).visible = func(s experiment.Spec) bool { return s.Data.Set.MultiClass() && generated(s) }
	p.addNumber(sec, numberField{id: "modulus", label: "Modulus p", min: strconv.Itoa(data.MinModulus), max: strconv.Itoa(data.MaxModulus), step: "1", integer: true,
		get: classes, set: setClasses,
	}).visible = func(s experiment.Spec) bool { return s.Data.Set.Pairs() }
	p.addNumber(sec, numberField{id: "points", label: "Points", min: "10", max: strconv.Itoa(experiment.MaxPoints), step: "10", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.Points) },
		set: func(s *experiment.Spec, v float64) { s.Data.Points = int(v); s.Data.Removed = nil },
	}).visible = generated
	p.addRange(sec, "noise", "Noise %", 0, 50, 5,
		func(s experiment.Spec) int { return s.Data.Noise },
		func(s *experiment.Spec, v int) { s.Data.Noise = v }).visible = generated
	p.buildTiming(sec)
	p.buildSpikeView(sec)
	p.buildUpload(sec)
	p.addNumber(sec, numberField{id: "data-seed", label: "Data seed", min: "0", max: "4294967295", step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Data.Seed) },
		set: func(s *experiment.Spec, v float64) { regenerate(s, uint32(min(max(v, 0), 4294967295))) },
	}).visible = generated
	regen := p.button(sec, "regenerate", "New data", "Draw new points from the next data seed; the network starts again", func() {
		p.edit(func(s *experiment.Spec) error { regenerate(s, s.Data.Seed+1); return nil })
	})
	p.controls = append(p.controls, &control{row: regen.BasicHTMLElement, sync: func(experiment.Spec) {}, visible: generated})
	p.addRange(sec, "ratio", "Training %", 10, 90, 10,
		func(s experiment.Spec) int { return s.Data.TrainPercent },
		func(s *experiment.Spec, v int) { s.Data.TrainPercent = v })
	p.addNumber(sec, numberField{id: "batch", label: "Batch size", min: "1", max: strconv.Itoa(experiment.MaxBatch), step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Batch) },
		set: func(s *experiment.Spec, v float64) { s.Batch = int(v) },
	}).visible = minibatch
	p.addCheck(sec, "show-test", "Show test points",
		func(s experiment.Spec) bool { return s.View.ShowTest },
		func(s *experiment.Spec, v bool) { s.View.ShowTest = v }).visible = onPlane
	p.addCheck(sec, "discretize", "Discretize output",
		func(s experiment.Spec) bool { return s.View.Discretize },
		func(s *experiment.Spec, v bool) { s.View.Discretize = v }).visible = onPlane
	p.brush = p.newBrush(sec)
}

func (p *Panel) buildFeatures() {
	sec := p.section("Features")
	// Only examples on the plane have features to pick.
	p.controls = append(p.controls, &control{row: sec, sync: func(experiment.Spec) {},
		visible: func(s experiment.Spec) bool { return s.Data.Set.OnPlane() }})
	box := p.element("div", "features")
	sec.AppendChild(box)
	for _, f := range data.Features() {
		p.addCheck(box, "feature-"+f.String(), featureLabel(f),
			func(s experiment.Spec) bool { return slices.Contains(s.Features, f) },
			func(s *experiment.Spec, on bool) {
				next := s.Features[:0:0]
				for _, g := range data.Features() {
					if g == f && on || g != f && slices.Contains(s.Features, g) {
						next = append(next, g)
					}
				}
				s.Features = next
			})
	}
}

func featureLabel(f data.Feature) string {
	switch f {
	case data.X1:
		return "x₁"
	case data.X2:
		return "x₂"
	case data.X1Squared:
		return "x₁²"
	case data.X2Squared:
		return "x₂²"
	case data.X1X2:
		return "x₁x₂"
	case data.SinX1:
		return "sin x₁"
	case data.SinX2:
		return "sin x₂"
	}
	return f.String()
}

func (p *Panel) buildTraining() {
	sec := p.section("Training")
	p.addSelect(sec, "loss", "Loss", []choice{{"cross-entropy", nn.CrossEntropy.String()}, {"mean squared error", nn.MSE.String()}},
		func(s experiment.Spec) string { return s.Loss.String() },
		func(s *experiment.Spec, v string) (err error) { s.Loss, err = nn.ParseLoss(v); return err },
	).visible = experiment.Spec.Classification
	p.addSelect(sec, "rule", "Training rule", []choice{{"minibatch steps", nn.Minibatch.String()}, {"full-batch L-BFGS", nn.LBFGS.String()}},
		func(s experiment.Spec) string { return s.Rule.String() },
		func(s *experiment.Spec, v string) (err error) { s.Rule, err = nn.ParseRule(v); return err })
	// L-BFGS takes its own steps on the whole training set: the
	// optimizer, its constants and the batch size have no say then, so
	// they are hidden (and kept). The learning rate and its schedule stay:
	// L-BFGS starts each line search from that step.
	p.addSelect(sec, "optimizer", "Optimizer", names(nn.Optimizers()),
		func(s experiment.Spec) string { return s.Optimizer.Kind.String() },
		func(s *experiment.Spec, v string) (err error) {
			s.Optimizer.Kind, err = nn.ParseOptimizer(v)
			return err
		}).visible = minibatch
	p.addNumber(sec, numberField{id: "lr", label: "Learning rate", min: "0", max: "10", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Optimizer.LR) },
		set: func(s *experiment.Spec, v float64) { s.Optimizer.LR = float32(v) },
	})
	p.addNumber(sec, numberField{id: "momentum", label: "Momentum", min: "0", max: "0.999", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Optimizer.Momentum) },
		set: func(s *experiment.Spec, v float64) { s.Optimizer.Momentum = float32(v) },
	}).visible = func(s experiment.Spec) bool { return minibatch(s) && s.Optimizer.Kind == nn.Momentum }
	adam := func(s experiment.Spec) bool {
		return minibatch(s) && (s.Optimizer.Kind == nn.Adam || s.Optimizer.Kind == nn.AdamW)
	}
	p.addNumber(sec, numberField{id: "beta1", label: "β₁", min: "0", max: "0.999", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Optimizer.Beta1) },
		set: func(s *experiment.Spec, v float64) { s.Optimizer.Beta1 = float32(v) },
	}).visible = adam
	p.addNumber(sec, numberField{id: "beta2", label: "β₂", min: "0", max: "0.9999", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Optimizer.Beta2) },
		set: func(s *experiment.Spec, v float64) { s.Optimizer.Beta2 = float32(v) },
	}).visible = adam
	p.addNumber(sec, numberField{id: "weight-decay", label: "Weight decay", min: "0", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Optimizer.WeightDecay) },
		set: func(s *experiment.Spec, v float64) { s.Optimizer.WeightDecay = float32(v) },
	}).visible = func(s experiment.Spec) bool { return minibatch(s) && s.Optimizer.Kind == nn.AdamW }
	p.addSelect(sec, "schedule", "LR schedule", names(nn.Schedules()),
		func(s experiment.Spec) string { return s.Schedule.Kind.String() },
		func(s *experiment.Spec, v string) (err error) { s.Schedule.Kind, err = nn.ParseSchedule(v); return err })
	p.addNumber(sec, numberField{id: "sched-every", label: "Drop every (steps)", min: "1", step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Schedule.Every) },
		set: func(s *experiment.Spec, v float64) { s.Schedule.Every = int(v) },
	}).visible = func(s experiment.Spec) bool { return s.Schedule.Kind == nn.StepDecay }
	p.addNumber(sec, numberField{id: "sched-gamma", label: "Drop factor", min: "0", max: "1", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Schedule.Gamma) },
		set: func(s *experiment.Spec, v float64) { s.Schedule.Gamma = float32(v) },
	}).visible = func(s experiment.Spec) bool { return s.Schedule.Kind == nn.StepDecay }
	p.addNumber(sec, numberField{id: "sched-period", label: "Cosine period (steps)", min: "1", step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Schedule.Period) },
		set: func(s *experiment.Spec, v float64) { s.Schedule.Period = int(v) },
	}).visible = func(s experiment.Spec) bool { return s.Schedule.Kind == nn.Cosine }
	p.addSelect(sec, "regularization", "Regularization", names(nn.Regularizations()),
		func(s experiment.Spec) string { return s.Reg.Kind.String() },
		func(s *experiment.Spec, v string) (err error) { s.Reg.Kind, err = nn.ParseReg(v); return err })
	p.addNumber(sec, numberField{id: "reg-rate", label: "Regularization rate", min: "0", step: "any",
		get: func(s experiment.Spec) float64 { return float64(s.Reg.Rate) },
		set: func(s *experiment.Spec, v float64) { s.Reg.Rate = float32(v) },
	}).visible = func(s experiment.Spec) bool { return s.Reg.Kind != nn.NoReg }
	p.addSelect(sec, "init", "Initialization", names(nn.Inits()),
		func(s experiment.Spec) string { return s.Init.String() },
		func(s *experiment.Spec, v string) (err error) { s.Init, err = nn.ParseInit(v); return err })
	p.addNumber(sec, numberField{id: "seed", label: "Weight seed", min: "0", max: "4294967295", step: "1", integer: true,
		get: func(s experiment.Spec) float64 { return float64(s.Seed) },
		set: func(s *experiment.Spec, v float64) { s.Seed = uint32(min(max(v, 0), 4294967295)) },
	})
}

// minibatch says the training rule takes minibatch steps of an optimizer.
func minibatch(s experiment.Spec) bool { return s.Rule == nn.Minibatch }

// regenerate draws the data from another seed. Removed points are indices
// into the old draw, so they go; clicked points stay.
func regenerate(s *experiment.Spec, seed uint32) {
	if seed != s.Data.Seed {
		s.Data.Seed, s.Data.Removed = seed, nil
	}
}
