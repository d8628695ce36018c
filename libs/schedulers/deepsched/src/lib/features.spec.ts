import { compileProblem, ProcessorTimelines, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { buildRandomProblem } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import {
  encodeProblem,
  encodeTargets,
  makeBatch,
  PAIR_FEATURES,
  PLACED_FEATURES,
  placedFeatures,
  PROCESSOR_FEATURES,
  processorBucket,
  TASK_FEATURES,
  taskBucket,
} from './features.js';
import { heftOf } from '../testing/support.js';

const params = { tasks: 40, processors: 5, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 3, heterogeneousLinks: true, bandwidth: 1, latency: 0.5, seed: 11 };

describe('encodeProblem', () => {
  const problem = buildRandomProblem(params);
  const encoded = encodeProblem(problem, 32);

  it('gives arrays of the declared shapes, all finite', () => {
    expect(encoded.task).toHaveLength(40 * TASK_FEATURES);
    expect(encoded.processor).toHaveLength(5 * PROCESSOR_FEATURES);
    expect(encoded.pair).toHaveLength(40 * 5 * PAIR_FEATURES);
    for (const array of [encoded.task, encoded.processor, encoded.pair]) expect(array.every(Number.isFinite)).toBe(true);
  });

  it('lists tasks in a precedence order of decreasing upward rank', () => {
    const { order, positionOf } = encoded;
    for (let t = 0; t < problem.taskCount; t++) {
      expect(order[positionOf[t]!]).toBe(t);
      for (let i = problem.succOffsets[t]!; i < problem.succOffsets[t + 1]!; i++) expect(positionOf[problem.succTasks[i]!]!).toBeGreaterThan(positionOf[t]!);
    }
    // Feature 1 is the upward rank over the time scale: non-increasing along the sequence.
    for (let k = 1; k < 40; k++) expect(encoded.task[k * TASK_FEATURES + 1]!).toBeLessThanOrEqual(encoded.task[(k - 1) * TASK_FEATURES + 1]! + 1e-6);
  });

  it('ranks each task’s processors by cost: rank 0 is the cheapest, flagged as fastest', () => {
    for (let k = 0; k < 40; k++) {
      const t = encoded.order[k]!;
      const ranks = Array.from({ length: 5 }, (_, p) => encoded.pair[(k * 5 + p) * PAIR_FEATURES + 2]!);
      expect([...ranks].sort()).toEqual([0, 0.25, 0.5, 0.75, 1]);
      const cheapest = ranks.indexOf(0);
      expect(encoded.pair[(k * 5 + cheapest) * PAIR_FEATURES + 3]).toBe(1);
      expect(problem.cost[t * 5 + cheapest]).toBe(Math.min(...Array.from(problem.cost.subarray(t * 5, t * 5 + 5))));
    }
  });

  it('is invariant to the unit of time: every cost, data volume and latency times 1000 encodes the same', () => {
    const scaled = (w: WorkflowSpec, c: ClusterSpec) =>
      compileProblem(
        {
          tasks: w.tasks.map((t) => ({ ...t, ...(t.work !== undefined ? { work: t.work * 1000 } : {}), ...(t.costs ? { costs: Object.fromEntries(Object.entries(t.costs).map(([k, v]) => [k, v * 1000])) } : {}) })),
          edges: w.edges.map((e) => ({ ...e, data: (e.data ?? 0) * 1000 })),
        },
        { ...c, network: { ...c.network, latency: (c.network?.latency ?? 0) * 1000, links: c.network?.links?.map((l) => ({ ...l, latency: (l.latency ?? 0) * 1000 })) } },
      );
    const other = encodeProblem(scaled(problem.workflow, problem.cluster), 32);
    expect(other.timeScale / encoded.timeScale).toBeCloseTo(1000, 6);
    for (const key of ['task', 'processor', 'pair'] as const) {
      const a = encoded[key];
      const b = other[key];
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 4);
    }
  });

  it('encodes HEFT’s schedule as labels by sequence position, times over the time scale', () => {
    const target = heftOf(problem);
    const labels = encodeTargets(encoded, target);
    const t = encoded.order[3]!;
    expect(labels.processor[3]).toBe(target.processorOf[t]);
    expect(labels.times[7]! * encoded.timeScale).toBeCloseTo(target.finish[t]!, 3);
  });
});

