package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// xorData draws n points in [-1, 1]² away from the axes, labelled one-hot
// by the sign of x·y: the classic XOR pattern no linear model separates.
func xorData(rng *rand.Rand, n int) (x, y Matrix) {
	x = Matrix{Rows: n, Cols: 2, Data: make([]float32, 2*n)}
	y = Matrix{Rows: n, Cols: 2, Data: make([]float32, 2*n)}
	for i := range n {
		var a, b float64
		for math.Abs(a) < 0.1 || math.Abs(b) < 0.1 {
			a, b = rng.Float64()*2-1, rng.Float64()*2-1
		}
		x.Data[2*i], x.Data[2*i+1] = float32(a), float32(b)
		if a*b > 0 {
			y.Data[2*i] = 1
		} else {
			y.Data[2*i+1] = 1
		}
	}
	return x, y
}

type trainerSetup struct {
	netSeed, seed uint64
	hidden        []LayerConfig
	loss          LossKind
	opt           OptimizerConfig
	lr            float32
	schedule      Schedule
	reg           Regularization
	batch         int
}

func defaultSetup() trainerSetup {
	return trainerSetup{
		netSeed: 1, seed: 2,
		hidden: []LayerConfig{
			{Kind: DenseLayer, Units: 8, Activation: Tanh},
			{Kind: DenseLayer, Units: 8, Activation: Tanh},
		},
		loss:  CrossEntropy,
		opt:   OptimizerConfig{Kind: Adam, Beta1: 0.9, Beta2: 0.999},
		lr:    0.03,
		batch: 10,
	}
}

