package nn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"playground/kernels"
)

// TrainerConfig is what a Trainer needs besides the data.
type TrainerConfig struct {
	Net       *Network
	Loss      LossKind
	Optimizer OptimizerConfig
	LR        float32 // base learning rate, shaped by Schedule
	Schedule  Schedule
	Reg       Regularization
	Batch     int    // rows per step; the last batch of an epoch may be short
	Seed      uint64 // draws the batch order
	Rule      RuleConfig
	GradHooks []GradHook // run in order on every step's gradients
}

// Trainer trains on a fixed set of rows by a rule (RuleConfig), one step
// per call, so the caller can slice training into animation frames: a
// minibatch optimizer step, or a full-batch L-BFGS iteration, which
// StepPart splits further into single loss evaluations. Once its buffers
// have grown, Step, StepPart and Evaluate allocate nothing.
type Trainer struct {
	net      *Network
	params   []*Param
	loss     Loss
	lossKind LossKind
	opt      Optimizer
	optCfg   OptimizerConfig
	lr       float32
	schedule Schedule
	reg      Regularization
	batch    int
	rule     RuleConfig
	hooks    []GradHook
	terms    []LossTerm // the layers with an extra loss term
	lb       *lbfgs     // the L-BFGS state; nil under Minibatch

	x, y   Matrix // training rows, views of the caller's data
	order  []int  // this epoch's permutation of the rows
	cursor int    // rows of order already used this epoch
	rng    *rand.Rand
	steps  int
	evals  int
	epochs int

	batchX, batchY []float32 // the gathered minibatch
	gradBuf        []float32 // dLoss/dpred of the minibatch
	evalGrad       []float32 // dLoss/dpred of an Evaluate chunk, computed and dropped
}

// rowPicker is a first layer that can read the minibatch's rows where
// they lie: pickRows makes its next Forward, given all the training rows,
// read only those, in order, or reports false when it cannot. Spiking
// rows are long (T steps of inputs), and gathering them cost a copy of
// the whole batch every step.
type rowPicker interface {
	pickRows(rows []int) bool
}

// batchOrderStream separates the trainer's random stream from one a caller
// might seed with the same number for the initial weights.
const batchOrderStream = 0x9e3779b97f4a7c15

// evalChunk bounds the rows Evaluate pushes through the network at once,
// so its buffers stay small however large the evaluated set is.
const evalChunk = 256

// NewTrainer trains cfg.Net on the rows of x (inputs, Net.InputWidth() columns)
// and y (targets, Net.Out() columns). It keeps views of x and y: they must
// not change while the trainer uses them (see SetData).
func NewTrainer(cfg TrainerConfig, x, y Matrix) (*Trainer, error) {
	switch {
	case cfg.Net == nil || len(cfg.Net.Layers) == 0:
		return nil, errors.New("nn: trainer needs a network")
	case !cfg.Loss.valid():
		return nil, fmt.Errorf("nn: unknown loss %v", cfg.Loss)
	case cfg.Loss == CrossEntropy && cfg.Net.Out() < 2:
		return nil, fmt.Errorf("nn: cross-entropy needs at least 2 outputs, the network has %d", cfg.Net.Out())
	case !cfg.Optimizer.Kind.valid():
		return nil, fmt.Errorf("nn: unknown optimizer %v", cfg.Optimizer.Kind)
	case !cfg.Schedule.Kind.valid():
		return nil, fmt.Errorf("nn: unknown schedule %v", cfg.Schedule.Kind)
	case !cfg.Reg.Kind.valid():
		return nil, fmt.Errorf("nn: unknown regularization %v", cfg.Reg.Kind)
	case !cfg.Rule.Kind.valid():
		return nil, fmt.Errorf("nn: unknown training rule %v", cfg.Rule.Kind)
	case cfg.Rule.History < 0:
		return nil, fmt.Errorf("nn: L-BFGS history %d", cfg.Rule.History)
	case cfg.Batch <= 0 && cfg.Rule.Kind == Minibatch:
		return nil, fmt.Errorf("nn: batch size %d", cfg.Batch)
	}
	if err := checkData(cfg.Net, x, y); err != nil {
		return nil, err
	}
	params := cfg.Net.Params()
	t := &Trainer{
		net:      cfg.Net,
		params:   params,
		loss:     NewLoss(cfg.Loss),
		lossKind: cfg.Loss,
		optCfg:   cfg.Optimizer,
		lr:       cfg.LR,
		schedule: cfg.Schedule,
		reg:      cfg.Reg,
		batch:    cfg.Batch,
		rule:     cfg.Rule,
		hooks:    slices.Clone(cfg.GradHooks),
		rng:      rand.New(rand.NewPCG(cfg.Seed, batchOrderStream)),
	}
	for _, l := range cfg.Net.Layers {
		if lt, ok := l.(LossTerm); ok {
			t.terms = append(t.terms, lt)
		}
	}
	if cfg.Rule.Kind == LBFGS {
		m := cfg.Rule.History
		if m == 0 {
			m = defaultHistory
		}
		t.lb = newLBFGS(cfg.Net.NumParams(), m) // SetData starts it at the weights
	} else {
		t.opt = NewOptimizer(cfg.Optimizer, params)
	}
	t.SetData(x, y)
	return t, nil
}

