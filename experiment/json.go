package experiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"playground/data"
	"playground/nn"
)

// jsonVersion is the preset file version EncodeJSON writes.
const jsonVersion = 2

// Preset files are versioned structs of their own, not the live Spec: a
// field added to Spec changes no file format until a new version says so.
// TestFileLayoutsFrozen keeps each version's JSON layout (including the
// nested types it shares with Spec) as it was written.

// fileV2 is a version-2 preset file: every layer listed, the output layer
// last, each with its kind's options.
type fileV2 struct {
	Version   int            `json:"version"`
	Data      DataSpec       `json:"data"`
	Features  []data.Feature `json:"features"`
	Layers    []LayerSpec    `json:"layers"`
	Loss      nn.LossKind    `json:"loss"`
	Init      nn.Init        `json:"init"`
	Rule      nn.RuleKind    `json:"rule"`
	Optimizer OptimizerSpec  `json:"optimizer"`
	Schedule  ScheduleSpec   `json:"schedule"`
	Reg       RegSpec        `json:"regularization"`
	Batch     int            `json:"batch"`
	Seed      uint32         `json:"seed"`
	View      ViewSpec       `json:"view"`
}

func fileV2Of(s Spec) fileV2 {
	return fileV2{Version: 2, Data: s.Data, Features: s.Features, Layers: s.Layers, Loss: s.Loss,
		Init: s.Init, Rule: s.Rule, Optimizer: s.Optimizer, Schedule: s.Schedule, Reg: s.Reg, Batch: s.Batch,
		Seed: s.Seed, View: s.View}
}

func (f fileV2) spec() Spec {
	s := Spec{Data: f.Data, Features: f.Features, Layers: f.Layers, Loss: f.Loss, Init: f.Init, Rule: f.Rule,
		Optimizer: f.Optimizer, Schedule: f.Schedule, Reg: f.Reg, Batch: f.Batch, Seed: f.Seed, View: f.View}
	fillDefaultOptions(s.Layers)
	return s
}

// fillDefaultOptions gives each layer the options its file left out, at
// the kind's defaults, as a link does.
func fillDefaultOptions(layers []LayerSpec) {
	for i, l := range layers {
		k := l.Kind.Info()
		if k == nil {
			continue
		}
		for _, o := range k.Options {
			if _, ok := l.Options[o.Key]; !ok {
				if layers[i].Options == nil {
					layers[i].Options = nn.Options{}
				}
				layers[i].Options[o.Key] = o.Default
			}
		}
	}
}

// fileV1 is a version-1 preset file: hidden layers only (the output layer
// was implied), without options.
type fileV1 struct {
	Version   int            `json:"version"`
	Data      dataV1         `json:"data"`
	Features  []data.Feature `json:"features"`
	Layers    []layerV1      `json:"layers"`
	Loss      nn.LossKind    `json:"loss"`
	Init      nn.Init        `json:"init"`
	Optimizer OptimizerSpec  `json:"optimizer"`
	Schedule  ScheduleSpec   `json:"schedule"`
	Reg       RegSpec        `json:"regularization"`
	Batch     int            `json:"batch"`
	Seed      uint32         `json:"seed"`
	View      viewV1         `json:"view"`
}

// dataV1 is version 1's data: one seed, the spec's, drew everything.
type dataV1 struct {
	Set          data.Set     `json:"set"`
	Points       int          `json:"points"`
	Noise        int          `json:"noise"`
	TrainPercent int          `json:"trainPercent"`
	Classes      int          `json:"classes"`
	Added        []data.Point `json:"added,omitempty"`
	Removed      []int        `json:"removed,omitempty"`
}

// viewV1 is version 1's view: the two checkboxes, no pace.
type viewV1 struct {
	ShowTest   bool `json:"showTest"`
	Discretize bool `json:"discretize"`
}

type layerV1 struct {
	Kind       nn.LayerKind  `json:"kind"`
	Units      int           `json:"units"`
	Activation nn.Activation `json:"activation"`
}

func (f fileV1) spec() Spec {
	d := f.Data
	s := Spec{Data: DataSpec{Set: d.Set, Points: d.Points, Noise: d.Noise, TrainPercent: d.TrainPercent,
		Classes: d.Classes, Added: d.Added, Removed: d.Removed},
		Features: f.Features, Loss: f.Loss, Init: f.Init,
		Optimizer: f.Optimizer, Schedule: f.Schedule, Reg: f.Reg, Batch: f.Batch, Seed: f.Seed,
		View: ViewSpec{ShowTest: f.View.ShowTest, Discretize: f.View.Discretize}}
	for _, l := range f.Layers {
		s.Layers = append(s.Layers, LayerSpec{Kind: l.Kind, Units: l.Units, Activation: l.Activation})
	}
	migrateV1(&s)
	return s
}

// EncodeJSON writes a valid spec as an indented preset file of the latest
// version. It refuses invalid specs, so every file it writes reads back
// with DecodeJSON as an equal spec.
func EncodeJSON(s Spec) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(fileV2Of(s), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// DecodeJSON reads a preset file written by any version of EncodeJSON and
// returns the spec only if it is valid. It is strict: every field must be
// present (but for "added", "removed", a point's "value" and a layer's
// "options", whose absent keys take the kind's defaults) and spelled
// exactly, none may repeat, nothing may follow the object, and files over
// MaxJSONLen bytes are refused unread.
func DecodeJSON(b []byte) (Spec, error) {
	if len(b) > MaxJSONLen {
		return Spec{}, fmt.Errorf("the preset file is %d bytes long; at most %d are read", len(b), MaxJSONLen)
	}
	// presetVersion parses the whole file: malformed JSON and trailing data
	// stop here.
	version, err := presetVersion(b)
	if err != nil {
		return Spec{}, err
	}
	var s Spec
	switch {
	case version > jsonVersion:
		return Spec{}, fmt.Errorf("this file was made by a newer version (version %d); this page reads up to version %d", version, jsonVersion)
	case version < 1:
		return Spec{}, fmt.Errorf(`"version": versions start at 1, not %d`, version)
	case version == 1:
		var f fileV1
		if err := decodeFile(b, &f, presetListLimits(MaxLayers-1)); err != nil {
			return Spec{}, err
		}
		s = f.spec()
	default:
		var f fileV2
		if err := decodeFile(b, &f, presetListLimits(MaxLayers)); err != nil {
			return Spec{}, err
		}
		s = f.spec()
	}
	if err := s.Validate(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// presetVersion reads the top-level "version" alone, ignoring the rest,
// whose layout depends on it.
func presetVersion(b []byte) (int, error) {
	var probe struct {
		Version json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return 0, fmt.Errorf("the preset file is not a JSON object: %w", err)
	}
	if probe.Version == nil {
		return 0, errors.New(`the preset file has no "version"`)
	}
	var version int
	if err := json.Unmarshal(probe.Version, &version); err != nil {
		return 0, fmt.Errorf(`"version" must be a whole number, not %s`, clip(string(probe.Version)))
	}
	return version, nil
}

// presetListLimits bounds each list of a file by the limit Validate would
// apply, checked before decoding allocates the list.
func presetListLimits(layers int) map[string]int {
	return map[string]int{
		"features":     numFeatures,
		"layers":       layers,
		"data.added":   MaxAdded,
		"data.removed": MaxRemoved,
	}
}

// decodeFile checks b's shape against file's type, then decodes it.
func decodeFile(b []byte, file any, listLimits map[string]int) error {
	if err := checkShape(b, reflect.TypeOf(file).Elem(), listLimits); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(file)
}
