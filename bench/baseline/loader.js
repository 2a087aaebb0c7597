"use strict";
(async () => {
  const go = new Go();
  const { instance } = await WebAssembly.instantiateStreaming(fetch("app.wasm"), go.importObject);
  performance.mark("playground:compiled");
  go.run(instance);
})();
