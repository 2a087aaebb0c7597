package data

// Timing is the options of tasks with a time axis, kept in the spec (and
// as optional link keys): a plane set's latency code, and the interval
// task's gaps and onsets. A zero field means the built-in default, so
// links and files written before these options existed keep their
// meaning.
type Timing struct {
	// Latency is the number of time steps a plane set's features are
	// coded over as spike latencies (latency.go); 0 feeds their values
	// as they are, to a network that is not spiking.
	Latency int `json:"latency,omitempty"`
	// GapFirst is the interval task's gap in steps for class 0, GapStep
	// how much longer each next class's gap is, Onsets the range of A's
	// random onset step.
	GapFirst int `json:"gapFirst,omitempty"`
	GapStep  int `json:"gapStep,omitempty"`
	Onsets   int `json:"onsets,omitempty"`
}

// The defaults of the interval task's options: the task as it was before
// they were options.
const (
	DefaultGapFirst = 2
	DefaultGapStep  = 3
	DefaultOnsets   = 10
)

// The bounds of the timing options (for each, 0 also means its default):
// they keep an example's steps, and so the work of a spiking network's
// step, within what a frame can afford.
const (
	MinLatency  = 4
	MaxLatency  = 64
	MaxGapFirst = 20
	MaxGapStep  = 10
	MaxOnsets   = 40
)

// Gap is the interval task's gap in steps between A and B for class k.
func (t Timing) Gap(k int) int { return t.GapFirstInEffect() + k*t.GapStepInEffect() }

// OnsetRange is the number of steps A's random onset is drawn from.
func (t Timing) OnsetRange() int { return orDefault(t.Onsets, DefaultOnsets) }

// GapFirstInEffect is class 0's gap, the option or its default.
func (t Timing) GapFirstInEffect() int { return orDefault(t.GapFirst, DefaultGapFirst) }

// GapStepInEffect is the step between classes' gaps, the option or its
// default.
func (t Timing) GapStepInEffect() int { return orDefault(t.GapStep, DefaultGapStep) }

func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
