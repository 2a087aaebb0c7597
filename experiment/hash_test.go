package experiment

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

// fittingLayer is a layer of kind k over in inputs with the given units:
// act if the kind takes one (else Linear), the kind's default options, or
// each option at its minimum where the defaults do not fit the widths.
func fittingLayer(t *testing.T, k *nn.KindInfo, in, units int, act nn.Activation) LayerSpec {
	t.Helper()
	if !k.TakesActivation {
		act = nn.Linear
	}
	l := NewLayer(k.Kind, units, act)
	if len(k.Problems(in, l.config())) > 0 {
		for _, o := range k.Options {
			l.Options[o.Key] = o.Min
		}
	}
	if p := k.Problems(in, l.config()); len(p) > 0 {
		t.Fatalf("no %s layer of %d units over %d inputs: %v", k.Kind, units, in, p)
	}
	return l
}

// layerText is a layer as version 2 writes it, spelled out here rather
// than taken from formatLayer: kind:units:activation, then every option
// in the kind's order.
func layerText(l LayerSpec) string {
	text := fmt.Sprintf("%s:%d:%s", l.Kind, l.Units, l.Activation)
	for _, o := range l.Kind.Info().Options {
		text += fmt.Sprintf(":%s=%g", o.Key, l.Options[o.Key])
	}
	return text
}

// checkHashRoundTrip checks that s survives EncodeHash and DecodeHash
// exactly, and that encoding what was decoded writes the same link.
func checkHashRoundTrip(t *testing.T, s Spec) string {
	t.Helper()
	h := EncodeHash(s)
	got, _, err := DecodeHash(h)
	if err != nil {
		t.Fatalf("DecodeHash(%s): %v\nspec: %+v", h, err, s)
	}
	if want := WithoutUnused(s); !got.Equal(want) {
		t.Fatalf("DecodeHash(EncodeHash(s)) differs from s without what it does not use\nhash: %s\n got: %+v\nwant: %+v", h, got, want)
	}
	if again := EncodeHash(got); again != h {
		t.Fatalf("encoding the decoded spec changed the link\nfirst:  %s\nsecond: %s", h, again)
	}
	return h
}

func TestHashRoundTripsRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		s := randomSpec(r)
		if !UploadFitsLink(s) {
			continue // TestUploadedPointsInTheLink: the link says it does not fit
		}
		checkHashRoundTrip(t, s)
	}
}

func TestHashWritesEveryEnumByName(t *testing.T) {
	type variant struct {
		want string
		spec Spec
	}
	var variants []variant
	add := func(want string, edit func(*Spec)) {
		s := Default()
		edit(&s)
		variants = append(variants, variant{want, s})
	}
	for _, set := range data.Sets() {
		add("d="+set.String(), func(s *Spec) {
			s.Data.Set = set
			if set.Uploaded() {
				withUpload(s, set, 20)
				return
			}
			switch {
			case set.Regression():
				s.Data.Classes, s.Loss = 0, nn.MSE
			case set.MultiClass():
				s.Data.Classes = 5
			}
			s.fitTimeAxis()
			s.FitOutput()
		})
	}
	for _, f := range data.Features() {
		add("f="+f.String(), func(s *Spec) { s.Features = []data.Feature{f} })
	}
	for _, k := range nn.LayerKinds() {
		hidden := fittingLayer(t, k, 2, 3, nn.Tanh)
		if k.TimeAxis { // every layer reads spike trains, on a task of them
			output := fittingLayer(t, k, 3, 2, nn.Linear)
			add("l="+layerText(hidden)+","+layerText(output), func(s *Spec) {
				s.Data.Set = data.Interval
				s.Layers = []LayerSpec{hidden, output}
			})
			continue
		}
		add("l="+layerText(hidden)+",dense:2:linear", func(s *Spec) {
			s.Layers = []LayerSpec{hidden, NewLayer(nn.DenseLayer, 2, nn.Linear)}
		})
		if k.CanOutput {
			output := fittingLayer(t, k, 3, 2, nn.Linear)
			add("l=dense:3:tanh,"+layerText(output), func(s *Spec) {
				s.Layers = []LayerSpec{NewLayer(nn.DenseLayer, 3, nn.Tanh), output}
			})
		}
	}
	for _, a := range nn.Activations() {
		add("l=dense:3:"+a.String()+",dense:2:linear", func(s *Spec) {
			s.Layers = []LayerSpec{NewLayer(nn.DenseLayer, 3, a), NewLayer(nn.DenseLayer, 2, nn.Linear)}
		})
		add("l=dense:4:tanh,dense:2:tanh,dense:2:"+a.String(), func(s *Spec) { s.Layers[2].Activation = a })
	}
	for _, l := range nn.Losses() {
		add("loss="+l.String(), func(s *Spec) { s.Loss = l })
	}
	for _, i := range nn.Inits() {
		add("init="+i.String(), func(s *Spec) { s.Init = i })
	}
	for _, o := range nn.Optimizers() {
		add("opt="+o.String(), func(s *Spec) { s.Optimizer.Kind = o })
	}
	for _, k := range nn.Rules()[1:] { // the baseline's rule is left out
		add("rule="+k.String(), func(s *Spec) { s.Rule = k })
	}
	for _, k := range nn.Schedules() {
		add("sched="+k.String(), func(s *Spec) { s.Schedule.Kind = k })
	}
	for _, k := range nn.Regularizations() {
		add("reg="+k.String(), func(s *Spec) { s.Reg.Kind = k })
	}
	for _, v := range variants {
		h := checkHashRoundTrip(t, v.spec)
		if !strings.Contains(h+"&", v.want+"&") {
			t.Errorf("the link %s does not contain %s", h, v.want)
		}
	}
}

