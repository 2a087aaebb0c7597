package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"playground/kernels"
)

// smoothData samples y = sin(2a)·cos(1.5b) at n random points of [-1, 1]².
func smoothData(rng *rand.Rand, n int) (x, y Matrix) {
	x = Matrix{Rows: n, Cols: 2, Data: make([]float32, 2*n)}
	y = Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	for i := range n {
		a, b := rng.Float64()*2-1, rng.Float64()*2-1
		x.Data[2*i], x.Data[2*i+1] = float32(a), float32(b)
		y.Data[i] = float32(math.Sin(2*a) * math.Cos(1.5*b))
	}
	return x, y
}

// lbfgsSetup is a 2-8-1 tanh regression trained by L-BFGS at rate 1.
func lbfgsSetup() trainerSetup {
	s := defaultSetup()
	s.hidden = []LayerConfig{{Kind: DenseLayer, Units: 8, Activation: Tanh}}
	s.loss, s.lr = MSE, 1
	return s
}

// buildRule is build with a rule and hooks; prep, if not nil, may change
// the network first (wrap a layer).
func (s trainerSetup) buildRule(t testing.TB, x, y Matrix, rule RuleConfig, prep func(*Network), hooks ...GradHook) *Trainer {
	t.Helper()
	net, err := NewNetwork(x.Cols, s.hidden, y.Cols, Linear, Glorot, rand.New(rand.NewPCG(s.netSeed, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if prep != nil {
		prep(net)
	}
	tr, err := NewTrainer(TrainerConfig{
		Net: net, Loss: s.loss, Optimizer: s.opt, LR: s.lr, Schedule: s.schedule,
		Reg: s.reg, Batch: s.batch, Seed: s.seed, Rule: rule, GradHooks: hooks,
	}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestLBFGSStepPartMatchesStep drives one trainer by Step and another by
// StepPart, with Evaluate and the getters called between parts: after
// every iteration both must hold the same weights bit for bit, the loss
// Step returns must be the full-batch loss of the weights in the network,
// and the network must hold them whenever no iteration is under way.
func TestLBFGSStepPartMatchesStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(111, 112))
	x, y := smoothData(rng, 300) // more than one evalChunk
	testX, testY := smoothData(rng, 50)
	s := lbfgsSetup()
	s.reg = Regularization{Kind: L2, Rate: 1e-4}
	rule := RuleConfig{Kind: LBFGS, History: 5}
	whole, parts := s.buildRule(t, x, y, rule, nil), s.buildRule(t, x, y, rule, nil)
	split := 0 // iterations that took more than one part
	for iter := range 30 {
		loss := whole.Step()
		if whole.MidStep() {
			t.Fatal("MidStep after Step")
		}
		if l, _ := whole.Evaluate(x, y); l != loss {
			t.Fatalf("iteration %d: Step returned %v, the network's loss is %v", iter, loss, l)
		}
		n := 0
		for {
			partLoss, done := parts.StepPart()
			n++
			if done {
				if partLoss != loss {
					t.Fatalf("iteration %d: StepPart's loss %v, Step's %v", iter, partLoss, loss)
				}
				break
			}
			if !parts.MidStep() {
				t.Fatal("not MidStep between the parts of an iteration")
			}
			parts.Evaluate(testX, testY) // must not disturb anything
		}
		if n > 1 {
			split++
		}
		if !sameBits(whole.Net().CopyParams(nil), parts.Net().CopyParams(nil)) {
			t.Fatalf("iteration %d: the weights differ", iter)
		}
		if whole.Steps() != iter+1 || parts.Steps() != iter+1 || whole.Evals() != parts.Evals() {
			t.Fatalf("iteration %d: steps %d and %d, evaluations %d and %d",
				iter, whole.Steps(), parts.Steps(), whole.Evals(), parts.Evals())
		}
	}
	t.Logf("30 iterations, %d evaluations, %d of them split into parts; loss %v",
		whole.Evals(), split, whole.Step())
	if split == 0 || whole.Evals() < whole.Steps() || whole.Epoch() != whole.Evals() {
		t.Errorf("%d split iterations, %d evaluations, %d epochs for %d steps",
			split, whole.Evals(), whole.Epoch(), whole.Steps())
	}
}

// TestLBFGSBeatsAdam fits a smooth function with a 2-8-1 tanh network
// on a budget of full-batch evaluations: L-BFGS must end lower than
// full-batch Adam at the best of several learning rates.
func TestLBFGSBeatsAdam(t *testing.T) {
	const budget = 300
	x, y := smoothData(rand.New(rand.NewPCG(113, 114)), 200)
	s := lbfgsSetup()
	lb := s.buildRule(t, x, y, RuleConfig{Kind: LBFGS}, nil)
	start, _ := lb.Evaluate(x, y)
	for lb.Evals() < budget {
		lb.StepPart()
	}
	lb.ResetOptimizer() // back to the accepted point if mid-iteration
	lbLoss, _ := lb.Evaluate(x, y)
	t.Logf("start %.4g; L-BFGS: %.4g after %d iterations, %d evaluations", start, lbLoss, lb.Steps(), lb.Evals())

	bestAdam := float32(math.Inf(1))
	for _, lr := range []float32{0.003, 0.01, 0.03, 0.1} {
		a := lbfgsSetup()
		a.opt = OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999}
		a.lr, a.batch = lr, x.Rows
		adam := a.buildRule(t, x, y, RuleConfig{}, nil)
		for adam.Evals() < budget {
			adam.Step()
		}
		loss, _ := adam.Evaluate(x, y)
		t.Logf("Adam at lr %v: %.4g after %d evaluations", lr, loss, adam.Evals())
		bestAdam = min(bestAdam, loss)
	}
	if !(lbLoss < bestAdam) || !(lbLoss < start/10) {
		t.Errorf("L-BFGS %v, best Adam %v, from %v", lbLoss, bestAdam, start)
	}
}

// TestLBFGSObjectiveGradient checks the full-batch objective (data loss
// in chunks + L2 penalty + a layer's extra term) against central
// differences of itself, and its value against its parts.
func TestLBFGSObjectiveGradient(t *testing.T) {
	rng := rand.New(rand.NewPCG(115, 116))
	x, y := smoothData(rng, evalChunk+44)
	s := lbfgsSetup()
	s.hidden = []LayerConfig{{Kind: DenseLayer, Units: 3, Activation: Tanh}}
	s.reg = Regularization{Kind: L2, Rate: 0.01}
	var term *anchoredDense
	tr := s.buildRule(t, x, y, RuleConfig{Kind: LBFGS}, func(n *Network) { term = anchorFirst(n, 0.3, 0.05) })
	flat := tr.Net().CopyParams(nil)
	g := make([]float32, len(flat))
	obj, data := tr.fullBatch(flat, g)
	want := float64(data) + float64(s.reg.Penalty(tr.params)) + float64(term.ExtraLoss(false))
	if l, _ := tr.Evaluate(x, y); l != data || math.Abs(obj-want) > 1e-6*want {
		t.Errorf("objective %v (data %v, Evaluate %v), want %v", obj, data, l, want)
	}
	scratch := make([]float32, len(flat))
	num, _ := numericGrad(flat, func() float64 {
		f, _ := tr.fullBatch(flat, scratch)
		return f
	}, nil)
	if err := compareGrads(g, num, nil); err != nil {
		t.Error(err)
	}
}

// TestLBFGSWithLossTerm trains with a strong extra term pulling the first
// layer's weights to 0.3: the objective L-BFGS minimizes must include it.
func TestLBFGSWithLossTerm(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(117, 118)), 60)
	s := lbfgsSetup()
	net, err := NewNetwork(2, s.hidden, 1, Linear, Glorot, rand.New(rand.NewPCG(1, 0)))
	if err != nil {
		t.Fatal(err)
	}
	anchorFirst(net, 0.3, 10)
	tr, err := NewTrainer(TrainerConfig{Net: net, Loss: MSE, LR: 1, Rule: RuleConfig{Kind: LBFGS}}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		tr.Step()
	}
	var worst float64
	for _, v := range net.Params()[0].Value {
		worst = max(worst, math.Abs(float64(v)-0.3))
	}
	// The data loss pulls too, but with weight 10 it can only nudge.
	if worst > 0.05 {
		t.Errorf("first layer's weights up to %v from the anchor", worst)
	}
}

