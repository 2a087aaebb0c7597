//go:build ebitenoverlay

// Replaces Ebiten's internal/legacyshader/convert.go in the page's build
// (wasm/overlay/overlay.go): upstream converts a texel-unit Kage source to the
// pixel unit with go/parser and go/printer before compiling it; the page's
// build compiles no Kage source at run time (legacyshader.go), so there is
// nothing to convert and this file is empty.

package legacyshader
