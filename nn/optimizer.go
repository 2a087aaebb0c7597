package nn

import (
	"fmt"
	"math"

	"playground/kernels"
)

// OptimizerConfig holds an update rule and its constants. Fields a kind
// does not use are ignored.
type OptimizerConfig struct {
	Kind        OptimizerKind
	Momentum    float32 // Momentum: the heavy-ball coefficient
	Beta1       float32 // Adam, AdamW: first-moment decay
	Beta2       float32 // Adam, AdamW: second-moment decay
	Eps         float32 // Adam, AdamW: added to the root; 1e-8 when 0
	WeightDecay float32 // AdamW: decoupled decay per unit learning rate
}

// Optimizer updates parameters from their gradients.
//
// Step must be given the same parameter list, in the same order, that the
// optimizer was made for: its state (velocities, moments) is kept per
// parameter and allocated once at construction.
type Optimizer interface {
	Step(params []*Param, lr float32)
}

// NewOptimizer makes the optimizer cfg.Kind for params. It panics on an
// unknown kind, which only a programming error produces.
func NewOptimizer(cfg OptimizerConfig, params []*Param) Optimizer {
	switch cfg.Kind {
	case SGD:
		return sgd{}
	case Momentum:
		return &momentum{coef: cfg.Momentum, velocity: stateLike(params)}
	case Adam, AdamW:
		eps := cfg.Eps
		if eps == 0 {
			eps = 1e-8
		}
		a := &adam{beta1: cfg.Beta1, beta2: cfg.Beta2, eps: eps,
			m: stateLike(params), v: stateLike(params)}
		if cfg.Kind == AdamW {
			a.decay = cfg.WeightDecay
		}
		return a
	}
	panic(fmt.Sprintf("nn: optimizer %v", cfg.Kind))
}

func (k OptimizerKind) valid() bool { return k < numOptimizers }

// stateLike allocates one zeroed slice per parameter, of its length.
func stateLike(params []*Param) [][]float32 {
	s := make([][]float32, len(params))
	for i, p := range params {
		s[i] = make([]float32, len(p.Value))
	}
	return s
}

// checkState panics when Step is given other parameters than the state
// was made for; indexing would otherwise silently mix them up.
func checkState(params []*Param, state [][]float32) {
	if len(params) != len(state) {
		panic(fmt.Sprintf("nn: optimizer made for %d params stepped with %d", len(state), len(params)))
	}
	for i, p := range params {
		if len(p.Value) != len(state[i]) {
			panic(fmt.Sprintf("nn: optimizer param %d (%s) changed size", i, p.Name))
		}
	}
}

// sgd is plain gradient descent: w -= lr·g.
type sgd struct{}

func (sgd) Step(params []*Param, lr float32) {
	for _, p := range params {
		kernels.Axpy(-p.rate(lr), p.Grad, p.Value)
	}
}

// momentum is heavy-ball SGD: v = μ·v + g; w -= lr·v. The velocity holds
// gradients, not steps, so changing lr mid-run takes effect at once.
type momentum struct {
	coef     float32
	velocity [][]float32
}

func (o *momentum) Step(params []*Param, lr float32) {
	checkState(params, o.velocity)
	for i, p := range params {
		v := o.velocity[i]
		kernels.Scale(o.coef, v)
		kernels.Axpy(1, p.Grad, v)
		kernels.Axpy(-p.rate(lr), v, p.Value)
	}
}

// adam is Adam with bias correction (Kingma & Ba 2015); with decay > 0 it
// is AdamW (Loshchilov & Hutter 2019): before the Adam step, parameters
// that Decay shrink by w -= lr·decay·w, independent of the gradient.
type adam struct {
	beta1, beta2, eps, decay float32
	m, v                     [][]float32
	t                        int
}

func (o *adam) Step(params []*Param, lr float32) {
	checkState(params, o.m)
	o.t++
	// The corrections are computed in float64: beta2^t creeps towards 1
	// too slowly for float32 to see the difference early on.
	corr1 := float32(1 / (1 - math.Pow(float64(o.beta1), float64(o.t))))
	corr2 := float32(1 / (1 - math.Pow(float64(o.beta2), float64(o.t))))
	for i, p := range params {
		lr := p.rate(lr)
		if o.decay != 0 && p.Decay {
			kernels.Scale(1-lr*o.decay, p.Value)
		}
		kernels.AdamUpdate(p.Value, p.Grad, o.m[i], o.v[i], lr, o.beta1, o.beta2, o.eps, corr1, corr2)
	}
}
