// Package experiment holds the experiment spec: one value with everything a
// person can set in the playground (data, features, layers, loss,
// optimizer, schedule, regularization, batch, seed, view). The panel edits
// it, the model and data are built from it, and it travels in two
// encodings:
//
//   - the URL hash (EncodeHash, DecodeHash): short, readable and
//     versioned. Its first key is v; every version ever written keeps
//     decoding, and properties that do not matter for the current choices
//     are left out when they equal a frozen baseline of their version.
//   - preset and export files (EncodeJSON, DecodeJSON): indented JSON with
//     a top-level "version", enums by name, every field spelled out.
//
// Both decoders are strict (unknown or repeated keys, malformed numbers and
// values out of range are errors naming the key), bound their work before
// allocating, and hand out only specs that pass Validate. Validate enforces
// the limits in limits.go, which keep a browser tab training the network
// responsive.
package experiment
