#!/bin/sh
# Builds the deployable Worker into dist/ (run by `make worker`):
#   dist/worker/  the Worker: syumai/workers' JavaScript glue (worker.mjs,
#                 runtime.mjs, wasm_exec.js) and the Go program (app.wasm)
#   dist/site/    the static files the assets binding serves, with _headers
# The page must be built first (`make build`): the site copies build/.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=dist/worker

"$GO" run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
GOOS=js GOARCH=wasm "$GO" build -trimpath -ldflags='-s -w' -o "$out/app.wasm" ./worker/cmd/cloudflare
# PLAYGROUND_ORIGIN, the deployed origin (https://name.account.workers.dev
# or a custom domain), puts the page's oEmbed discovery link in the site.
"$GO" run ./worker/cmd/site -root . -out dist/site -origin "${PLAYGROUND_ORIGIN:-}"

raw=$(cat "$out"/worker.mjs "$out"/runtime.mjs "$out"/wasm_exec.js "$out"/app.wasm | wc -c)
gz=$(cat "$out"/worker.mjs "$out"/runtime.mjs "$out"/wasm_exec.js "$out"/app.wasm | gzip -9 | wc -c)
echo "worker: upload $raw bytes raw, $gz gzip (the free plan allows 3 MB compressed)"
