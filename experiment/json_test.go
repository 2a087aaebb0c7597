package experiment

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"playground/data"
	"playground/nn"
)

func checkJSONRoundTrip(t *testing.T, s Spec) []byte {
	t.Helper()
	b, err := EncodeJSON(s)
	if err != nil {
		t.Fatalf("EncodeJSON: %v\nspec: %+v", err, s)
	}
	got, err := DecodeJSON(b)
	if err != nil {
		t.Fatalf("DecodeJSON: %v\n%s", err, b)
	}
	if !got.Equal(s) {
		t.Fatalf("DecodeJSON(EncodeJSON(s)) differs from s\n got: %+v\nwant: %+v", got, s)
	}
	if again, _ := EncodeJSON(got); string(again) != string(b) {
		t.Fatalf("encoding the decoded spec changed the file\nfirst:\n%s\nsecond:\n%s", b, again)
	}
	return b
}

func TestJSONRoundTripsRandomSpecs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 1000 {
		checkJSONRoundTrip(t, randomSpec(r))
	}
}

func TestJSONWritesEnumsByName(t *testing.T) {
	s := Default()
	s.Data.Set, s.Data.Classes = data.Rings, 3
	s.FitOutput()
	for _, f := range data.Features() {
		s.Features = []data.Feature{f}
		if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"`+f.String()+`"`) {
			t.Errorf("feature %v is not written by name", f)
		}
	}
	s.Features = []data.Feature{data.X1}
	for _, a := range nn.Activations() {
		for _, k := range nn.LayerKinds() {
			hidden := fittingLayer(t, k, 1, 2, a)
			s.Data.Set = data.Rings
			s.Layers = []LayerSpec{hidden, NewLayer(nn.DenseLayer, 3, nn.Linear)}
			if k.TimeAxis { // every layer reads spike trains, on a task of them
				s.Data.Set = data.Interval
				s.Layers[1] = fittingLayer(t, k, data.Interval.Channels(), 3, a)
			} else if k.CanOutput {
				s.Layers = append(s.Layers[:1], fittingLayer(t, k, 2, 3, a))
			}
			b := string(checkJSONRoundTrip(t, s))
			if !strings.Contains(b, `"kind": "`+k.Kind.String()+`"`) || !strings.Contains(b, `"activation": "`+hidden.Activation.String()+`"`) {
				t.Errorf("layer %v %v is not written by name:\n%s", k.Kind, a, b)
			}
		}
	}
	for _, set := range data.Sets() {
		s := Default()
		s.UseSet(set)
		if set.Uploaded() {
			withUpload(&s, set, 20)
		}
		if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"set": "`+set.String()+`"`) {
			t.Errorf("set %v is not written by name", set)
		}
	}
	for _, l := range nn.Losses() {
		s := Default()
		s.Loss = l
		checkJSONRoundTrip(t, s)
	}
	for _, i := range nn.Inits() {
		s := Default()
		s.Init = i
		checkJSONRoundTrip(t, s)
	}
	for _, o := range nn.Optimizers() {
		s := Default()
		s.Optimizer.Kind = o
		checkJSONRoundTrip(t, s)
	}
	for _, k := range nn.Rules() {
		s := Default()
		s.Rule = k
		if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"rule": "`+k.String()+`"`) {
			t.Errorf("rule %v is not written by name", k)
		}
	}
	for _, k := range nn.Schedules() {
		s := Default()
		s.Schedule.Kind = k
		checkJSONRoundTrip(t, s)
	}
	for _, k := range nn.Regularizations() {
		s := Default()
		s.Reg.Kind = k
		if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"kind": "`+k.String()+`"`) {
			t.Errorf("regularization %v is not written by name", k)
		}
	}
}

