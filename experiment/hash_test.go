package experiment

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

// checkHashRoundTrip checks that s survives EncodeHash and DecodeHash
// exactly, and that encoding what was decoded writes the same link.
func checkHashRoundTrip(t *testing.T, s Spec) string {
	t.Helper()
	h := EncodeHash(s)
	got, err := DecodeHash(h)
	if err != nil {
		t.Fatalf("DecodeHash(%s): %v\nspec: %+v", h, err, s)
	}
	if !got.Equal(s) {
		t.Fatalf("DecodeHash(EncodeHash(s)) differs from s\nhash: %s\n got: %+v\nwant: %+v", h, got, s)
	}
	if again := EncodeHash(got); again != h {
		t.Fatalf("encoding the decoded spec changed the link\nfirst:  %s\nsecond: %s", h, again)
	}
	return h
}

func TestHashRoundTripsRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		checkHashRoundTrip(t, randomSpec(r))
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
			switch {
			case set.Regression():
				s.Data.Classes, s.Loss = 0, nn.MSE
			case set.MultiClass():
				s.Data.Classes = 5
			}
		})
	}
	for _, f := range data.Features() {
		add("f="+f.String(), func(s *Spec) { s.Features = []data.Feature{f} })
	}
	for _, k := range nn.LayerKinds() {
		add("l="+k.String()+":3:tanh", func(s *Spec) { s.Layers = []LayerSpec{{Kind: k, Units: 3, Activation: nn.Tanh}} })
	}
	for _, a := range nn.Activations() {
		add("l=dense:3:"+a.String(), func(s *Spec) { s.Layers = []LayerSpec{{Kind: nn.DenseLayer, Units: 3, Activation: a}} })
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

// Links written by version 1 must decode to the same spec for as long as
// the page exists, whatever Default becomes. The expected specs are spelled
// out here rather than derived from Default or baselineV1.
func TestHashV1LinksDecodeForever(t *testing.T) {
	v1Defaults := Spec{
		Data:      DataSpec{Set: data.Circle, Points: 500, Noise: 0, TrainPercent: 50, Classes: 2},
		Features:  []data.Feature{data.X1, data.X2},
		Layers:    []LayerSpec{{Kind: nn.DenseLayer, Units: 4, Activation: nn.Tanh}, {Kind: nn.DenseLayer, Units: 2, Activation: nn.Tanh}},
		Loss:      nn.CrossEntropy,
		Init:      nn.Glorot,
		Optimizer: OptimizerSpec{Kind: nn.SGD, LR: 0.03, Momentum: 0.9, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0.01},
		Schedule:  ScheduleSpec{Kind: nn.Constant, Every: 1000, Gamma: 0.5, Period: 5000},
		Reg:       RegSpec{Kind: nn.NoReg, Rate: 0.001},
		Batch:     10,
		Seed:      1,
	}
	custom := Spec{
		Data: DataSpec{
			Set: data.SpiralK, Points: 800, Noise: 15, TrainPercent: 70, Classes: 4,
			Added:   []data.Point{{X1: 1.25, X2: -3.5, Label: 3}, {X1: 0, X2: 6, Label: 0}},
			Removed: []int{3, 17, 42},
		},
		Features:  []data.Feature{data.X1, data.X2, data.X1X2, data.SinX1},
		Layers:    []LayerSpec{{Kind: nn.DenseLayer, Units: 8, Activation: nn.ReLU}, {Kind: nn.DenseLayer, Units: 6, Activation: nn.GELU}},
		Loss:      nn.MSE,
		Init:      nn.He,
		Optimizer: OptimizerSpec{Kind: nn.AdamW, LR: 0.003, Momentum: 0.9, Beta1: 0.85, Beta2: 0.99, WeightDecay: 0.05},
		Schedule:  ScheduleSpec{Kind: nn.StepDecay, Every: 500, Gamma: 0.7, Period: 5000},
		Reg:       RegSpec{Kind: nn.L2, Rate: 0.01},
		Batch:     25,
		Seed:      42,
		View:      ViewSpec{ShowTest: true, Discretize: true},
	}
	regression := v1Defaults.Clone()
	regression.Data = DataSpec{Set: data.MultiGauss, Points: 500, TrainPercent: 50, Classes: 0,
		Added: []data.Point{{X1: -6, X2: 0.5, Value: -0.25}}}
	regression.Loss, regression.Layers = nn.MSE, nil
	regression.Optimizer.Kind, regression.Optimizer.Momentum = nn.Momentum, 0.5
	regression.Schedule.Kind, regression.Schedule.Period = nn.Cosine, 20000

	for _, c := range []struct {
		link string
		want Spec
	}{
		{"v=1", v1Defaults},
		{"v=1&d=circle&n=500&noise=0&train=50&f=x1,x2&l=dense:4:tanh,dense:2:tanh&loss=xent&init=glorot&opt=sgd&lr=0.03&sched=constant&reg=none&bs=10&seed=1&test=0&disc=0", v1Defaults},
		{"v=1&d=spiralk&n=800&noise=15&train=70&k=4&f=x1,x2,x1x2,sinx1&l=dense:8:relu,dense:6:gelu&loss=mse&init=he&opt=adamw&lr=0.003&b1=0.85&b2=0.99&wd=0.05&sched=step&every=500&gamma=0.7&reg=l2&rate=0.01&bs=25&seed=42&test=1&disc=1&add=1.25:-3.5:3;0:6:0&rm=3,17,42", custom},
		{"v=1&d=multigauss&n=500&noise=0&train=50&k=0&f=x1,x2&l=&loss=mse&init=glorot&opt=momentum&lr=0.03&mom=0.5&sched=cosine&period=20000&reg=none&bs=10&seed=1&test=0&disc=0&add=-6:0.5:-0.25", regression},
	} {
		got, err := DecodeHash(c.link)
		if err != nil {
			t.Errorf("DecodeHash(%s): %v", c.link, err)
			continue
		}
		if !got.Equal(c.want) {
			t.Errorf("DecodeHash(%s)\n got: %+v\nwant: %+v", c.link, got, c.want)
		}
		if c.link != "v=1" {
			if again := hashV1.encode(got); again != c.link {
				t.Errorf("version 1 no longer writes this link the same way\n was: %s\n now: %s", c.link, again)
			}
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

	// A value kept for a kind not chosen is written once it differs from
	// the baseline, so switching back later finds it again.
	kept := Default()
	kept.Optimizer.Momentum = 0.5
	kept.Schedule.Gamma = 0.1
	if h := EncodeHash(kept); !has(h, "mom") || !has(h, "gamma") {
		t.Errorf("momentum 0.5 and gamma 0.1 differ from the baseline but are not written: %s", h)
	}

	rings := Default()
	rings.Data.Set, rings.Data.Classes = data.Rings, 2
	if h := EncodeHash(rings); !has(h, "k") {
		t.Errorf("the class count matters for rings even at its baseline value: %s", h)
	}
}

func TestDecodeHashRefusesNewerVersions(t *testing.T) {
	for _, link := range []string{"v=7&d=circle", "v=7", "#v=7&anything=goes"} {
		_, err := DecodeHash(link)
		want := "this link was made by a newer version (v=7); this page reads up to v=1"
		if err == nil || err.Error() != want {
			t.Errorf("DecodeHash(%q) = %v, want %q", link, err, want)
		}
	}
	if _, err := DecodeHash("v=123456789012345678901234567890"); err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Errorf("a huge version: %v, want the newer-version error", err)
	}
}

func TestDecodeHashErrorsNameTheKey(t *testing.T) {
	layers17 := strings.TrimSuffix(strings.Repeat("dense:1:relu,", 17), ",")
	for _, c := range []struct {
		link string
		want []string
	}{
		{"d=circle", []string{`start with v=<version>, not "d=circle"`}},
		{"v=x", []string{`key "v": "x" is not a version number`}},
		{"v=0", []string{"versions start at 1, not 0"}},
		{"v=1&foo=1", []string{`unknown key "foo"`}},
		{"v=1&d=circle&d=xor", []string{`key "d" appears more than once`}},
		{"v=1&v=1", []string{`key "v" appears more than once`}},
		{"v=1&d", []string{`key "d" has no value`}},
		{"v=1&&d=xor", []string{"empty setting"}},
		{"v=1&", []string{"empty setting"}},
		{"v=1&n=abc", []string{`key "n": "abc" is not a whole number`}},
		{"v=1&n=1e3", []string{`key "n": "1e3" is not a whole number`}},
		{"v=1&n=+5", []string{`key "n": "+5" is not a whole number`}},
		{"v=1&n=99999999999999999999", []string{`key "n": "99999999999999999999" is too large`}},
		{"v=1&n=5", []string{`key "n" (data.points): 5 points is less than the minimum of 10`}},
		{"v=1&lr=", []string{`key "lr": the value is empty`}},
		{"v=1&lr=NaN", []string{`key "lr": "NaN" is not a number`}},
		{"v=1&lr=Inf", []string{`key "lr": "Inf" is not a number`}},
		{"v=1&lr=infinity", []string{`key "lr": "infinity" is not a number`}},
		{"v=1&lr=0x1p-2", []string{`key "lr": "0x1p-2" is not a number`}},
		{"v=1&lr=1_0", []string{`key "lr": "1_0" is not a number`}},
		{"v=1&lr=1e39", []string{`key "lr": "1e39" is out of range`}},
		{"v=1&lr=1.2.3", []string{`key "lr": "1.2.3" is not a number`}},
		{"v=1&lr=" + strings.Repeat("1", 40), []string{`key "lr": the value is 40 bytes long; at most 32`}},
		{"v=1&lr=20", []string{`key "lr" (optimizer.lr): 20 is more than the limit of 10`}},
		{"v=1&lr=0", []string{`key "lr" (optimizer.lr): 0 must be more than 0`}},
		{"v=1&mom=1", []string{`key "mom" (optimizer.momentum): 1 must be less than 1`}},
		{"v=1&d=moon", []string{`key "d": unknown data set "moon"`}},
		{"v=1&opt=" + strings.Repeat("x", 100), []string{`key "opt": "xxxxxxxx`, "is not a name this page knows"}},
		{"v=1&test=yes", []string{`key "test": want 0 or 1, not "yes"`}},
		{"v=1&seed=-1", []string{`key "seed": "-1" is not a whole number from 0 to 4294967295`}},
		{"v=1&seed=+1", []string{`key "seed": "+1" is not a whole number`}},
		{"v=1&seed=" + strings.Repeat("1", 50), []string{`key "seed": "11111111`}},
		{"v=1&seed=4294967296", []string{`key "seed": "4294967296" is not a whole number from 0 to 4294967295`}},
		{"v=1&l=dense:4", []string{`key "l": layer 1: want kind:units:activation, not "dense:4"`}},
		{"v=1&l=dense:4:tanh,dense:2:tanh:r=4", []string{`key "l": layer 2: unknown option "r" for a dense layer`}},
		{"v=1&l=conv:4:tanh", []string{`key "l": layer 1: unknown layer kind "conv"`}},
		{"v=1&l=dense:4:swish", []string{`key "l": layer 1: unknown activation "swish"`}},
		{"v=1&l=dense:300:tanh", []string{`key "l" (layers): layer 1: 300 units is more than the limit of 256`}},
		{"v=1&l=" + layers17, []string{`key "l": 17 layers is more than the limit of 16`}},
		{"v=1&l=dense:256:relu,dense:256:relu,dense:256:relu", []string{`key "l" (layers): the network has 132866 trainable parameters, more than the limit of 100000`}},
		{"v=1&f=x1,x1", []string{`key "f" (features): feature 2: x1 comes after x1`}},
		{"v=1&f=", []string{`key "f" (features): there must be at least one feature`}},
		{"v=1&f=x1,x2,x3", []string{`key "f": feature 3: unknown feature "x3"`}},
		{"v=1&f=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2,x1", []string{`key "f": 8 features is more than the limit of 7`}},
		{"v=1&add=1:2", []string{`key "add": point 1: want x1:x2:label or x1:x2:value, not "1:2"`}},
		{"v=1&add=1:2:1;1:2:3:4", []string{`key "add": point 2: want x1:x2:label`}},
		{"v=1&add=7:0:1", []string{`key "add" (data.added): point 1: x1 7 is more than the limit of 6`}},
		{"v=1&add=1:2:0.5", []string{`key "add": point 1: "0.5" is not a whole number`}},
		{"v=1&add=1:2:2", []string{`key "add" (data.added): point 1: label 2 is not one of the 2 classes`}},
		{"v=1&add=" + strings.Repeat("0:0:0;", MaxAdded) + "0:0:0", []string{`key "add": 201 points is more than the limit of 200`}},
		{"v=1&add=0:0:" + strings.Repeat("0", 70), []string{`key "add": point 1 is 74 bytes long; at most 64`}},
		{"v=1&rm=5,3", []string{`key "rm" (data.removed): entry 2: 3 comes after 5`}},
		{"v=1&rm=1,a", []string{`key "rm": removed point 2: "a" is not a whole number`}},
		{"v=1&k=3", []string{`key "k" (data.classes): circle has 2 classes, not 3`}},
		{"v=1&d=plane", []string{`key "k" (data.classes): plane is a regression set, so classes must be 0, not 2`,
			`key "loss" (loss): plane is a regression set, which trains on mse, not xent`}},
		{"v=1&n=x&lr=y&bs=z", []string{`key "n"`, `key "lr"`, `key "bs"`}},
		{"v=1" + strings.Repeat("&x=1", 20), []string{`unknown key "x"`, "and 10 more problems"}},
		{strings.Repeat("a", MaxHashLen+1), []string{"the link's settings are 16385 bytes long; at most 16384 are read"}},
		{"v=1&d=%zz", []string{"broken %-escape"}},
	} {
		_, err := DecodeHash(c.link)
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
		if _, err := DecodeHash(link); !errors.Is(err, ErrEmptyHash) {
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
		got, err := DecodeHash(l)
		if err != nil || !got.Equal(want) {
			t.Errorf("DecodeHash(%s) = %v; want the spec of %s", l, err, link)
		}
	}
}

// Every field Validate can complain about has a key, so that every error
// on a decoded link names one.
func TestEveryValidatedFieldHasAKey(t *testing.T) {
	for _, c := range validationCases {
		if hashV1.index(keyOf(c.field)) < 0 {
			t.Errorf("no v1 key for field %s", c.field)
		}
	}
}

func keyOf(field string) string {
	for _, p := range hashV1.props {
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
		"many separators":   fill("v=1&add=", ";"),
		"many indices":      fill("v=1&rm=", "1,"),
		"many layers":       fill("v=1&l=", "dense:256:relu,"),
		"many unknown keys": fill("v=1", "&x=1"),
		"many empty pairs":  fill("v=1", "&"),
		"one long value":    fill("v=1&lr=", "9"),
		"escapes":           fill("v=1&d=", "%41"),
		"long points":       "v=1&d=plane&k=0&loss=mse&add=" + strings.TrimSuffix(strings.Repeat(longestPoint+";", MaxAdded), ";"),
	} {
		if len(link) > MaxHashLen {
			t.Fatalf("%s: the test link is too long", name)
		}
		var err error
		n := bytesAllocated(func() { _, err = DecodeHash(link) })
		t.Logf("%s: %d bytes allocated, error: %.80v", name, n, err)
		if n > 64<<10 {
			t.Errorf("%s: decoding a %d-byte link allocated %d bytes", name, len(link), n)
		}
	}

	huge := strings.Repeat("v=1&", 1<<20)
	if allocs := testing.AllocsPerRun(10, func() { _, _ = DecodeHash(huge) }); allocs > 3 {
		t.Errorf("refusing an over-long link made %v allocations", allocs)
	}
}
