# The playground's build. `make run` serves it on http://localhost:8080;
# `make test` runs every test (native, under Node, and in headless Chromium).

GO      ?= go
ADDR    ?= localhost:8080
BUILD   := build
WASMENV := GOOS=js GOARCH=wasm
# Packages that run under Node as well (the ones the page uses and that
# need no DOM), with the WebAssembly kernels loaded.
NODE_PKGS := ./kernels ./nn ./data ./experiment ./session ./ui

.PHONY: all build run test test-native test-node test-browser lint bench clean worker deploy test-worker

all: build

# The page's files, named by their content, with gzip and brotli copies
# (scripts/build-page.sh; Ebiten's overlay: scripts/overlay.sh).
build:
	GO=$(GO) ./scripts/build-page.sh $(BUILD)

run: build
	$(GO) run ./worker/cmd/serve -addr $(ADDR)

test: lint test-native test-node test-browser test-worker

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./...
	./scripts/assemble-kernels.sh --check

test-native:
	$(GO) test -count=1 ./...

KERNELS_EXEC := $(CURDIR)/kernels/go_js_wasm_exec_kernels

test-node:
	$(WASMENV) $(GO) test -count=1 -exec="$(KERNELS_EXEC)" $(NODE_PKGS)
	PLAYGROUND_KERNELS=scalar $(WASMENV) $(GO) test -count=1 -exec="$(KERNELS_EXEC)" ./kernels ./nn

# The browser tests run with the SIMD kernels, then the core ones again with
# the scalar body a browser without SIMD gets.
SCALAR_E2E := TestPlaygroundTrainsEditsAndShares|TestDivergencePausesAndKeepsWeights|TestLargestNetworkStaysResponsive

test-browser: build
	./scripts/ensure-package.sh chromium
	$(GO) test -count=1 -tags browser -timeout 30m ./e2e
	E2E_KERNELS=scalar $(GO) test -count=1 -tags browser -timeout 10m -run '$(SCALAR_E2E)' ./e2e

# BENCH_FLAGS=-only=node (or browser) runs one section of the benchmarks.
bench: build
	./scripts/ensure-package.sh chromium
	./scripts/ensure-package.sh brotli
	$(GO) run ./bench $(BENCH_FLAGS)

# The Cloudflare Worker (see worker/wrangler.toml): `make worker` builds it
# into dist/ (the Go Worker in dist/worker, the static site in dist/site);
# `make test-worker` runs it in workerd through `wrangler dev` (npm, pinned
# by worker/package-lock.json), requests every route, and opens the page
# from it in headless Chromium (as deployed: the program sent by the
# edge, compressed, under its content name); `make deploy` deploys it with your own Cloudflare
# account (`npx wrangler login` once in worker/, or CLOUDFLARE_API_TOKEN
# and CLOUDFLARE_ACCOUNT_ID set).
WRANGLER_DEPS := worker/node_modules/.package-lock.json

$(WRANGLER_DEPS): worker/package-lock.json
	cd worker && npm ci --no-audit --no-fund

worker: build
	./worker/build.sh

test-worker: worker $(WRANGLER_DEPS)
	$(GO) test -count=1 -tags workerd -run TestWorkerUnderWorkerd -v ./worker
	./scripts/ensure-package.sh chromium
	$(GO) test -count=1 -tags 'browser workerd' -run TestPageUnderWorkerd -v ./e2e

deploy: worker $(WRANGLER_DEPS)
	cd worker && npx wrangler deploy

clean:
	rm -rf $(BUILD) out dist