// presetV1Literal is a version-1 preset file as version 1 writes it; it
// must keep decoding to the same spec.
const presetV1Literal = `{
  "version": 1,
  "data": {
    "set": "multigauss",
    "points": 300,
    "noise": 10,
    "trainPercent": 60,
    "classes": 0,
    "added": [
      {
        "x1": 1.25,
        "x2": -3.5,
        "label": 0,
        "value": -0.75
      }
    ],
    "removed": [
      2,
      9
    ]
  },
  "features": [
    "x1",
    "x2",
    "sinx2"
  ],
  "layers": [
    {
      "kind": "dense",
      "units": 5,
      "activation": "sine"
    }
  ],
  "loss": "mse",
  "init": "lecun",
  "optimizer": {
    "kind": "momentum",
    "lr": 0.1,
    "momentum": 0.95,
    "beta1": 0.9,
    "beta2": 0.999,
    "weightDecay": 0
  },
  "schedule": {
    "kind": "cosine",
    "every": 1000,
    "gamma": 0.5,
    "period": 8000
  },
  "regularization": {
    "kind": "l1",
    "rate": 0.003
  },
  "batch": 16,
  "seed": 4000000000,
  "view": {
    "showTest": true,
    "discretize": false
  }
}
`

// fileV1Of is a spec as version 1 wrote it: the hidden layers only,
// without options, and [] when there are none.
func fileV1Of(s Spec) fileV1 {
	d := s.Data
	f := fileV1{Version: 1, Data: dataV1{Set: d.Set, Points: d.Points, Noise: d.Noise, TrainPercent: d.TrainPercent,
		Classes: d.Classes, Added: d.Added, Removed: d.Removed}, Features: s.Features, Layers: []layerV1{}, Loss: s.Loss,
		Init: s.Init, Optimizer: s.Optimizer, Schedule: s.Schedule, Reg: s.Reg, Batch: s.Batch,
		Seed: s.Seed, View: viewV1{ShowTest: s.View.ShowTest, Discretize: s.View.Discretize}}
	for _, l := range s.Hidden() {
		f.Layers = append(f.Layers, layerV1{Kind: l.Kind, Units: l.Units, Activation: l.Activation})
	}
	return f
}

func TestJSONV1FilesDecodeForever(t *testing.T) {
	want := Spec{
		Data: DataSpec{
			Set: data.MultiGauss, Points: 300, Noise: 10, TrainPercent: 60, Classes: 0,
			Added:   []data.Point{{X1: 1.25, X2: -3.5, Value: -0.75}},
			Removed: []int{2, 9},
			Seed:    4000000000, // version 1's one seed
		},
		Features: []data.Feature{data.X1, data.X2, data.SinX2},
		Layers: []LayerSpec{
			{Kind: nn.DenseLayer, Units: 5, Activation: nn.Sine},
			{Kind: nn.DenseLayer, Units: 1, Activation: nn.Linear}, // implied in version 1
		},
		Loss:      nn.MSE,
		Init:      nn.LeCun,
		Optimizer: OptimizerSpec{Kind: nn.Momentum, LR: 0.1, Momentum: 0.95, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0},
		Schedule:  ScheduleSpec{Kind: nn.Cosine, Every: 1000, Gamma: 0.5, Period: 8000},
		Reg:       RegSpec{Kind: nn.L1, Rate: 0.003},
		Batch:     16,
		Seed:      4000000000,
		View:      ViewSpec{ShowTest: true, Speed: 10},
	}
	got, err := DecodeJSON([]byte(presetV1Literal))
	if err != nil || !got.Equal(want) {
		t.Fatalf("DecodeJSON(v1 file) = %+v, %v\nwant %+v", got, err, want)
	}
	if b, _ := json.MarshalIndent(fileV1Of(got), "", "  "); string(b)+"\n" != presetV1Literal {
		t.Errorf("version 1 no longer writes this file the same way:\n%s", b)
	}

	// The file, written again, is a version-2 file of the same spec.
	b := checkJSONRoundTrip(t, got)
	if !strings.Contains(string(b), `"version": 2`) {
		t.Errorf("EncodeJSON of a migrated spec is not a version-2 file:\n%s", b)
	}

	// A version-1 file without hidden layers is the output layer alone.
	none := strings.Replace(presetV1Literal, `"layers": [
    {
      "kind": "dense",
      "units": 5,
      "activation": "sine"
    }
  ]`, `"layers": []`, 1)
	got, err = DecodeJSON([]byte(none))
	if err != nil || len(got.Layers) != 1 || !got.Layers[0].Equal(NewLayer(nn.DenseLayer, 1, nn.Linear)) {
		t.Errorf("a v1 file without hidden layers decodes to %+v, %v; want the output layer alone", got.Layers, err)
	}
}

