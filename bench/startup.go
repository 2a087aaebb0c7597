//go:build !js

package main

import (
	"fmt"
	"slices"
	"strings"
)

// stagesScript reads the page's start-up marks (wasm/loader.js,
// wasm/startup.go) as milliseconds from navigation, by stage name.
const stagesScript = `Object.fromEntries(performance.getEntriesByType("mark")
	.filter((m) => m.name.startsWith("playground:"))
	.map((m) => [m.name.slice("playground:".length), m.startTime]))`

// stageOrder is the order the page passes its marks in, each with what
// happened since the one before.
var stageOrder = []struct{ name, what string }{
	{"kernels", "page, scripts and kernels fetched, kernels compiled (the program downloads and compiles alongside)"},
	{"compiled", "the program's compile finished and it was instantiated"},
	{"main", "Go's runtime and package initialisation"},
	{"session", "the experiment read and its session built (data, network)"},
	{"listening", "keys, address, API, messages, autosave wired"},
	{"first-update", "Ebiten started (WebGL context, shaders) up to the first Update"},
	{"first-frame", "the first Update and Draw: training slice, the first picture, textures"},
	{"panel", "the panel's DOM built, once the first picture is on the screen"},
}

// printStages prints where the page's time to its first frame went: the
// median of each stage's mark and the time since the previous one, beside
// the baseline's stages where it has them (it marks compiled, main,
// first-update and first-frame), and the program's download.
func printStages(app, base map[string]float64, files []wireFile) {
	if len(app) == 0 {
		return
	}
	fmt.Println("| start-up stage (median ms from navigation) | playground at | since the stage before | baseline at | since the stage before |")
	fmt.Println("|---|---|---|---|---|")
	prev, basePrev := 0.0, 0.0
	for _, st := range stageOrder {
		at, ok := app[st.name]
		if !ok {
			continue
		}
		baseCols := "| |"
		if b, ok := base[st.name]; ok {
			baseCols = fmt.Sprintf("%.0f | %.0f |", b, b-basePrev)
			basePrev = b
		}
		fmt.Printf("| %s: %s | %.0f | %.0f | %s\n", st.name, st.what, at, at-prev, baseCols)
		prev = at
	}
	i := slices.IndexFunc(files, func(f wireFile) bool { return strings.HasSuffix(f.Name, ".wasm") && f.Body > 1e6 })
	if i >= 0 {
		fmt.Printf("\n(the program: %.2f MB on the wire, %.2f MB decoded)\n", files[i].Transfer/1e6, files[i].Body/1e6)
	}
	fmt.Println()
}
