// Inference and training speed of the DeepSched network per backend, next to HEFT (core's list scheduler).
//   npx nx run scheduler-deepsched:build && HETSCHED_TF_BACKEND=wasm node libs/schedulers/deepsched/scripts/bench-inference.mjs
// Uses the shipped model; problems from the dev generator (random-problems.mjs) on 8 processors.
import { Random } from '@hetsched/core';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { initBackend, loadBuiltinModel, loadModel, scheduleWithModel, trainModel } from '../dist/index.js';
import { heftSchedule, randomExamples, randomProblem } from './random-problems.mjs';

const backend = await initBackend();
// --model FILE: time another model file (e.g. an autoregressive one); --no-training skips the training measurement.
const { values } = parseArgs({ options: { model: { type: 'string' }, 'no-training': { type: 'boolean', default: false } } });
const model = values.model ? await loadModel(new Uint8Array(await readFile(values.model))) : await loadBuiltinModel();
console.log(`model ${model.metadata.version}${model.metadata.config.autoregressive ? ' (autoregressive)' : ''}`);
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
if (values['no-training']) process.exit(0);
// Training speed: examples per second on the default config, one epoch of 64 examples.
const train = randomExamples(64, 5);
const started = performance.now();
const result = await trainModel(train, train.slice(0, 8), { epochs: 1, batchSize: 16, learningRate: 0.001, patience: 1, seed: 1, ratioExamples: 0 });
console.log(`training on ${backend.name}: ${(64 / ((performance.now() - started) / 1000)).toFixed(1)} examples/s`);
result.model.dispose();
