// Package assets embeds the data files the Go routes answer from: the
// papers catalog (papers.json) and the preset experiments
// (presets/index.json and presets/<id>.json). The page fetches the same
// files as static assets; embedding them lets the Worker, which has no
// file system, answer /api/... from the very same bytes.
package assets

import (
	"embed"
	"fmt"
	"io/fs"

	"playground/assets/catalog"
	"playground/experiment"
)

// Files holds papers.json and presets/*.json, at those paths.
//
//go:embed papers.json presets/*.json
var Files embed.FS

// The paths of the data files inside Files (and below assets/ on the site).
const (
	PapersPath      = "papers.json"
	PresetIndexPath = "presets/index.json"
)

// PresetPath is where the preset with the given id is.
func PresetPath(id string) string { return "presets/" + id + ".json" }

// ReadPreset reads and checks the experiment of the preset with the given
// id from fsys, laid out as Files is.
func ReadPreset(fsys fs.FS, id string) (experiment.Spec, error) {
	b, err := fs.ReadFile(fsys, PresetPath(id))
	if err != nil {
		return experiment.Spec{}, err
	}
	spec, err := experiment.DecodeJSON(b)
	if err != nil {
		return experiment.Spec{}, fmt.Errorf("%s: %w", PresetPath(id), err)
	}
	return spec, nil
}

// ReadCatalogs reads and checks the papers catalog and the preset index
// from fsys, laid out as Files is (Files itself, or a test's fixture).
func ReadCatalogs(fsys fs.FS) (catalog.Papers, catalog.Presets, error) {
	b, err := fs.ReadFile(fsys, PapersPath)
	if err != nil {
		return catalog.Papers{}, catalog.Presets{}, err
	}
	papers, err := catalog.DecodePapers(b)
	if err != nil {
		return catalog.Papers{}, catalog.Presets{}, fmt.Errorf("%s:\n%w", PapersPath, err)
	}
	if b, err = fs.ReadFile(fsys, PresetIndexPath); err != nil {
		return catalog.Papers{}, catalog.Presets{}, err
	}
	presets, err := catalog.DecodePresets(b)
	if err != nil {
		return catalog.Papers{}, catalog.Presets{}, fmt.Errorf("%s:\n%w", PresetIndexPath, err)
	}
	return papers, presets, nil
}
