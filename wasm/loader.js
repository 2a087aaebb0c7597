// Starts the playground: fetches and compiles the Go program (data-app on
// this script's tag) and the WebAssembly kernels (in the folder data-kernels)
// together, instantiates the kernels around Go's memory
// (build/kernels/instantiate.js), and runs Go. A failure, or the program
// stopping, is said on the page rather than left to the console.
//
// ?kernels=scalar in the page's address forces the kernels' scalar body, as
// a browser without WebAssembly SIMD gets (for tests and comparisons).
"use strict";
(async () => {
  // Read before the first await, while this script is the current one.
  // The server writes the build's content names into both (see
  // worker/buildnames.go).
  const { app: appURL = "build/app.wasm", kernels: kernelsURL = "build/kernels/" } = document.currentScript?.dataset ?? {};
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
  // Stages of the start-up, read by the benchmarks (wasm/startup.go).
  const mark = (stage) => performance.mark?.("playground:" + stage);
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
    // No garbage collection during the start-up (the program turns it on
    // after the first picture; wasm/startup.go), but a bound on memory.
    go.env = { GOGC: "off", GOMEMLIMIT: "256MiB" };
    const app = fetch(appURL).then((response) => {
      if (!response.ok) {
        throw new Error(`${appURL}: ${response.status} ${response.statusText}`);
      }
      return response;
    });
    // The program compiles while it downloads and while the kernels are
    // fetched and compiled: compiling needs no imports, only instantiating
    // does. It is awaited after the kernels: mark it handled so an early
    // failure is reported once, below, not also as an unhandled rejection.
    const compiled = WebAssembly.compileStreaming(app);
    compiled.catch(() => {});
    const kernels = await globalThis.playgroundKernels.prepare((name) => fetchBytes(kernelsURL + name), want);
    globalThis.playgroundKernelBody = kernels.body;
    mark("kernels");
    const instance = await WebAssembly.instantiate(await compiled, { ...go.importObject, ...kernels.imports });
    mark("compiled");
    await kernels.attach(instance);
    await go.run(instance);
    say("The playground stopped (see the browser console). Reload the page to start it again; the link keeps your experiment.");
  } catch (err) {
    say("The playground could not start: " + err.message);
    console.error(err);
  }
})();

