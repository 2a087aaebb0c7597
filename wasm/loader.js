// Starts the playground: compiles the Go program while it downloads and
// runs it. A failure, or the program stopping, is said on the page rather
// than left to the console.
"use strict";
(async () => {
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
  try {
    if (typeof WebAssembly !== "object") {
      throw new Error("this browser has no WebAssembly");
    }
    const go = new Go();
    const response = fetch("build/app.wasm");
    const { instance } = await WebAssembly.instantiateStreaming(response, go.importObject);
    await go.run(instance);
    say("The playground stopped (see the browser console). Reload the page to start it again; the link keeps your experiment.");
  } catch (err) {
    say("The playground could not start: " + err.message);
    console.error(err);
  }
})();
