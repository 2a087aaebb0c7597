package experiment

import (
	"fmt"
	"math"

	"playground/data"
	"playground/nn"
)

// How many values each enum has. A spec built in Go can hold any uint8, so
// Validate checks every enum against these.
var (
	numSets          = len(data.Sets())
	numFeatures      = len(data.Features())
	numActivations   = len(nn.Activations())
	numLosses        = len(nn.Losses())
	numInits         = len(nn.Inits())
	numOptimizers    = len(nn.Optimizers())
	numRules         = len(nn.Rules())
	numSchedules     = len(nn.Schedules())
	numRegs          = len(nn.Regularizations())
	canonicalFeature = data.Features()
)

// Validate reports every way s breaks the rules (limits.go), as a
// *ValidationError listing one Violation each, or nil if s can be built and
// trained.
func (s Spec) Validate() error {
	var c checker
	classesOK := c.checkData(s.Data)
	featuresOK := c.checkFeatures(s.Features)
	c.checkNetwork(s, featuresOK && classesOK)
	c.checkTraining(s)
	if len(c.found) == 0 {
		return nil
	}
	return &ValidationError{Violations: c.found}
}

// checkData checks the data fields and reports whether the class count is
// right for the set, which later checks rely on.
func (c *checker) checkData(d DataSpec) (classesOK bool) {
	setOK := c.enum("data.set", "", "data set", int(d.Set), numSets)
	if setOK && d.Set.Uploaded() {
		c.checkUploadedCount(d)
	} else {
		c.intIn("data.points", "", d.Points, " points", MinPoints, MaxPoints)
		c.intIn("data.noise", "", d.Noise, "%", 0, MaxNoise)
	}
	c.intIn("data.trainPercent", "", d.TrainPercent, "%", MinTrainPercent, MaxTrainPercent)
	classesOK = setOK && c.checkClasses(d)
	c.checkAdded(d, classesOK)
	c.checkRemoved(d)
	c.checkUploaded(d, setOK, classesOK)
	c.checkTiming(d, setOK)
	return classesOK
}

// checkTiming checks the options of tasks with a time axis: each 0 (the
// default) or within its bounds, and latency coding only for a set of
// classes on the plane.
func (c *checker) checkTiming(d DataSpec, setOK bool) {
	optional := func(field, what string, v, lo, hi int) {
		if v != 0 {
			c.intIn(field, what, v, "", lo, hi)
		}
	}
	optional("data.latency", "the latency code's time steps ", d.Latency, data.MinLatency, data.MaxLatency)
	if d.Latency != 0 && setOK && !data.LatencyCodes(d.Set) {
		c.add("data.latency", "%v's examples are not classes of points on the plane, so they cannot be coded as spike latencies", d.Set)
	}
	optional("data.gapFirst", "the interval task's first gap ", d.GapFirst, 1, data.MaxGapFirst)
	optional("data.gapStep", "the interval task's gap step ", d.GapStep, 1, data.MaxGapStep)
	optional("data.onsets", "the interval task's onset range ", d.Onsets, 1, data.MaxOnsets)
}

func (c *checker) checkClasses(d DataSpec) bool {
	switch {
	case d.Set.Regression():
		if d.Classes != 0 {
			c.add("data.classes", "%v is a regression set, so classes must be 0, not %d", d.Set, d.Classes)
			return false
		}
		return true
	case d.Set.Pairs():
		lo, hi := d.Set.ClassRange()
		return c.intIn("data.classes", "the modulus p ", d.Classes, "", lo, hi)
	case d.Set.MultiClass():
		lo, hi := d.Set.ClassRange()
		return c.intIn("data.classes", "", d.Classes, " classes", lo, hi)
	default:
		if d.Classes != 2 {
			c.add("data.classes", "%v has 2 classes, not %d", d.Set, d.Classes)
			return false
		}
		return true
	}
}

func (c *checker) checkAdded(d DataSpec, classesOK bool) {
	const field = "data.added"
	if len(d.Added) > MaxAdded {
		c.add(field, "%d added points is more than the limit of %d", len(d.Added), MaxAdded)
	}
	if len(d.Added) > 0 && !d.Set.OnPlane() {
		c.add(field, "%v's examples are not points on the plane, so none can be added", d.Set)
		return
	}
	regression := d.Set.Regression()
	// The square every added point must lie in, and the values a
	// regression's added points may take: the targets' range, widened by
	// half of it each way for noise.
	domain := interval{lo: -float64(d.Set.Extent()), hi: float64(d.Set.Extent())}
	tlo, thi := d.Set.TargetRange()
	values := interval{lo: float64(tlo - (thi-tlo)/2), hi: float64(thi + (thi-tlo)/2)}
	if !d.Set.Function() {
		values = interval{lo: -1, hi: 1}
	}
	for i, p := range d.Added {
		at := fmt.Sprintf("point %d: ", i+1)
		c.floatIn(field, at+"x1 ", p.X1, domain)
		c.floatIn(field, at+"x2 ", p.X2, domain)
		if regression {
			if p.Label != 0 {
				c.add(field, "%slabel must be 0 for a regression set, not %d", at, p.Label)
			}
			c.floatIn(field, at+"value ", p.Value, values)
			continue
		}
		if p.Value != 0 {
			c.add(field, "%svalue must be 0 for a classification set, not %s", at, formatFloat(p.Value))
		}
		if p.Label < 0 || (classesOK && p.Label >= d.Classes) {
			c.add(field, "%slabel %d is not one of the %d classes 0..%d", at, p.Label, d.Classes, d.Classes-1)
		}
	}
}