// presetV2Literal is a version-2 preset file as version 2 writes it; it
// must keep decoding to the same spec.
const presetV2Literal = `{
  "version": 2,
  "data": {
    "set": "spiralk",
    "points": 300,
    "noise": 10,
    "trainPercent": 60,
    "classes": 3,
    "added": [
      {
        "x1": 1.25,
        "x2": -3.5,
        "label": 2
      }
    ],
    "removed": [
      2,
      9
    ],
    "seed": 77
  },
  "features": [
    "x1",
    "x2",
    "sinx2"
  ],
  "layers": [
    {
      "kind": "lowrank",
      "units": 8,
      "activation": "relu",
      "options": {
        "r": 2
      }
    },
    {
      "kind": "dense",
      "units": 5,
      "activation": "sine"
    },
    {
      "kind": "lowrank",
      "units": 3,
      "activation": "linear",
      "options": {
        "r": 3
      }
    }
  ],
  "loss": "xent",
  "init": "lecun",
  "rule": "minibatch",
  "optimizer": {
    "kind": "momentum",
    "lr": 0.1,
    "momentum": 0.95,
    "beta1": 0.9,
    "beta2": 0.999,
    "weightDecay": 0
  },
  "schedule": {
    "kind": "cosine",
    "every": 1000,
    "gamma": 0.5,
    "period": 8000
  },
  "regularization": {
    "kind": "l1",
    "rate": 0.003
  },
  "batch": 16,
  "seed": 4000000000,
  "view": {
    "showTest": true,
    "discretize": false,
    "speed": 10
  }
}
`

func presetV2Spec() Spec {
	return Spec{
		Data: DataSpec{
			Set: data.SpiralK, Points: 300, Noise: 10, TrainPercent: 60, Classes: 3,
			Added:   []data.Point{{X1: 1.25, X2: -3.5, Label: 2}},
			Removed: []int{2, 9},
			Seed:    77,
		},
		Features: []data.Feature{data.X1, data.X2, data.SinX2},
		Layers: []LayerSpec{
			{Kind: nn.LowRankLayer, Units: 8, Activation: nn.ReLU, Options: nn.Options{"r": 2}},
			{Kind: nn.DenseLayer, Units: 5, Activation: nn.Sine},
			{Kind: nn.LowRankLayer, Units: 3, Activation: nn.Linear, Options: nn.Options{"r": 3}},
		},
		Loss:      nn.CrossEntropy,
		Init:      nn.LeCun,
		Optimizer: OptimizerSpec{Kind: nn.Momentum, LR: 0.1, Momentum: 0.95, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0},
		Schedule:  ScheduleSpec{Kind: nn.Cosine, Every: 1000, Gamma: 0.5, Period: 8000},
		Reg:       RegSpec{Kind: nn.L1, Rate: 0.003},
		Batch:     16,
		Seed:      4000000000,
		View:      ViewSpec{ShowTest: true, Speed: 10},
	}
}

func TestJSONV2FilesDecodeForever(t *testing.T) {
	want := presetV2Spec()
	got, err := DecodeJSON([]byte(presetV2Literal))
	if err != nil || !got.Equal(want) {
		t.Fatalf("DecodeJSON(v2 file) = %+v, %v\nwant %+v", got, err, want)
	}
	if b, _ := EncodeJSON(got); string(b) != presetV2Literal {
		t.Errorf("version 2 no longer writes this file the same way:\n%s", b)
	}
}

