# The playground's build. `make run` serves it on http://localhost:8080;
# `make test` runs every test (native, under Node, and in headless Chromium).

GO      ?= go
ADDR    ?= localhost:8080
BUILD   := build
GOROOT  := $(shell $(GO) env GOROOT)
WASMENV := GOOS=js GOARCH=wasm
# Packages that run under Node as well (the ones the page uses and that
# need no DOM).
NODE_PKGS := ./kernels ./nn ./data ./experiment ./session ./ui

.PHONY: all build run test test-native test-node test-browser lint bench clean

all: build

build:
	@mkdir -p $(BUILD)
	$(WASMENV) $(GO) build -trimpath -ldflags='-s -w' -o $(BUILD)/app.wasm ./wasm
	cp $(GOROOT)/lib/wasm/wasm_exec.js $(BUILD)/wasm_exec.js
	cp wasm/loader.js $(BUILD)/loader.js
	gzip -9 -n -k -f $(BUILD)/app.wasm

run: build
	$(GO) run ./worker/cmd/serve -addr $(ADDR)

test: lint test-native test-node test-browser

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(WASMENV) $(GO) vet ./...

test-native:
	$(GO) test -count=1 ./...

test-node:
	$(WASMENV) $(GO) test -count=1 -exec="$(GOROOT)/lib/wasm/go_js_wasm_exec" $(NODE_PKGS)

test-browser: build
	./scripts/ensure-package.sh chromium
	$(GO) test -count=1 -tags browser -timeout 15m ./e2e

bench: build
	./scripts/ensure-package.sh chromium
	./scripts/ensure-package.sh brotli
	$(GO) run ./bench

clean:
	rm -rf $(BUILD) out