func (c *checker) checkRemoved(d DataSpec) {
	const field = "data.removed"
	if len(d.Removed) > MaxRemoved {
		c.add(field, "%d removed points is more than the limit of %d", len(d.Removed), MaxRemoved)
	}
	prev := -1
	for i, index := range d.Removed {
		switch {
		case index < 0 || index >= d.Generated():
			c.add(field, "entry %d: %d is not the index of one of the %d generated points", i+1, index, d.Generated())
		case index <= prev:
			c.add(field, "entry %d: %d comes after %d; indices must be ascending and distinct", i+1, index, prev)
		}
		prev = index
	}
}

// checkFeatures reports whether the feature count is usable, which the
// parameter count relies on.
func (c *checker) checkFeatures(features []data.Feature) bool {
	const field = "features"
	ok := true
	if len(features) == 0 {
		c.add(field, "there must be at least one feature")
		ok = false
	}
	if len(features) > numFeatures {
		c.add(field, "%d features is more than the %d there are", len(features), numFeatures)
		ok = false
	}
	prev := -1
	for i, f := range features {
		at := fmt.Sprintf("feature %d: ", i+1)
		switch {
		case !c.enum(field, at, "feature", int(f), numFeatures):
			ok = false
		case int(f) <= prev:
			c.add(field, "%s%v comes after %v; features must be distinct and in the order %v", at, f, data.Feature(prev), canonicalFeature)
			ok = false
		default:
			prev = int(f)
		}
	}
	return ok
}

// checkNetwork checks the layers against their kinds' declarations, the
// loss and the initialization. The parameter count is checked only when
// every layer is valid, so one bad size yields one message.
func (c *checker) checkNetwork(s Spec, ioOK bool) {
	const field = "layers"
	switch {
	case len(s.Layers) == 0:
		c.add(field, "there must be at least the output layer")
	case len(s.Layers) > MaxLayers:
		c.add(field, "%d layers is more than the limit of %d (%d hidden and the output layer)", len(s.Layers), MaxLayers, MaxLayers-1)
	}
	layersOK := len(s.Layers) > 0 && len(s.Layers) <= MaxLayers
	in := s.Inputs()
	for i, l := range s.Layers {
		at := fmt.Sprintf("layer %d: ", i+1)
		output := i == len(s.Layers)-1
		if output {
			at = "output layer: "
		}
		k := l.Kind.Info()
		if k == nil {
			c.add(field, "%sunknown layer kind %q", at, clip(string(l.Kind)))
			layersOK = false
			in = l.Units
			continue
		}
		unitsOK := c.intIn(field, at, l.Units, " units", 1, MaxUnits)
		if output && ioOK && l.Units != s.Outputs() {
			c.add(field, "%s%d units, but the data needs %d outputs", at, l.Units, s.Outputs())
			unitsOK = false
		}
		if output && !k.CanOutput {
			c.add(field, "%sa %s layer cannot be the output layer", at, l.Kind)
			layersOK = false
		}
		if !c.timeAxisFits(s, at, k) {
			layersOK = false
		}
		actOK := c.enum(field, at, "activation", int(l.Activation), numActivations)
		if unitsOK && actOK && in >= 1 && in <= MaxUnits {
			for _, p := range k.Problems(in, l.config()) {
				c.add(field, "%s%s", at, p)
				layersOK = false
			}
		}
		layersOK = layersOK && unitsOK && actOK
		in = l.Units
	}
	if layersOK && ioOK {
		if n := s.NumParams(); n > MaxParams {
			c.add(field, "the network has %d trainable parameters, more than the limit of %d", n, MaxParams)
		} else if rows, work := s.StepRows(), s.ExampleWork(); work == n && rows*n > MaxStepWork {
			c.add("batch", "a step would run %d examples through %d parameters, more than the limit of %d "+
				"(examples × parameters): use a smaller batch, fewer points or a smaller network", rows, n, MaxStepWork)
		} else if work != n && (work > MaxStepWork || rows*work > MaxStepWork) {
			c.add("batch", "a step would run %d examples through %d parameters over %d time steps and their delay taps "+
				"(%d uses each), more than the limit of %d: use a smaller batch, fewer points, shorter delays or a smaller network",
				rows, n, s.Steps(), work, MaxStepWork)
		}
	}
	if c.enum("loss", "", "loss", int(s.Loss), numLosses) && s.Data.Set.Regression() && s.Loss != nn.MSE {
		c.add("loss", "%v is a regression set, which trains on %v, not %v", s.Data.Set, nn.MSE, s.Loss)
	}
	c.enum("init", "", "initialization", int(s.Init), numInits)
}