func (k RegKind) valid() bool { return k < numRegs }

// checkData reports rows that do not fit net.
func checkData(net *Network, x, y Matrix) error {
	switch {
	case x.Cols != net.InputWidth():
		return fmt.Errorf("nn: inputs have %d columns, the network takes %d", x.Cols, net.InputWidth())
	case y.Cols != net.Out():
		return fmt.Errorf("nn: targets have %d columns, the network gives %d", y.Cols, net.Out())
	case x.Rows != y.Rows:
		return fmt.Errorf("nn: %d input rows but %d target rows", x.Rows, y.Rows)
	case x.Rows < 0 || len(x.Data) < x.Rows*x.Cols || len(y.Data) < y.Rows*y.Cols:
		return errors.New("nn: matrix data shorter than its shape")
	}
	return nil
}

// Step takes one whole step of the rule and returns its data loss
// (without penalties), or NaN and does nothing when there are no
// training rows.
//
// Minibatch takes the next rows of this epoch's shuffled order, runs
// forward and backward, adds the gradients of the regularization and the
// layers' LossTerms, runs the GradHooks and lets the optimizer update at
// Schedule.Rate(LR, Steps()); the loss is the minibatch's. LBFGS runs
// StepPart until an iteration completes; the loss is the full-batch one
// at the accepted point.
func (t *Trainer) Step() float32 {
	if t.lb == nil {
		return t.minibatchStep()
	}
	for {
		if loss, done := t.lbfgsPart(); done {
			return loss
		}
	}
}

// StepPart does at most one loss-and-gradient evaluation. Under
// Minibatch that is a whole Step (done is always true); under LBFGS it is
// one evaluation of an iteration, and done says the iteration completed,
// when loss is the data loss at the accepted point, as Step returns.
// Before that, loss is the data loss at the trial point just evaluated.
func (t *Trainer) StepPart() (loss float32, done bool) {
	if t.lb == nil {
		return t.minibatchStep(), true
	}
	return t.lbfgsPart()
}

func (t *Trainer) minibatchStep() float32 {
	n := t.x.Rows
	if n == 0 {
		return float32(math.NaN())
	}
	if t.cursor == 0 {
		t.shuffle()
	}
	size := min(t.batch, n-t.cursor)
	picked := t.order[t.cursor : t.cursor+size]
	bx := t.x
	if p, ok := t.net.Layers[0].(rowPicker); !ok || !p.pickRows(picked) {
		bx = resize(&t.batchX, size, t.x.Cols)
		for r, src := range picked {
			copy(bx.Row(r), t.x.Row(src))
		}
	}
	by := resize(&t.batchY, size, t.y.Cols)
	for r, src := range picked {
		copy(by.Row(r), t.y.Row(src))
	}
	t.cursor += size
	if t.cursor == n {
		t.cursor = 0
		t.epochs++
	}

	t.net.ZeroGrad()
	t.net.beginStep(t.steps)
	pred := t.net.Forward(bx)
	grad := resize(&t.gradBuf, pred.Rows, pred.Cols)
	loss := t.loss.Eval(pred, by, grad)
	t.net.Backward(grad)
	t.net.endStep()
	t.reg.AddGrad(t.params)
	t.addTerms(true)
	t.runHooks()
	t.opt.Step(t.params, t.schedule.Rate(t.lr, t.steps))
	t.steps++
	t.evals++
	return loss
}

