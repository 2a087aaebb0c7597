package nn

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// The registry gradient check: every kind in LayerKinds, at several random
// option values and widths, with every activation it takes, must give
// Backward's input gradient and every Param's gradient equal to central
// differences of its Forward. A kind registered later is checked without a
// new test.

const (
	kindConfigs   = 6 // random configurations per kind
	kindMaxWidth  = 7 // widths are drawn in 1..kindMaxWidth
	kindGradRows  = 5 // batch rows
	kindMaxDraws  = 500
	kindReluTries = 4 // fresh batches when ReLU kinks hide too many entries
	kindSteps     = 4 // time steps per row for time-axis kinds
)

// spikingRelaxation is a spiking layer made differentiable for the check.
// Its forward spike step(u) becomes the smooth 1/2 + atan(π/2·α·u)/π,
// whose derivative is the ATan surrogate Backward uses, and its detached
// reset is held at the resets of the first pass of each batch
// (recordResets), a constant as detaching means; Backward is then the
// exact gradient of the relaxed layer. This checks the whole backward
// pass, BPTT through the leak and the reset, the weights, the delay
// positions through the Gaussian kernels and the input gradient, against
// the forward pass rather than against a copy of its formulas. clampKinks
// lists clamped delay positions, skipped like ReLU kinks.
type spikingRelaxation interface {
	relaxForGradcheck()
	recordResets()
	clampKinks() []bool
}

// kindCase is one valid configuration of a kind.
type kindCase struct {
	in   int
	cfg  LayerConfig // Activation is set per subtest
	init Init
}

func (c kindCase) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d-%d", c.in, c.cfg.Units)
	keys := make([]string, 0, len(c.cfg.Options))
	for k := range c.cfg.Options {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, ",%s=%g", k, c.cfg.Options[k])
	}
	fmt.Fprintf(&b, ",%v", c.init)
	return b.String()
}

func TestEveryKindGradients(t *testing.T) {
	kinds := LayerKinds()
	if len(kinds) == 0 {
		t.Fatal("no layer kinds registered")
	}
	for _, k := range kinds {
		t.Run(string(k.Kind), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(41, kindSeed(k.Kind)))
			acts := []Activation{Linear}
			if k.TakesActivation {
				acts = Activations()
			}
			for _, c := range drawKindCases(t, rng, k, kindConfigs) {
				for _, act := range acts {
					t.Run(fmt.Sprintf("%v/%v", c, act), func(t *testing.T) {
						c.cfg.Activation = act
						for _, err := range checkKindGradients(k, c, rng, nil) {
							t.Error(err)
						}
					})
				}
			}
		})
	}
}

// kindSeed gives each kind its own random stream, independent of how many
// kinds come before it.
func kindSeed(k LayerKind) uint64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return h.Sum64()
}

// drawKindCases returns n configurations the kind accepts (Problems finds
// nothing): the default options first when some widths accept them, then
// random options and widths, redrawn while the kind refuses them.
func drawKindCases(t *testing.T, rng *rand.Rand, k *KindInfo, n int) []kindCase {
	t.Helper()
	inits := []Init{Glorot, He, LeCun, Uniform}
	act := Linear
	if k.TakesActivation {
		act = Tanh
	}
	var cases []kindCase
	for draw := 0; len(cases) < n && draw < kindMaxDraws; draw++ {
		opts := k.DefaultOptions()
		if draw > 0 {
			for _, o := range k.Options {
				opts[o.Key] = drawOption(rng, o)
			}
		}
		c := kindCase{
			in:   1 + rng.IntN(kindMaxWidth),
			cfg:  LayerConfig{Kind: k.Kind, Units: 1 + rng.IntN(kindMaxWidth), Activation: act, Options: opts},
			init: inits[len(cases)%len(inits)],
		}
		if draw == 0 {
			// Widest widths, so that defaults bounded by widths fit.
			c.in, c.cfg.Units = kindMaxWidth, kindMaxWidth-1
		}
		if len(k.Problems(c.in, c.cfg)) == 0 {
			cases = append(cases, c)
		}
	}
	if len(cases) < n {
		t.Fatalf("found only %d of %d configurations the kind accepts with widths up to %d", len(cases), n, kindMaxWidth)
	}
	return cases
}

// drawOption draws a value in [o.Min, o.Max]; for integers, half the draws
// stay within the eight smallest values, since small widths refuse large
// options bounded by them (a rank, say).
func drawOption(rng *rand.Rand, o Option) float32 {
	if o.Integer {
		lo, hi := math.Ceil(float64(o.Min)), math.Floor(float64(o.Max))
		if rng.IntN(2) == 0 {
			hi = math.Min(hi, lo+7)
		}
		return float32(lo + float64(rng.IntN(int(hi-lo)+1)))
	}
	v := o.Min + float32(rng.Float64())*(o.Max-o.Min)
	return min(max(v, o.Min), o.Max)
}

