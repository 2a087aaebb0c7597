package experiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
)

// jsonVersion is the preset file version EncodeJSON writes.
const jsonVersion = 1

// presetFileV1 is the layout of a version-1 preset file: "version": 1
// followed by the spec's fields under their JSON tags, enums by name. Those
// tags are therefore part of the file format: renaming one needs a version
// 2, with this type's shape frozen as a separate struct to keep reading v1.
type presetFileV1 struct {
	Version int `json:"version"`
	Spec
}

// EncodeJSON writes a valid spec as an indented preset file with a
// top-level "version". It refuses invalid specs, so every file it writes
// reads back with DecodeJSON as an equal spec.
func EncodeJSON(s Spec) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	file := presetFileV1{Version: jsonVersion, Spec: s}
	if file.Layers == nil {
		file.Layers = []LayerSpec{} // "layers": [] reads better than null
	}
	b, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// DecodeJSON reads a preset file written by any version of EncodeJSON and
// returns the spec only if it is valid. It is strict: every field must be
// present (but for "added", "removed" and a point's "value") and spelled
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
	switch {
	case version > jsonVersion:
		return Spec{}, fmt.Errorf("this file was made by a newer version (version %d); this page reads up to version %d", version, jsonVersion)
	case version < 1:
		return Spec{}, fmt.Errorf(`"version": versions start at 1, not %d`, version)
	}
	// Only version 1 exists. A version 2 gets its own layout type and
	// decoder, and version-1 files then go through decodePresetV1 and a
	// migration.
	return decodePresetV1(b)
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

// presetListLimitsV1 bounds each list of a version-1 file by the limit
// Validate would apply, checked before decoding allocates the list.
var presetListLimitsV1 = map[string]int{
	"features":     numFeatures,
	"layers":       MaxLayers,
	"data.added":   MaxAdded,
	"data.removed": MaxRemoved,
}

func decodePresetV1(b []byte) (Spec, error) {
	if err := checkShape(b, reflect.TypeFor[presetFileV1](), presetListLimitsV1); err != nil {
		return Spec{}, err
	}
	var file presetFileV1
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return Spec{}, err
	}
	if err := file.Validate(); err != nil {
		return Spec{}, err
	}
	return file.Spec, nil
}
