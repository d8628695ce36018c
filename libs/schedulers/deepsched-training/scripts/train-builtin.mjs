// Reproduces the DeepSched model shipped in the repository (issue #6), with this package's own command
// (bin/hetsched-deepsched.js, the dataset-folder workflow that `hetsched deepsched` also runs):
//   1. `hetsched-deepsched dataset` with the fixed seed and spread below (generated workflows + the real traces);
//   2. `hetsched-deepsched train` on it (checkpoints, early stopping, best.dsm, training.json);
//   3. copies best.dsm to the plugin's BUILTIN_MODEL_FILE and training.json beside it.
// Run: `npm run deepsched:train-builtin` (builds this package first), or after a build
//   node libs/schedulers/deepsched-training/scripts/train-builtin.mjs [--work DIR] [--time-limit S] [--no-install]
// Training is seeded; --time-limit (default 600 s, the bound on a shared 2-core machine) stops it after the current
// batch and keeps the best epoch so far, so on another machine the epoch count (and the model) can differ: the
// report (training.json, installed beside the model) records where it stopped.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILTIN_MODEL_FILE } from '@hetsched/scheduler-deepsched';

/** Everything that determines the model. */
export const RECIPE = {
  dataset: {
    seed: 2026,
    count: 1200,
    sizes: '20,30,50,75,100,150,200,300',
    ccr: '0.1,0.25,0.5,1,2,5,10',
    heterogeneity: '0.1,0.25,0.5,0.75,1',
    processors: '2,3,4,6,8,12,16',
    // Relative to the repository root, so the manifest and the report carry no machine path.
    traces: '../shared/data/wfinstances',
    traceProcessors: '4,8',
  },
  train: { epochs: 30, batchSize: 64, learningRate: 0.01, patience: 5, seed: 2026, validation: 0.1 },
  // The autoregressive heads (an extension beyond the paper, see the plugin's README): one-shot networks stay near
  // "each task on its cheapest processor" on this spread.
  config: { autoregressive: true },
};

const { values } = parseArgs({
  options: {
    work: { type: 'string', default: 'tmp/deepsched-builtin' },
    'time-limit': { type: 'string', default: '600' },
    'no-install': { type: 'boolean', default: false },
  },
});
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const command = join(root, 'libs/schedulers/deepsched-training/bin/hetsched-deepsched.js');
const work = values.work;
const datasetDir = join(work, 'dataset');
const trainDir = join(work, 'train');
const run = (args) => execFileSync(process.execPath, [command, ...args], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

const d = RECIPE.dataset;
run(['dataset', '--out', datasetDir, '--seed', String(d.seed), '--count', String(d.count), '--sizes', d.sizes, '--ccr', d.ccr,
  '--heterogeneity', d.heterogeneity, '--processors', d.processors, '--traces', d.traces, '--trace-processors', d.traceProcessors]);
const t = RECIPE.train;
run(['train', '--dataset', datasetDir, '--out', trainDir, '--epochs', String(t.epochs), '--batch-size', String(t.batchSize),
  '--learning-rate', String(t.learningRate), '--patience', String(t.patience), '--seed', String(t.seed), '--validation', String(t.validation),
  '--config', JSON.stringify(RECIPE.config), '--time-limit', values['time-limit']]);

if (!values['no-install']) {
  const target = join(root, BUILTIN_MODEL_FILE);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, trainDir, 'best.dsm'), target);
  const report = target.replace(/\.dsm$/, '-training.json');
  copyFileSync(join(root, trainDir, 'training.json'), report);
  const { model } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`installed ${BUILTIN_MODEL_FILE} (${statSync(target).size} bytes, model ${model.version}) and ${report.slice(root.length)}`);
}