// timeAxisFits checks that a layer reads the data as it comes: spiking
// (time-axis) layers need spike trains over time steps, and the other
// kinds cannot read them.
func (c *checker) timeAxisFits(s Spec, at string, k *nn.KindInfo) bool {
	set := s.Data.Set
	switch {
	case k.TimeAxis && !s.Temporal():
		c.add("layers", "%sa %s layer works on spike trains over time steps, and %v has no time axis: choose a spiking task (%v, %v), "+
			"code a set of points as spike latencies, or another layer kind",
			at, k.Label, set, data.Interval, data.Sequence)
	case !k.TimeAxis && s.Temporal():
		c.add("layers", "%s%v's examples are spike trains over time steps, which a %s layer cannot read: every layer must be %s",
			at, set, k.Label, nn.LIFLayer.Info().Label)
	default:
		return true
	}
	return false
}

// checkTraining checks the optimizer, schedule, penalty and batch. The
// constants of kinds not chosen are checked too: switching to their kind
// uses them as they are.
func (c *checker) checkTraining(s Spec) {
	c.enum("rule", "", "training rule", int(s.Rule), numRules)
	o := s.Optimizer
	c.enum("optimizer.kind", "", "optimizer", int(o.Kind), numOptimizers)
	c.floatIn("optimizer.lr", "", o.LR, interval{lo: 0, hi: MaxLR, openLo: true})
	unit := interval{lo: 0, hi: 1, openHi: true}
	c.floatIn("optimizer.momentum", "", o.Momentum, unit)
	c.floatIn("optimizer.beta1", "", o.Beta1, unit)
	c.floatIn("optimizer.beta2", "", o.Beta2, unit)
	c.floatIn("optimizer.weightDecay", "", o.WeightDecay, interval{lo: 0, hi: MaxWeightDecay})

	sc := s.Schedule
	c.enum("schedule.kind", "", "schedule", int(sc.Kind), numSchedules)
	c.intIn("schedule.every", "", sc.Every, " steps", 1, MaxScheduleSteps)
	c.floatIn("schedule.gamma", "", sc.Gamma, interval{lo: 0, hi: 1, openLo: true})
	c.intIn("schedule.period", "", sc.Period, " steps", 1, MaxScheduleSteps)

	c.enum("regularization.kind", "", "regularization", int(s.Reg.Kind), numRegs)
	c.floatIn("regularization.rate", "", s.Reg.Rate, interval{lo: 0, hi: MaxRegRate})

	c.intIn("batch", "", s.Batch, " points", 1, MaxBatch)
	c.intIn("view.speed", "", s.View.Speed, " steps a frame", 0, MaxSpeed)
}

// checker collects violations; its checks report whether the value passed.
type checker struct {
	found []Violation
}

func (c *checker) add(field, format string, args ...any) {
	c.found = append(c.found, Violation{Field: field, Problem: fmt.Sprintf(format, args...)})
}

// intIn checks lo <= n <= hi. at locates a list item ("layer 3: "); unit
// follows the number ("300 units").
func (c *checker) intIn(field, at string, n int, unit string, lo, hi int) bool {
	switch {
	case n < lo:
		c.add(field, "%s%d%s is less than the minimum of %d", at, n, unit, lo)
	case n > hi:
		c.add(field, "%s%d%s is more than the limit of %d", at, n, unit, hi)
	default:
		return true
	}
	return false
}

// interval is a range of floats; either end may be open.
type interval struct {
	lo, hi         float64
	openLo, openHi bool
}

// floatIn checks that x is finite and inside r. at locates the value and
// may name it ("point 2: x1 ").
func (c *checker) floatIn(field, at string, x float32, r interval) bool {
	v := float64(x)
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		c.add(field, "%s%v is not a finite number", at, v)
	case r.openLo && v <= r.lo:
		c.add(field, "%s%s must be more than %g", at, formatFloat(x), r.lo)
	case v < r.lo:
		c.add(field, "%s%s is less than the minimum of %g", at, formatFloat(x), r.lo)
	case r.openHi && v >= r.hi:
		c.add(field, "%s%s must be less than %g", at, formatFloat(x), r.hi)
	case v > r.hi:
		c.add(field, "%s%s is more than the limit of %g", at, formatFloat(x), r.hi)
	default:
		return true
	}
	return false
}

// enum checks that an enum value is one of the n the package defines.
func (c *checker) enum(field, at, what string, v, n int) bool {
	if v < n {
		return true
	}
	c.add(field, "%sunknown %s %d (there are %d)", at, what, v, n)
	return false
}
