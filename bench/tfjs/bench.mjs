// TensorFlow.js 4.22 wasm-backend peer benchmark (Node 20, offline, one thread).
//
//   cd bench/tfjs && npm ci --no-audit --no-fund && node bench.mjs
//
// stdout carries only JSON lines (one object per line); everything else that
// TensorFlow.js or this script says goes to stderr.
//
// Lines:
//   {"name":"env","tfjs":"4.22.0","backend":"wasm","simd":true,"threads":1,"node":"v20..."}
//   {"name":"gemm","form":"NN","m":256,"n":256,"k":256,"gflops":19.3}      (NN, NT, TN per shape)
//   {"name":"gemm_fresh_b","form":"NN","m":256,"n":256,"k":256,"gflops":..} (NN per shape, see below)
//   {"name":"mlp_step","layers":[784,128,10],"batch":64,"optimizer":"sgd","samples_per_sec":7500}
//
// Method
// - Backend: tfjs-backend-wasm, binaries read with fs from this package's own
//   node_modules (setWasmPaths with a directory prefix); no network is touched.
// - One thread: WASM_HAS_MULTITHREAD_SUPPORT is forced false before init so the
//   non-threaded binary is chosen (tfjs already says false under Node), and
//   setThreadsCount(1) is called; the env line reports getThreadsCount() as read
//   back from XNNPACK after init.
// - SIMD: left at TensorFlow.js's own feature test (WASM_HAS_SIMD_SUPPORT); when
//   true, tfjs-backend-wasm-simd.wasm is loaded. Set TFJS_BENCH_NO_SIMD=1 to force
//   the plain binary for comparison.
// - Timing: the wasm backend runs every kernel synchronously inside the op call
//   (there is no command queue as on WebGL), so a batch is a loop of N ops, each
//   result disposed at once, followed by one dataSync() on the last result. A
//   dataSync per op would add an m*n copy out of the wasm heap that is not
//   matmul work. N is grown (this is also the warm-up) until one batch lasts
//   >= 200 ms, then 3 batches of N are timed and the best is reported (the
//   machine is shared, so best-of filters interference).
// - Weight caching: for NN (and only NN) tfjs-backend-wasm calls XNNPACK's
//   fully-connected operator, which it creates (packing b) once per b tensor id
//   and caches until b is disposed. The "gemm" lines reuse one b, so packing is
//   amortised away, as for inference with fixed weights. In training the
//   weights are new tensors after every update, so each matMul repacks; the
//   extra "gemm_fresh_b" lines (NN only) make a new b tensor from a JS
//   Float32Array before every matMul, so they include that packing and the
//   k*n copy into the wasm heap. NT and TN go to a scalar blocked loop
//   (slow_batch_matmul) with no caching, so fresh b would change nothing there.
// - GFLOP/s = 2*m*n*k / time per op.
// - TFJS_BENCH_SKIP_GEMM=1 runs only the env and mlp_step lines.
// - MLP step: optimizer.minimize with a closure (tf.matMul/add/relu +
//   tf.losses.softmaxCrossEntropy, returnCost=false). Of the two idiomatic
//   paths it was marginally the faster here (3 runs each, loaded 2-core
//   machine: 13,688 / 13,688 / 12,131 samples/s against 13,127 / 13,164 /
//   13,247 for tf.layers model.trainOnBatch, which also reads the loss back
//   every step), i.e. the two are within noise. TFJS_BENCH_MLP=layers measures
//   the layers path instead. In both, the backward matmuls (x^T*dH, dY*W2^T)
//   are the TN/NT forms. Warm-up 20 steps, then batches of >= 250 ms until
//   >= 1.5 s in total; reports total samples / total time, i.e. the mean
//   over the whole measured interval.

import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

// Keep stdout clean: route all console output from libraries to stderr.
for (const k of ['log', 'info', 'warn', 'debug']) {
  console[k] = (...args) => console.error(...args);
}
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
const tfwasm = require('@tensorflow/tfjs-backend-wasm');

