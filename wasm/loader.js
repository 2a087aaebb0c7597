// Starts the playground: compiles the Go program while it downloads and
// runs it. A failure is shown on the page instead of failing silently.
"use strict";
(async () => {
  const status = document.getElementById("loading");
  try {
    if (typeof WebAssembly !== "object") {
      throw new Error("this browser has no WebAssembly");
    }
    const go = new Go();
    const response = fetch("build/app.wasm");
    const { instance } = await WebAssembly.instantiateStreaming(response, go.importObject);
    await go.run(instance);
  } catch (err) {
    if (status) {
      status.className = "message";
      status.textContent = "The playground could not start: " + err.message;
    }
    console.error(err);
  }
})();