// addTerms returns the sum of the layers' extra loss terms, adding their
// gradients when grad is true: each term's own, and for an InputLossTerm
// above the first layer its input gradient sent back through the layers
// below, over the rows of their most recent Forward (the minibatch, or
// the full batch's last chunk, where the terms are measured). The walk
// goes from the top, so a layer's term (which may clear gradients, as a
// pruned KAN edge's) comes after what the terms above sent it.
func (t *Trainer) addTerms(grad bool) float64 {
	var sum float64
	if !grad {
		for _, lt := range t.terms {
			sum += float64(lt.ExtraLoss(false))
		}
		return sum
	}
	if len(t.terms) == 0 {
		return 0
	}
	layers := t.net.Layers
	var dy Matrix // d(terms above)/d(input of layer i+1)
	carry := false
	for i := len(layers) - 1; i >= 0; i-- {
		if carry {
			dy = t.net.backwardLayer(i, dy)
		}
		lt, ok := layers[i].(LossTerm)
		if !ok {
			continue
		}
		sum += float64(lt.ExtraLoss(true))
		it, ok := lt.(InputLossTerm)
		if !ok || i == 0 {
			continue
		}
		if dx, ok := it.ExtraLossInput(); ok {
			if carry {
				kernels.Axpy(1, dx.Data, dy.Data) // dy is layer i's own dx buffer
			} else {
				dy, carry = dx, true
			}
		}
	}
	return sum
}

func (t *Trainer) runHooks() {
	for _, h := range t.hooks {
		h.AfterBackward(t.params, t.steps)
	}
}

// shuffle draws a new epoch order (Fisher-Yates, written out so the order
// depends only on the PCG stream, not on a library's algorithm).
func (t *Trainer) shuffle() {
	for i := len(t.order) - 1; i > 0; i-- {
		j := t.rng.IntN(i + 1)
		t.order[i], t.order[j] = t.order[j], t.order[i]
	}
}

// Steps returns the number of steps taken: minibatch steps or completed
// L-BFGS iterations.
func (t *Trainer) Steps() int { return t.steps }

// Evals returns the number of loss-and-gradient evaluations: one per
// minibatch step, and under LBFGS one per full-batch evaluation, of which
// an iteration takes one or more (none once it cannot move).
func (t *Trainer) Evals() int { return t.evals }

// MidStep reports an L-BFGS iteration in progress: the network then holds
// a trial point (which Evaluate would score), not the accepted weights.
// It is always false under Minibatch.
func (t *Trainer) MidStep() bool { return t.lb != nil && t.lb.busy() }

// Settled reports that L-BFGS has converged as far as float32 allows: its
// iterations end without moving until the weights or data change. Always
// false for minibatch steps.
func (t *Trainer) Settled() bool { return t.lb != nil && t.lb.settled() }

// Rule returns the training rule.
func (t *Trainer) Rule() RuleConfig { return t.rule }

// Epoch returns the number of completed passes over the training rows;
// under LBFGS every evaluation is one.
func (t *Trainer) Epoch() int { return t.epochs }

// Evaluate is Score's mean data loss and accuracy.
func (t *Trainer) Evaluate(x, y Matrix) (loss, acc float32) {
	sc := t.Score(x, y)
	return sc.Loss, sc.Accuracy
}

// Score is how a network does on a set of examples.
type Score struct {
	Loss     float32 // the training loss, without penalties
	Accuracy float32 // share of rows whose largest output is the target's class; NaN for one output
	RMSE     float32 // root of the mean squared error over every output
}

// Score evaluates the network on the rows of x and y without training. It
// runs evalChunk rows at a time, so it allocates nothing once warm; it
// does overwrite the layers' buffers, so Network.Outputs then shows its
// last chunk. With no rows every field is NaN.
func (t *Trainer) Score(x, y Matrix) Score {
	var sum ScoreSum
	t.ScoreRows(&sum, t.net, x, y, 0, x.Rows)
	return sum.Score()
}

// ScoreSum adds up a Score over ranges of rows, so an evaluation too big
// for one frame can be spread over several (the session's pictures of
// wide networks).
type ScoreSum struct {
	lossSum, sqSum    float64
	correct, rows, yc int
}