const wasmDir =
  path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + '/dist/';

async function setup() {
  const env = tf.env();
  env.set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (process.env.TFJS_BENCH_NO_SIMD === '1') env.set('WASM_HAS_SIMD_SUPPORT', false);
  tfwasm.setWasmPaths(wasmDir); // directory prefix; read with fs in Node
  if (typeof tfwasm.setThreadsCount === 'function') tfwasm.setThreadsCount(1);
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  if (!ok || tf.getBackend() !== 'wasm') {
    throw new Error(`wasm backend failed to initialise (backend=${tf.getBackend()})`);
  }
  const simd = await env.getAsync('WASM_HAS_SIMD_SUPPORT');
  const threaded = await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const threads = typeof tfwasm.getThreadsCount === 'function' ? tfwasm.getThreadsCount() : 1;
  const binary = simd && threaded ? 'tfjs-backend-wasm-threaded-simd.wasm'
    : simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
  console.error(`tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}, binary ${wasmDir}${binary}`);
  return { simd: !!simd, threads };
}

// Time `batch(n)` (which must run n iterations and force completion); doubles n
// until one batch takes >= minMs (this is also the warm-up), then returns the
// best time per iteration (ms)
// over `batches` batches.
function bestPerIter(batch, minMs = 200, batches = 3) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    batch(n);
    const dt = performance.now() - t0;
    if (dt >= minMs) break;
    // Jump close to the target once the batch is long enough to be measurable.
    n = dt > 5 ? Math.max(n * 2, Math.ceil((n * minMs * 1.05) / dt)) : n * 2;
  }
  let best = Infinity;
  for (let i = 0; i < batches; i++) {
    const t0 = performance.now();
    batch(n);
    const per = (performance.now() - t0) / n;
    if (per < best) best = per;
  }
  return best;
}

function benchGemm(form, m, n, k, freshB = false) {
  // Stored shapes: NN a m x k, b k x n; NT b n x k; TN a k x m.
  const aShape = form === 'TN' ? [k, m] : [m, k];
  const bShape = form === 'NT' ? [n, k] : [k, n];
  const transA = form === 'TN';
  const transB = form === 'NT';
  const a = tf.randomUniform(aShape, -1, 1, 'float32');
  const b = tf.randomUniform(bShape, -1, 1, 'float32');
  const bData = freshB ? b.dataSync().slice() : null;
  const before = tf.memory().numTensors;
  const ms = bestPerIter(freshB ? (reps) => {
    let c = null;
    for (let i = 0; i < reps; i++) {
      if (c !== null) c.dispose();
      const bi = tf.tensor2d(bData, bShape, 'float32');
      c = tf.matMul(a, bi, transA, transB);
      bi.dispose();
    }
    c.dataSync();
    c.dispose();
  } : (reps) => {
    let c = null;
    for (let i = 0; i < reps; i++) {
      if (c !== null) c.dispose();
      c = tf.matMul(a, b, transA, transB);
    }
    c.dataSync();
    c.dispose();
  });
  if (tf.memory().numTensors !== before) throw new Error('tensor leak in gemm loop');
  a.dispose();
  b.dispose();
  return (2 * m * n * k) / (ms * 1e6); // flop per ms / 1e6 = GFLOP/s
}

function glorot(fanIn, fanOut) {
  const lim = Math.sqrt(6 / (fanIn + fanOut));
  return tf.randomUniform([fanIn, fanOut], -lim, lim, 'float32');
}

function makeData(batch, nIn, nOut) {
  return tf.tidy(() => {
    const x = tf.randomUniform([batch, nIn], 0, 1, 'float32');
    const labels = tf.randomUniform([batch], 0, nOut, 'int32');
    const y = tf.oneHot(labels, nOut).toFloat();
    return { x, y };
  });
}