// TestLBFGSRestarts: edited weights (SetParams with or without
// ResetOptimizer), a reset mid-iteration, and SetData all make L-BFGS
// start afresh from the network's weights, exactly as a new trainer from
// those weights would go on.
func TestLBFGSRestarts(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(119, 120)), 80)
	s := lbfgsSetup()
	rule := RuleConfig{Kind: LBFGS}
	fresh := func(params []float32) *Trainer {
		tr := s.buildRule(t, x, y, rule, nil)
		if err := tr.Net().SetParams(params); err != nil {
			t.Fatal(err)
		}
		tr.ResetOptimizer()
		return tr
	}
	sameAsFresh := func(what string, tr *Trainer) {
		t.Helper()
		ref := fresh(tr.Net().CopyParams(nil))
		for range 5 {
			tr.Step()
			ref.Step()
		}
		if !sameBits(tr.Net().CopyParams(nil), ref.Net().CopyParams(nil)) {
			t.Errorf("%s: training did not go on as from scratch", what)
		}
	}

	tr := s.buildRule(t, x, y, rule, nil)
	initial := tr.Net().CopyParams(nil)
	for range 5 {
		tr.Step()
	}
	if err := tr.Net().SetParams(initial); err != nil {
		t.Fatal(err)
	}
	sameAsFresh("SetParams alone", tr)

	tr.Net().SetParams(initial)
	tr.ResetOptimizer()
	sameAsFresh("SetParams and ResetOptimizer", tr)

	// Step by parts until an iteration needs more than one, then reset
	// inside it.
	var accepted []float32
	for !tr.MidStep() {
		accepted = tr.Net().CopyParams(accepted)
		tr.StepPart()
	}
	tr.ResetOptimizer()
	if tr.MidStep() || !sameBits(tr.Net().CopyParams(nil), accepted) {
		t.Error("ResetOptimizer mid-iteration did not put the accepted weights back")
	}
	sameAsFresh("ResetOptimizer mid-iteration", tr)

	// SetReg and SetData change the objective: mid-iteration, they too
	// put the accepted weights back.
	for _, c := range []struct {
		name   string
		change func()
	}{
		{"SetReg", func() { tr.SetReg(Regularization{Kind: L2, Rate: 1e-5}) }},
		{"SetData", func() { tr.SetData(x, y) }},
	} {
		for !tr.MidStep() {
			accepted = tr.Net().CopyParams(accepted)
			tr.StepPart()
		}
		c.change()
		if tr.MidStep() || !sameBits(tr.Net().CopyParams(nil), accepted) {
			t.Errorf("%s mid-iteration did not put the accepted weights back", c.name)
		}
		s.reg = tr.Reg()
		sameAsFresh(c.name, tr)
	}
}

