// Starts the playground: fetches and compiles the Go program and the
// WebAssembly kernels together, instantiates the kernels around Go's memory
// (build/kernels/instantiate.js), and runs Go. A failure, or the program
// stopping, is said on the page rather than left to the console.
//
// ?kernels=scalar in the page's address forces the kernels' scalar body, as
// a browser without WebAssembly SIMD gets (for tests and comparisons).
"use strict";
(async () => {
  // Read before the first await, while this script is the current one.
  const appURL = document.currentScript?.dataset.app || "build/app.wasm";
  const say = (text) => {
    let box = document.getElementById("loading");
    if (!box) {
      box = document.createElement("div");
      document.getElementById("panel").prepend(box);
    }
    box.className = "message";
    box.setAttribute("role", "alert");
    box.textContent = text;
  };
  const fetchBytes = async (url) => {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`${url}: ${response.status} ${response.statusText}`);
    }
    return response.arrayBuffer();
  };
  try {
    if (typeof WebAssembly !== "object") {
      throw new Error("this browser has no WebAssembly");
    }
    let want = new URLSearchParams(location.search).get("kernels") || "";
    if (want !== "" && want !== "simd" && want !== "scalar") {
      // A hand-edited address should not keep the page from starting.
      console.warn(`?kernels=${want} is neither simd nor scalar: ignored`);
      want = "";
    }
    const go = new Go();
    const app = appResponse(appURL);
    // app is awaited only after the kernels: mark it handled so an early
    // failure is reported once, below, not also as an unhandled rejection.
    app.catch(() => {});
    const kernels = await globalThis.playgroundKernels.prepare((name) => fetchBytes("build/kernels/" + name), want);
    globalThis.playgroundKernelBody = kernels.body;
    const { instance } = await WebAssembly.instantiateStreaming(app, { ...go.importObject, ...kernels.imports });
    await kernels.attach(instance);
    await go.run(instance);
    say("The playground stopped (see the browser console). Reload the page to start it again; the link keeps your experiment.");
  } catch (err) {
    say("The playground could not start: " + err.message);
    console.error(err);
  }
})();

// appResponse starts downloading the Go program named by the page's loader
// script tag (data-app): build/app.wasm, which the browser decompresses
// natively as the server sends it gzip-encoded, or, on the Cloudflare site,
// where no asset may exceed 25 MiB and app.wasm is 32 MB, its gzip copy
// build/app.wasm.gz, decompressed here (worker/cmd/site rewrites the tag).
// The native path is the faster one: about 170 ms sooner to the first
// frame in headless Chromium on loopback.
async function appResponse(url) {
  if (!url.endsWith(".gz")) {
    return fetch(url);
  }
  if (typeof DecompressionStream !== "function") {
    throw new Error("this browser cannot decompress the program (it has no DecompressionStream); try a current browser");
  }
  const gz = await fetch(url);
  if (!gz.ok) {
    throw new Error(`${url}: ${gz.status} ${gz.statusText}`);
  }
  return new Response(gz.body.pipeThrough(new DecompressionStream("gzip")), {
    headers: { "Content-Type": "application/wasm" },
  });
}
