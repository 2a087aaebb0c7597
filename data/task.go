package data

import "math"

// A task is what a Set asks of a network: how many inputs and outputs, the
// loss and metric that fit it, and what views can show. Every set is one
// row of the table below; the spec, validation, the session and the panel
// ask these methods instead of naming sets.
type task struct {
	// label names the set in menus.
	label string
	// classes is the range of class counts the set takes; {0, 0} for a
	// regression, {2, 2} for the two-class sets.
	classes [2]int
	// extent is the half-width of the square its points lie in; 0 when the
	// examples are not points on the plane.
	extent float32
	// fn is a function set's target over (u, v) in [-1, 1]^2.
	fn func(u, v float64) float64
	// target is the range of a regression's targets.
	target [2]float32
	// pairs marks a task over every pair (a, b) of 0..p-1, p the class count.
	pairs bool
	// uploaded marks a person's own points (ParseCSV), which the spec
	// carries: nothing is generated.
	uploaded bool
	// channels is the inputs per time step of a task whose examples are
	// spike trains (temporal.go); 0 for the others.
	channels int
}

// MinModulus and MaxModulus bound p of the modular-addition task: its
// class count.
const (
	MinModulus = 5
	MaxModulus = 97
)

var tasks = [numSets]task{
	Circle:     {label: "circle", classes: [2]int{2, 2}, extent: Domain},
	XOR:        {label: "XOR", classes: [2]int{2, 2}, extent: Domain},
	Gauss:      {label: "two Gaussians", classes: [2]int{2, 2}, extent: Domain},
	Spiral:     {label: "spiral", classes: [2]int{2, 2}, extent: Domain},
	Plane:      {label: "plane (regression)", extent: Domain, target: [2]float32{-1, 1}},
	MultiGauss: {label: "six bumps (regression)", extent: Domain, target: [2]float32{-1, 1}},
	SpiralK:    {label: "spiral, k arms", classes: [2]int{2, MaxClasses}, extent: Domain},
	Rings:      {label: "rings, k classes", classes: [2]int{2, MaxClasses}, extent: Domain},
	ExpSin: {label: "fit exp(sin πx + y²)", extent: 1, target: [2]float32{float32(math.Exp(-1)), float32(math.Exp(2))},
		fn: func(u, v float64) float64 { return math.Exp(math.Sin(math.Pi*u) + v*v) }},
	XY:     {label: "fit x·y", extent: 1, target: [2]float32{-1, 1}, fn: func(u, v float64) float64 { return u * v }},
	Ratio:  {label: "fit (x+y)/(1+xy)", extent: 1, target: [2]float32{-1, 1}, fn: ratio},
	SinXY:  {label: "fit sin(πx)·y", extent: 1, target: [2]float32{-1, 1}, fn: func(u, v float64) float64 { return math.Sin(math.Pi*u) * v }},
	SumSq:  {label: "fit x² + y²", extent: 1, target: [2]float32{0, 2}, fn: func(u, v float64) float64 { return u*u + v*v }},
	ModAdd: {label: "(a + b) mod p", classes: [2]int{MinModulus, MaxModulus}, pairs: true},
	// Uploaded points are rescaled into the plane's square and targets
	// into [-1, 1] when they leave them (ParseCSV).
	Uploaded:       {label: "your CSV data (classes)", classes: [2]int{2, MaxClasses}, extent: Domain, uploaded: true},
	UploadedValues: {label: "your CSV data (regression)", extent: Domain, target: [2]float32{-1, 1}, uploaded: true},
	Interval:       {label: "spike interval", classes: [2]int{2, MaxClasses}, channels: 2},
	Sequence:       {label: "spike sequence (polychrony)", classes: [2]int{2, MaxClasses}, channels: sequenceChannels},
	Waves: {label: "fit sin πx + cos 2πy", extent: 1, target: [2]float32{-2, 2},
		fn: func(u, v float64) float64 { return math.Sin(math.Pi*u) + math.Cos(2*math.Pi*v) }},
}

// ratio is (u+v)/(1+uv), tanh's addition rule: it stays in [-1, 1] on the
// square. At the corners (1, -1) and (-1, 1) it is 0/0 and has no limit;
// it is taken as 0 there.
func ratio(u, v float64) float64 {
	d := 1 + u*v
	if d == 0 {
		return 0
	}
	return (u + v) / d
}

// Label names the set in menus ("fit exp(sin πx + y²)"); String is its
// name in links and files.
func (s Set) Label() string {
	if l := s.task().label; l != "" {
		return l
	}
	return s.String()
}

func (s Set) task() task {
	if s >= numSets {
		return task{}
	}
	return tasks[s]
}

// Regression reports whether the set's targets are real values rather than classes.
func (s Set) Regression() bool { r := s.task().classes; return s < numSets && r[1] == 0 }

// MultiClass reports whether the set takes a class count (for ModAdd, the
// class count is the modulus p).
func (s Set) MultiClass() bool { r := s.task().classes; return r[0] < r[1] }

// ClassRange is the class counts the set takes: lo == hi == 0 for a
// regression, 2 and 2 for the two-class sets.
func (s Set) ClassRange() (lo, hi int) { r := s.task().classes; return r[0], r[1] }

// Function reports whether the set fits a function of the plane.
func (s Set) Function() bool { return s.task().fn != nil }

// Pairs reports whether the examples are every pair (a, b) of 0..p-1
// rather than points on the plane: no features, no clicked points, and
// the views show the p x p table.
func (s Set) Pairs() bool { return s.task().pairs }

// Uploaded reports whether the set's points are a person's own, read from
// a CSV file and carried in the experiment rather than generated.
func (s Set) Uploaded() bool { return s.task().uploaded }

// OnPlane reports whether the examples are points on the plane: they take
// input features, can be clicked, and the heatmap shows the network.
func (s Set) OnPlane() bool { return s.task().extent > 0 }

// Extent is the half-width of the square [-Extent, Extent]^2 the set's
// points lie in: Domain for TensorFlow Playground's sets, 1 for the
// function sets (their variables' own range), 0 for tasks off the plane.
func (s Set) Extent() float32 { return s.task().extent }

// TargetRange is the range of a regression's targets (without noise): the
// heatmap maps it onto its colors.
func (s Set) TargetRange() (lo, hi float32) { r := s.task().target; return r[0], r[1] }

// Target is a function set's target at (x1, x2), NaN for other sets.
func (s Set) Target(x1, x2 float32) float32 {
	fn := s.task().fn
	if fn == nil {
		return float32(math.NaN())
	}
	return float32(fn(float64(x1), float64(x2)))
}

// Inputs is the network's input width for the set: one per feature on the
// plane, two one-hot blocks of p for pairs, the channels per time step of
// a temporal set (whose rows hold Steps of them, see InputWidth).
func (s Set) Inputs(features, classes int) int {
	switch {
	case s.Pairs():
		return 2 * classes
	case s.Temporal():
		return s.Channels()
	}
	return features
}

// InputWidth is the number of values in one example's input row: Inputs,
// times Steps for a temporal set or a latency-coded one.
func (s Set) InputWidth(features, classes int, tm Timing) int {
	if s.Temporal() {
		return s.Channels() * s.Steps(classes, tm)
	}
	if tm.Latency > 0 && LatencyCodes(s) {
		return LatencyChannels(features) * LatencySteps(tm.Latency)
	}
	return s.Inputs(features, classes)
}

// Outputs is the network's output width for the set: one per class, one
// for a regression.
func (s Set) Outputs(classes int) int {
	if s.Regression() {
		return 1
	}
	return classes
}
