// Instantiates the playground's WebAssembly kernels around a Go program,
// in the browser (build/kernels/instantiate.js) and under Node (exec_node.js).
//
// Go imports the stub module's functions (//go:wasmimport kernels NAME); they
// forward through a table to one body of kernel modules, which import Go's
// memory and so can only be instantiated once Go's instance exists, before
// go.run. The SIMD body is used where the engine validates it, the scalar
// body elsewhere; a caller may ask for the scalar one.
"use strict";
globalThis.playgroundKernels = {
  // The body's modules, which fill the stub's table slots in this order.
  modules: ["gemm", "vector", "activation", "bspline", "lif", "kanbasis"],

  // prepare reads the modules with read(fileName) (returning the bytes, or a
  // promise of them) and picks a body: SIMD where this engine validates it,
  // scalar otherwise or when want is "scalar". It returns the import
  // object entry for Go ({kernels: ...}), the body's name, and attach(instance),
  // which instantiates the body against Go's memory.
  async prepare(read, want) {
    if (want && want !== "simd" && want !== "scalar") {
      throw new Error(`unknown kernel body "${want}" (use simd or scalar)`);
    }
    const table = new WebAssembly.Table({ initial: 64, element: "anyfunc" });
    const load = (names) => Promise.all(names.map((n) => Promise.resolve(read(n)).then((b) => new Uint8Array(b))));
    let body = want || "simd";
    // One round of fetches: the stub with the preferred body's modules.
    let [stubBytes, ...bins] = await load(["stub.wasm", ...this.modules.map((m) => `${m}_${body}.wasm`)]);
    const stub = await WebAssembly.instantiate(stubBytes, { env: { kernels: table } });
    if (body === "simd" && !bins.every((b) => WebAssembly.validate(b))) {
      if (want) {
        console.warn("this engine has no WebAssembly SIMD: using the scalar kernels");
      }
      body = "scalar";
      bins = await load(this.modules.map((m) => `${m}_${body}.wasm`));
    }
    if (!bins.every((b) => WebAssembly.validate(b))) {
      // The scalar body needs WebAssembly 1.0 plus multi-value results
      // (engines since 2020): older ones cannot run the playground.
      throw new Error(`this browser's WebAssembly cannot run the ${body} kernels; try a current browser`);
    }
    const compiled = await Promise.all(bins.map((b) => WebAssembly.compile(b)));
    return {
      body,
      imports: { kernels: stub.instance.exports },
      async attach(goInstance) {
        const imports = { go: { mem: goInstance.exports.mem }, env: { kernels: table } };
        for (const module of compiled) {
          await WebAssembly.instantiate(module, imports);
        }
      },
    };
  },
};
