// Runs a GOOS=js Go program (a test binary, a benchmark) under Node with the
// playground's kernels loaded: Go's own wasm_exec_node.js plus the kernel
// modules. Use it through go_js_wasm_exec_kernels (go test -exec ...).
// PLAYGROUND_KERNELS=scalar picks the scalar body; the default is SIMD where
// Node validates it.
"use strict";

if (process.argv.length < 3) {
  console.error("usage: exec_node.js WASM [ARGS...]");
  process.exit(1);
}
const fs = require("fs");
const path = require("path");
globalThis.require = require;
globalThis.fs = fs;
globalThis.path = path;
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto");

const goroot = process.env.GOROOT_WASM_EXEC;
require(path.join(goroot, "wasm_exec.js"));
require("./instantiate.js");

const watDir = path.join(__dirname, "wat");
const go = new Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = process.exit;

(async () => {
  const kernels = await globalThis.playgroundKernels.prepare(
    (name) => fs.readFileSync(path.join(watDir, name)),
    process.env.PLAYGROUND_KERNELS || "",
  );
  globalThis.playgroundKernelBody = kernels.body;
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[2]), { ...go.importObject, ...kernels.imports });
  await kernels.attach(instance);
  process.on("exit", (code) => { // Node exits when nothing is pending
    if (code === 0 && !go.exited) {
      // a deadlock: make Go print the error and the stacks
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  await go.run(instance);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