func (s trainerSetup) build(t testing.TB, x, y Matrix) *Trainer {
	t.Helper()
	net, err := NewNetwork(x.Cols, s.hidden, y.Cols, Linear, Glorot, rand.New(rand.NewPCG(s.netSeed, 0)))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := NewTrainer(TrainerConfig{
		Net: net, Loss: s.loss, Optimizer: s.opt, LR: s.lr, Schedule: s.schedule,
		Reg: s.reg, Batch: s.batch, Seed: s.seed,
	}, x, y)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestTrainerLearnsXOR(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	x, y := xorData(rng, 200)
	testX, testY := xorData(rng, 200)
	tr := defaultSetup().build(t, x, y)
	startLoss, _ := tr.Evaluate(testX, testY)
	const steps = 400
	for range steps {
		tr.Step()
	}
	loss, acc := tr.Evaluate(testX, testY)
	t.Logf("test loss %.4f -> %.4f, accuracy %.3f, %d epochs", startLoss, loss, acc, tr.Epoch())
	if startLoss < 0.5 || loss > 0.1 || acc < 0.95 {
		t.Errorf("after %d steps: test loss %.4f -> %.4f, accuracy %.3f", steps, startLoss, loss, acc)
	}
}

func TestTrainerLearnsRegression(t *testing.T) {
	// y = sin(3x) on [-1, 1], MSE, heavy-ball momentum with a step decay
	// and a little L2: exercises the other paths of the trainer.
	const n = 64
	x := Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	y := Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	for i := range n {
		v := -1 + 2*float64(i)/(n-1)
		x.Data[i], y.Data[i] = float32(v), float32(math.Sin(3*v))
	}
	s := defaultSetup()
	s.hidden = []LayerConfig{{Kind: DenseLayer, Units: 16, Activation: Tanh}}
	s.loss = MSE
	s.opt = OptimizerConfig{Kind: Momentum, Momentum: 0.9}
	s.lr = 0.05
	s.schedule = Schedule{Kind: StepDecay, Every: 1000, Gamma: 0.5}
	s.reg = Regularization{Kind: L2, Rate: 1e-5}
	s.batch = 16
	tr := s.build(t, x, y)
	for range 3000 {
		tr.Step()
	}
	loss, acc := tr.Evaluate(x, y)
	if loss > 0.01 || !math.IsNaN(float64(acc)) {
		t.Errorf("regression loss %.4f (accuracy %v, want NaN)", loss, acc)
	}
}

func runLosses(t *testing.T, s trainerSetup, steps int) []float32 {
	x, y := xorData(rand.New(rand.NewPCG(61, 62)), 50)
	tr := s.build(t, x, y)
	losses := make([]float32, steps)
	for i := range losses {
		losses[i] = tr.Step()
	}
	return losses
}

func sameBits(a, b []float32) bool {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}

func TestTrainerIsDeterministic(t *testing.T) {
	s := defaultSetup()
	a, b := runLosses(t, s, 100), runLosses(t, s, 100)
	if !sameBits(a, b) {
		t.Error("same seeds gave different losses")
	}
	s.seed = 3 // another batch order
	if sameBits(a, runLosses(t, s, 100)) {
		t.Error("a different batch seed gave the same losses")
	}
	s = defaultSetup()
	s.netSeed = 3 // other initial weights
	if sameBits(a, runLosses(t, s, 100)) {
		t.Error("a different weight seed gave the same losses")
	}
}

func TestTrainerEpochs(t *testing.T) {
	// 10 distinct rows, batch 4: epochs are 4 + 4 + 2 rows, each row
	// exactly once per epoch, and the order changes between epochs.
	const n = 10
	x := Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	y := Matrix{Rows: n, Cols: 1, Data: make([]float32, n)}
	for i := range n {
		x.Data[i] = float32(i)
	}
	s := defaultSetup()
	s.loss, s.batch = MSE, 4
	tr := s.build(t, x, y)
	var orders [][]float32
	for epoch := range 3 {
		var seen []float32
		for _, size := range []int{4, 4, 2} {
			if tr.Epoch() != epoch {
				t.Fatalf("Epoch() = %d during epoch %d", tr.Epoch(), epoch)
			}
			tr.Step()
			got := tr.batchX[:size]
			seen = append(seen, got...)
		}
		orders = append(orders, slices.Clone(seen))
		slices.Sort(seen)
		for i, v := range seen {
			if v != float32(i) {
				t.Fatalf("epoch %d visited %v", epoch, orders[epoch])
			}
		}
	}
	if tr.Epoch() != 3 || tr.Steps() != 9 {
		t.Errorf("Epoch %d, Steps %d", tr.Epoch(), tr.Steps())
	}
	if slices.Equal(orders[0], orders[1]) && slices.Equal(orders[1], orders[2]) {
		t.Error("batch order does not change between epochs")
	}
}

func TestTrainerSetData(t *testing.T) {
	rng := rand.New(rand.NewPCG(71, 72))
	x, y := xorData(rng, 20)
	tr := defaultSetup().build(t, x, y)
	for range 5 {
		tr.Step()
	}
	before := tr.Net().CopyParams(nil)
	epochs := tr.Epoch()
	x2, y2 := xorData(rng, 33)
	tr.SetData(x2, y2)
	if !slices.Equal(before, tr.Net().CopyParams(nil)) {
		t.Error("SetData changed the weights")
	}
	for range 4 {
		tr.Step()
	}
	if tr.Epoch() != epochs+1 { // 33 rows in batches of 10: 4 steps
		t.Errorf("Epoch %d after a full pass over the new rows, was %d", tr.Epoch(), epochs)
	}
	tr.SetData(Matrix{Cols: 2}, Matrix{Cols: 2})
	if l := tr.Step(); !math.IsNaN(float64(l)) {
		t.Errorf("Step without rows returned %v", l)
	}
	defer func() {
		if recover() == nil {
			t.Error("SetData accepted targets of the wrong width")
		}
	}()
	tr.SetData(x2, Matrix{Rows: 33, Cols: 3, Data: make([]float32, 99)})
}

func TestTrainerLiveEdits(t *testing.T) {
	x, y := xorData(rand.New(rand.NewPCG(73, 74)), 20)
	s := defaultSetup()
	s.opt = OptimizerConfig{Kind: SGD}
	tr := s.build(t, x, y)
	tr.SetLR(0)
	tr.SetReg(Regularization{Kind: L2, Rate: 0.5})
	before := tr.Net().CopyParams(nil)
	tr.Step()
	if !slices.Equal(before, tr.Net().CopyParams(nil)) {
		t.Error("a step at learning rate 0 changed the weights")
	}
	if tr.LR() != 0 || tr.Reg().Rate != 0.5 {
		t.Error("getters do not reflect the edits")
	}
	tr.SetLR(0.1)
	tr.Step()
	if slices.Equal(before, tr.Net().CopyParams(nil)) {
		t.Error("a step at learning rate 0.1 left the weights")
	}
}

func TestNewTrainerErrors(t *testing.T) {
	x, y := xorData(rand.New(rand.NewPCG(75, 76)), 8)
	net, _ := NewNetwork(2, nil, 2, Linear, Glorot, rand.New(rand.NewPCG(1, 1)))
	one, _ := NewNetwork(2, nil, 1, Linear, Glorot, rand.New(rand.NewPCG(1, 1)))
	good := TrainerConfig{Net: net, Loss: CrossEntropy, Optimizer: OptimizerConfig{Kind: SGD}, LR: 0.1, Batch: 4}
	if _, err := NewTrainer(good, x, y); err != nil {
		t.Fatal(err)
	}
	y1 := Matrix{Rows: 8, Cols: 1, Data: make([]float32, 8)}
	for name, c := range map[string]struct {
		mod  func(*TrainerConfig)
		x, y Matrix
	}{
		"no net":          {func(c *TrainerConfig) { c.Net = nil }, x, y},
		"bad loss":        {func(c *TrainerConfig) { c.Loss = LossKind(9) }, x, y},
		"xent one output": {func(c *TrainerConfig) { c.Net = one }, x, y1},
		"bad optimizer":   {func(c *TrainerConfig) { c.Optimizer.Kind = OptimizerKind(9) }, x, y},
		"bad schedule":    {func(c *TrainerConfig) { c.Schedule.Kind = ScheduleKind(9) }, x, y},
		"bad reg":         {func(c *TrainerConfig) { c.Reg.Kind = RegKind(9) }, x, y},
		"zero batch":      {func(c *TrainerConfig) { c.Batch = 0 }, x, y},
		"input width":     {func(c *TrainerConfig) {}, y1, y},
		"target width":    {func(c *TrainerConfig) {}, x, y1},
		"row counts":      {func(c *TrainerConfig) {}, x, Matrix{Rows: 7, Cols: 2, Data: y.Data}},
		"short data":      {func(c *TrainerConfig) {}, Matrix{Rows: 8, Cols: 2, Data: x.Data[:3]}, y},
	} {
		cfg := good
		c.mod(&cfg)
		if _, err := NewTrainer(cfg, c.x, c.y); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestStepAndEvaluateDoNotAllocate covers every optimizer, regularization,
// loss and activation once warm, including the short last batch of an
// epoch (37 rows, batch 8) and an evaluation set larger than one chunk.
func TestStepAndEvaluateDoNotAllocate(t *testing.T) {
	rng := rand.New(rand.NewPCG(81, 82))
	x, y := xorData(rng, 37)
	testX, testY := xorData(rng, 3*evalChunk+5)
	var hidden []LayerConfig
	for _, a := range Activations() {
		hidden = append(hidden, LayerConfig{Kind: DenseLayer, Units: 5, Activation: a})
	}
	for _, opt := range Optimizers() {
		for _, reg := range Regularizations() {
			for _, loss := range Losses() {
				s := defaultSetup()
				s.hidden, s.loss, s.batch = hidden, loss, 8
				s.opt = OptimizerConfig{Kind: opt, Momentum: 0.9, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.01}
				s.reg = Regularization{Kind: reg, Rate: 1e-3}
				s.schedule = Schedule{Kind: Cosine, Period: 1000}
				tr := s.build(t, x, y)
				for range 12 { // more than two epochs
					tr.Step()
				}
				tr.Evaluate(testX, testY)
				if n := testing.AllocsPerRun(50, func() { tr.Step() }); n != 0 {
					t.Errorf("%v/%v/%v: Step allocates %v times", opt, reg, loss, n)
				}
				if n := testing.AllocsPerRun(5, func() { tr.Evaluate(testX, testY) }); n != 0 {
					t.Errorf("%v/%v/%v: Evaluate allocates %v times", opt, reg, loss, n)
				}
			}
		}
	}
}

func BenchmarkTrainerStep(b *testing.B) {
	rng := rand.New(rand.NewPCG(91, 92))
	x, y := xorData(rng, 500)
	s := defaultSetup()
	s.batch = 32
	tr := s.build(b, x, y)
	b.ReportAllocs()
	for b.Loop() {
		tr.Step()
	}
}