// TestLBFGSStopsQuietlyInTrainer: a zero gradient, a NaN loss and no rows
// end every Step at once without moving the weights, NaN or looping.
func TestLBFGSStopsQuietlyInTrainer(t *testing.T) {
	s := lbfgsSetup()
	rule := RuleConfig{Kind: LBFGS}

	// Zero weights and zero targets: loss 0, gradient 0.
	x, _ := smoothData(rand.New(rand.NewPCG(121, 122)), 20)
	zeros := Matrix{Rows: 20, Cols: 1, Data: make([]float32, 20)}
	tr := s.buildRule(t, x, zeros, rule, nil)
	tr.Net().SetParams(make([]float32, tr.Net().NumParams()))
	for i := range 5 {
		if l := tr.Step(); l != 0 {
			t.Fatalf("zero gradient: Step %d returned %v", i, l)
		}
	}
	if tr.Evals() != 1 || tr.Steps() != 5 || maxAbs(tr.Net().CopyParams(nil)) != 0 {
		t.Errorf("zero gradient: %d evaluations, %d steps, weights moved", tr.Evals(), tr.Steps())
	}

	// A NaN target: the loss is NaN, and stays so without re-evaluating.
	nanY := Matrix{Rows: 20, Cols: 1, Data: make([]float32, 20)}
	nanY.Data[3] = float32(math.NaN())
	tr = s.buildRule(t, x, nanY, rule, nil)
	before := tr.Net().CopyParams(nil)
	for i := range 5 {
		if l := tr.Step(); !math.IsNaN(float64(l)) {
			t.Fatalf("NaN target: Step %d returned %v", i, l)
		}
	}
	if tr.Evals() != 1 || !sameBits(before, tr.Net().CopyParams(nil)) {
		t.Errorf("NaN target: %d evaluations, weights moved", tr.Evals())
	}
	// New rows: it trains again.
	_, y := smoothData(rand.New(rand.NewPCG(121, 122)), 20)
	tr.SetData(x, y)
	if l := tr.Step(); math.IsNaN(float64(l)) || sameBits(before, tr.Net().CopyParams(nil)) {
		t.Errorf("after SetData with good rows: loss %v, moved %v", l, !sameBits(before, tr.Net().CopyParams(nil)))
	}

	// A hook that points the gradient uphill: every step along it raises
	// the loss, the search fails from steepest descent, the network keeps
	// its weights (not the last trial's) and L-BFGS waits for a change.
	tr = s.buildRule(t, x, y, rule, nil, negateHook{})
	before = tr.Net().CopyParams(nil)
	startLoss, _ := tr.Evaluate(x, y)
	if l := tr.Step(); l != startLoss || tr.Evals() > 1+wolfeMaxEvals || !sameBits(before, tr.Net().CopyParams(nil)) {
		t.Errorf("uphill gradient: Step gave %v (start %v) after %d evaluations", l, startLoss, tr.Evals())
	}
	if evals := tr.Evals(); tr.Step() != startLoss || tr.Evals() != evals {
		t.Errorf("uphill gradient: a second Step evaluated %d more times", tr.Evals()-evals)
	}
	tr.SetLR(0.5) // a new rate is worth another search, which fails again
	if evals := tr.Evals(); tr.Step() != startLoss || tr.Evals() == evals || !sameBits(before, tr.Net().CopyParams(nil)) {
		t.Error("uphill gradient: no new search after SetLR, or the weights moved")
	}

	// No rows.
	tr.SetData(Matrix{Cols: 2}, Matrix{Cols: 1})
	steps, evals := tr.Steps(), tr.Evals()
	if l, done := tr.StepPart(); !math.IsNaN(float64(l)) || !done {
		t.Errorf("no rows: StepPart gave %v, %v", l, done)
	}
	if l := tr.Step(); !math.IsNaN(float64(l)) || tr.Steps() != steps || tr.Evals() != evals {
		t.Errorf("no rows: Step gave %v, steps %d -> %d", l, steps, tr.Steps())
	}
}

