package nn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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
}

// Trainer runs minibatch training on a fixed set of rows, one step per
// call, so the caller can slice training into animation frames. Once its
// buffers have grown to the batch size, Step and Evaluate allocate nothing.
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

	x, y   Matrix // training rows, views of the caller's data
	order  []int  // this epoch's permutation of the rows
	cursor int    // rows of order already used this epoch
	rng    *rand.Rand
	steps  int
	epochs int

	batchX, batchY []float32 // the gathered minibatch
	gradBuf        []float32 // dLoss/dpred of the minibatch
	evalGrad       []float32 // dLoss/dpred of an Evaluate chunk, computed and dropped
}

// batchOrderStream separates the trainer's random stream from one a caller
// might seed with the same number for the initial weights.
const batchOrderStream = 0x9e3779b97f4a7c15

// evalChunk bounds the rows Evaluate pushes through the network at once,
// so its buffers stay small however large the evaluated set is.
const evalChunk = 256

// NewTrainer trains cfg.Net on the rows of x (inputs, Net.In() columns)
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
	case cfg.Batch <= 0:
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
		opt:      NewOptimizer(cfg.Optimizer, params),
		optCfg:   cfg.Optimizer,
		lr:       cfg.LR,
		schedule: cfg.Schedule,
		reg:      cfg.Reg,
		batch:    cfg.Batch,
		rng:      rand.New(rand.NewPCG(cfg.Seed, batchOrderStream)),
	}
	t.SetData(x, y)
	return t, nil
}

func (k RegKind) valid() bool { return k < numRegs }

// checkData reports rows that do not fit net.
func checkData(net *Network, x, y Matrix) error {
	switch {
	case x.Cols != net.In():
		return fmt.Errorf("nn: inputs have %d columns, the network takes %d", x.Cols, net.In())
	case y.Cols != net.Out():
		return fmt.Errorf("nn: targets have %d columns, the network gives %d", y.Cols, net.Out())
	case x.Rows != y.Rows:
		return fmt.Errorf("nn: %d input rows but %d target rows", x.Rows, y.Rows)
	case x.Rows < 0 || len(x.Data) < x.Rows*x.Cols || len(y.Data) < y.Rows*y.Cols:
		return errors.New("nn: matrix data shorter than its shape")
	}
	return nil
}

// Step trains on one minibatch: it takes the next rows of this epoch's
// shuffled order, runs forward and backward, adds the regularization's
// gradient and lets the optimizer update at Schedule.Rate(LR, Steps()).
// It returns the minibatch's data loss (without the penalty), or NaN and
// does nothing when there are no training rows.
func (t *Trainer) Step() float32 {
	n := t.x.Rows
	if n == 0 {
		return float32(math.NaN())
	}
	if t.cursor == 0 {
		t.shuffle()
	}
	size := min(t.batch, n-t.cursor)
	bx := resize(&t.batchX, size, t.x.Cols)
	by := resize(&t.batchY, size, t.y.Cols)
	for r, src := range t.order[t.cursor : t.cursor+size] {
		copy(bx.Row(r), t.x.Row(src))
		copy(by.Row(r), t.y.Row(src))
	}
	t.cursor += size
	if t.cursor == n {
		t.cursor = 0
		t.epochs++
	}

	t.net.ZeroGrad()
	pred := t.net.Forward(bx)
	grad := resize(&t.gradBuf, pred.Rows, pred.Cols)
	loss := t.loss.Eval(pred, by, grad)
	t.net.Backward(grad)
	t.reg.AddGrad(t.params)
	t.opt.Step(t.params, t.schedule.Rate(t.lr, t.steps))
	t.steps++
	return loss
}

// shuffle draws a new epoch order (Fisher-Yates, written out so the order
// depends only on the PCG stream, not on a library's algorithm).
func (t *Trainer) shuffle() {
	for i := len(t.order) - 1; i > 0; i-- {
		j := t.rng.IntN(i + 1)
		t.order[i], t.order[j] = t.order[j], t.order[i]
	}
}

// Steps returns the number of steps taken.
func (t *Trainer) Steps() int { return t.steps }

// Epoch returns the number of completed passes over the training rows.
func (t *Trainer) Epoch() int { return t.epochs }

// Evaluate returns the mean data loss and the accuracy (NaN for fewer than
// two outputs) of the network on the rows of x and y, without training.
// It runs evalChunk rows at a time, so it allocates nothing once warm; it
// does overwrite the layers' buffers, so Network.Outputs then shows its
// last chunk. With no rows both results are NaN.
func (t *Trainer) Evaluate(x, y Matrix) (loss, acc float32) {
	if err := checkData(t.net, x, y); err != nil {
		panic(err)
	}
	if x.Rows == 0 {
		return float32(math.NaN()), float32(math.NaN())
	}
	var lossSum float64
	correct := 0
	for r0 := 0; r0 < x.Rows; r0 += evalChunk {
		r1 := min(r0+evalChunk, x.Rows)
		cx := Matrix{Rows: r1 - r0, Cols: x.Cols, Data: x.Data[r0*x.Cols : r1*x.Cols]}
		cy := Matrix{Rows: r1 - r0, Cols: y.Cols, Data: y.Data[r0*y.Cols : r1*y.Cols]}
		pred := t.net.Forward(cx)
		grad := resize(&t.evalGrad, pred.Rows, pred.Cols)
		lossSum += float64(t.loss.Eval(pred, cy, grad)) * float64(cx.Rows)
		correct += countCorrect(pred, cy)
	}
	loss = float32(lossSum / float64(x.Rows))
	acc = float32(math.NaN())
	if y.Cols >= 2 {
		acc = float32(correct) / float32(x.Rows)
	}
	return loss, acc
}

// ResetOptimizer forgets the optimizer's state (momentum, Adam's moments),
// as after restoring weights from before a step that diverged, whose
// moments may already hold NaN.
func (t *Trainer) ResetOptimizer() { t.opt = NewOptimizer(t.optCfg, t.params) }

// Net returns the network being trained.
func (t *Trainer) Net() *Network { return t.net }

// LR returns the base learning rate.
func (t *Trainer) LR() float32 { return t.lr }

// SetLR changes the base learning rate from the next step on.
func (t *Trainer) SetLR(lr float32) { t.lr = lr }

// Reg returns the regularization.
func (t *Trainer) Reg() Regularization { return t.reg }

// SetReg changes the regularization from the next step on.
func (t *Trainer) SetReg(r Regularization) { t.reg = r }

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
// split) and keeps the weights and optimizer state. The current epoch is
// abandoned: the next Step starts a new shuffled pass over the new rows.
// It panics if the shapes do not fit the network.
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
}