// v1Defaults is what a bare v=1 link means, spelled out rather than
// derived from Default or baselineV1, with the output layer that version 2
// lists (dense, linear, one unit per class).
func v1Defaults() Spec {
	return Spec{
		Data:     DataSpec{Set: data.Circle, Points: 500, Noise: 0, TrainPercent: 50, Classes: 2, Seed: 1},
		Features: []data.Feature{data.X1, data.X2},
		Layers: []LayerSpec{
			{Kind: nn.DenseLayer, Units: 4, Activation: nn.Tanh},
			{Kind: nn.DenseLayer, Units: 2, Activation: nn.Tanh},
			{Kind: nn.DenseLayer, Units: 2, Activation: nn.Linear},
		},
		Loss:      nn.CrossEntropy,
		Init:      nn.Glorot,
		Optimizer: OptimizerSpec{Kind: nn.SGD, LR: 0.03, Momentum: 0.9, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.01},
		Schedule:  ScheduleSpec{Kind: nn.Constant, Every: 1000, Gamma: 0.5, Period: 5000},
		Reg:       RegSpec{Kind: nn.NoReg, Rate: 0.001},
		Batch:     10,
		Seed:      1,
		View:      ViewSpec{Speed: 10},
	}
}

// v1Cases are links written by version 1, each with the spec it means in
// version 2 (the implied output layer listed last), spelled out here.
func v1Cases() []struct {
	link string
	want Spec
} {
	custom := Spec{
		Data: DataSpec{
			Set: data.SpiralK, Points: 800, Noise: 15, TrainPercent: 70, Classes: 4,
			Added:   []data.Point{{X1: 1.25, X2: -3.5, Label: 3}, {X1: 0, X2: 6, Label: 0}},
			Removed: []int{3, 17, 42},
		},
		Features: []data.Feature{data.X1, data.X2, data.X1X2, data.SinX1},
		Layers: []LayerSpec{
			{Kind: nn.DenseLayer, Units: 8, Activation: nn.ReLU},
			{Kind: nn.DenseLayer, Units: 6, Activation: nn.GELU},
			{Kind: nn.DenseLayer, Units: 4, Activation: nn.Linear},
		},
		Loss:      nn.MSE,
		Init:      nn.He,
		Optimizer: OptimizerSpec{Kind: nn.AdamW, LR: 0.003, Momentum: 0.9, Beta1: 0.85, Beta2: 0.99, WeightDecay: 0.05},
		Schedule:  ScheduleSpec{Kind: nn.StepDecay, Every: 500, Gamma: 0.7, Period: 5000},
		Reg:       RegSpec{Kind: nn.L2, Rate: 0.01},
		Batch:     25,
		Seed:      42,
		View:      ViewSpec{ShowTest: true, Discretize: true},
	}
	regression := v1Defaults()
	regression.Data = DataSpec{Set: data.MultiGauss, Points: 500, TrainPercent: 50, Classes: 0,
		Added: []data.Point{{X1: -6, X2: 0.5, Value: -0.25}}}
	regression.Loss = nn.MSE
	regression.Layers = []LayerSpec{{Kind: nn.DenseLayer, Units: 1, Activation: nn.Linear}}
	regression.Optimizer.Kind, regression.Optimizer.Momentum = nn.Momentum, 0.5
	regression.Schedule.Kind, regression.Schedule.Period = nn.Cosine, 20000

	xor := v1Defaults()
	xor.Data.Set = data.XOR
	spiral := v1Defaults()
	spiral.Data.Set = data.Spiral
	spiral.Layers = []LayerSpec{
		{Kind: nn.DenseLayer, Units: 8, Activation: nn.ReLU},
		{Kind: nn.DenseLayer, Units: 8, Activation: nn.ReLU},
		{Kind: nn.DenseLayer, Units: 2, Activation: nn.Linear},
	}
	spiral.Optimizer.Kind, spiral.Optimizer.LR = nn.Adam, 0.01
	plane := v1Defaults()
	plane.Data.Set, plane.Data.Classes, plane.Loss = data.Plane, 0, nn.MSE
	plane.Layers[2].Units = 1
	rings := v1Defaults()
	rings.Data.Set, rings.Data.Classes = data.Rings, 5
	rings.Features = []data.Feature{data.X1, data.X2, data.X1Squared, data.X2Squared}
	rings.Layers = []LayerSpec{{Kind: nn.DenseLayer, Units: 5, Activation: nn.Linear}}
	clicked := v1Defaults()
	clicked.Data.Set, clicked.Data.Classes, clicked.Data.Points = data.Rings, 7, 240
	clicked.Data.Added = []data.Point{{X1: 5.08, X2: 1.51, Label: 1}, {X1: -3.41, X2: -2.68, Label: 6}}
	clicked.Data.Removed = []int{3, 6, 10, 13, 18}
	clicked.Features = []data.Feature{data.X1, data.SinX2}
	clicked.Layers = []LayerSpec{
		{Kind: nn.DenseLayer, Units: 8, Activation: nn.GELU},
		{Kind: nn.DenseLayer, Units: 7, Activation: nn.Tanh},
		{Kind: nn.DenseLayer, Units: 5, Activation: nn.Linear},
		{Kind: nn.DenseLayer, Units: 7, Activation: nn.Linear},
	}
	gaussRemoved := v1Defaults()
	gaussRemoved.Data = DataSpec{Set: data.MultiGauss, Points: 40, Noise: 15, TrainPercent: 30, Removed: []int{1}}
	gaussRemoved.Features = []data.Feature{data.X2Squared, data.SinX2}
	gaussRemoved.Layers = []LayerSpec{{Kind: nn.DenseLayer, Units: 1, Activation: nn.Linear}}
	gaussRemoved.Loss, gaussRemoved.Init = nn.MSE, nn.Uniform
	gaussRemoved.Optimizer.LR, gaussRemoved.Optimizer.Beta1 = 0.3, 0.8
	gaussRemoved.Schedule.Every, gaussRemoved.Schedule.Period = 18, 10
	gaussRemoved.Reg = RegSpec{Kind: nn.L1, Rate: 0.001}
	gaussRemoved.Batch, gaussRemoved.Seed = 18, 419
	gaussRemoved.View.Discretize = true
	deepest := v1Defaults()
	deepest.Layers = nil
	for range MaxLayers - 1 {
		deepest.Layers = append(deepest.Layers, LayerSpec{Kind: nn.DenseLayer, Units: 3, Activation: nn.SiLU})
	}
	deepest.Layers = append(deepest.Layers, LayerSpec{Kind: nn.DenseLayer, Units: 2, Activation: nn.Linear})

	cases := []struct {
		link string
		want Spec
	}{
		{"v=1", v1Defaults()},
		{"v=1&d=circle&n=500&noise=0&train=50&f=x1,x2&l=dense:4:tanh,dense:2:tanh&loss=xent&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0", v1Defaults()},
		{"v=1&d=xor", xor},
		{"v=1&d=spiral&l=dense:8:relu,dense:8:relu&opt=adam&lr=0.01", spiral},
		{"v=1&d=plane&loss=mse&k=0", plane},
		{"v=1&d=rings&k=5&l=&f=x1,x2,x1sq,x2sq", rings},
		{"v=1&d=spiralk&n=800&noise=15&train=70&k=4&f=x1,x2,x1x2,sinx1&l=dense:8:relu,dense:6:gelu&loss=mse&init=he&opt=adamw&lr=0.003&b1=0.85&b2=0.99&wd=0.05&sched=step&every=500&gamma=0.7&reg=l2&rate=0.01&bs=25&seed=42&test=1&disc=1&add=1.25:-3.5:3;0:6:0&rm=3,17,42", custom},
		{"v=1&d=multigauss&n=500&noise=0&train=50&k=0&f=x1,x2&l=&loss=mse&init=glorot&opt=momentum&lr=0.03&mom=0.5&sched=cosine&period=20000&reg=none&bs=10&seed=1&test=0&disc=0&add=-6:0.5:-0.25", regression},
		{"v=1&d=rings&n=240&k=7&f=x1,sinx2&l=dense:8:gelu,dense:7:tanh,dense:5:linear&add=5.08:1.51:1;-3.41:-2.68:6&rm=3,6,10,13,18", clicked},
		{"v=1&d=multigauss&n=40&noise=15&train=30&k=0&f=x2sq,sinx2&l=&loss=mse&init=uniform&opt=sgd&lr=0.3&b1=0.8&sched=constant&every=18&period=10&reg=l1&rate=0.001&bs=18&seed=419&test=0&disc=1&rm=1", gaussRemoved},
		{"v=1&l=" + strings.TrimSuffix(strings.Repeat("dense:3:silu,", MaxLayers-1), ","), deepest},
	}
	// Version 1 had no pace (its links open at the default one) and one
	// seed for data and weights.
	for i := range cases {
		cases[i].want.View.Speed = DefaultSpeed
		cases[i].want.Data.Seed = cases[i].want.Seed
	}
	return cases
}

