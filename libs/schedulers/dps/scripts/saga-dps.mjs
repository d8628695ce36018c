// Why DPS disagrees with SAGA's figures on ../shared/fixtures/saga. SAGA's DPSScheduler (ANRGUSC/saga v2,
// schedulers/dps.py) differs from this lib in its priority and in its placement; this script transcribes its loop and
// undoes its departures one at a time, each column keeping the ones before it undone:
//   saga       SAGA's loop: priority BL - TL, recomputed after every placement from the placements so far (an edge
//              with an unplaced end counts its raw data size, a placed pair its real transfer time; an unplaced task
//              its mean cost, a placed one its real cost); the remaining tasks re-sorted by it (a stable sort of a
//              topological order) and the first one placed at its earliest finish time, appended after the last task
//              of its processor (the latest dps.py; an older one inserted with first fit).
//   +insert    the same, with insertion into idle gaps.
//   +static    BL - TL computed once, before any placement (still raw data sizes).
//   +sum       TL + BL instead of BL - TL, in a ready list.
//   ours       TL + BL with c̄ = L̄ + data / B̄ instead of the raw data size: this lib's DPS.
// Usage (after `npx nx build core`): node libs/schedulers/dps/scripts/saga-dps.mjs [--orders N]
import { readdirSync, readFileSync } from 'node:fs';
import { communicationTime, compileProblem, meanCommunicationTime, meanCosts, priorityOrder, scheduleEarliestFinish } from '@hetsched/core';

const folder = new URL('../../../../../shared/fixtures/saga/', import.meta.url);

