// DeepSched (libs/schedulers/deepsched) against HEFT: makespan ratio, processor agreement and raw-prediction
// deviation on held-out generated workflows (the training distribution, another seed) and on the real traces,
// and inference time next to HEFT's at 100, 1,000 and 10,000 tasks, with the TensorFlow.js backend named.
// Runs against the built packages: `NX_DAEMON=false npx nx run-many -t build` first.
//
// Usage: node tools/bench/deepsched-bench.mjs [suite...] [--model FILE|builtin] [--count n] [--seed n] [--candidates 1,2,3] [--json file]
//   suites: heldout traces speed (default: all)
//   --model  a .dsm file, or builtin (default)
//   --count  held-out generated workflows (default 200)
//   --seed   seed of the held-out set and of the traces' generated clusters (default 9001; the shipped model's dataset uses 2026)
//   --candidates  decoder settings compared on held-out and traces, comma-separated (default 1,2; must include 1 and 2)
// Markdown tables go to stdout; --json writes every number as one JSON document.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileProblem, makespanOf } from '@hetsched/core';
import { DEFAULT_GENERATED, evaluateExamples, generateExamples, summarize } from '@hetsched/deepsched-training';
import { generateCluster, generateWorkflow } from '@hetsched/formats';
import { heft } from '@hetsched/scheduler-heft';
import { initBackend, loadBuiltinModel, loadModel, scheduleWithModel } from '@hetsched/scheduler-deepsched';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string', default: 'builtin' },
    count: { type: 'string', default: '200' },
    seed: { type: 'string', default: '9001' },
    candidates: { type: 'string', default: '1,2' },
    json: { type: 'string' },
  },
});
const suites = positionals.length > 0 ? positionals : ['heldout', 'traces', 'speed'];
const seed = Number(values.seed);
const candidateSettings = values.candidates.split(',').map(Number);
if (!candidateSettings.includes(1) || !candidateSettings.includes(2) || !candidateSettings.every((k) => Number.isInteger(k) && k >= 1)) {
  throw new Error(`--candidates: integers >= 1 including 1 and 2 (the per-trace table compares them), got ${values.candidates}`);
}
const root = fileURLToPath(new URL('../../', import.meta.url));
const tracesDir = fileURLToPath(new URL('../shared/data/wfinstances/', `file://${root}`));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const f4 = (x) => x.toFixed(4);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const results = { machine: `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}`, node: process.version, suites: {} };

const backend = await initBackend();
const model = values.model === 'builtin' ? await loadBuiltinModel() : await loadModel(readFileSync(values.model));
results.backend = backend;
results.model = model.metadata;
console.log(`# DeepSched benchmark — ${results.machine}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`backend: ${backend.name} (${backend.reason}); model ${model.metadata.version} (${values.model}); suites: ${suites.join(', ')}; seed ${seed}; load at start ${load()}`);

/** One evaluation per decoder setting: candidates 1 (the paper: the most probable processor), 2, ... (extension). */
async function compare(title, examples, { perSource = false } = {}) {
  console.log(`\n## ${title} (${examples.length} problems, ${examples.reduce((s, e) => s + e.problem.taskCount, 0)} tasks)\n`);
  console.log('| decoder | mean ratio | worst ratio | tasks on HEFT\'s processor | raw finish deviation / makespan | invalid | mean inference + decode ms |');
  console.log('|---|---|---|---|---|---|---|');
  const out = {};
  for (const candidates of candidateSettings) {
    const { summary, perExample } = await evaluateExamples(model, examples, { candidates });
    out[`candidates${candidates}`] = { summary, perExample };
    console.log(`| candidates=${candidates}${candidates === 1 ? ' (paper)' : ''} | ${f4(summary.meanMakespanRatio)} | ${f4(summary.worstMakespanRatio)} | ${pct(summary.processorAccuracy)} | ${f4(summary.meanRelativeDeviation)} | ${summary.invalid} | ${summary.meanInferenceMs.toFixed(1)} |`);
    if (perSource) {
      const byFile = new Map();
      for (const row of perExample) {
        const file = row.source.replace(/^trace:(\S+).*$/, '$1');
        byFile.set(file, [...(byFile.get(file) ?? []), row]);
      }
      out[`candidates${candidates}`].byTrace = Object.fromEntries([...byFile].map(([file, rows]) => [file, summarize(rows)]));
    }
  }
  if (perSource) {
    console.log('\nper trace (mean over its clusters), candidates=1 | candidates=2:\n');
    console.log('| trace | tasks | clusters | mean ratio c=1 | worst c=1 | agreement c=1 | mean ratio c=2 | worst c=2 |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [file, g1] of Object.entries(out.candidates1.byTrace)) {
      const g2 = out.candidates2.byTrace[file];
      const tasks = out.candidates1.perExample.find((r) => r.source.includes(file)).tasks;
      console.log(`| ${file} | ${tasks} | ${g1.examples} | ${f4(g1.meanMakespanRatio)} | ${f4(g1.worstMakespanRatio)} | ${pct(g1.processorAccuracy)} | ${f4(g2.meanMakespanRatio)} | ${f4(g2.worstMakespanRatio)} |`);
    }
  }
  return out;
}

