// Trains the shipped development model (model/builtin.dsm) on random HEFT-labelled problems. Bounded (~10 min CPU).
//   npx nx run scheduler-deepsched:build && node libs/schedulers/deepsched/scripts/train-dev.mjs
// The defaults reproduce the shipped model: autoregressive, 23 epochs (where a 540 s limit stopped the original run;
// training is seeded and deterministic on one backend). --autoregressive false trains the paper's one-shot network.
// The reproducible, dataset-driven training of the shipped model is `hetsched-deepsched train` (libs/schedulers/deepsched-training).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { evaluateModel, initBackend, serializeModel, trainModel } from '../dist/index.js';
import { randomExamples } from './random-problems.mjs';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '23' },
    train: { type: 'string', default: '2000' },
    validation: { type: 'string', default: '120' },
    test: { type: 'string', default: '150' },
    batch: { type: 'string', default: '64' },
    lr: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '2026' },
    out: { type: 'string', default: new URL('../model/builtin.dsm', import.meta.url).pathname },
    'time-limit-s': { type: 'string', default: '900' },
    autoregressive: { type: 'string', default: 'true' },
  },
});
const seed = Number(values.seed);
console.log(await initBackend(console.log));
const train = randomExamples(Number(values.train), seed);
const validation = randomExamples(Number(values.validation), seed + 1);
const test = randomExamples(Number(values.test), seed + 2);
const controller = new AbortController();
setTimeout(() => controller.abort(), Number(values['time-limit-s']) * 1000).unref();
const result = await trainModel(
  train,
  validation,
  { epochs: Number(values.epochs), batchSize: Number(values.batch), learningRate: Number(values.lr), patience: 5, seed, datasetName: `dev-random-${seed}`, config: { autoregressive: values.autoregressive === 'true' } },
  {
    signal: controller.signal,
    onEpoch: (r) => console.log(`epoch ${r.epoch}: train ${r.trainLoss.toFixed(4)} val ${r.validationLoss.toFixed(4)} acc ${r.validationProcessorAccuracy.toFixed(3)}${r.improved ? ' *' : ''} ${(r.elapsedMs / 1000).toFixed(0)} s`),
  },
);
console.log('stopped by', result.stoppedBy, result.model.metadata);
const bytes = serializeModel(result.model);
await writeFile(values.out, bytes);
console.log(`wrote ${values.out} (${bytes.length} bytes)`);
for (const candidates of [1, 2, 3]) {
  for (const order of ['predicted-start', 'upward-rank']) {
    console.log(`held-out (${test.length}) candidates=${candidates} order=${order}:`, await evaluateModel(result.model, test, { candidates, order }));
  }
}
