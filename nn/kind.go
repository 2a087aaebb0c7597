package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// LayerKind names a family of layer ("dense", "lowrank", ...). The name is
// what links, preset files and menus carry.
type LayerKind string

// KindInfo is everything the rest of the program knows about a layer kind:
// the spec, the link and file codecs, validation, the parameter limit, the
// panel's layer rows and the network builder all read it, so a new kind is
// one file that registers its KindInfo (plus its tests).
type KindInfo struct {
	Kind  LayerKind
	Label string // the kind in menus
	Help  string // one sentence for tooltips
	// order places the kind in menus: dense first.
	order int
	// Options are the kind's settings beside units and activation, in the
	// order links write them.
	Options []Option
	// TakesActivation says the kind applies an Activation to its output;
	// kinds that do not (their nonlinearity is built in) take Linear.
	TakesActivation bool
	// TimeAxis says the kind works on sequences of time steps.
	TimeAxis bool
	// CanOutput says the kind may be a network's last layer.
	CanOutput bool
	// Params is the number of trainable values for in inputs and out
	// units; FLOPs the floating-point operations of one sample's forward
	// pass. Both are only asked for valid widths and options.
	Params func(in, out int, o Options) int
	FLOPs  func(in, out int, o Options) int
	// StepUses is how many times one example's training pass uses each
	// parameter, per time step for time-axis kinds (a LIF layer's delay
	// taps), for bounding a step's work; nil means once.
	StepUses func(o Options) int
	// Check reports constraints between options and widths that ranges
	// alone cannot express (a rank above the widths, say); nil if none.
	Check func(in, out int, o Options) error
	// Fit brings options the widths rule out back into what they allow
	// (a rank above them down to them), for editors that change widths or
	// kinds under a layer's options; nil if Check never refuses.
	Fit func(in, out int, o Options)
	// New makes the layer. c has valid options for the kind.
	New func(c LayerConfig, in int, init Init, rng *rand.Rand) (Layer, error)
}

// Option is one numeric setting of a layer kind.
type Option struct {
	Key      string // in links and files: "r"
	Label    string // in the panel: "rank"
	Help     string
	Default  float32
	Min, Max float32 // inclusive
	Integer  bool
	// Choices names the values Min..Max of an option that picks one of
	// a few things (a KAN layer's basis): the panel offers a menu of
	// these names; links and files still carry the number.
	Choices []string
}

// Options holds a layer's option values by key. A layer's options hold
// every key its kind declares, no other (DefaultOptions, then edits).
type Options map[string]float32

// Int returns an integer option (options are validated before use).
func (o Options) Int(key string) int { return int(o[key]) }

var kinds = map[LayerKind]*KindInfo{}

// registerKind adds a kind; each kind's file calls it from init.
func registerKind(k *KindInfo, order int) {
	if _, dup := kinds[k.Kind]; dup || k.Params == nil || k.FLOPs == nil || k.New == nil {
		panic("nn: bad or duplicate layer kind " + string(k.Kind))
	}
	k.order = order
	kinds[k.Kind] = k
}

// LayerKinds lists every kind in menu order.
func LayerKinds() []*KindInfo {
	all := make([]*KindInfo, 0, len(kinds))
	for _, k := range kinds {
		all = append(all, k)
	}
	slices.SortFunc(all, func(a, b *KindInfo) int { return a.order - b.order })
	return all
}

// Info returns the kind's registry entry, or nil for an unknown kind.
func (k LayerKind) Info() *KindInfo { return kinds[k] }

// ParseLayerKind reads a kind's name.
func ParseLayerKind(s string) (LayerKind, error) {
	if kinds[LayerKind(s)] == nil {
		names := make([]string, 0, len(kinds))
		for _, k := range LayerKinds() {
			names = append(names, string(k.Kind))
		}
		return "", fmt.Errorf("unknown layer kind %q (want one of %v)", s, names)
	}
	return LayerKind(s), nil
}

func (k LayerKind) String() string { return string(k) }

// DefaultOptions returns a fresh map with every option at its default.
func (k *KindInfo) DefaultOptions() Options {
	o := make(Options, len(k.Options))
	for _, opt := range k.Options {
		o[opt.Key] = opt.Default
	}
	return o
}

// Option returns the declared option with that key, or nil.
func (k *KindInfo) Option(key string) *Option {
	for i := range k.Options {
		if k.Options[i].Key == key {
			return &k.Options[i]
		}
	}
	return nil
}

// Problems lists what is wrong with a layer of this kind with in inputs
// (each problem a short phrase); none means New will succeed.
func (k *KindInfo) Problems(in int, c LayerConfig) []string {
	var p []string
	if !k.TakesActivation && c.Activation != Linear {
		p = append(p, fmt.Sprintf("a %s layer takes no activation (linear), not %v", k.Kind, c.Activation))
	}
	for key := range c.Options {
		if k.Option(key) == nil {
			p = append(p, fmt.Sprintf("a %s layer has no option %q", k.Kind, key))
		}
	}
	optionsOK := true
	for _, opt := range k.Options {
		v, ok := c.Options[opt.Key]
		if problem := opt.problem(v, ok); problem != "" {
			p = append(p, problem)
			optionsOK = false
		}
	}
	if optionsOK && k.Check != nil && in > 0 && c.Units > 0 {
		if err := k.Check(in, c.Units, c.Options); err != nil {
			p = append(p, err.Error())
		}
	}
	return p
}

func (o *Option) problem(v float32, present bool) string {
	x := float64(v)
	switch {
	case !present:
		return fmt.Sprintf("option %s is missing", o.Key)
	case math.IsNaN(x) || math.IsInf(x, 0):
		return fmt.Sprintf("option %s=%v is not a finite number", o.Key, x)
	case o.Integer && x != math.Trunc(x):
		return fmt.Sprintf("option %s=%g must be a whole number", o.Key, x)
	case v < o.Min || v > o.Max:
		return fmt.Sprintf("option %s=%g is outside %g..%g", o.Key, x, o.Min, o.Max)
	}
	return ""
}

// MarshalText writes the kind's name.
func (k LayerKind) MarshalText() ([]byte, error) { return []byte(k), nil }

// UnmarshalText reads a registered kind's name.
func (k *LayerKind) UnmarshalText(b []byte) (err error) {
	*k, err = ParseLayerKind(string(b))
	return err
}
