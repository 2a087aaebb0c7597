// Package session runs one experiment live: it builds the data and the
// model from a spec, trains in time slices, keeps the last good weights
// when the loss diverges, applies edits (live where the spec allows, by
// rebuilding otherwise) and evaluates the network over the plane for the
// views. It knows nothing about the page: the browser entry (wasm/) drives
// it and draws what it reports, and native tests drive it directly.
package session