// Links written by version 1 must decode to the same spec for as long as
// the page exists, whatever Default becomes, and version 1 must still
// write them the same way.
func TestHashV1LinksDecodeForever(t *testing.T) {
	for _, c := range v1Cases() {
		got, ignored, err := DecodeHash(c.link)
		if err != nil {
			t.Errorf("DecodeHash(%s): %v", c.link, err)
			continue
		}
		if ignored != nil {
			t.Errorf("DecodeHash(%s) ignored %q", c.link, ignored)
		}
		if !got.Equal(c.want) {
			t.Errorf("DecodeHash(%s)\n got: %+v\nwant: %+v", c.link, got, c.want)
		}
		// Version 1 wrote the hidden layers only; its own encoder must
		// still write the links it wrote then (the ones with every key
		// that mattered: seed always did).
		v1 := got.Clone()
		v1.Layers = v1.Hidden()
		if again := hashV1.encode(v1); strings.Contains(c.link, "&seed=") && again != c.link {
			t.Errorf("version 1 no longer writes this link the same way\n was: %s\n now: %s", c.link, again)
		}
	}
}

// A v=1 link decodes to its spec with the implied output layer listed
// last; writing that spec gives a v=2 link that reads back as the same
// spec, and the migrated spec keeps every setting the link made.
func TestHashV1LinksMigrateToV2(t *testing.T) {
	for _, c := range v1Cases() {
		got, _, err := DecodeHash(c.link)
		if err != nil {
			t.Errorf("DecodeHash(%s): %v", c.link, err)
			continue
		}
		out := got.Layers[len(got.Layers)-1]
		if !out.Equal(NewLayer(nn.DenseLayer, got.Outputs(), nn.Linear)) {
			t.Errorf("DecodeHash(%s): the output layer is %+v, want dense linear with %d units", c.link, out, got.Outputs())
		}
		h := EncodeHash(got)
		if !strings.HasPrefix(h, "v=2&") {
			t.Errorf("EncodeHash of a migrated spec wrote %s, want a v=2 link", h)
		}
		again, _, err := DecodeHash(h)
		if err != nil || !again.Equal(WithoutUnused(c.want)) {
			t.Errorf("the v=2 link %s of %s decodes to %+v, %v\nwant %+v", h, c.link, again, err, c.want)
		}
		if want := "l=" + formatList(c.want.Layers, ",", layerText); !strings.Contains(h+"&", "&"+want+"&") {
			t.Errorf("the v=2 link %s does not list every layer as %s", h, want)
		}
	}
}

