package data

import (
	"math/rand/v2"
)

// Tasks with a time axis: each example is a spike train over Steps time
// steps on Channels inputs, written into the network's input row
// time-major (step t's spike on channel i at t*Channels+i, 1 or 0). A
// Point holds what rebuilds its train, so splits, removals and links treat
// these examples like any other points:
//
//   - Interval: channels A and B spike once each; X1 is A's step, X2 is
//     B's, the class k is the gap, Timing.Gap(k) steps (by default 2, 5,
//     8, 11, ...) up to noise/25 steps of jitter. A spikes at a random
//     onset (Timing.OnsetRange), so only
//     the gap tells the classes apart: without delays or memory a network
//     is at chance, and one neuron whose A-synapse is delayed by the gap
//     solves it.
//   - Sequence (polychrony): every one of sequenceChannels inputs spikes
//     once, at a time given by the class's fixed pattern in a window of
//     sequenceWindow steps, shifted by a random onset, each spike jittered
//     by up to noise/25 steps, plus noise/10 distractor spikes anywhere.
//     X1 is the example's own seed, which draws that onset, jitter and
//     distractors, X2 the noise percentage it was drawn at. Every example has the same number of spikes, so a rate
//     code is at chance.

// The sequence task's shape.
const (
	sequenceChannels = 12
	sequenceWindow   = 20
	sequenceOnsets   = 5
	// sequencePatterns seeds the classes' fixed timing patterns: they are
	// the task, the same for every data seed.
	sequencePatterns = 0x5e0
)

// temporalTail is the steps after the last possible spike, for delayed
// spikes to arrive and the readout to integrate them.
const temporalTail = 4

// maxJitter is the largest jitter in steps, at MaxNoise.
const maxJitter = MaxNoise / 25

// jitterOf is the jitter in steps for a noise percentage.
func jitterOf(noise float64) int { return int(noise * 100 / 25) }

// Temporal reports whether the set's examples are spike trains over time
// steps (Steps, Channels) rather than values.
func (s Set) Temporal() bool { return s.task().channels > 0 }

// Channels is the number of inputs per time step of a temporal set, 0 for
// the others.
func (s Set) Channels() int { return s.task().channels }

// Steps is the number of time steps of a temporal set's examples for the
// class count (clamped like Classes) and timing options, 0 for the
// others (a plane set's latency code is the spec's business: Timing.Latency).
func (s Set) Steps(classes int, tm Timing) int {
	switch s {
	case Interval:
		return tm.OnsetRange() + tm.Gap(s.Classes(classes)-1) + maxJitter + temporalTail
	case Sequence:
		return sequenceOnsets + sequenceWindow + maxJitter + temporalTail
	}
	return 0
}

// interval draws n examples of the interval task, the classes balanced.
func (g *generator) interval(n, classes int, tm Timing) {
	j := jitterOf(g.noise)
	for k := range classes {
		for range perClass(n, classes, k) {
			a := g.rng.IntN(tm.OnsetRange())
			b := a + tm.Gap(k) + g.rng.IntN(2*j+1) - j
			g.pts = append(g.pts, Point{X1: float32(a), X2: float32(b), Label: k})
		}
	}
}

// sequence draws n examples of the sequence task: each a class and a seed
// for its onset, jitter and distractors (see SpikeInputs).
func (g *generator) sequence(n, classes int) {
	for k := range classes {
		for range perClass(n, classes, k) {
			g.pts = append(g.pts, Point{X1: float32(g.rng.IntN(1 << 24)), X2: float32(g.noise * 100), Label: k})
		}
	}
}

// SpikeInputs writes the input rows of a temporal set's points into dst's
// storage and returns it: Steps(classes, tm)·Channels() values per point.
// A spike outside the steps, or a point that does not describe one (a
// hand-edited file), leaves its row without it rather than panicking.
func (s Set) SpikeInputs(dst []float32, pts []Point, classes int, tm Timing) []float32 {
	ch, steps := s.Channels(), s.Steps(classes, tm)
	cols := ch * steps
	dst = grow(dst, len(pts)*cols)
	clear(dst)
	spike := func(row []float32, t, i int) {
		if t >= 0 && t < steps && i >= 0 && i < ch {
			row[t*ch+i] = 1
		}
	}
	for r, p := range pts {
		row := dst[r*cols : (r+1)*cols]
		switch s {
		case Interval:
			spike(row, wholeStep(p.X1), 0)
			spike(row, wholeStep(p.X2), 1)
		case Sequence:
			if p.Label < 0 || p.Label >= MaxClasses {
				continue
			}
			seq := sequenceExample(p)
			for i, t := range seq.times {
				spike(row, t, i)
			}
			for _, d := range seq.distractors {
				spike(row, d[0], d[1])
			}
		}
	}
	return dst
}

// wholeStep is a coordinate as a step, or -1 when it is not a whole number.
func wholeStep(x float32) int {
	t := int(x)
	if float32(t) != x {
		return -1
	}
	return t
}

// sequenceTimes is class k's pattern: each channel's spike step in the
// window.
func sequenceTimes(k int) [sequenceChannels]int {
	rng := rand.New(rand.NewPCG(sequencePatterns, uint64(k)))
	var times [sequenceChannels]int
	for i := range times {
		times[i] = rng.IntN(sequenceWindow)
	}
	return times
}

// sequenceSpikes is one example of the sequence task.
type sequenceSpikes struct {
	times       [sequenceChannels]int
	distractors [][2]int // (step, channel)
}

// sequenceExample rebuilds a sequence point's spikes: its class's
// pattern, shifted by an onset, jittered, with distractors, all drawn from
// the point's seed X1 at its noise percentage X2.
func sequenceExample(p Point) sequenceSpikes {
	seed, noise := float64(p.X1), float64(p.X2)
	if !(seed >= 0 && seed < 1<<24) {
		seed = 0
	}
	if !(noise >= 0 && noise <= MaxNoise) { // NaN too
		noise = 0
	}
	noise /= 100
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5e9))
	j := jitterOf(noise)
	onset := rng.IntN(sequenceOnsets)
	var ex sequenceSpikes
	for i, t := range sequenceTimes(p.Label) {
		ex.times[i] = maxJitter + onset + t + rng.IntN(2*j+1) - j
	}
	steps := Sequence.Steps(0, Timing{})
	for range int(noise * 100 / 10) {
		ex.distractors = append(ex.distractors, [2]int{rng.IntN(steps), rng.IntN(sequenceChannels)})
	}
	return ex
}
