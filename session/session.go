package session

import (
	"fmt"
	"math"
	"time"

	"playground/experiment"
	"playground/kernels"
	"playground/nn"
)

// Session is one experiment being trained. Its methods are not safe for
// concurrent use; the browser entry serialises calls.
type Session struct {
	spec    experiment.Spec
	data    *dataset
	trainer *nn.Trainer

	running bool
	// lastError is what went wrong most recently (divergence, a refused
	// edit), shown on the page until the next successful edit or reset.
	lastError string
	// before holds the weights before each of the last two steps, used in
	// turn: before[latest] ahead of the latest step, the other ahead of the
	// step prior, whose loss was finite (see step).
	before [2][]float32
	latest int
	// stepped says before[1-latest] holds weights of this model.
	stepped bool

	// generation counts rebuilds and point edits: what a view cached
	// from an older generation no longer fits the model or the data.
	generation int

	// grids says the network has KAN layers, whose grids follow their
	// inputs early on (grids.go); gridsAt is one more than the step
	// count at which they last moved, 0 before.
	grids   bool
	gridsAt int

	metrics      Metrics
	metricsStale bool
	surface      surface
	picture      picture
	snap         Snapshot
	spikes       spikeViews // the spiking pictures' state (spikeview.go)
	// edgeInputs are a KAN layer's inputs for the large edge plot, and
	// coefEdits counts control points moved by hand (edgeplot.go).
	edgeInputs edgeInputs
	coefEdits  int
}

// Metrics is how the network does at a point in training. The task says
// which metric it has: accuracy for classes, RMSE for a regression; the
// other is NaN.
type Metrics struct {
	Step      int
	Epoch     int
	TrainLoss float32
	TestLoss  float32
	TrainAcc  float32 // NaN for regression
	TestAcc   float32 // NaN for regression
	TrainRMSE float32 // NaN for classification
	TestRMSE  float32 // NaN for classification
}

// New builds a session for a valid spec, paused at step 0.
func New(spec experiment.Spec) (*Session, error) {
	s := &Session{}
	if err := s.rebuild(spec); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Session) rebuild(spec experiment.Spec) error {
	if err := spec.Validate(); err != nil {
		return err
	}
	ds, err := buildData(spec)
	if err != nil {
		return err
	}
	tr, err := buildTrainer(spec, ds)
	if err != nil {
		return err
	}
	s.spec, s.data, s.trainer = spec.Clone(), ds, tr
	s.grids, s.gridsAt = hasGrids(tr.Net()), 0
	s.stepped = false
	s.generation++
	s.lastError = ""
	s.metricsStale = true
	s.surface.invalidate()
	return nil
}

// Spec returns a copy of the experiment being run.
func (s *Session) Spec() experiment.Spec { return s.spec.Clone() }

// Running reports whether Advance trains.
func (s *Session) Running() bool { return s.running }

// SetRunning starts or pauses training. Starting clears a previous error.
func (s *Session) SetRunning(run bool) {
	if run {
		s.lastError = ""
	}
	s.running = run
}

// LastError is the message to show on the page, or "".
func (s *Session) LastError() string { return s.lastError }

// Reset rebuilds the model from the spec: fresh weights, step 0.
func (s *Session) Reset() {
	if err := s.rebuild(s.spec); err != nil {
		// The spec was valid when it was set; a failure here is a bug.
		panic(fmt.Sprintf("session: rebuilding a valid spec failed: %v", err))
	}
}

// Edit replaces the spec. Changes to the learning rate, the regularization,
// the view and the hand-placed points apply to the running model; any other
// change rebuilds it from the new spec's seed. An invalid spec leaves the
// session as it was and returns the reasons.
func (s *Session) Edit(next experiment.Spec) error {
	if err := next.Validate(); err != nil {
		return err
	}
	switch classifyEdit(s.spec, next) {
	case editNone:
		s.spec = next.Clone()
		return nil
	case editLive:
		s.applyLive(next)
		return nil
	case editPoints:
		ds, err := buildData(next)
		if err != nil {
			return err
		}
		s.trainer.SetData(ds.xTrain, ds.yTrain)
		s.data = ds
		s.generation++
		s.applyLive(next)
		return nil
	case editRefine:
		if err := s.refineGrids(next); err != nil {
			return s.rebuild(next)
		}
		s.generation++ // the network's size changed
		s.stepped = false
		s.applyLive(next)
		s.surface.invalidate()
		return nil
	default:
		return s.rebuild(next)
	}
}

func (s *Session) applyLive(next experiment.Spec) {
	s.trainer.SetLR(next.Optimizer.LR)
	s.trainer.SetReg(nn.Regularization{Kind: next.Reg.Kind, Rate: next.Reg.Rate})
	s.applySparsity(next)
	s.spec = next.Clone()
	s.metricsStale = true
}

// Step trains n whole steps now (minibatch steps or L-BFGS iterations),
// stopping early if the loss diverges. It returns the number of steps
// taken.
func (s *Session) Step(n int) int {
	for i := range n {
		for {
			done, ok := s.stepPart()
			if !ok {
				return i
			}
			if done {
				break
			}
		}
	}
	return n
}

