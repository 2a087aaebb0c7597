// Package assets embeds the data files the Go routes answer from: the
// papers catalog (papers.json) and the preset experiments
// (presets/index.json and presets/<id>.json). The page fetches the same
// files as static assets; embedding them lets the Worker, which has no
// file system, answer /api/... from the very same bytes.
package assets

import "embed"

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