// Links written by version 2 decode to these specs forever, and version 2
// writes them so. The option of a layer left out means the kind's
// default as TestOptionDefaultsFrozen keeps it.
func TestHashV2LinksDecodeForever(t *testing.T) {
	lowrank := v1Defaults()
	lowrank.Features = []data.Feature{data.X1, data.X2, data.X1Squared, data.X2Squared, data.X1X2}
	lowrank.Layers = []LayerSpec{
		{Kind: nn.LowRankLayer, Units: 8, Activation: nn.ReLU, Options: nn.Options{"r": 2}},
		{Kind: nn.LowRankLayer, Units: 16, Activation: nn.Tanh, Options: nn.Options{"r": 4}},
		{Kind: nn.DenseLayer, Units: 2, Activation: nn.Linear},
	}
	outputLowRank := v1Defaults()
	outputLowRank.Data.Set, outputLowRank.Data.Classes = data.SpiralK, 6
	outputLowRank.Layers = []LayerSpec{
		{Kind: nn.DenseLayer, Units: 12, Activation: nn.GELU},
		{Kind: nn.LowRankLayer, Units: 6, Activation: nn.Sigmoid, Options: nn.Options{"r": 3}},
	}
	outputLowRank.Data.Added = []data.Point{{X1: -1.5, X2: 2, Label: 5}}
	outputLowRank.Data.Removed = []int{0, 499}
	regression := v1Defaults()
	regression.Data.Set, regression.Data.Classes, regression.Loss = data.Plane, 0, nn.MSE
	regression.Layers = []LayerSpec{{Kind: nn.DenseLayer, Units: 1, Activation: nn.Tanh}}
	regression.Data.Added = []data.Point{{X1: 0.5, X2: -6, Value: 0.75}}

	for _, c := range []struct {
		link string
		want Spec
	}{
		{"v=2", v1Defaults()},
		{"v=2&d=circle&n=500&noise=0&train=50&f=x1,x2&l=dense:4:tanh,dense:2:tanh,dense:2:linear&loss=xent&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0", v1Defaults()},
		{"v=2&d=circle&n=500&noise=0&train=50&f=x1,x2,x1sq,x2sq,x1x2&l=lowrank:8:relu:r=2,lowrank:16:tanh:r=4,dense:2:linear&loss=xent&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0", lowrank},
		{"v=2&f=x1,x2,x1sq,x2sq,x1x2&l=lowrank:8:relu:r=2,lowrank:16:tanh,dense:2:linear", lowrank},
		{"v=2&d=spiralk&n=500&noise=0&train=50&k=6&f=x1,x2&l=dense:12:gelu,lowrank:6:sigmoid:r=3&loss=xent&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0&add=-1.5:2:5&rm=0,499", outputLowRank},
		{"v=2&d=plane&n=500&noise=0&train=50&k=0&f=x1,x2&l=dense:1:tanh&loss=mse&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0&add=0.5:-6:0.75", regression},
	} {
		got, _, err := DecodeHash(c.link)
		if err != nil {
			t.Errorf("DecodeHash(%s): %v", c.link, err)
			continue
		}
		if !got.Equal(c.want) {
			t.Errorf("DecodeHash(%s)\n got: %+v\nwant: %+v", c.link, got, c.want)
		}
		if strings.Contains(c.link, "&seed=") {
			if again := EncodeHash(got); again != c.link {
				t.Errorf("version 2 no longer writes this link the same way\n was: %s\n now: %s", c.link, again)
			}
		}
	}
}