// TestLBFGSFollowsSchedule: a cosine schedule that reaches 0 after 3
// steps stops L-BFGS there, without further evaluations.
func TestLBFGSFollowsSchedule(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(123, 124)), 40)
	s := lbfgsSetup()
	s.schedule = Schedule{Kind: Cosine, Period: 3}
	tr := s.buildRule(t, x, y, RuleConfig{Kind: LBFGS}, nil)
	for range 3 {
		tr.Step()
	}
	frozen, evals := tr.Net().CopyParams(nil), tr.Evals()
	for range 3 {
		tr.Step()
	}
	if !sameBits(frozen, tr.Net().CopyParams(nil)) || tr.Evals() != evals {
		t.Errorf("at rate 0: weights moved, evaluations %d -> %d", evals, tr.Evals())
	}
	tr.SetSchedule(Schedule{})
	tr.Step()
	if sameBits(frozen, tr.Net().CopyParams(nil)) {
		t.Error("back at the full rate, the weights stayed")
	}
}

// TestLBFGSHooksRunPerEvaluation: under L-BFGS a GradHook sees every
// evaluation's gradient, numbered by the iteration it belongs to.
func TestLBFGSHooksRunPerEvaluation(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(125, 126)), 40)
	hook := &gradSnap{}
	tr := lbfgsSetup().buildRule(t, x, y, RuleConfig{Kind: LBFGS}, nil, hook)
	for range 4 {
		tr.Step()
	}
	if len(hook.steps) != tr.Evals() || !slices.IsSorted(hook.steps) || hook.steps[len(hook.steps)-1] != 3 {
		t.Errorf("hook ran at steps %v for %d evaluations", hook.steps, tr.Evals())
	}
}

func TestNewTrainerRuleErrors(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(127, 128)), 8)
	net, _ := NewNetwork(2, nil, 1, Linear, Glorot, rand.New(rand.NewPCG(1, 1)))
	cfg := TrainerConfig{Net: net, Loss: MSE, LR: 1, Rule: RuleConfig{Kind: LBFGS}}
	if _, err := NewTrainer(cfg, x, y); err != nil {
		t.Errorf("L-BFGS without a batch size: %v", err)
	}
	cfg.Rule.History = -1
	if _, err := NewTrainer(cfg, x, y); err == nil {
		t.Error("negative history accepted")
	}
	cfg.Rule = RuleConfig{Kind: RuleKind(9)}
	if _, err := NewTrainer(cfg, x, y); err == nil {
		t.Error("unknown rule accepted")
	}
}

// TestLBFGSDoesNotAllocate: once warm, an L-BFGS iteration (every part
// of it) allocates nothing, with a penalty, an extra term, a hook and
// more rows than one chunk.
func TestLBFGSDoesNotAllocate(t *testing.T) {
	x, y := smoothData(rand.New(rand.NewPCG(129, 130)), evalChunk+10)
	s := lbfgsSetup()
	s.reg = Regularization{Kind: L1, Rate: 1e-4}
	tr := s.buildRule(t, x, y, RuleConfig{Kind: LBFGS, History: 3},
		func(n *Network) { anchorFirst(n, 0, 1e-3) }, countHook{new(int)})
	for range 5 {
		tr.Step()
	}
	if n := testing.AllocsPerRun(20, func() { tr.Step() }); n != 0 {
		t.Errorf("Step allocates %v times", n)
	}
	if n := testing.AllocsPerRun(20, func() { tr.StepPart() }); n != 0 {
		t.Errorf("StepPart allocates %v times", n)
	}
}

type countHook struct{ n *int }

type negateHook struct{}

func (negateHook) AfterBackward(params []*Param, _ int) {
	for _, p := range params {
		kernels.Scale(-1, p.Grad)
	}
}

func (h countHook) AfterBackward([]*Param, int) { *h.n++ }
