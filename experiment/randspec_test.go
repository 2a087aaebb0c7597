package experiment

import (
	"math"
	"math/rand/v2"
	"slices"

	"playground/data"
	"playground/nn"
)

// randomSpec draws a valid spec. It reaches every enum value and, often,
// the edges of every range (minimum, maximum, the float32 next to an open
// end, tiny and negative-zero values), where encodings break first.
func randomSpec(r *rand.Rand) Spec {
	var s Spec
	s.Data.Set = pick(r, data.Sets())
	s.Data.Points = randomInt(r, MinPoints, MaxPoints)
	s.Data.Noise = randomInt(r, 0, MaxNoise)
	s.Data.TrainPercent = randomInt(r, MinTrainPercent, MaxTrainPercent)
	lo, hi := s.Data.Set.ClassRange()
	s.Data.Classes = randomInt(r, lo, hi)
	if s.Data.Set.Uploaded() {
		// Mostly small uploads, sometimes the largest.
		n := randomInt(r, data.MinCSVRows, 300)
		if r.IntN(8) == 0 {
			n = data.MaxCSVRows
		}
		s.Data.Uploaded = uploadedTable(s.Data.Set, max(s.Data.Classes, 1), n, r.Uint64())
		s.Data.Points, s.Data.Noise = n, 0
	}
	if s.Data.Set.OnPlane() {
		s.Data.Added = randomAdded(r, s.Data)
	}
	s.Data.Removed = randomRemoved(r, s.Data.Generated())

	for _, f := range data.Features() {
		if r.IntN(2) == 0 {
			s.Features = append(s.Features, f)
		}
	}
	if len(s.Features) == 0 {
		s.Features = []data.Feature{pick(r, data.Features())}
	}
	s.Layers = randomLayers(r, s.Inputs(), s.Outputs(), s.Data.Set.Temporal())

	s.Loss = pick(r, nn.Losses())
	if s.Data.Set.Regression() {
		s.Loss = nn.MSE
	}
	s.Init = pick(r, nn.Inits())
	s.Rule = pick(r, nn.Rules())
	unit := interval{lo: 0, hi: 1, openHi: true}
	s.Optimizer = OptimizerSpec{
		Kind:        pick(r, nn.Optimizers()),
		LR:          randomFloat(r, interval{lo: 0, hi: MaxLR, openLo: true}),
		Momentum:    randomFloat(r, unit),
		Beta1:       randomFloat(r, unit),
		Beta2:       randomFloat(r, unit),
		WeightDecay: randomFloat(r, interval{lo: 0, hi: MaxWeightDecay}),
	}
	s.Schedule = ScheduleSpec{
		Kind:   pick(r, nn.Schedules()),
		Every:  randomInt(r, 1, MaxScheduleSteps),
		Gamma:  randomFloat(r, interval{lo: 0, hi: 1, openLo: true}),
		Period: randomInt(r, 1, MaxScheduleSteps),
	}
	s.Reg = RegSpec{Kind: pick(r, nn.Regularizations()), Rate: randomFloat(r, interval{lo: 0, hi: MaxRegRate})}
	s.Batch = randomInt(r, 1, MaxBatch)
	// One step's work is bounded: shrink the batch (or leave L-BFGS,
	// which steps on every example) until it fits.
	for s.StepRows()*s.ExampleWork() > MaxStepWork {
		if s.Rule == nn.LBFGS {
			s.Rule = nn.Minibatch
			continue
		}
		if s.Batch == 1 { // one spiking example is too much: shrink the network
			s.Layers = randomLayers(r, s.Inputs(), s.Outputs(), s.Data.Set.Temporal())
			continue
		}
		s.Batch = max(1, MaxStepWork/s.ExampleWork()-r.IntN(3))
	}
	s.Seed = r.Uint32()
	s.View = ViewSpec{ShowTest: r.IntN(2) == 0, Discretize: r.IntN(2) == 0}
	return s
}

// randomLayers draws a valid layer list for in inputs and out outputs:
// hidden layers of every registered kind with random valid options, then
// an output layer of a kind that can be one, within MaxParams. The kinds
// are those with a time axis for a task of spike trains (temporal), the
// others otherwise.
func randomLayers(r *rand.Rand, in, out int, temporal bool) []LayerSpec {
	var kinds []*nn.KindInfo
	for _, k := range nn.LayerKinds() {
		if k.TimeAxis == temporal {
			kinds = append(kinds, k)
		}
	}
	n := r.IntN(5)
	if r.IntN(8) == 0 {
		n = randomInt(r, 0, MaxLayers-1)
	}
	var hidden []LayerSpec
	width := in
	for range n {
		units := randomInt(r, 1, 16)
		if r.IntN(4) == 0 {
			units = randomInt(r, 1, MaxUnits)
		}
		l := randomLayer(r, kinds, width, units)
		hidden = append(hidden, l)
		width = l.Units
	}
	var outputs []*nn.KindInfo
	for _, k := range kinds {
		if k.CanOutput {
			outputs = append(outputs, k)
		}
	}
	for {
		width := in
		if len(hidden) > 0 {
			width = hidden[len(hidden)-1].Units
		}
		layers := append(slices.Clip(hidden), randomLayer(r, outputs, width, out))
		s := Spec{Features: make([]data.Feature, in), Layers: layers}
		if s.NumParams() <= MaxParams {
			return layers
		}
		if len(hidden) == 0 {
			continue // a smaller output layer is drawn next time
		}
		hidden = hidden[:len(hidden)-1]
	}
}

