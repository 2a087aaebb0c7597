//go:build js && wasm

// Command cloudflare is the playground's Worker: the /api/ routes of
// worker.Handler under workers.Serve. It has no static files: the assets
// binding (wrangler.toml) answers those without starting Go, and passes
// on only what it lacks. Build it with worker/build.sh (`make worker`).
package main

import (
	"github.com/syumai/workers"

	"playground/worker"
)

func main() {
	workers.Serve(worker.NewHandler(nil))
}
