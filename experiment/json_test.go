package experiment

import (
	"errors"
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
	for _, f := range data.Features() {
		s.Features = []data.Feature{f}
		if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"`+f.String()+`"`) {
			t.Errorf("feature %v is not written by name", f)
		}
	}
	s.Features = []data.Feature{data.X1}
	for _, a := range nn.Activations() {
		for _, k := range nn.LayerKinds() {
			s.Layers = []LayerSpec{{Kind: k, Units: 2, Activation: a}}
			b := string(checkJSONRoundTrip(t, s))
			if !strings.Contains(b, `"kind": "`+k.String()+`"`) || !strings.Contains(b, `"activation": "`+a.String()+`"`) {
				t.Errorf("layer %v %v is not written by name:\n%s", k, a, b)
			}
		}
	}
	for _, set := range data.Sets() {
		s := Default()
		s.Data.Set = set
		switch {
		case set.Regression():
			s.Data.Classes, s.Loss = 0, nn.MSE
		case set.MultiClass():
			s.Data.Classes = 4
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

func TestJSONV1FilesDecodeForever(t *testing.T) {
	want := Spec{
		Data: DataSpec{
			Set: data.MultiGauss, Points: 300, Noise: 10, TrainPercent: 60, Classes: 0,
			Added:   []data.Point{{X1: 1.25, X2: -3.5, Value: -0.75}},
			Removed: []int{2, 9},
		},
		Features:  []data.Feature{data.X1, data.X2, data.SinX2},
		Layers:    []LayerSpec{{Kind: nn.DenseLayer, Units: 5, Activation: nn.Sine}},
		Loss:      nn.MSE,
		Init:      nn.LeCun,
		Optimizer: OptimizerSpec{Kind: nn.Momentum, LR: 0.1, Momentum: 0.95, Beta1: 0.9, Beta2: 0.999, WeightDecay: 0},
		Schedule:  ScheduleSpec{Kind: nn.Cosine, Every: 1000, Gamma: 0.5, Period: 8000},
		Reg:       RegSpec{Kind: nn.L1, Rate: 0.003},
		Batch:     16,
		Seed:      4000000000,
		View:      ViewSpec{ShowTest: true},
	}
	got, err := DecodeJSON([]byte(presetV1Literal))
	if err != nil || !got.Equal(want) {
		t.Fatalf("DecodeJSON(v1 file) = %+v, %v\nwant %+v", got, err, want)
	}
	if b, _ := EncodeJSON(got); string(b) != presetV1Literal {
		t.Errorf("version 1 no longer writes this file the same way:\n%s", b)
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	valid := presetV1Literal
	edit := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("the test file lacks %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	for _, c := range []struct {
		name, file, want string
	}{
		{"newer version", edit(`"version": 1`, `"version": 7`), "this file was made by a newer version (version 7); this page reads up to version 1"},
		{"version 0", edit(`"version": 1`, `"version": 0`), `"version": versions start at 1, not 0`},
		{"no version", edit(`"version": 1,`, ``), `the preset file has no "version"`},
		{"text version", edit(`"version": 1`, `"version": "1"`), `"version" must be a whole number, not "1"`},
		{"not an object", `[1, 2]`, "the preset file is not a JSON object"},
		{"not JSON", `{"version": 1,`, "the preset file is not a JSON object"},
		{"empty", ``, "the preset file is not a JSON object"},
		{"trailing data", valid + `{}`, "the preset file is not a JSON object"},
		{"unknown field", edit(`"batch": 16`, `"batch": 16, "epochs": 3`), `unknown field "epochs"`},
		{"unknown nested field", edit(`"kind": "l1"`, `"kind": "l1", "lambda": 2`), `unknown field "lambda" in regularization`},
		{"field in another case", edit(`"batch": 16`, `"Batch": 16`), `unknown field "Batch"`},
		{"repeated field", edit(`"batch": 16`, `"batch": 16, "batch": 17`), `field "batch" appears more than once`},
		{"repeated nested field", edit(`"units": 5`, `"units": 5, "units": 6`), `field "units" appears more than once in layers[0]`},
		{"missing field", edit(`"momentum": 0.95,`, ``), `missing field "momentum" in optimizer`},
		{"missing label", edit(`"label": 0,`, ``), `missing field "label" in data.added[0]`},
		{"unknown enum", edit(`"sine"`, `"swish"`), `unknown activation "swish"`},
		{"wrong type", edit(`"batch": 16`, `"batch": "16"`), "cannot unmarshal string"},
		{"fraction for an int", edit(`"batch": 16`, `"batch": 16.5`), "cannot unmarshal number 16.5"},
		{"float32 overflow", edit(`"lr": 0.1`, `"lr": 1e39`), "cannot unmarshal number 1e39"},
		{"out of range", edit(`"lr": 0.1`, `"lr": 20`), "optimizer.lr: 20 is more than the limit of 10"},
		{"too large", valid + strings.Repeat(" ", MaxJSONLen), "at most 65536 are read"},
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

func TestEncodeJSONWritesEmptyLayers(t *testing.T) {
	s := Default()
	s.Layers = nil
	if b := checkJSONRoundTrip(t, s); !strings.Contains(string(b), `"layers": []`) {
		t.Errorf("no hidden layers is not written as []:\n%s", b)
	}
}

func TestDecodeJSONBoundsAllocation(t *testing.T) {
	for name, file := range map[string]string{
		"deep nesting":      `{"version": 1, "data": ` + strings.Repeat("[", MaxJSONLen/2-40) + strings.Repeat("]", 8) + `}`,
		"long array":        `{"version": 1, "features": [` + strings.Repeat(`"x1",`, MaxJSONLen/5-10) + `"x1"]}`,
		"many numbers":      `{"version": 1, "data": {"removed": [` + strings.Repeat("1,", MaxJSONLen/2-40) + `1]}}`,
		"layers of numbers": `{"version": 1, "layers": [` + strings.Repeat("1,", MaxJSONLen/2-40) + `1]}`,
		"layers of objects": `{"version": 1, "layers": [` + strings.Repeat("{},", MaxJSONLen/3-40) + `{}]}`,
		"points of arrays":  `{"version": 1, "data": {"added": [` + strings.Repeat("[],", MaxJSONLen/3-40) + `[]]}}`,
		"many versions":     `{` + strings.Repeat(`"version": 1,`, MaxJSONLen/13-1) + `"version": 1}`,
	} {
		if len(file) > MaxJSONLen {
			t.Fatalf("%s: the test file is too long", name)
		}
		var err error
		n := bytesAllocated(func() { _, err = DecodeJSON([]byte(file)) })
		t.Logf("%s: %d bytes allocated, error: %.100v", name, n, err)
		if err == nil {
			t.Errorf("%s: DecodeJSON succeeded", name)
		}
		if n > 1<<20 {
			t.Errorf("%s: decoding a %d-byte file allocated %d bytes", name, len(file), n)
		}
	}
}
