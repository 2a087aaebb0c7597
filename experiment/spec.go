package experiment

import (
	"maps"
	"slices"

	"playground/data"
	"playground/nn"
)

// Spec is everything a person can set about an experiment. The panel edits
// it, the URL and preset files encode it, and the model and data are built
// from it: nothing else is state worth sharing.
type Spec struct {
	Data      DataSpec       `json:"data"`
	Features  []data.Feature `json:"features"` // inputs, each at most once, in canonical order
	Layers    []LayerSpec    `json:"layers"`   // hidden layers, then the output layer (Units = Outputs())
	Loss      nn.LossKind    `json:"loss"`
	Init      nn.Init        `json:"init"`
	Rule      nn.RuleKind    `json:"rule"` // minibatch steps of the optimizer, or full-batch L-BFGS
	Optimizer OptimizerSpec  `json:"optimizer"`
	Schedule  ScheduleSpec   `json:"schedule"`
	Reg       RegSpec        `json:"regularization"`
	Batch     int            `json:"batch"`
	Seed      uint32         `json:"seed"` // draws the initial weights and the batch order
	View      ViewSpec       `json:"view"`
}

// DataSpec says which points the network learns from.
type DataSpec struct {
	Set          data.Set `json:"set"`
	Points       int      `json:"points"`       // how many the generator draws
	Noise        int      `json:"noise"`        // percent, 0..50
	TrainPercent int      `json:"trainPercent"` // share of points used for training, 10..90
	Classes      int      `json:"classes"`      // 2 for the two-class sets; Set.ClassRange for the others (the modulus p for ModAdd); 0 for regression
	// Added are points placed by clicking on the heatmap; they always train.
	Added []data.Point `json:"added,omitempty"`
	// Removed are indices into the generated points (before the split),
	// ascending and distinct.
	Removed []int `json:"removed,omitempty"`
	// Seed draws the points and the train/test split, apart from the
	// weights' seed, so new data can be drawn for the same network.
	Seed uint32 `json:"seed"`
	// Uploaded are the points of an uploaded set (Set.Uploaded), from a
	// CSV file (data.ParseCSV); Points is their count, Noise 0. The
	// generated points of the other sets are drawn from Seed instead.
	Uploaded data.Table `json:"uploaded,omitempty"`
	// Timing holds the options of tasks with a time axis (a plane set's
	// latency code, the interval task's gaps and onsets), written in
	// files as optional fields of "data".
	data.Timing
}

// UseSet switches the experiment to another data set. The clicked and
// removed points belong to the old set and go; the class count comes into
// the new set's range (a plane set with several classes starts at 3, the
// modular-addition task at p = DefaultModulus, unless the count fits
// already); a regression takes MSE, and classes after a regression take
// cross-entropy; and the output layer is refitted.
func (s *Spec) UseSet(set data.Set) {
	old := s.Data.Set
	s.Data.Set = set
	s.Data.Added, s.Data.Removed = nil, nil
	if !set.Uploaded() {
		s.Data.Uploaded = nil
	}
	lo, hi := set.ClassRange()
	switch {
	case set.Regression():
		s.Loss = nn.MSE
	case old.Regression():
		// Classes train on cross-entropy unless the person picks MSE;
		// a regression's MSE left behind would stall a many-class set.
		s.Loss = nn.CrossEntropy
	}
	switch {
	case set.Pairs() && !old.Pairs():
		s.Data.Classes = DefaultModulus
	case set.MultiClass():
		s.Data.Classes = max(s.Data.Classes, 3)
	}
	s.Data.Classes = min(max(s.Data.Classes, lo), hi)
	if !data.LatencyCodes(set) {
		s.Data.Latency = 0
	}
	s.fitTimeAxis()
	s.FitLayers()
}

// UseLatency codes the plane set's features as spike latencies over
// steps time steps (0: feeds their values), and makes the layers read
// them (spiking layers for spikes, dense ones for values).
func (s *Spec) UseLatency(steps int) {
	s.Data.Latency = steps
	s.fitTimeAxis()
	s.FitLayers()
}

// UseUpload switches the experiment to a person's own points: the set
// for their classes or values (UseSet), the points, their count and class
// count, no noise.
func (s *Spec) UseUpload(u data.Upload) {
	s.UseSet(u.Set())
	s.Data.Uploaded = slices.Clone(u.Points)
	s.Data.Points = len(u.Points)
	s.Data.Noise = 0
	s.Data.Classes = u.Classes
	s.FitLayers()
}

// DefaultModulus is the modular-addition task's p when it is picked: small
// enough to train in seconds, large enough for the test pairs to be
// something to generalize to.
const DefaultModulus = 23

