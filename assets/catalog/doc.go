// Package catalog reads and checks the playground's two catalogs: the
// papers (assets/papers.json) and the index of preset experiments
// (assets/presets/index.json). The Worker answers /api/... from them and
// the page's Papers panel lists them, so the package needs nothing beyond
// the standard library and embeds no data itself (package assets does).
//
// Decoding is strict, as package experiment's is: unknown fields, trailing
// data and oversized files are errors, and only catalogs that pass
// Validate are handed out. The preset files themselves are experiment
// specs, read by experiment.DecodeJSON.
package catalog
