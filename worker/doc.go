// Package worker is the playground's HTTP side: one http.Handler that
// serves the page's static files (index.html, build/, assets/), a small
// read-only JSON API over the papers catalog and the preset experiments
// (/api/papers, /api/presets) and an oEmbed endpoint for the playground's
// own links (/oembed, discovered through a link in the page's head). The
// same handler runs under net/http for `make run` (cmd/serve), in
// httptest for tests, and on Cloudflare through syumai/workers
// (cmd/cloudflare), where the assets binding serves the static files and
// Go answers only the API and /oembed; cmd/site assembles the folder that
// binding deploys. See docs/DESIGN.md, "Worker".
package worker