describe('placedFeatures', () => {
  it('gives where the predecessors were placed, the data-ready time per processor and how busy each is', () => {
    const problem = compileProblem(
      { tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 1 })), edges: [{ from: 'a', to: 'd', data: 3 }, { from: 'b', to: 'd', data: 1 }, { from: 'c', to: 'd', data: 0 }] },
      { processors: [{ id: 'p' }, { id: 'q' }, { id: 'r' }] },
    );
    const F = PLACED_FEATURES;
    expect(F).toBe(4);
    const timelines = new ProcessorTimelines(3);
    // a and b on q one after the other (finishing at 1 and 2), c on p (finishing at 1).
    timelines.insert(1, 0, 0, 1);
    timelines.insert(1, 1, 1, 2);
    timelines.insert(0, 2, 0, 1);
    const state = { processorOf: [1, 1, 0, -1], finish: [1, 2, 1, 0], timelines };
    const out = new Float32Array(3 * F).fill(7);
    placedFeatures(problem, 3, state, out);
    const row = (p: number) => Array.from(out.subarray(p * F, (p + 1) * F)).map((x) => +x.toFixed(4));
    // Data ready (cost 1 everywhere, the unit): on q at 2 (local data), elsewhere at 1 + 3 = 4 (a's data over a unit
    // link); c's costs nothing. q is free when its data is (busy 0); p was free 3 earlier, r (never used) 4 earlier.
    expect(row(1)).toEqual([0.6667, 1, 0, 0]);
    const later = +Math.log1p(2).toFixed(4);
    expect(row(0)).toEqual([0.3333, 0, later, +(-Math.log1p(3)).toFixed(4)]);
    expect(row(2)).toEqual([0, 0, later, +(-Math.log1p(4)).toFixed(4)]);
    // An entry task: its data is ready everywhere at 0; only availability differs (q busy until 2, p until 1).
    placedFeatures(problem, 0, state, out);
    expect(row(2)).toEqual([0, 0, 0, 0]);
    expect(row(1)).toEqual([0, 0, 0, +Math.log1p(2).toFixed(4)]);
    expect(row(0)).toEqual([0, 0, 0, +Math.log1p(1).toFixed(4)]);
  });
});

describe('buckets and batches', () => {
  it('pads tasks to 32, 64, 128, ... and processors to 4, 8, 16, ...', () => {
    expect([1, 32, 33, 100, 129, 10_000].map(taskBucket)).toEqual([32, 32, 64, 128, 256, 16_384]);
    expect([1, 4, 5, 9, 32].map(processorBucket)).toEqual([4, 4, 8, 16, 32]);
  });

  it('stacks examples of one bucket with masks that mark exactly the real tasks and processors', () => {
    const small = buildRandomProblem({ ...params, tasks: 20, processors: 3 });
    const large = buildRandomProblem({ ...params, tasks: 30, processors: 6, seed: 12 });
    const items = [small, large].map((p) => {
      const encoded = encodeProblem(p, 32);
      return { encoded, targets: encodeTargets(encoded, heftOf(p)) };
    });
    const batch = makeBatch(items, 32, 8);
    expect(batch.task).toHaveLength(2 * 32 * TASK_FEATURES);
    expect(batch.pair).toHaveLength(2 * 32 * 8 * PAIR_FEATURES);
    expect(batch.taskMask.reduce((a, b) => a + b, 0)).toBe(50);
    expect(Array.from(batch.taskMask.subarray(0, 32)).lastIndexOf(1)).toBe(19);
    expect(Array.from(batch.processorMask)).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(batch.labels![20]).toBe(-1);
    expect(batch.labels![32 + 29]).toBe(items[1]!.targets.processor[29]);
    // Pair features of task 1 on processor 2 of the first example land at [0, 1, 2].
    expect(batch.pair[(1 * 8 + 2) * PAIR_FEATURES]).toBe(items[0]!.encoded.pair[(1 * 3 + 2) * PAIR_FEATURES]);
    // Padding stays zero.
    expect(batch.pair[(1 * 8 + 3) * PAIR_FEATURES + 1]).toBe(0);
    expect(() => makeBatch(items, 16, 8)).toThrow(/does not fit the bucket 16x8/);
  });
});