// Runs steps until >= minTotalMs measured (after warm-up); returns samples/s.
async function measureSteps(step, sync, batch, warm = 20, minBatchMs = 250, minTotalMs = 1500) {
  for (let i = 0; i < warm; i++) await step();
  sync();
  let n = 1;
  for (;;) { // calibrate a batch size
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await step();
    sync();
    const dt = performance.now() - t0;
    if (dt >= minBatchMs) break;
    n *= 2;
  }
  let steps = 0;
  let total = 0;
  while (total < minTotalMs) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await step();
    sync();
    total += performance.now() - t0;
    steps += n;
  }
  return (steps * batch) / (total / 1000);
}

async function benchMlpMinimize(layers, batch, lr) {
  const [nIn, nHid, nOut] = layers;
  const w1 = tf.variable(glorot(nIn, nHid));
  const b1 = tf.variable(tf.zeros([nHid]));
  const w2 = tf.variable(glorot(nHid, nOut));
  const b2 = tf.variable(tf.zeros([nOut]));
  const { x, y } = makeData(batch, nIn, nOut);
  const opt = tf.train.sgd(lr);
  const loss = () => {
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    const logits = tf.add(tf.matMul(h, w2), b2);
    return tf.losses.softmaxCrossEntropy(y, logits);
  };
  const l0 = tf.tidy(() => loss().dataSync()[0]);
  const before = tf.memory().numTensors;
  const sps = await measureSteps(() => { opt.minimize(loss, false); }, () => w2.dataSync(), batch);
  if (tf.memory().numTensors !== before) throw new Error('tensor leak in mlp loop');
  const l1 = tf.tidy(() => loss().dataSync()[0]);
  console.error(`mlp (minimize): loss ${l0.toFixed(4)} -> ${l1.toFixed(4)}`);
  tf.dispose([w1, b1, w2, b2, x, y]);
  opt.dispose();
  return sps;
}

async function benchMlpLayers(layers, batch, lr) {
  const [nIn, nHid, nOut] = layers;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: nHid, activation: 'relu', inputShape: [nIn] }),
      tf.layers.dense({ units: nOut }),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(lr),
    loss: (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  const { x, y } = makeData(batch, nIn, nOut);
  let last = 0;
  const sps = await measureSteps(async () => { last = await model.trainOnBatch(x, y); }, () => {}, batch);
  console.error(`mlp (layers trainOnBatch): last loss ${Number(last).toFixed(4)}`);
  tf.dispose([x, y]);
  model.dispose();
  return sps;
}

async function main() {
  const t0 = performance.now();
  const { simd, threads } = await setup();
  emit({ name: 'env', tfjs: tf.version.tfjs, backend: tf.getBackend(), simd, threads, node: process.version });

  // (m, n, k): a is m x k, b is k x n.
  const shapes = process.env.TFJS_BENCH_SKIP_GEMM === '1' ? [] : [
    [256, 256, 256],
    [64, 128, 784],
    [10, 8, 8],
    [10, 2, 8],
    [64, 64, 64],
    [64, 8, 2],
    [64, 64, 32],
  ];
  for (const [m, n, k] of shapes) {
    for (const form of ['NN', 'NT', 'TN']) {
      const g = benchGemm(form, m, n, k);
      emit({ name: 'gemm', form, m, n, k, gflops: Number(g.toPrecision(4)) });
    }
  }
  for (const [m, n, k] of shapes) {
    const g = benchGemm('NN', m, n, k, true);
    emit({ name: 'gemm_fresh_b', form: 'NN', m, n, k, gflops: Number(g.toPrecision(4)) });
  }

  const layers = [784, 128, 10];
  const batch = 64;
  const mode = process.env.TFJS_BENCH_MLP === 'layers' ? 'layers' : 'minimize';
  const sps = mode === 'layers'
    ? await benchMlpLayers(layers, batch, 0.01)
    : await benchMlpMinimize(layers, batch, 0.01);
  emit({ name: 'mlp_step', layers, batch, optimizer: 'sgd', samples_per_sec: Math.round(sps) });
  console.error(`mlp path: ${mode}; total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  },
);
