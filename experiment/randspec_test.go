package experiment

import (
	"math"
	"math/rand/v2"

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
	switch {
	case s.Data.Set.Regression():
		s.Data.Classes = 0
	case s.Data.Set.MultiClass():
		s.Data.Classes = randomInt(r, 2, data.MaxClasses)
	default:
		s.Data.Classes = 2
	}
	s.Data.Added = randomAdded(r, s.Data)
	s.Data.Removed = randomRemoved(r, s.Data.Points)

	for _, f := range data.Features() {
		if r.IntN(2) == 0 {
			s.Features = append(s.Features, f)
		}
	}
	if len(s.Features) == 0 {
		s.Features = []data.Feature{pick(r, data.Features())}
	}
	s.Layers = randomLayers(r)
	for s.NumParams() > MaxParams {
		s.Layers = s.Layers[:len(s.Layers)-1]
	}

	s.Loss = pick(r, nn.Losses())
	if s.Data.Set.Regression() {
		s.Loss = nn.MSE
	}
	s.Init = pick(r, nn.Inits())
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
	s.Seed = r.Uint32()
	s.View = ViewSpec{ShowTest: r.IntN(2) == 0, Discretize: r.IntN(2) == 0}
	return s
}

func randomLayers(r *rand.Rand) []LayerSpec {
	n := r.IntN(5)
	if r.IntN(8) == 0 {
		n = randomInt(r, 0, MaxLayers)
	}
	var layers []LayerSpec
	if n == 0 && r.IntN(2) == 0 {
		layers = []LayerSpec{} // empty, not nil: the codecs must not care
	}
	for range n {
		units := randomInt(r, 1, 16)
		if r.IntN(4) == 0 {
			units = randomInt(r, 1, MaxUnits)
		}
		layers = append(layers, LayerSpec{
			Kind:       pick(r, nn.LayerKinds()),
			Units:      units,
			Activation: pick(r, nn.Activations()),
		})
	}
	return layers
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
	square := interval{lo: -data.Domain, hi: data.Domain}
	for range n {
		p := data.Point{X1: randomFloat(r, square), X2: randomFloat(r, square)}
		if d.Set.Regression() {
			p.Value = randomFloat(r, interval{lo: -1, hi: 1})
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
