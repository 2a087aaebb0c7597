// Package wranglerdev runs the playground's Worker in the real Cloudflare
// runtime for tests: Start launches `wrangler dev` (npm wrangler, from
// worker/node_modules, which starts workerd) on loopback from the built
// dist/ (`make worker`), waits until the Worker answers, and registers a
// cleanup that stops every process it started, by process group and by
// PID, failing the test if any survives. Should the test binary's -timeout
// come first (it runs no cleanups), they are killed just before it.
//
// Both the route tests (worker/workerd_test.go) and the page test in
// headless Chromium (e2e/workerd_test.go) use it; `make test-worker` runs
// them. It needs Linux (it reads /proc) and node, and imports only the
// standard library.
package wranglerdev
