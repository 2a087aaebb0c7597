package nn

// RuleKind names how the trainer turns gradients into new weights: one
// optimizer step per minibatch, or full-batch L-BFGS iterations.
type RuleKind uint8

// The training rules. Minibatch runs TrainerConfig.Optimizer on shuffled
// minibatches; LBFGS minimizes the loss over every training row at once
// (the Optimizer and Batch settings are then unused).
const (
	Minibatch RuleKind = iota
	LBFGS
	numRules
)

var ruleNames = [...]string{"minibatch", "lbfgs"}

// Rules lists every training rule.
func Rules() []RuleKind { return enumAll[RuleKind](numRules) }

func (k RuleKind) String() string { return enumName(ruleNames[:], int(k)) }

// ParseRule reads a rule's String form.
func ParseRule(s string) (RuleKind, error) { return enumParse[RuleKind]("rule", ruleNames[:], s) }

func (k RuleKind) valid() bool { return k < numRules }

func (k RuleKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

func (k *RuleKind) UnmarshalText(b []byte) (err error) {
	*k, err = ParseRule(string(b))
	return err
}

// RuleConfig chooses the training rule and its constants. Fields a kind
// does not use are ignored.
type RuleConfig struct {
	Kind RuleKind
	// History is L-BFGS's memory m, the number of curvature pairs kept;
	// 0 means defaultHistory. Each pair costs two vectors of the
	// network's size.
	History int
}

// defaultHistory is the memory L-BFGS gets when RuleConfig leaves it 0:
// the usual choice, enough curvature for small networks without storing
// more than a few copies of a large one.
const defaultHistory = 10

// LossTerm is an optional interface of a Layer whose parameters carry an
// extra penalty of their own (a sparsity or smoothness term, say). The
// trainer adds every such layer's term to the objective under both rules;
// NewTrainer finds them, so wrap layers before making the trainer.
//
// ExtraLoss returns the term's value for the layer's current parameters
// and, when grad is true, adds its gradient into the layer's Params' Grad
// (which then already hold the data loss's gradient). It must not
// allocate once warm. The L-BFGS rule remembers the objective at its
// accepted point, so a term whose weighting changes between steps should
// be followed by Trainer.ResetOptimizer.
type LossTerm interface {
	ExtraLoss(grad bool) float32
}

// InputLossTerm is a LossTerm whose value also depends on the layer's
// input (pykan's sparsity penalty scores how much each edge's output moves
// over the batch, against its input's spread): ExtraLossInput returns
// d(term)/d(input) for the rows of the most recent Forward, after
// ExtraLoss(true), or ok false when there is none. The trainer sends it
// back through the layers below, so their parameters get the whole
// gradient of the objective, which L-BFGS's line search relies on.
type InputLossTerm interface {
	LossTerm
	ExtraLossInput() (dx Matrix, ok bool)
}

// GradHook runs after the gradients of a step exist and before they are
// used: after backward, the regularization and the layers' LossTerms, and
// before the optimizer's update (Minibatch) or before L-BFGS reads them
// (after every one of its loss evaluations). It may change the gradients
// in place (add noise, mask pruned weights). step is Trainer.Steps() at
// the time: 0 during the first step.
type GradHook interface {
	AfterBackward(params []*Param, step int)
}
