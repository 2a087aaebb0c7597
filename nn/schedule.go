package nn

import "math"

// Schedule changes the learning rate with the number of steps taken.
type Schedule struct {
	Kind   ScheduleKind
	Every  int     // StepDecay: steps between drops
	Gamma  float32 // StepDecay: factor applied at each drop
	Period int     // Cosine: steps from the full rate down to zero
}

// Rate returns the learning rate for step (0 for the first step):
//
//	Constant  base
//	StepDecay base·Gamma^⌊step/Every⌋
//	Cosine    base·½(1+cos(π·min(step,Period)/Period)), then 0 after Period
//
// A non-positive Every or Period means the schedule never started: base.
func (s Schedule) Rate(base float32, step int) float32 {
	step = max(step, 0)
	switch s.Kind {
	case StepDecay:
		if s.Every <= 0 {
			return base
		}
		return base * float32(math.Pow(float64(s.Gamma), float64(step/s.Every)))
	case Cosine:
		if s.Period <= 0 {
			return base
		}
		frac := float64(min(step, s.Period)) / float64(s.Period)
		return base * float32(0.5*(1+math.Cos(math.Pi*frac)))
	}
	return base
}

func (k ScheduleKind) valid() bool { return k < numSchedules }