/** Top and bottom levels under `placed` (processor per task, -1 when unplaced), as SAGA's calc_TL and calc_BL. */
function levels(problem, placed, mean, edgeCost) {
  const { taskCount: n, processorCount: m, cost, topologicalOrder, predOffsets, predTasks, predData, succOffsets, succTasks, succData } = problem;
  const work = (t) => (placed[t] < 0 ? mean[t] : cost[t * m + placed[t]]);
  const edge = (from, to, data) => (placed[from] < 0 || placed[to] < 0 ? edgeCost(data) : communicationTime(problem, data, placed[from], placed[to]));
  const top = new Float64Array(n);
  const bottom = new Float64Array(n);
  for (const t of topologicalOrder) {
    for (let i = predOffsets[t]; i < predOffsets[t + 1]; i++) {
      const q = predTasks[i];
      top[t] = Math.max(top[t], top[q] + work(q) + edge(q, t, predData[i]));
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    const t = topologicalOrder[k];
    // As SAGA sums it: an exit task's own cost, else the largest BL(s) + edge + own cost (the same in exact arithmetic
    // as adding the cost after the maximum, not always in floating point).
    let longest = succOffsets[t] === succOffsets[t + 1] ? work(t) : 0;
    for (let i = succOffsets[t]; i < succOffsets[t + 1]; i++) longest = Math.max(longest, bottom[succTasks[i]] + edge(t, succTasks[i], succData[i]) + work(t));
    bottom[t] = longest;
  }
  return { top, bottom };
}

/** SAGA's list loop: the remaining tasks sorted by `priority(placed)` (stable), the first placed at its earliest finish. */
function sagaLoop(problem, priority, append) {
  const { taskCount: n } = problem;
  const placed = new Int32Array(n).fill(-1);
  const remaining = Array.from(problem.topologicalOrder);
  const order = [];
  let key = priority(placed);
  remaining.sort((a, b) => key[b] - key[a]);
  while (remaining.length > 0) {
    const t = remaining.shift();
    order.push(t);
    // Re-placing the listed prefix gives the same placements as before, plus t's.
    placed[t] = earliest(problem, order, append).processorOf[t];
    key = priority(placed);
    remaining.sort((a, b) => key[b] - key[a]);
  }
  return earliest(problem, order, append);
}

/** Earliest finish for a prefix of an order (the tasks not yet listed come after), with insertion or appended. */
function earliest(problem, prefix, append) {
  return append ? appendEarliestFinish(problem, completeOrder(problem, prefix)) : scheduleEarliestFinish(problem, completeOrder(problem, prefix));
}

/** Earliest finish time without insertion: each task after the last one on its processor, ties to the first. */
function appendEarliestFinish(problem, order) {
  const { taskCount: n, processorCount: m, cost, predOffsets, predTasks, predData } = problem;
  const processorOf = new Int32Array(n).fill(-1);
  const finish = new Float64Array(n);
  const free = new Float64Array(m);
  for (const t of order) {
    let best = -1;
    let bestFinish = Infinity;
    for (let p = 0; p < m; p++) {
      let start = free[p];
      for (let i = predOffsets[t]; i < predOffsets[t + 1]; i++) {
        start = Math.max(start, finish[predTasks[i]] + communicationTime(problem, predData[i], processorOf[predTasks[i]], p));
      }
      if (start + cost[t * m + p] < bestFinish) [best, bestFinish] = [p, start + cost[t * m + p]];
    }
    processorOf[t] = best;
    finish[t] = bestFinish;
    free[best] = bestFinish;
  }
  return { processorOf, finish };
}

function completeOrder(problem, prefix) {
  const listed = new Set(prefix);
  return [...prefix, ...Array.from(problem.topologicalOrder).filter((t) => !listed.has(t))];
}

const makespan = (schedule) => Math.max(...schedule.finish);
const same = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
  const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
  const problem = compileProblem(read('workflow.json'), read('cluster.json'));
  const saga = read('saga-results.json').saga.DPS.makespan;
  const mean = meanCosts(problem);
  const raw = (data) => data;
  const unplaced = new Int32Array(problem.taskCount).fill(-1);
  const difference = (placed) => {
    const { top, bottom } = levels(problem, placed, mean, raw);
    return bottom.map((b, t) => b - top[t]);
  };
  const staticDifference = difference(unplaced);
  const rawLevels = levels(problem, unplaced, mean, raw);
  const c̄Levels = levels(problem, unplaced, mean, (data) => meanCommunicationTime(problem, data));
  const figures = {
    saga: makespan(sagaLoop(problem, difference, true)),
    '+insert': makespan(sagaLoop(problem, difference, false)),
    '+static': makespan(sagaLoop(problem, () => staticDifference, false)),
    '+sum': makespan(scheduleEarliestFinish(problem, priorityOrder(problem, rawLevels.bottom.map((b, t) => b + rawLevels.top[t])))),
    ours: makespan(scheduleEarliestFinish(problem, priorityOrder(problem, c̄Levels.bottom.map((b, t) => b + c̄Levels.top[t])))),
  };
  const cells = Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(2)}${same(v, saga) ? ' (= SAGA)' : ''}`);
  console.log(`${name}  SAGA ${saga.toFixed(2)}  ${cells.join('  ')}`);
}

// --orders N: SAGA's task and processor orders follow Python's string hashes. Rerun its loop with the tasks and
// processors of the documents shuffled (which changes the topological order its stable sort starts from, and which
// processor wins a tie), and count how often its figure comes out.
const ordersFlag = process.argv.indexOf('--orders');
if (ordersFlag > 0) {
  const samples = Number(process.argv[ordersFlag + 1]);
  let state = 1;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const shuffle = (items) => {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  for (const name of readdirSync(folder).filter((d) => d.startsWith('saga-')).sort()) {
    const read = (file) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
    const workflow = read('workflow.json');
    const cluster = read('cluster.json');
    const saga = read('saga-results.json').saga.DPS.makespan;
    let hits = 0;
    let low = Infinity;
    let high = 0;
    for (let k = 0; k < samples; k++) {
      const problem = compileProblem({ ...workflow, tasks: shuffle(workflow.tasks) }, { ...cluster, processors: shuffle(cluster.processors) });
      const mean = meanCosts(problem);
      const figure = makespan(
        sagaLoop(
          problem,
          (placed) => {
            const { top, bottom } = levels(problem, placed, mean, (data) => data);
            return bottom.map((b, t) => b - top[t]);
          },
          true,
        ),
      );
      if (same(figure, saga)) hits++;
      low = Math.min(low, figure);
      high = Math.max(high, figure);
    }
    console.log(`${name}  SAGA ${saga.toFixed(2)}: ${hits}/${samples} orders give it, range [${low.toFixed(2)}, ${high.toFixed(2)}]`);
  }
}