// Generated is how many examples the data set draws before the split: the
// Points asked for, or every pair of a pairs task (p*p, Points unused).
func (d DataSpec) Generated() int {
	if d.Set.Pairs() {
		p := d.Set.Classes(d.Classes)
		return p * p
	}
	return d.Points
}

// LayerSpec is one layer: a registered kind (nn.LayerKinds), its width,
// its activation (Linear for kinds that take none) and the kind's options,
// every one the kind declares (nil when it declares none).
type LayerSpec struct {
	Kind       nn.LayerKind  `json:"kind"`
	Units      int           `json:"units"`
	Activation nn.Activation `json:"activation"`
	Options    nn.Options    `json:"options,omitempty"`
}

// NewLayer is a layer of the kind with every option at its default.
func NewLayer(kind nn.LayerKind, units int, act nn.Activation) LayerSpec {
	l := LayerSpec{Kind: kind, Units: units, Activation: act}
	if k := kind.Info(); k != nil && len(k.Options) > 0 {
		l.Options = k.DefaultOptions()
	}
	return l
}

// Hidden returns the layers before the output layer (a view of Layers).
func (s Spec) Hidden() []LayerSpec {
	if len(s.Layers) == 0 {
		return nil
	}
	return s.Layers[:len(s.Layers)-1]
}

// FitOutput sets the output layer's width to what the data needs, adding
// a dense linear output layer if there is none. Edits that change the
// number of outputs (the data set, the classes) call it.
func (s *Spec) FitOutput() {
	if len(s.Layers) == 0 {
		s.Layers = append(s.Layers, NewLayer(nn.DenseLayer, s.Outputs(), nn.Linear))
		return
	}
	s.Layers[len(s.Layers)-1].Units = s.Outputs()
}

// FitLayers is FitOutput, then each layer's options brought into what its
// widths allow (its kind's Fit: a low-rank layer's rank down to its
// widths). Editors call it after every edit, so picking a kind or
// removing units never leaves a layer its kind refuses.
func (s *Spec) FitLayers() {
	s.FitOutput()
	in := s.Inputs()
	for i := range s.Layers {
		l := &s.Layers[i]
		if k := l.Kind.Info(); k != nil && k.Fit != nil && l.Options != nil && in > 0 && l.Units > 0 {
			l.Options = maps.Clone(l.Options)
			k.Fit(in, l.Units, l.Options)
		}
		in = l.Units
	}
}

// OptimizerSpec is the update rule and its constants. Fields a kind does
// not use are kept, so switching kinds back and forth loses nothing.
type OptimizerSpec struct {
	Kind        nn.OptimizerKind `json:"kind"`
	LR          float32          `json:"lr"`
	Momentum    float32          `json:"momentum"`    // Momentum
	Beta1       float32          `json:"beta1"`       // Adam, AdamW
	Beta2       float32          `json:"beta2"`       // Adam, AdamW
	WeightDecay float32          `json:"weightDecay"` // AdamW, decoupled
}

// ScheduleSpec says how the learning rate changes with the step count.
type ScheduleSpec struct {
	Kind   nn.ScheduleKind `json:"kind"`
	Every  int             `json:"every"`  // StepDecay: steps between drops
	Gamma  float32         `json:"gamma"`  // StepDecay: factor at each drop
	Period int             `json:"period"` // Cosine: steps from the full rate to zero
}

// RegSpec is the penalty on weights.
type RegSpec struct {
	Kind nn.RegKind `json:"kind"`
	Rate float32    `json:"rate"`
}

// ViewSpec holds the display choices a shared link should keep.
type ViewSpec struct {
	ShowTest   bool `json:"showTest"`
	Discretize bool `json:"discretize"`
	// Speed is the pace: training steps per animation frame, 1 to
	// MaxSpeed, or 0 for as many as fit the frame's time budget.
	Speed int `json:"speed"`
	// Play starts training when the page opens; without it a page opens
	// paused at step 0.
	Play bool `json:"play,omitempty"`
}

// DefaultSpeed is the pace a page opens with: the default experiment's
// boundary forms over several seconds, about as TensorFlow Playground
// shows it (one epoch of 25 batches takes a few frames).
const DefaultSpeed = 10

// Speeds are the paces the panel offers, slowest first; 0 (as fast as it
// goes) last.
var Speeds = []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 0}

// config is the layer as package nn builds it.
func (l LayerSpec) config() nn.LayerConfig {
	return nn.LayerConfig{Kind: l.Kind, Units: l.Units, Activation: l.Activation, Options: l.Options}
}

// LayerConfigs are the layers as package nn builds them.
func (s Spec) LayerConfigs() []nn.LayerConfig {
	c := make([]nn.LayerConfig, len(s.Layers))
	for i, l := range s.Layers {
		c[i] = l.config()
	}
	return c
}