// ScoreRows adds rows [r0, r1) of x and y, run through net (the trainer's
// network, or a copy of it of the same shape) and scored with the
// trainer's loss, to sum.
func (t *Trainer) ScoreRows(sum *ScoreSum, net *Network, x, y Matrix, r0, r1 int) {
	if err := checkData(net, x, y); err != nil {
		panic(err)
	}
	for c0 := r0; c0 < r1; c0 += evalChunk {
		c1 := min(c0+evalChunk, r1)
		cx, cy := rowRange(x, c0, c1), rowRange(y, c0, c1)
		pred := net.Forward(cx)
		grad := resize(&t.evalGrad, pred.Rows, pred.Cols)
		sum.lossSum += float64(t.loss.Eval(pred, cy, grad)) * float64(cx.Rows)
		sum.correct += countCorrect(pred, cy)
		for i, p := range pred.Data[:cy.Rows*cy.Cols] {
			d := float64(p - cy.Data[i])
			sum.sqSum += d * d
		}
		sum.rows += cx.Rows
	}
	sum.yc = y.Cols
}

// Score is the mean over the rows added so far; every field is NaN
// before any.
func (s *ScoreSum) Score() Score {
	nan := float32(math.NaN())
	if s.rows == 0 {
		return Score{nan, nan, nan}
	}
	sc := Score{
		Loss:     float32(s.lossSum / float64(s.rows)),
		Accuracy: nan,
		RMSE:     float32(math.Sqrt(s.sqSum / float64(s.rows*s.yc))),
	}
	if s.yc >= 2 {
		sc.Accuracy = float32(s.correct) / float32(s.rows)
	}
	return sc
}

// ResetOptimizer forgets the optimizer's state (momentum, Adam's moments,
// L-BFGS's memory and line search), as after restoring weights from before
// a step that diverged, whose moments may already hold NaN. Mid-step, the
// trial point in the network is replaced by the last accepted one; the
// network's weights are where L-BFGS starts again.
func (t *Trainer) ResetOptimizer() {
	if t.lb != nil {
		t.restartLBFGS()
		return
	}
	t.opt = NewOptimizer(t.optCfg, t.params)
}

// Net returns the network being trained.
func (t *Trainer) Net() *Network { return t.net }

// LR returns the base learning rate.
func (t *Trainer) LR() float32 { return t.lr }

// SetLR changes the base learning rate from the next step on. An L-BFGS
// search that found no step tries again with the new one.
func (t *Trainer) SetLR(lr float32) {
	t.lr = lr
	if t.lb != nil {
		t.lb.retry()
	}
}

// Reg returns the regularization.
func (t *Trainer) Reg() Regularization { return t.reg }

// SetReg changes the regularization from the next step on. The objective
// changes with it, so L-BFGS restarts as by ResetOptimizer.
func (t *Trainer) SetReg(r Regularization) {
	t.reg = r
	if t.lb != nil {
		t.restartLBFGS()
	}
}

// Schedule returns the learning-rate schedule.
func (t *Trainer) Schedule() Schedule { return t.schedule }

// SetSchedule changes the schedule; it is evaluated at the current step
// count, so a cosine restarts nowhere: it continues from Steps().
func (t *Trainer) SetSchedule(s Schedule) { t.schedule = s }

// Batch returns the minibatch size.
func (t *Trainer) Batch() int { return t.batch }

// SetBatch changes the minibatch size from the next step on (at least 1).
// The current epoch continues where it was.
func (t *Trainer) SetBatch(n int) { t.batch = max(n, 1) }

// LossKind returns the loss being minimized.
func (t *Trainer) LossKind() LossKind { return t.lossKind }

// SetData replaces the training rows (a point added or removed, a new
// split) and keeps the weights and the minibatch optimizer's state; the
// objective changed, so L-BFGS restarts as by ResetOptimizer. The current
// epoch is abandoned: the next Step starts a new shuffled pass over the
// new rows. It panics if the shapes do not fit the network.
func (t *Trainer) SetData(x, y Matrix) {
	if err := checkData(t.net, x, y); err != nil {
		panic(err)
	}
	t.x, t.y = x, y
	if cap(t.order) < x.Rows {
		t.order = make([]int, x.Rows)
	}
	t.order = t.order[:x.Rows]
	for i := range t.order {
		t.order[i] = i
	}
	t.cursor = 0
	if t.lb != nil {
		t.restartLBFGS()
	}
}