// randomLayer draws a layer of one of kinds over in inputs, with a random
// activation (Linear for kinds that take none) and random options inside
// their ranges that the kind accepts for these widths. When no draw fits,
// it falls back to a dense layer.
func randomLayer(r *rand.Rand, kinds []*nn.KindInfo, in, units int) LayerSpec {
	k := pick(r, kinds)
	l := LayerSpec{Kind: k.Kind, Units: units, Activation: nn.Linear}
	if k.TakesActivation {
		l.Activation = pick(r, nn.Activations())
	}
	if len(k.Options) == 0 {
		if r.IntN(4) == 0 {
			l.Options = nn.Options{} // empty, not nil: the codecs must not care
		}
		return l
	}
	for range 100 {
		l.Options = make(nn.Options, len(k.Options))
		for _, o := range k.Options {
			l.Options[o.Key] = randomOption(r, o)
		}
		if len(k.Problems(in, l.config())) == 0 {
			return l
		}
	}
	return NewLayer(kinds[0].Kind, units, l.Activation)
}

// randomOption draws a value of o inside its range: its ends, small values
// (ranks and counts are mostly small), or anywhere, whole when o is.
func randomOption(r *rand.Rand, o nn.Option) float32 {
	lo, hi := float64(o.Min), float64(o.Max)
	var x float64
	switch r.IntN(6) {
	case 0:
		x = lo
	case 1:
		x = hi
	case 2, 3:
		x = lo + float64(r.IntN(8))
	default:
		x = lo + (hi-lo)*r.Float64()
	}
	x = min(max(x, lo), hi)
	if o.Integer {
		if x = math.Floor(x); x < lo {
			x = math.Ceil(lo)
		}
	}
	return float32(x)
}

func randomAdded(r *rand.Rand, d DataSpec) []data.Point {
	n := 0
	switch r.IntN(4) {
	case 0:
		n = randomInt(r, 1, 5)
	case 1:
		n = randomInt(r, 0, MaxAdded)
	}
	var points []data.Point
	e := float64(d.Set.Extent())
	square := interval{lo: -e, hi: e}
	lo, hi := d.Set.TargetRange()
	for range n {
		p := data.Point{X1: randomFloat(r, square), X2: randomFloat(r, square)}
		if d.Set.Regression() {
			p.Value = randomFloat(r, interval{lo: float64(lo), hi: float64(hi)})
		} else {
			p.Label = r.IntN(d.Classes)
		}
		points = append(points, p)
	}
	return points
}

func randomRemoved(r *rand.Rand, points int) []int {
	if r.IntN(3) != 0 {
		return nil
	}
	var removed []int
	// Keep each index with a probability that sometimes reaches MaxRemoved.
	keep := r.Float64() * float64(MaxRemoved) / float64(points)
	for i := range points {
		if r.Float64() < keep && len(removed) < MaxRemoved {
			removed = append(removed, i)
		}
	}
	return removed
}

func pick[E any](r *rand.Rand, values []E) E { return values[r.IntN(len(values))] }

// randomInt draws from [lo, hi], landing on either end a quarter of the time.
func randomInt(r *rand.Rand, lo, hi int) int {
	switch r.IntN(8) {
	case 0:
		return lo
	case 1:
		return hi
	}
	return lo + r.IntN(hi-lo+1)
}

// randomFloat draws a float32 inside iv: its ends or their neighbours,
// values with few digits (as people type), values with all nine digits,
// tiny and subnormal values, and -0 where 0 is allowed.
func randomFloat(r *rand.Rand, iv interval) float32 {
	lo, hi := float32(iv.lo), float32(iv.hi)
	var x float32
	switch r.IntN(8) {
	case 0:
		x = lo
		if iv.openLo {
			x = math.Nextafter32(lo, hi)
		}
	case 1:
		x = hi
		if iv.openHi {
			x = math.Nextafter32(hi, lo)
		}
	case 2:
		x = float32(math.Round(float64(lo+(hi-lo)*r.Float32())*100) / 100)
	case 3:
		x = float32(math.Ldexp(1, -r.IntN(149))) // down to the smallest subnormal
	case 4:
		x = float32(math.Copysign(0, -1))
	default:
		x = lo + (hi-lo)*r.Float32()
	}
	if c := new(checker); !c.floatIn("", "", x, iv) {
		return math.Nextafter32((lo+hi)/2, hi) // the draw fell outside; take a value with nine digits
	}
	return x
}
