// Inference and training speed of the DeepSched network per backend, next to HEFT (core's list scheduler).
//   npx nx run scheduler-deepsched:build && HETSCHED_TF_BACKEND=wasm node libs/schedulers/deepsched/scripts/bench-inference.mjs
// Uses the shipped model; problems from the dev generator (random-problems.mjs) on 8 processors.
import { Random } from '@hetsched/core';
import { initBackend, loadBuiltinModel, scheduleWithModel, trainModel } from '../dist/index.js';
import { heftSchedule, randomExamples, randomProblem } from './random-problems.mjs';

const backend = await initBackend();
const model = await loadBuiltinModel();
const random = new Random(77);
const rows = [];
for (const tasks of [100, 1000, 10000]) {
  const problem = randomProblem(random, { tasks, processors: 8 });
  await scheduleWithModel(model, problem); // warm-up (kernels compiled, buffers allocated)
  const runs = tasks >= 10000 ? 2 : 5;
  let inference = 0;
  let decode = 0;
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    const result = await scheduleWithModel(model, problem);
    total += performance.now() - started;
    inference += result.inferenceMs;
    decode += result.decodeMs;
  }
  const heftStarted = performance.now();
  for (let r = 0; r < runs; r++) heftSchedule(problem);
  const heftMs = (performance.now() - heftStarted) / runs;
  rows.push({ backend: backend.name, tasks, inferenceMs: +(inference / runs).toFixed(1), decodeMs: +(decode / runs).toFixed(1), totalMs: +(total / runs).toFixed(1), heftMs: +heftMs.toFixed(1) });
}
console.table(rows);
// Training speed: examples per second on the default config, one epoch of 64 examples.
const train = randomExamples(64, 5);
const started = performance.now();
const result = await trainModel(train, train.slice(0, 8), { epochs: 1, batchSize: 16, learningRate: 0.001, patience: 1, seed: 1, ratioExamples: 0 });
console.log(`training on ${backend.name}: ${(64 / ((performance.now() - started) / 1000)).toFixed(1)} examples/s`);
result.model.dispose();
