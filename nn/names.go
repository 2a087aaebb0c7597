package nn

import "fmt"

// Activation is the elementwise nonlinearity a layer applies to its output.
type Activation uint8

// The activations, in the order the UI lists them.
const (
	ReLU Activation = iota
	Tanh
	Sigmoid
	Linear
	GELU
	SiLU
	Sine
	numActivations
)

var activationNames = [...]string{"relu", "tanh", "sigmoid", "linear", "gelu", "silu", "sine"}

// Activations lists every activation, for menus and tests.
func Activations() []Activation { return enumAll[Activation](numActivations) }

func (a Activation) String() string { return enumName(activationNames[:], int(a)) }

// ParseActivation reads an activation's String form.
func ParseActivation(s string) (Activation, error) {
	return enumParse[Activation]("activation", activationNames[:], s)
}

// Init names how a layer's weights are drawn at construction.
type Init uint8

// The initializations. Uniform is TensorFlow Playground's U(-0.5, 0.5).
const (
	Glorot Init = iota
	He
	LeCun
	Uniform
	Zero
	numInits
)

var initNames = [...]string{"glorot", "he", "lecun", "uniform", "zero"}

// Inits lists every initialization.
func Inits() []Init { return enumAll[Init](numInits) }

func (i Init) String() string { return enumName(initNames[:], int(i)) }

// ParseInit reads an initialization's String form.
func ParseInit(s string) (Init, error) { return enumParse[Init]("initialization", initNames[:], s) }

// LossKind names the loss a network is trained on.
type LossKind uint8

// The losses. CrossEntropy applies a softmax to the network's output first.
const (
	MSE LossKind = iota
	CrossEntropy
	numLosses
)

var lossNames = [...]string{"mse", "xent"}

// Losses lists every loss.
func Losses() []LossKind { return enumAll[LossKind](numLosses) }

func (l LossKind) String() string { return enumName(lossNames[:], int(l)) }

// ParseLoss reads a loss's String form.
func ParseLoss(s string) (LossKind, error) { return enumParse[LossKind]("loss", lossNames[:], s) }

// OptimizerKind names an update rule.
type OptimizerKind uint8

// The optimizers.
const (
	SGD OptimizerKind = iota
	Momentum
	Adam
	AdamW
	numOptimizers
)

var optimizerNames = [...]string{"sgd", "momentum", "adam", "adamw"}

// Optimizers lists every optimizer.
func Optimizers() []OptimizerKind { return enumAll[OptimizerKind](numOptimizers) }

func (o OptimizerKind) String() string { return enumName(optimizerNames[:], int(o)) }

// ParseOptimizer reads an optimizer's String form.
func ParseOptimizer(s string) (OptimizerKind, error) {
	return enumParse[OptimizerKind]("optimizer", optimizerNames[:], s)
}

// RegKind names a penalty on the weights added to the loss's gradient.
type RegKind uint8

// The regularizations.
const (
	NoReg RegKind = iota
	L1
	L2
	numRegs
)

var regNames = [...]string{"none", "l1", "l2"}

// Regularizations lists every regularization.
func Regularizations() []RegKind { return enumAll[RegKind](numRegs) }

func (r RegKind) String() string { return enumName(regNames[:], int(r)) }

// ParseReg reads a regularization's String form.
func ParseReg(s string) (RegKind, error) { return enumParse[RegKind]("regularization", regNames[:], s) }

// ScheduleKind names how the learning rate changes with the step count.
type ScheduleKind uint8

// The schedules.
const (
	Constant ScheduleKind = iota
	StepDecay
	Cosine
	numSchedules
)

var scheduleNames = [...]string{"constant", "step", "cosine"}

// Schedules lists every schedule.
func Schedules() []ScheduleKind { return enumAll[ScheduleKind](numSchedules) }

func (s ScheduleKind) String() string { return enumName(scheduleNames[:], int(s)) }

// ParseSchedule reads a schedule's String form.
func ParseSchedule(s string) (ScheduleKind, error) {
	return enumParse[ScheduleKind]("schedule", scheduleNames[:], s)
}

func enumAll[E ~uint8](n E) []E {
	all := make([]E, n)
	for i := range all {
		all[i] = E(i)
	}
	return all
}

func enumName(names []string, i int) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("unknown(%d)", i)
	}
	return names[i]
}

func enumParse[E ~uint8](what string, names []string, s string) (E, error) {
	for i, n := range names {
		if n == s {
			return E(i), nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (want one of %v)", what, s, names)
}

// The enums read and write their names in JSON and text encodings.

func (v Activation) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *Activation) UnmarshalText(b []byte) (err error) {
	*v, err = ParseActivation(string(b))
	return err
}

func (v Init) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *Init) UnmarshalText(b []byte) (err error) {
	*v, err = ParseInit(string(b))
	return err
}

func (v LossKind) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *LossKind) UnmarshalText(b []byte) (err error) {
	*v, err = ParseLoss(string(b))
	return err
}

func (v OptimizerKind) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *OptimizerKind) UnmarshalText(b []byte) (err error) {
	*v, err = ParseOptimizer(string(b))
	return err
}

func (v RegKind) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *RegKind) UnmarshalText(b []byte) (err error) {
	*v, err = ParseReg(string(b))
	return err
}

func (v ScheduleKind) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

func (v *ScheduleKind) UnmarshalText(b []byte) (err error) {
	*v, err = ParseSchedule(string(b))
	return err
}