// Keys this page does not know but a newer one might write (short
// lower-case names) are skipped and reported, so the link still opens;
// anything else is still an error.
func TestDecodeHashSkipsUnknownKeys(t *testing.T) {
	want := Default()
	want.Optimizer.LR = 0.1
	for _, c := range []struct {
		link    string
		ignored []string
		want    Spec
	}{
		{"v=2&zz=1&lr=0.1", []string{"zz"}, want},
		{"v=2&lr=0.1&zz=1&zz=2", []string{"zz"}, want},
		{"v=2&lr=0.1&zz", []string{"zz"}, want},
		{"v=2&theme=dark&lr=0.1&speed2=9", []string{"theme", "speed2"}, want},
		{"v=2&lr=0.1", nil, want},
		{"v=1&zz=1&lr=0.1", []string{"zz"}, want},
		{"v=1&d=xor&newkey=3", []string{"newkey"}, v1Cases()[2].want},
	} {
		got, ignored, err := DecodeHash(c.link)
		if err != nil {
			t.Errorf("DecodeHash(%s): %v", c.link, err)
			continue
		}
		if !slices.Equal(ignored, c.ignored) {
			t.Errorf("DecodeHash(%s) ignored %q, want %q", c.link, ignored, c.ignored)
		}
		if !got.Equal(c.want) {
			t.Errorf("DecodeHash(%s)\n got: %+v\nwant: %+v", c.link, got, c.want)
		}
	}

	// At most maxHashErrors keys are named.
	many := "v=2"
	for i := range 15 {
		many += fmt.Sprintf("&k%d=1", 10+i)
	}
	if _, ignored, err := DecodeHash(many); err != nil || len(ignored) != maxHashErrors || ignored[0] != "k10" {
		t.Errorf("DecodeHash(%s): ignored %q, %v; want the first %d keys", many, ignored, err, maxHashErrors)
	}

	// An unknown key does not excuse a bad known one.
	if _, _, err := DecodeHash("v=2&zz=1&lr=abc"); err == nil || !strings.Contains(err.Error(), `key "lr"`) {
		t.Errorf(`DecodeHash(v=2&zz=1&lr=abc) = %v, want an error on key "lr"`, err)
	}

	for _, link := range []string{
		"v=2&Zz=1&lr=0.1", "v=2&z-z=1", "v=2&z_z=1", "v=2&=1", "v=2&lr=0.1&" + strings.Repeat("z", 17) + "=1",
		"v=2&z%20z=1", "v=1&ZZ=1", "v=2&é=1",
	} {
		if _, ignored, err := DecodeHash(link); err == nil || !strings.Contains(err.Error(), "unknown key") {
			t.Errorf("DecodeHash(%s) = %v, ignored %q; want an unknown-key error", link, err, ignored)
		}
	}
}

// Layer options travel in links as key=value after the activation; an
// option left out takes the kind's default, and every bad option is an
// error naming the key "l".
func TestHashLayerOptions(t *testing.T) {
	s := Default()
	s.Features = []data.Feature{data.X1, data.X2, data.X1Squared}
	s.Layers = []LayerSpec{
		{Kind: nn.LowRankLayer, Units: 8, Activation: nn.ReLU, Options: nn.Options{"r": 2}},
		{Kind: nn.LowRankLayer, Units: 3, Activation: nn.Tanh, Options: nn.Options{"r": 3}},
		{Kind: nn.LowRankLayer, Units: 2, Activation: nn.Linear, Options: nn.Options{"r": 1}},
	}
	h := checkHashRoundTrip(t, s)
	if want := "&l=lowrank:8:relu:r=2,lowrank:3:tanh:r=3,lowrank:2:linear:r=1&"; !strings.Contains(h+"&", want) {
		t.Errorf("the link %s does not contain %s", h, want)
	}

	def := nn.LowRankLayer.Info().Option("r").Default
	got, _, err := DecodeHash("v=2&f=x1,x2,x1sq,x2sq,x1x2&l=lowrank:8:relu,dense:2:linear")
	if err != nil || got.Layers[0].Options["r"] != def || len(got.Layers[0].Options) != 1 {
		t.Errorf("a lowrank layer without r decodes to %+v, %v; want r=%v", got.Layers, err, def)
	}
	if got.Layers[1].Options != nil {
		t.Errorf("a dense layer decodes with options %v, want none", got.Layers[1].Options)
	}

	for _, c := range []struct{ layers, want string }{
		{"lowrank:8:relu:q=2,dense:2:linear", `key "l": layer 1: unknown option "q" for a lowrank layer`},
		{"lowrank:8:relu:r=2:q=2,dense:2:linear", `key "l": layer 1: unknown option "q" for a lowrank layer`},
		{"dense:8:relu:r=2,dense:2:linear", `key "l": layer 1: unknown option "r" for a dense layer`},
		{"lowrank:8:relu:r=abc,dense:2:linear", `key "l": layer 1: option r: "abc" is not a number`},
		{"lowrank:8:relu:r=,dense:2:linear", `key "l": layer 1: option r: the value is empty`},
		{"lowrank:8:relu:r=NaN,dense:2:linear", `key "l": layer 1: option r: "NaN" is not a number`},
		{"lowrank:8:relu:r=1e39,dense:2:linear", `key "l": layer 1: option r: "1e39" is out of range`},
		{"lowrank:8:relu:r,dense:2:linear", `key "l": layer 1: want key=value after the activation, not "r"`},
		{"lowrank:8:relu:r=2:,dense:2:linear", `key "l": layer 1: want key=value after the activation, not ""`},
		{"lowrank:8:relu:r=0,dense:2:linear", `key "l" (layers): layer 1: option r=0 is outside 1..256`},
		{"lowrank:8:relu:r=-1,dense:2:linear", `key "l" (layers): layer 1: option r=-1 is outside 1..256`},
		{"lowrank:8:relu:r=300,dense:2:linear", `key "l" (layers): layer 1: option r=300 is outside 1..256`},
		{"lowrank:8:relu:r=2.5,dense:2:linear", `key "l" (layers): layer 1: option r=2.5 must be a whole number`},
		{"lowrank:8:relu:r=3,dense:2:linear", `key "l" (layers): layer 1: rank r=3 is above min(inputs, units)=2`},
		{"lowrank:1:relu:r=2,dense:2:linear", `key "l" (layers): layer 1: rank r=2 is above min(inputs, units)=1`},
		{"dense:8:relu,lowrank:2:linear:r=4", `key "l" (layers): output layer: rank r=4 is above min(inputs, units)=2`},
		{"dense:8:relu,lowrank:2:linear", `key "l" (layers): output layer: rank r=4 is above min(inputs, units)=2`},
	} {
		link := "v=2&l=" + c.layers
		_, _, err := DecodeHash(link)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("DecodeHash(%s) = %v\nwant an error containing %s", link, err, c.want)
		}
	}
}