// Advance trains while running for about budget, at least one loss
// evaluation, and returns how many whole steps completed: at most the
// spec's pace (View.Speed steps; 0 means as many as fit). Work is bounded
// by loss evaluations, not steps: an L-BFGS iteration, which may take
// several evaluations, is split across calls (frames) when it must be,
// so one frame never waits for a whole line search.
func (s *Session) Advance(budget time.Duration) int {
	if !s.running || s.PicturePending() {
		return 0
	}
	start := time.Now()
	limit := maxStepsPerAdvance
	if pace := s.spec.View.Speed; pace > 0 {
		limit = min(pace, limit)
	}
	steps, parts := 0, 0
	for steps < limit {
		done, ok := s.stepPart()
		if !ok {
			break
		}
		parts++
		if done {
			steps++
		}
		// Checking the clock every few minibatch steps keeps its cost out
		// of tiny steps; a full-batch evaluation is worth a look each.
		if (parts%4 == 0 || s.spec.Rule == nn.LBFGS) && time.Since(start) >= budget {
			break
		}
	}
	return steps
}

// maxStepsPerAdvance bounds one frame's work even when steps are very cheap.
const maxStepsPerAdvance = 2000

// stepPart does at most one loss evaluation of the current step; done
// says the step completed. Mid-step the network holds a trial point, so
// the metrics and surface keep showing the last completed step until
// then. When a completed step's loss is not finite the weights it started
// from are already bad, so the weights before the previous step (the last
// whose loss was finite) come back; when only the updated weights are not
// finite, the weights before this step do. Either way training pauses, ok
// is false, and the reason is kept for the page.
func (s *Session) stepPart() (done, ok bool) {
	net := s.trainer.Net()
	if !s.trainer.MidStep() {
		s.selectBases() // before Settled: a choice starts L-BFGS again
	}
	if s.trainer.Settled() {
		s.settled()
		return false, false
	}
	if !s.trainer.MidStep() {
		s.updateGrids()
		s.latest = 1 - s.latest
		s.before[s.latest] = net.CopyParams(s.before[s.latest])
	}
	loss, done := s.trainer.StepPart()
	if !done {
		return false, true
	}
	s.metricsStale = true
	s.surface.invalidate()
	lossOK := finite(loss)
	if lossOK && paramsFinite(net) {
		s.stepped = true
		if s.trainer.Settled() {
			s.settled()
			return true, false
		}
		return true, true
	}
	restore := s.before[s.latest]
	if !lossOK && s.stepped {
		restore = s.before[1-s.latest]
	}
	if err := net.SetParams(restore); err != nil {
		panic(err) // same network, same length
	}
	s.trainer.ResetOptimizer()
	s.stepped = false // the other buffer holds the bad weights now
	s.running = false
	s.lastError = fmt.Sprintf("Training diverged at step %d: the loss became %v. "+
		"The last weights with a finite loss are kept; lower the learning rate and press play.",
		s.trainer.Steps(), loss)
	return true, false
}

// settled pauses a converged L-BFGS run: further iterations would count
// steps that change nothing.
func (s *Session) settled() {
	s.running = false
	s.lastError = fmt.Sprintf("L-BFGS converged at step %d: the gradient is zero to float32 precision "+
		"or no step lowers the loss any more, so training paused. Edit the experiment or reset to go on.", s.trainer.Steps())
}

func finite(x float32) bool { return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) }

// paramsFinite sums every weight's magnitude (a kernel: it runs every
// step, over every weight): the sum is finite only if each one is (or,
// with huge finite weights, overflows, which is divergence too).
func paramsFinite(net *nn.Network) bool {
	var sum float32
	for _, p := range net.Params() {
		sum += kernels.SumAbs(p.Value)
	}
	return finite(sum)
}

// Metrics evaluates the network on the training and test points (cached
// until the next step or edit).
func (s *Session) Metrics() Metrics {
	if s.metricsStale {
		train := s.trainer.Score(s.data.xTrain, s.data.yTrain)
		test := s.trainer.Score(s.data.xTest, s.data.yTest)
		s.metrics, s.metricsStale = s.metricsOf(train, test), false
	}
	return s.metrics
}

// metricsOf is the metrics at the current step from the scores on the
// training and test examples: accuracy for classes, RMSE for a regression.
func (s *Session) metricsOf(train, test nn.Score) Metrics {
	m := Metrics{
		Step: s.trainer.Steps(), Epoch: s.trainer.Epoch(),
		TrainLoss: train.Loss, TestLoss: test.Loss,
		TrainAcc: train.Accuracy, TestAcc: test.Accuracy,
		TrainRMSE: train.RMSE, TestRMSE: test.RMSE,
	}
	nan := float32(math.NaN())
	if s.spec.Classification() {
		m.TrainRMSE, m.TestRMSE = nan, nan
	} else {
		m.TrainAcc, m.TestAcc = nan, nan
	}
	return m
}

// Steps is how many training steps the model has taken; unlike Metrics it
// evaluates nothing.
func (s *Session) Steps() int { return s.trainer.Steps() }

// View is the spec's display choices, without copying the spec.
func (s *Session) View() experiment.ViewSpec { return s.spec.View }

// Generation changes whenever the model is rebuilt or the points change.
func (s *Session) Generation() int { return s.generation }

// Network is the model being trained, for views to read. Callers must not
// change it.
func (s *Session) Network() *nn.Network { return s.trainer.Net() }