if (suites.includes('heldout')) {
  const examples = generateExamples({ seed, generated: { ...DEFAULT_GENERATED, count: Number(values.count) } });
  results.suites.heldout = await compare(`Held-out generated workflows (training spread, seed ${seed})`, examples);
}

if (suites.includes('traces')) {
  // Each trace on the machines it records (when two or more) and on generated clusters of 2, 8 and 16 processors
  // drawn with this seed (the training set's clusters come from its own seed).
  const examples = generateExamples({ seed, generated: { ...DEFAULT_GENERATED, count: 0 }, tracesDir, traceProcessorCounts: [2, 8, 16] });
  results.suites.traces = await compare('Real traces (WfCommons JSON and Pegasus DAX)', examples, { perSource: true });
}

if (suites.includes('speed')) {
  console.log(`\n## Time to schedule (8 processors, CCR 1, β 0.5; median of runs; backend ${backend.name})\n`);
  console.log('| tasks | HEFT ms | DeepSched inference ms | DeepSched decode ms | DeepSched total ms | total / HEFT | makespan ratio |');
  console.log('|---|---|---|---|---|---|---|');
  results.suites.speed = [];
  for (const tasks of [100, 1000, 10000]) {
    const cluster = generateCluster({ processors: 8, seed });
    const workflow = generateWorkflow({ tasks, processors: 8, ccr: 1, heterogeneity: 0.5, seed });
    const problem = compileProblem(workflow, cluster);
    const runs = tasks >= 10000 ? 3 : 5;
    const heftMs = [];
    let heftSchedule;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      heftSchedule = heft(problem);
      heftMs.push(performance.now() - t);
    }
    await scheduleWithModel(model, problem); // warm-up: kernels compiled, buffers allocated
    const infer = [];
    const decode = [];
    let last;
    for (let r = 0; r < runs; r++) {
      last = await scheduleWithModel(model, problem);
      infer.push(last.inferenceMs);
      decode.push(last.decodeMs);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const row = { tasks, heftMs: median(heftMs), inferenceMs: median(infer), decodeMs: median(decode), ratio: makespanOf(last.schedule) / makespanOf(heftSchedule) };
    results.suites.speed.push(row);
    const total = row.inferenceMs + row.decodeMs;
    console.log(`| ${tasks} | ${row.heftMs.toFixed(2)} | ${row.inferenceMs.toFixed(2)} | ${row.decodeMs.toFixed(2)} | ${total.toFixed(2)} | ${(total / row.heftMs).toFixed(1)}x | ${f4(row.ratio)} |`);
  }
}

console.log(`\nload at end ${load()}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
model.dispose();