func TestHashOmitsOnlyIrrelevantBaselineValues(t *testing.T) {
	has := func(h, key string) bool { return strings.Contains("&"+h, "&"+key+"=") }
	def := EncodeHash(Default())
	for _, key := range []string{"k", "mom", "b1", "b2", "wd", "every", "gamma", "period", "rate", "add", "rm"} {
		if has(def, key) {
			t.Errorf("the default link %s writes %s, which does not matter for it", def, key)
		}
	}

	adam := Default()
	adam.Optimizer.Kind = nn.Adam
	if h := EncodeHash(adam); !has(h, "b1") || !has(h, "b2") || has(h, "wd") || has(h, "mom") {
		t.Errorf("with adam, want b1 and b2 but neither wd nor mom: %s", h)
	}

	// A link carries only what its experiment uses: a value kept for a
	// kind not chosen stays out, even when it differs from the baseline,
	// and reads back as the baseline's.
	kept := Default()
	kept.Optimizer.Momentum = 0.5
	kept.Schedule.Gamma = 0.1
	kept.Reg.Rate = 0.3
	h := EncodeHash(kept)
	if has(h, "mom") || has(h, "gamma") || has(h, "rate") {
		t.Errorf("momentum, gamma and a penalty rate the experiment does not use are written: %s", h)
	}
	if back, _, err := DecodeHash(h); err != nil || back.Optimizer.Momentum != baselineV2.Optimizer.Momentum || !back.Equal(WithoutUnused(kept)) {
		t.Errorf("reading %s back: %v, momentum %v", h, err, back.Optimizer.Momentum)
	}
	used := kept
	used.Optimizer.Kind, used.Schedule.Kind, used.Reg.Kind = nn.Momentum, nn.StepDecay, nn.L2
	if h := EncodeHash(used); !strings.Contains(h, "&mom=0.5&") || !strings.Contains(h, "&gamma=0.1&") || !strings.Contains(h, "&rate=0.3&") {
		t.Errorf("momentum, gamma and the rate in use are not all written: %s", h)
	}

	rings := Default()
	rings.Data.Set, rings.Data.Classes = data.Rings, 2
	if h := EncodeHash(rings); !has(h, "k") {
		t.Errorf("the class count matters for rings even at its baseline value: %s", h)
	}
}

func TestDecodeHashRefusesNewerVersions(t *testing.T) {
	for _, link := range []string{"v=7&d=circle", "v=7", "#v=7&anything=goes"} {
		_, _, err := DecodeHash(link)
		want := "this link was made by a newer version (v=7); this page reads up to v=2"
		if err == nil || err.Error() != want {
			t.Errorf("DecodeHash(%q) = %v, want %q", link, err, want)
		}
	}
	if _, _, err := DecodeHash("v=123456789012345678901234567890"); err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Errorf("a huge version: %v, want the newer-version error", err)
	}
}