// A layer's options in a file may leave keys out (they take the kind's
// defaults) or be empty or null for kinds without options.
func TestDecodeJSONLayerOptions(t *testing.T) {
	def := nn.LowRankLayer.Info().Option("r").Default
	s := presetV2Spec()
	s.Features = data.Features()
	s.Layers[0].Options["r"] = def
	file, err := EncodeJSON(s)
	if err != nil {
		t.Fatal(err)
	}
	for name, edit := range map[string][2]string{
		"absent option": {`"options": {
        "r": 4
      }`, `"options": {}`},
		"absent options": {`,
      "options": {
        "r": 4
      }`, ``},
		"null options": {`"options": {
        "r": 4
      }`, `"options": null`},
		"dense, no options": {`"activation": "sine"`, `"activation": "sine", "options": {}`},
		"dense, null":       {`"activation": "sine"`, `"activation": "sine", "options": null`},
	} {
		if !strings.Contains(string(file), edit[0]) {
			t.Fatalf("%s: the file lacks %q:\n%s", name, edit[0], file)
		}
		got, err := DecodeJSON([]byte(strings.Replace(string(file), edit[0], edit[1], 1)))
		if err != nil || !got.Equal(s) {
			t.Errorf("%s: DecodeJSON = %+v, %v\nwant %+v", name, got.Layers, err, s.Layers)
		}
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	edit := func(valid, old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("the test file lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	v2 := func(old, new string) string { return edit(presetV2Literal, old, new) }
	v1 := func(old, new string) string { return edit(presetV1Literal, old, new) }
	manyOptions := `"r": 2`
	for i := range maxDictionaryKeys {
		manyOptions += fmt.Sprintf(`, "o%d": 1`, i)
	}
	for _, c := range []struct {
		name, file, want string
	}{
		{"newer version", v2(`"version": 2`, `"version": 7`), "this file was made by a newer version (version 7); this page reads up to version 2"},
		{"version 0", v2(`"version": 2`, `"version": 0`), `"version": versions start at 1, not 0`},
		{"no version", v2(`"version": 2,`, ``), `the preset file has no "version"`},
		{"text version", v2(`"version": 2`, `"version": "2"`), `"version" must be a whole number, not "2"`},
		{"not an object", `[1, 2]`, "the preset file is not a JSON object"},
		{"not JSON", `{"version": 2,`, "the preset file is not a JSON object"},
		{"empty", ``, "the preset file is not a JSON object"},
		{"trailing data", presetV2Literal + `{}`, "the preset file is not a JSON object"},
		{"unknown field", v2(`"batch": 16`, `"batch": 16, "epochs": 3`), `unknown field "epochs"`},
		{"unknown nested field", v2(`"kind": "l1"`, `"kind": "l1", "lambda": 2`), `unknown field "lambda" in regularization`},
		{"field in another case", v2(`"batch": 16`, `"Batch": 16`), `unknown field "Batch"`},
		{"repeated field", v2(`"batch": 16`, `"batch": 16, "batch": 17`), `field "batch" appears more than once`},
		{"repeated nested field", v2(`"units": 5`, `"units": 5, "units": 6`), `field "units" appears more than once in layers[1]`},
		{"missing field", v2(`"momentum": 0.95,`, ``), `missing field "momentum" in optimizer`},
		{"missing label", v2(`"label": 2`, `"value": 0`), `missing field "label" in data.added[0]`},
		{"unknown enum", v2(`"sine"`, `"swish"`), `unknown activation "swish"`},
		{"unknown layer kind", v2(`"kind": "dense"`, `"kind": "conv"`), `unknown layer kind "conv"`},
		{"wrong type", v2(`"batch": 16`, `"batch": "16"`), "cannot unmarshal string"},
		{"fraction for an int", v2(`"batch": 16`, `"batch": 16.5`), "cannot unmarshal number 16.5"},
		{"float32 overflow", v2(`"lr": 0.1`, `"lr": 1e39`), "cannot unmarshal number 1e39"},
		{"out of range", v2(`"lr": 0.1`, `"lr": 20`), "optimizer.lr: 20 is more than the limit of 10"},
		{"too large", presetV2Literal + strings.Repeat(" ", MaxJSONLen), fmt.Sprintf("at most %d are read", MaxJSONLen)},
		{"no output layer", v2(`"units": 3,`, `"units": 4,`), "layers: output layer: 4 units, but the data needs 3 outputs"},
		{"no layers", `{"version": 2, "layers": []}`, `missing field "data"`},
		{"too many layers", v2(`"layers": [`, `"layers": [`+strings.Repeat(`{"kind": "dense", "units": 1, "activation": "relu"},`, MaxLayers)), "layers: more than 17 items, the limit"},

		{"unknown option", v2(`"r": 2`, `"q": 2`), `layers: layer 1: a lowrank layer has no option "q"`},
		{"option on dense", v2(`"activation": "sine"`, `"activation": "sine", "options": {"r": 2}`), `layers: layer 2: a dense layer has no option "r"`},
		{"repeated option", v2(`"r": 2`, `"r": 2, "r": 3`), `field "r" appears more than once in layers[0].options`},
		{"options not an object", v2(`"options": {
        "r": 2
      }`, `"options": [2]`), "layers[0].options: want an object, not a list"},
		{"option not a number", v2(`"r": 2`, `"r": "2"`), "cannot unmarshal string"},
		{"option an object", v2(`"r": 2`, `"r": {}`), "layers[0].options.r: want a number, not an object"},
		{"option 0", v2(`"r": 2`, `"r": 0`), "layers: layer 1: option r=0 is outside 1..256"},
		{"option too large", v2(`"r": 2`, `"r": 300`), "layers: layer 1: option r=300 is outside 1..256"},
		{"option fraction", v2(`"r": 2`, `"r": 2.5`), "layers: layer 1: option r=2.5 must be a whole number"},
		{"rank above the widths", v2(`"r": 2`, `"r": 4`), "layers: layer 1: rank r=4 is above min(inputs, units)=3"},
		{"many options", v2(`"r": 2`, manyOptions), "layers[0].options: more than 16 keys"},

		{"v1 newer version", v1(`"version": 1`, `"version": 7`), "this page reads up to version 2"},
		{"v1 repeated nested field", v1(`"units": 5`, `"units": 5, "units": 6`), `field "units" appears more than once in layers[0]`},
		{"v1 options", v1(`"activation": "sine"`, `"activation": "sine", "options": {}`), `unknown field "options" in layers[0]`},
		{"v1 missing field", v1(`"momentum": 0.95,`, ``), `missing field "momentum" in optimizer`},
		{"v1 too many layers", v1(`"layers": [`, `"layers": [`+strings.Repeat(`{"kind": "dense", "units": 1, "activation": "relu"},`, MaxLayers-1)), "layers: more than 16 items, the limit"},
		{"v1 unknown enum", v1(`"sine"`, `"swish"`), `unknown activation "swish"`},
	} {
		_, err := DecodeJSON([]byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: DecodeJSON = %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestDecodeJSONOptionalFields(t *testing.T) {
	file := presetV1Literal
	file = strings.Replace(file, `,
    "removed": [
      2,
      9
    ]`, "", 1)
	file = strings.Replace(file, `,
        "value": -0.75`, "", 1)
	s, err := DecodeJSON([]byte(file))
	if err != nil {
		t.Fatalf("DecodeJSON without removed and value: %v", err)
	}
	if len(s.Data.Removed) != 0 || s.Data.Added[0].Value != 0 {
		t.Errorf("absent removed and value decode as %v and %v, want none and 0", s.Data.Removed, s.Data.Added[0].Value)
	}
}

func TestEncodeJSONRefusesInvalidSpecs(t *testing.T) {
	s := Default()
	s.Batch = 0
	var invalid *ValidationError
	if _, err := EncodeJSON(s); !errors.As(err, &invalid) {
		t.Errorf("EncodeJSON(batch 0) = %v, want a *ValidationError", err)
	}
}

// A network without hidden layers lists the output layer alone; a
// version-2 file without any layer is refused.
func TestJSONOutputLayerAlone(t *testing.T) {
	s := Default()
	s.Layers = []LayerSpec{NewLayer(nn.DenseLayer, 2, nn.Linear)}
	b := checkJSONRoundTrip(t, s)
	empty := strings.Replace(string(b), `"layers": [
    {
      "kind": "dense",
      "units": 2,
      "activation": "linear"
    }
  ]`, `"layers": []`, 1)
	if empty == string(b) {
		t.Fatalf("the output layer alone is not written as expected:\n%s", b)
	}
	if _, err := DecodeJSON([]byte(empty)); err == nil || !strings.Contains(err.Error(), "layers: there must be at least the output layer") {
		t.Errorf("DecodeJSON(v2 file without layers) = %v, want an error on layers", err)
	}
}

func TestDecodeJSONBoundsAllocation(t *testing.T) {
	files := map[string]string{
		"many options":       `{"version": 2, "layers": [{"options": {` + strings.Repeat(`"r": 1,`, MaxJSONLen/7-40) + `"r": 1}}]}`,
		"many distinct keys": `{"version": 2, "layers": [{"options": {` + manyKeys(MaxJSONLen/12) + `}}]}`,
		"long option key":    `{"version": 2, "layers": [{"options": {"` + strings.Repeat("r", MaxJSONLen-100) + `": 1}}]}`,
		"options of arrays":  `{"version": 2, "layers": [{"options": {"r": ` + strings.Repeat("[", MaxJSONLen/2-60) + `}}]}`,
	}
	for _, version := range []string{"1", "2"} {
		files["deep nesting v"+version] = `{"version": ` + version + `, "data": ` + strings.Repeat("[", MaxJSONLen/2-40) + strings.Repeat("]", 8) + `}`
		files["long array v"+version] = `{"version": ` + version + `, "features": [` + strings.Repeat(`"x1",`, MaxJSONLen/5-10) + `"x1"]}`
		files["many numbers v"+version] = `{"version": ` + version + `, "data": {"removed": [` + strings.Repeat("1,", MaxJSONLen/2-40) + `1]}}`
		files["layers of numbers v"+version] = `{"version": ` + version + `, "layers": [` + strings.Repeat("1,", MaxJSONLen/2-40) + `1]}`
		files["layers of objects v"+version] = `{"version": ` + version + `, "layers": [` + strings.Repeat("{},", MaxJSONLen/3-40) + `{}]}`
		files["points of arrays v"+version] = `{"version": ` + version + `, "data": {"added": [` + strings.Repeat("[],", MaxJSONLen/3-40) + `[]]}}`
		files["many versions v"+version] = `{` + strings.Repeat(`"version": `+version+`,`, MaxJSONLen/13-1) + `"version": ` + version + `}`
	}
	for name, file := range files {
		if len(file) > MaxJSONLen {
			t.Fatalf("%s: the test file is too long", name)
		}
		var err error
		n := bytesAllocated(func() { _, err = DecodeJSON([]byte(file)) })
		t.Logf("%s: %d bytes allocated, error: %.100v", name, n, err)
		if err == nil {
			t.Errorf("%s: DecodeJSON succeeded", name)
		}
		if n > 16*MaxJSONLen { // 1 MB when files were at most 64 KB

			t.Errorf("%s: decoding a %d-byte file allocated %d bytes", name, len(file), n)
		}
	}
}

// manyKeys writes n distinct object keys with the value 1.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k%d": 1`, i)
	}
	return b.String()
}
