package experiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// An export file is a JSON object holding an experiment in the preset file
// format and, optionally, trained weights as a payload of EncodeWeights:
//
//	{"export": 1, "experiment": {preset file}, "weights": "payload"}
//
// ImportFile reads these and plain preset files alike.
type exportFile struct {
	Export     int             `json:"export"`
	Experiment json.RawMessage `json:"experiment"`
	Weights    *string         `json:"weights,omitempty"`
}

// exportVersion is the export file version EncodeExport writes.
const exportVersion = 1

// MaxExportLen is the longest export file ImportFile reads, in bytes: a
// preset file, the longest weights payload, and room for the wrapping.
const MaxExportLen = MaxJSONLen + MaxWeightsLen + 1024

// EncodeExport writes a valid spec, and the payload of its weights unless
// weights is "", as an indented export file.
func EncodeExport(s Spec, weights string) ([]byte, error) {
	spec, err := EncodeJSON(s)
	if err != nil {
		return nil, err
	}
	f := exportFile{Export: exportVersion, Experiment: spec}
	if weights != "" {
		f.Weights = &weights
	}
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ImportFile reads an export file (EncodeExport) or a preset file
// (EncodeJSON) and returns its spec and its weights payload ("" when it
// carries none), to be read by DecodeWeights with the counts of the
// network the spec builds. Files over MaxExportLen bytes are refused
// unread; the rest is as strict as DecodeJSON.
func ImportFile(b []byte) (spec Spec, weights string, err error) {
	if len(b) > MaxExportLen {
		return Spec{}, "", fmt.Errorf("the file is %d bytes long; at most %d are read", len(b), MaxExportLen)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		return Spec{}, "", fmt.Errorf("the file is not a JSON object: %w", err)
	}
	if _, ok := probe["export"]; !ok {
		spec, err := DecodeJSON(b)
		return spec, "", err
	}
	var f exportFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return Spec{}, "", fmt.Errorf("the export file is malformed: %w", err)
	}
	switch {
	case f.Export > exportVersion:
		return Spec{}, "", fmt.Errorf("this file was made by a newer version (export %d); this page reads up to export %d", f.Export, exportVersion)
	case f.Export < 1:
		return Spec{}, "", fmt.Errorf(`"export": versions start at 1, not %d`, f.Export)
	case f.Experiment == nil:
		return Spec{}, "", errors.New(`the export file has no "experiment"`)
	}
	spec, err = DecodeJSON(f.Experiment)
	if err != nil {
		return Spec{}, "", fmt.Errorf(`"experiment": %w`, err)
	}
	if f.Weights != nil {
		if weights = *f.Weights; weights == "" {
			return Spec{}, "", errors.New(`"weights" is empty; leave it out for a file without weights`)
		}
	}
	return spec, weights, nil
}