func TestDecodeHashErrorsNameTheKey(t *testing.T) {
	layers18 := strings.Repeat("dense:1:relu,", 17) + "dense:2:linear"
	hidden17 := strings.TrimSuffix(strings.Repeat("dense:1:relu,", 17), ",")
	for _, c := range []struct {
		link string
		want []string
	}{
		{"d=circle", []string{`start with v=<version>, not "d=circle"`}},
		{"v=x", []string{`key "v": "x" is not a version number`}},
		{"v=0", []string{"versions start at 1, not 0"}},
		{"v=2&Foo=1", []string{`unknown key "Foo"`}},
		{"v=2&d=circle&d=xor", []string{`key "d" appears more than once`}},
		{"v=2&v=2", []string{`key "v" appears more than once`}},
		{"v=2&d", []string{`key "d" has no value`}},
		{"v=2&&d=xor", []string{"empty setting"}},
		{"v=2&", []string{"empty setting"}},
		{"v=2&n=abc", []string{`key "n": "abc" is not a whole number`}},
		{"v=2&n=1e3", []string{`key "n": "1e3" is not a whole number`}},
		{"v=2&n=+5", []string{`key "n": "+5" is not a whole number`}},
		{"v=2&n=99999999999999999999", []string{`key "n": "99999999999999999999" is too large`}},
		{"v=2&n=5", []string{`key "n" (data.points): 5 points is less than the minimum of 10`}},
		{"v=2&lr=", []string{`key "lr": the value is empty`}},
		{"v=2&lr=NaN", []string{`key "lr": "NaN" is not a number`}},
		{"v=2&lr=Inf", []string{`key "lr": "Inf" is not a number`}},
		{"v=2&lr=infinity", []string{`key "lr": "infinity" is not a number`}},
		{"v=2&lr=0x1p-2", []string{`key "lr": "0x1p-2" is not a number`}},
		{"v=2&lr=1_0", []string{`key "lr": "1_0" is not a number`}},
		{"v=2&lr=1e39", []string{`key "lr": "1e39" is out of range`}},
		{"v=2&lr=1.2.3", []string{`key "lr": "1.2.3" is not a number`}},
		{"v=2&lr=" + strings.Repeat("1", 40), []string{`key "lr": the value is 40 bytes long; at most 32`}},
		{"v=2&lr=20", []string{`key "lr" (optimizer.lr): 20 is more than the limit of 10`}},
		{"v=2&lr=0", []string{`key "lr" (optimizer.lr): 0 must be more than 0`}},
		{"v=2&mom=1", []string{`key "mom" (optimizer.momentum): 1 must be less than 1`}},
		{"v=2&d=moon", []string{`key "d": unknown data set "moon"`}},
		{"v=2&opt=" + strings.Repeat("x", 100), []string{`key "opt": "xxxxxxxx`, "is not a name this page knows"}},
		{"v=2&test=yes", []string{`key "test": want 0 or 1, not "yes"`}},
		{"v=2&seed=-1", []string{`key "seed": "-1" is not a whole number from 0 to 4294967295`}},
		{"v=2&seed=+1", []string{`key "seed": "+1" is not a whole number`}},
		{"v=2&seed=" + strings.Repeat("1", 50), []string{`key "seed": "11111111`}},
		{"v=2&seed=4294967296", []string{`key "seed": "4294967296" is not a whole number from 0 to 4294967295`}},
		{"v=2&l=dense:4", []string{`key "l": layer 1: want kind:units:activation, not "dense:4"`}},
		{"v=2&l=dense:4:tanh,dense:2:linear:r=4", []string{`key "l": layer 2: unknown option "r" for a dense layer`}},
		{"v=2&l=conv:4:tanh,dense:2:linear", []string{`key "l": layer 1: unknown layer kind "conv"`}},
		{"v=2&l=dense:4:swish,dense:2:linear", []string{`key "l": layer 1: unknown activation "swish"`}},
		{"v=2&l=dense:300:tanh,dense:2:linear", []string{`key "l" (layers): layer 1: 300 units is more than the limit of 256`}},
		{"v=2&l=dense:4:tanh,dense:3:linear", []string{`key "l" (layers): output layer: 3 units, but the data needs 2 outputs`}},
		{"v=2&l=", []string{`key "l" (layers): there must be at least the output layer`}},
		{"v=2&l=" + layers18, []string{`key "l": 18 layers is more than the limit of 17`}},
		{"v=2&l=dense:256:relu,dense:256:relu,dense:256:relu,dense:2:linear", []string{`key "l" (layers): the network has 132866 trainable parameters, more than the limit of 100000`}},
		{"v=2&f=x1,x1", []string{`key "f" (features): feature 2: x1 comes after x1`}},
		{"v=2&f=", []string{`key "f" (features): there must be at least one feature`}},
		{"v=2&f=x1,x2,x3", []string{`key "f": feature 3: unknown feature "x3"`}},
		{"v=2&f=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2,x1", []string{`key "f": 8 features is more than the limit of 7`}},
		{"v=2&add=1:2", []string{`key "add": point 1: want x1:x2:label or x1:x2:value, not "1:2"`}},
		{"v=2&add=1:2:1;1:2:3:4", []string{`key "add": point 2: want x1:x2:label`}},
		{"v=2&add=7:0:1", []string{`key "add" (data.added): point 1: x1 7 is more than the limit of 6`}},
		{"v=2&add=1:2:0.5", []string{`key "add": point 1: "0.5" is not a whole number`}},
		{"v=2&add=1:2:2", []string{`key "add" (data.added): point 1: label 2 is not one of the 2 classes`}},
		{"v=2&add=" + strings.Repeat("0:0:0;", MaxAdded) + "0:0:0", []string{`key "add": 201 points is more than the limit of 200`}},
		{"v=2&add=0:0:" + strings.Repeat("0", maxItemLen), []string{fmt.Sprintf(`key "add": point 1 is %d bytes long; at most %d`, maxItemLen+4, maxItemLen)}},
		{"v=2&rm=5,3", []string{`key "rm" (data.removed): entry 2: 3 comes after 5`}},
		{"v=2&rm=1,a", []string{`key "rm": removed point 2: "a" is not a whole number`}},
		{"v=2&k=3", []string{`key "k" (data.classes): circle has 2 classes, not 3`}},
		{"v=2&d=plane", []string{`key "k" (data.classes): plane is a regression set, so classes must be 0, not 2`,
			`key "loss" (loss): plane is a regression set, which trains on mse, not xent`}},
		{"v=2&d=plane&k=0&loss=mse", []string{`key "l" (layers): output layer: 2 units, but the data needs 1 outputs`}},
		{"v=2&n=x&lr=y&bs=z", []string{`key "n"`, `key "lr"`, `key "bs"`}},
		{"v=2" + strings.Repeat("&X=1", 20), []string{`unknown key "X"`, "and 10 more problems"}},
		{strings.Repeat("a", MaxHashLen+1), []string{"the link's settings are 16385 bytes long; at most 16384 are read"}},
		{"v=2&d=%zz", []string{"broken %-escape"}},

		// Version 1 keeps its own rules: hidden layers only, none with
		// options, at most 16 of them.
		{"v=1&l=dense:4:tanh,dense:2:tanh:r=4", []string{`key "l": layer 2: unknown option "r" for a dense layer`}},
		{"v=1&l=dense:4:tanh,lowrank:2:tanh:r=2", []string{`key "l": layer 2: unknown option "r" for a lowrank layer`}},
		{"v=1&l=" + hidden17, []string{`key "l": 17 layers is more than the limit of 16`}},
		{"v=1&l=dense:300:tanh", []string{`key "l" (layers): layer 1: 300 units is more than the limit of 256`}},
		{"v=1&l=dense:256:relu,dense:256:relu,dense:256:relu", []string{`key "l" (layers): the network has 132866 trainable parameters, more than the limit of 100000`}},
		{"v=1&k=3", []string{`key "k" (data.classes): circle has 2 classes, not 3`}},
		{"v=1&foo=1&lr=0", []string{`key "lr" (optimizer.lr): 0 must be more than 0`}},
	} {
		_, _, err := DecodeHash(c.link)
		if err == nil {
			t.Errorf("DecodeHash(%.60q) succeeded, want an error", c.link)
			continue
		}
		for _, want := range c.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("DecodeHash(%.60q):\n%v\nwant it to contain %q", c.link, err, want)
			}
		}
	}
}

