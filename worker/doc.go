// Package worker is the playground's HTTP side: one http.Handler that serves
// the page, its built files and its assets. The same handler runs under
// net/http for `make run` (cmd/serve), in httptest for tests, and later on
// Cloudflare through syumai/workers, so the local page and the deployed edge
// are one program.
package worker