// checkKindGradients builds the layer and returns every disagreement
// between backprop and central differences for the loss sum(y ⊙ r), plus
// contract violations (shapes, parameter count, accumulation). breakIt,
// if not nil, wraps the layer, for the test that the check can fail.
func checkKindGradients(k *KindInfo, c kindCase, rng *rand.Rand, breakIt func(Layer) Layer) []error {
	layer, err := k.New(c.cfg, c.in, c.init, rng)
	if err != nil {
		return []error{fmt.Errorf("New: %v", err)}
	}
	// A spiking layer's step has no useful finite differences; its Backward
	// is the exact gradient of the relaxed layer (see relaxForGradcheck).
	var spikes spikingRelaxation
	if sr, ok := layer.(spikingRelaxation); ok {
		sr.relaxForGradcheck()
		spikes = sr
	}
	if breakIt != nil {
		layer = breakIt(layer)
	}
	in, out := c.in, c.cfg.Units
	// Time-axis kinds take and give kindSteps steps per row.
	steps := 1
	if k.TimeAxis {
		steps = kindSteps
	}
	var errs []error
	fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }

	if layer.Kind() != k.Kind || layer.In() != in || layer.Out() != out {
		fail("layer says kind %v, %d -> %d", layer.Kind(), layer.In(), layer.Out())
	}
	params := layer.Params()
	count := 0
	for _, p := range params {
		if len(p.Value) != p.Rows*p.Cols || len(p.Grad) != len(p.Value) {
			fail("param %s: %dx%d with %d values and %d gradients", p.Name, p.Rows, p.Cols, len(p.Value), len(p.Grad))
		}
		count += len(p.Value)
	}
	if want := k.Params(in, out, c.cfg.Options); count != want {
		fail("layer holds %d parameters, KindInfo.Params says %d", count, want)
	}
	if n := len(layer.Edges(nil)); n != in*out {
		fail("Edges gave %d strengths, want %d", n, in*out)
	}
	if len(errs) > 0 {
		return errs
	}

	for try := 0; ; try++ {
		x := randMatrix(rng, kindGradRows, steps*in, 1)
		r := randMatrix(rng, kindGradRows, steps*out, 1)
		var y Matrix
		loss := func() float64 {
			y = layer.Forward(x)
			if y.Rows != x.Rows || y.Cols != steps*out || len(y.Data) != y.Rows*y.Cols {
				panic(fmt.Sprintf("Forward gave %dx%d (%d values) for %d rows of %d units", y.Rows, y.Cols, len(y.Data), x.Rows, steps*out))
			}
			var s float64
			for i, v := range y.Data {
				s += float64(v) * float64(r.Data[i])
			}
			return s
		}
		// With ReLU last, a unit is on exactly when its output is positive:
		// a finite difference that switches one straddles a kink.
		var kinks func() []bool
		if spikes != nil {
			spikes.recordResets()
			kinks = spikes.clampKinks
		} else if c.cfg.Activation == ReLU {
			var on []bool
			kinks = func() []bool {
				on = on[:0]
				for _, v := range y.Data {
					on = append(on, v > 0)
				}
				return on
			}
		}

		for _, p := range params {
			clear(p.Grad)
		}
		loss()
		dx := slices.Clone(layer.Backward(r).Data)
		grads := make([][]float32, len(params))
		for i, p := range params {
			grads[i] = slices.Clone(p.Grad)
		}

		type target struct {
			name     string
			values   []float32
			analytic []float32
		}
		targets := []target{{"input", x.Data, dx}}
		for i, p := range params {
			targets = append(targets, target{"param " + p.Name, p.Value, grads[i]})
		}
		// Coverage is judged over all the tensors together: one small
		// tensor (a bias whose units sit near their kinks for any batch)
		// may lose most of its entries to kinks at one configuration; the
		// other activations check it in full.
		var gradErrs []error
		checked, entries := 0, 0
		for _, tg := range targets {
			if len(tg.analytic) != len(tg.values) {
				gradErrs = append(gradErrs, fmt.Errorf("%s: %d gradients for %d values", tg.name, len(tg.analytic), len(tg.values)))
				continue
			}
			num, skip := numericGrad(tg.values, loss, kinks)
			n, err := mismatchedGrad(tg.analytic, num, skip)
			if err != nil {
				gradErrs = append(gradErrs, fmt.Errorf("%s: %w", tg.name, err))
			}
			checked += n
			entries += len(tg.values)
		}
		if len(gradErrs) == 0 && checked*5 < entries*4 {
			if try+1 < kindReluTries {
				continue // too close to ReLU kinks to judge: a fresh batch
			}
			gradErrs = append(gradErrs, fmt.Errorf("only %d of %d entries away from kinks", checked, entries))
		}
		errs = append(errs, gradErrs...)

		// Gradients accumulate: a second Backward adds as much again.
		loss()
		layer.Backward(r)
		for i, p := range params {
			if err := closeSlices(p.Grad, scaled(grads[i], 2)); err != nil {
				fail("param %s after two Backwards (must accumulate): %v", p.Name, err)
			}
		}
		// BackwardParams, where the kind offers it, gives the same
		// parameter gradients as Backward.
		if pb, ok := layer.(paramBackwarder); ok {
			for _, p := range params {
				clear(p.Grad)
			}
			loss()
			pb.BackwardParams(r)
			for i, p := range params {
				if err := closeSlices(p.Grad, grads[i]); err != nil {
					fail("param %s: BackwardParams differs from Backward: %v", p.Name, err)
				}
			}
		}
		return errs
	}
}