func TestDecodeHashEmpty(t *testing.T) {
	for _, link := range []string{"", "#"} {
		if _, _, err := DecodeHash(link); !errors.Is(err, ErrEmptyHash) {
			t.Errorf("DecodeHash(%q) = %v, want ErrEmptyHash", link, err)
		}
	}
}

func TestDecodeHashAcceptsHashSignAndEscapes(t *testing.T) {
	want := Default()
	want.Data.Added = []data.Point{{X1: 1.5, X2: -2, Label: 1}}
	link := EncodeHash(want)
	escaped := strings.NewReplacer(":", "%3A", ",", "%2C", ";", "%3b").Replace(link)
	for _, l := range []string{"#" + link, escaped, "#" + escaped} {
		got, _, err := DecodeHash(l)
		if err != nil || !got.Equal(want) {
			t.Errorf("DecodeHash(%s) = %v; want the spec of %s", l, err, link)
		}
	}
}

// Every field Validate can complain about has a key, so that every error
// on a decoded link names one.
// (Older versions may lack keys for fields added since: their links leave
// those fields at the baseline, which is valid.)
func TestEveryValidatedFieldHasAKey(t *testing.T) {
	f := hashFormats[len(hashFormats)-1]
	for _, c := range validationCases {
		if keyOf(f, c.field) == "" {
			t.Errorf("no v%d key for field %s", f.version, c.field)
		}
	}
}

func keyOf(f *hashFormat, field string) string {
	for _, p := range f.props {
		if p.field == field {
			return p.key
		}
	}
	return ""
}

// bytesAllocated reports how many bytes f allocates on the heap.
func bytesAllocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Hostile links allocate little: lists are counted before anything is
// made, values are capped, and errors stop after a few.
func TestDecodeHashBoundsAllocation(t *testing.T) {
	fill := func(prefix, unit string) string {
		return prefix + strings.Repeat(unit, (MaxHashLen-len(prefix))/len(unit))
	}
	longestPoint := "-1.1754944e-38:-1.1754944e-38:-1.1754944e-38"
	for name, link := range map[string]string{
		"many separators":      fill("v=2&add=", ";"),
		"many indices":         fill("v=2&rm=", "1,"),
		"many layers":          fill("v=2&l=", "dense:256:relu,"),
		"many v1 layers":       fill("v=1&l=", "dense:256:relu,"),
		"many options":         fill("v=2&l=lowrank:8:relu", ":r=2"),
		"many layer options":   fill("v=2&l=", "lowrank:8:relu:r=2:r=2:r=2,"),
		"many unknown keys":    fill("v=2", "&X=1"),
		"many ignored keys":    fill("v=2", "&x=1"),
		"many distinct keys":   fill("v=2", "&"+strings.Repeat("x", 16)+"=1"),
		"many empty pairs":     fill("v=2", "&"),
		"one long value":       fill("v=2&lr=", "9"),
		"one long option":      fill("v=2&l=lowrank:8:relu:r=", "9"),
		"escapes":              fill("v=2&d=", "%41"),
		"long points":          "v=2&d=plane&k=0&loss=mse&l=dense:1:linear&add=" + strings.TrimSuffix(strings.Repeat(longestPoint+";", MaxAdded), ";"),
		"v1 many unknown keys": fill("v=1", "&xy=1"),
	} {
		if len(link) > MaxHashLen {
			t.Fatalf("%s: the test link is too long", name)
		}
		var err error
		n := bytesAllocated(func() { _, _, err = DecodeHash(link) })
		t.Logf("%s: %d bytes allocated, error: %.80v", name, n, err)
		if n > 64<<10 {
			t.Errorf("%s: decoding a %d-byte link allocated %d bytes", name, len(link), n)
		}
	}

	huge := strings.Repeat("v=2&", 1<<20)
	if allocs := testing.AllocsPerRun(10, func() { _, _, _ = DecodeHash(huge) }); allocs > 3 {
		t.Errorf("refusing an over-long link made %v allocations", allocs)
	}
}
