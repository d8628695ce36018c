// MSBC against SAGA's figures on ../shared/fixtures/saga. A transcription of SAGA's MsbcScheduler (ANRGUSC/saga v2,
// schedulers/msbc.py), written from its source and independent of this lib's code: the static level, the strict bound
// completion times and favourite nodes, the start times on the favourite nodes, the ready set taking the highest
// priority, and each task at the least start time over the nodes sorted by decreasing speed, appended after the last
// task of the node (column "append"), or with first-fit insertion (column "insertion"). The msbc.py read for this work
// inserts (saga.utils.tools.get_insert_loc); SAGA v2.1.0, which produced the figures, evidently appends, as the latest
// dps.py does (`get_earliest_start_time(..., append_only=True)`): that reproduces every figure it can be checked on.
// SAGA sorts by `node.speed`, and its adapter gives every node speed 1.0 on the problems with per-task costs
// ("unrelated"), so there the order is its frozenset order, which follows Python's string hashes: the script tries
// `--orders N` random orders there (default 2000) and counts how often SAGA's figure comes out.
// Usage (after `npx nx build core`): node libs/schedulers/msbc/scripts/saga-msbc.mjs [--orders N]
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { communicationTime, compileProblem, meanCosts, ProcessorTimelines } from '@hetsched/core';

const { values } = parseArgs({ options: { orders: { type: 'string', default: '2000' } } });
const folder = new URL('../../../../../shared/fixtures/saga/', import.meta.url);
let state = 1;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const shuffled = (length) => {
  const a = [...Array(length).keys()];
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

const preds = (problem, t) => {
  const out = [];
  for (let i = problem.predOffsets[t]; i < problem.predOffsets[t + 1]; i++) out.push([problem.predTasks[i], problem.predData[i]]);
  return out;
};

/** SAGA's priorities: sbct + sbl + st (get_sbl, calulate_sbct, calculate_st, get_priority). */
function sagaPriorities(problem, nodes) {
  const { taskCount: n, processorCount: m, cost, topologicalOrder } = problem;
  const runtime = (t, p) => cost[t * m + p];
  const mean = meanCosts(problem);
  const sbl = new Float64Array(n);
  const sbct = new Float64Array(n);
  const fav = new Int32Array(n);
  const st = new Float64Array(n);
  for (const t of topologicalOrder) {
    const ps = preds(problem, t);
    sbl[t] = ps.length === 0 ? 0 : Math.max(...ps.map(([q]) => mean[q] + sbl[q]));
    let best = Infinity;
    for (const p of nodes) {
      const value = ps.length === 0 ? runtime(t, p) : Math.max(...ps.map(([q, data]) => sbct[q] + communicationTime(problem, data, fav[q], p))) + runtime(t, p);
      if (value < best) [best, fav[t]] = [value, p];
    }
    sbct[t] = best;
  }
  for (const t of topologicalOrder) {
    const ps = preds(problem, t);
    st[t] = ps.length === 0 ? 0 : Math.max(...ps.map(([q, data]) => st[q] + runtime(q, fav[q]) + communicationTime(problem, data, fav[q], fav[t])));
  }
  return Array.from({ length: n }, (_, t) => sbct[t] + sbl[t] + st[t]);
}

/** SAGA's _schedule: the ready task of highest priority, at its least start time over `sortedNodes` (first wins ties). */
function sagaSchedule(problem, priority, sortedNodes, append) {
  const { taskCount: n, processorCount: m, cost } = problem;
  const timelines = new ProcessorTimelines(m);
  const processor = new Int32Array(n).fill(-1);
  const finish = new Float64Array(n);
  const waiting = Int32Array.from({ length: n }, (_, t) => problem.predOffsets[t + 1] - problem.predOffsets[t]);
  const ready = new Set([...Array(n).keys()].filter((t) => waiting[t] === 0));
  while (ready.size > 0) {
    const t = [...ready].reduce((a, b) => (priority[b] > priority[a] ? b : a));
    ready.delete(t);
    let best = -1;
    let bestStart = Infinity;
    for (const p of sortedNodes) {
      const arrival = Math.max(0, ...preds(problem, t).map(([q, data]) => finish[q] + communicationTime(problem, data, processor[q], p)));
      const start = append ? Math.max(arrival, timelines.lastFinish(p)) : timelines.earliestStart(p, arrival, cost[t * m + p]);
      if (start < bestStart) [best, bestStart] = [p, start];
    }
    processor[t] = best;
    finish[t] = bestStart + cost[t * m + best];
    timelines.insert(best, t, bestStart, finish[t]);
    for (let i = problem.succOffsets[t]; i < problem.succOffsets[t + 1]; i++) if (--waiting[problem.succTasks[i]] === 0) ready.add(problem.succTasks[i]);
  }
  return Math.max(...finish);
}

const same = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
  const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
  const cluster = read('cluster.json');
  const problem = compileProblem(read('workflow.json'), cluster);
  const result = read('saga-results.json');
  const saga = result.saga.MSBC.makespan;
  const listed = [...Array(problem.processorCount).keys()];
  const bySpeed = (nodes) => [...nodes].sort((a, b) => (cluster.processors[b].speed ?? 1) - (cluster.processors[a].speed ?? 1));
  const priority = sagaPriorities(problem, listed);
  const appended = sagaSchedule(problem, priority, bySpeed(listed), true);
  const inserted = sagaSchedule(problem, priority, bySpeed(listed), false);
  const mark = (figure) => `${figure.toFixed(2)}${same(figure, saga) ? ' (= SAGA)' : ''}`;
  let line = `${name} ${result.mode}  SAGA ${saga.toFixed(2)}  append ${mark(appended)}  insertion ${mark(inserted)}`;
  if (result.mode === 'unrelated') {
    let hits = 0;
    const samples = Number(values.orders);
    for (let k = 0; k < samples; k++) {
      const nodes = shuffled(problem.processorCount);
      if (same(sagaSchedule(problem, sagaPriorities(problem, nodes), nodes, true), saga)) hits++;
    }
    line += `  node orders giving SAGA's figure (append): ${hits}/${samples}`;
  }
  console.log(line);
}
