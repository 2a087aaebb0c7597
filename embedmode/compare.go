package embedmode

import "strings"

// ComparePath is the site's side-by-side page: one embed per preset, all
// training at once (served by the Worker's handler, worker/compare.go).
const ComparePath = "/compare"

// How many presets a comparison shows: fewer is no comparison, more do
// not fit a screen (and each embed trains in its own page).
const (
	MinCompared = 2
	MaxCompared = 4
)

// CompareLink is the address of the comparison of the presets with these
// ids, from the site's root: "/compare?presets=a,b,c". Preset ids are
// kebab case, so nothing needs escaping.
func CompareLink(presetIDs []string) string {
	return ComparePath + "?presets=" + strings.Join(presetIDs, ",")
}

// KernelsKey is the page's query key that forces a body of the
// WebAssembly kernels (wasm/loader.js reads it; the comparison passes it
// on to its embeds), and KernelBodies its values.
const KernelsKey = "kernels"

var KernelBodies = []string{"simd", "scalar"}