func scaled(v []float32, s float32) []float32 {
	out := make([]float32, len(v))
	for i := range v {
		out[i] = v[i] * s
	}
	return out
}

// closeSlices allows float32 rounding: kernels may add in another order.
func closeSlices(got, want []float32) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d values, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := float64(got[i]), float64(want[i])
		if math.Abs(g-w) > 1e-5*math.Max(math.Abs(g), math.Abs(w))+1e-6 {
			return fmt.Errorf("entry %d: %g, want %g", i, g, w)
		}
	}
	return nil
}

// brokenLayer perturbs a correct layer's backward pass.
type brokenLayer struct {
	Layer
	mangle func(l Layer, dx Matrix)
}

func (b brokenLayer) Backward(dy Matrix) Matrix {
	dx := b.Layer.Backward(dy)
	b.mangle(b.Layer, dx)
	return dx
}

// TestEveryKindGradientsCatchesErrors makes sure the registry check fails
// for a layer whose input gradient or one parameter's gradient is off by
// 10% or has a flipped sign.
func TestEveryKindGradientsCatchesErrors(t *testing.T) {
	largest := func(v []float32) int {
		best := 0
		for i := range v {
			if math.Abs(float64(v[i])) > math.Abs(float64(v[best])) {
				best = i
			}
		}
		return best
	}
	breaks := map[string]func(l Layer, dx Matrix){
		"dx scaled": func(_ Layer, dx Matrix) {
			for i := range dx.Data {
				dx.Data[i] *= 1.1
			}
		},
		"dx sign": func(_ Layer, dx Matrix) { dx.Data[largest(dx.Data)] *= -1 },
	}
	for pi := range 3 {
		breaks[fmt.Sprintf("param %d scaled", pi)] = func(l Layer, _ Matrix) {
			if ps := l.Params(); pi < len(ps) {
				for i := range ps[pi].Grad {
					ps[pi].Grad[i] *= 1.1
				}
			}
		}
		breaks[fmt.Sprintf("param %d sign", pi)] = func(l Layer, _ Matrix) {
			if ps := l.Params(); pi < len(ps) {
				g := ps[pi].Grad
				g[largest(g)] *= -1
			}
		}
	}
	for _, k := range LayerKinds() {
		rng := rand.New(rand.NewPCG(43, kindSeed(k.Kind)))
		c := drawKindCases(t, rng, k, 1)[0]
		c.cfg.Activation = Linear
		if k.TakesActivation {
			c.cfg.Activation = Tanh
		}
		if errs := checkKindGradients(k, c, rng, nil); len(errs) > 0 {
			t.Fatalf("%s %v: correct layer rejected: %v", k.Kind, c, errors.Join(errs...))
		}
		l, err := k.New(c.cfg, c.in, c.init, rng)
		if err != nil {
			t.Fatal(err)
		}
		tensors := len(l.Params())
		for name, mangle := range breaks {
			var pi int
			if _, err := fmt.Sscanf(name, "param %d", &pi); err == nil && pi >= tensors {
				continue
			}
			errs := checkKindGradients(k, c, rng, func(l Layer) Layer { return brokenLayer{l, mangle} })
			if len(errs) == 0 {
				t.Errorf("%s %v: %s passed the registry gradient check", k.Kind, c, name)
			}
		}
	}
}
