import type { WorkflowSpec } from '../model/workflow.js';
import { validateCluster } from '../validation/validate-cluster.js';
import { validateWorkflow } from '../validation/validate-workflow.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCluster, generateWorkflow, type WorkflowGeneratorParams } from './generator.js';

/** Generous: hundreds of generated workflows take seconds, more on a loaded machine; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

const params = fc.record({
  tasks: fc.integer({ min: 1, max: 400 }),
  shape: fc.double({ min: 0.1, max: 5, noNaN: true }),
  outDegree: fc.integer({ min: 1, max: 8 }),
  ccr: fc.double({ min: 0, max: 10, noNaN: true }),
  heterogeneity: fc.double({ min: 0, max: 1.99, noNaN: true }),
  meanCost: fc.double({ min: 0.01, max: 1000, noNaN: true }),
  processors: fc.integer({ min: 1, max: 6 }),
  seed: fc.oneof(fc.integer(), fc.string()),
});

/** Task numbers of an edge list: ids are t1..tv. */
const indexOf = (id: string) => Number(id.slice(1)) - 1;

/** Number of tasks on the longest path. */
function longestPath(workflow: WorkflowSpec): number {
  const length = new Array<number>(workflow.tasks.length).fill(1);
  // Edges are sorted by source, and sources come before targets: one pass in order is a topological sweep.
  for (const edge of workflow.edges) length[indexOf(edge.to)] = Math.max(length[indexOf(edge.to)]!, length[indexOf(edge.from)]! + 1);
  return Math.max(...length);
}

function measuredCcr(workflow: WorkflowSpec): number {
  const costs = workflow.tasks.flatMap((t) => Object.values(t.costs!));
  const meanCost = costs.reduce((a, b) => a + b, 0) / costs.length;
  const meanData = workflow.edges.reduce((sum, e) => sum + e.data!, 0) / workflow.edges.length;
  return meanData / meanCost;
}

describe('generateWorkflow', () => {
  it('always gives a valid DAG of exactly v tasks with a positive cost on every processor', () => {
    fc.assert(
      fc.property(params, (p) => {
        const workflow = generateWorkflow(p);
        expect(validateWorkflow(workflow)).toEqual([]);
        expect(workflow.tasks).toHaveLength(p.tasks);
        for (const task of workflow.tasks) {
          expect(Object.keys(task.costs!)).toEqual(Array.from({ length: p.processors }, (_, q) => `p${q + 1}`));
          for (const cost of Object.values(task.costs!)) expect(cost).toBeGreaterThan(0);
        }
        // Edges point from a lower-numbered task to a higher one: acyclic by construction.
        for (const edge of workflow.edges) expect(indexOf(edge.from)).toBeLessThan(indexOf(edge.to));
        expect(longestPath(workflow)).toBeLessThanOrEqual(Math.ceil(Math.sqrt(p.tasks) / p.shape));
      }),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('is layered: the entry tasks are the first level, and only the last level has no children', () => {
    fc.assert(
      fc.property(params, (p) => {
        const workflow = generateWorkflow(p);
        const hasParent = new Set(workflow.edges.map((e) => e.to));
        const hasChild = new Set(workflow.edges.map((e) => e.from));
        const entries = workflow.tasks.filter((t) => !hasParent.has(t.id)).map((t) => indexOf(t.id));
        const exits = workflow.tasks.filter((t) => !hasChild.has(t.id)).map((t) => indexOf(t.id));
        expect(entries).toEqual(entries.map((_, i) => i)); // a prefix t1..tk
        expect(exits).toEqual(exits.map((_, i) => p.tasks - exits.length + i)); // a suffix
      }),
      { numRuns: 100 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives byte-identical JSON for the same parameters and seed, and another graph for another seed', () => {
    fc.assert(
      fc.property(params, fc.integer(), (p, otherSeed) => {
        fc.pre(otherSeed !== p.seed && p.tasks >= 2);
        expect(JSON.stringify(generateWorkflow(p))).toBe(JSON.stringify(generateWorkflow({ ...p })));
        expect(JSON.stringify(generateWorkflow({ ...p, seed: otherSeed, name: 'x' }))).not.toBe(JSON.stringify(generateWorkflow({ ...p, name: 'x' })));
      }),
      { numRuns: 50 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('meets the requested CCR', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.integer(), (ccr, seed) => {
        const workflow = generateWorkflow({ tasks: 3000, processors: 4, ccr, seed });
        expect(measuredCcr(workflow)).toBeCloseTo(ccr, 3);
      }),
      { numRuns: 10 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('keeps to outDegree, but for the parents a much wider next level needs', () => {
    for (const outDegree of [3, 6]) {
      const workflow = generateWorkflow({ tasks: 10_000, processors: 1, outDegree, seed: outDegree });
      const degree = new Map<string, number>();
      for (const e of workflow.edges) degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
      const over = [...degree.values()].filter((d) => d > outDegree).length;
      expect(over / workflow.tasks.length).toBeLessThan(0.05);
      expect(workflow.edges.length / degree.size).toBeGreaterThan(1);
      expect(workflow.edges.length / degree.size).toBeLessThan(outDegree);
    }
  });

  it('keeps the graph and the costs when only the CCR changes (paired experiments)', () => {
    const low = generateWorkflow({ tasks: 200, processors: 3, ccr: 0.1, seed: 5 });
    const high = generateWorkflow({ tasks: 200, processors: 3, ccr: 10, seed: 5 });
    expect(high.tasks).toEqual(low.tasks);
    expect(high.edges.map((e) => [e.from, e.to])).toEqual(low.edges.map((e) => [e.from, e.to]));
    expect(measuredCcr(high) / measuredCcr(low)).toBeCloseTo(100, 1);
  });

  it('follows the paper: costs around w̄_DAG, spread by β, shape by α', () => {
    const homogeneous = generateWorkflow({ tasks: 500, processors: 4, heterogeneity: 0, seed: 1 });
    for (const task of homogeneous.tasks) expect(new Set(Object.values(task.costs!)).size).toBe(1);
    const costs = generateWorkflow({ tasks: 5000, processors: 4, meanCost: 50, seed: 2 }).tasks.flatMap((t) => Object.values(t.costs!));
    expect(costs.reduce((a, b) => a + b, 0) / costs.length).toBeGreaterThan(48);
    expect(costs.reduce((a, b) => a + b, 0) / costs.length).toBeLessThan(52);
    expect(Math.max(...costs)).toBeLessThanOrEqual(150); // w̄_i < 2·50, times at most 1 + β/2 = 1.5
    const tall = longestPath(generateWorkflow({ tasks: 2500, processors: 2, shape: 0.5, seed: 3 }));
    const wide = longestPath(generateWorkflow({ tasks: 2500, processors: 2, shape: 2, seed: 3 }));
    expect(tall).toBeGreaterThan(50); // about ceil(√2500 / 0.5) = 100 levels
    expect(wide).toBeLessThanOrEqual(25);
  });

  it('uses the processor ids it is given', () => {
    const workflow = generateWorkflow({ tasks: 5, processors: ['cpu-0', 'gpu-0'], seed: 'ids' });
    expect(Object.keys(workflow.tasks[0]!.costs!)).toEqual(['cpu-0', 'gpu-0']);
  });

  it('generates 100,000 tasks in well under two seconds of CPU time', () => {
    // CPU time, not wall-clock time: other work on a shared machine must not fail this test.
    const started = process.cpuUsage();
    const workflow = generateWorkflow({ tasks: 100_000, processors: 8, seed: 1 });
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(2000);
    expect(workflow.tasks).toHaveLength(100_000);
  });

  it.each<[Partial<WorkflowGeneratorParams>, RegExp]>([
    [{ tasks: 0 }, /generateWorkflow: tasks must be an integer in \[1, 10000000\], got 0/],
    [{ tasks: 2.5 }, /tasks must be an integer/],
    [{ shape: 0 }, /shape must be a finite number > 0, got 0/],
    [{ outDegree: 0 }, /outDegree must be an integer >= 1, got 0/],
    [{ ccr: -1 }, /ccr must be a finite number >= 0, got -1/],
    [{ heterogeneity: 2 }, /heterogeneity \(β\) must be in \[0, 2\), got 2/],
    [{ meanCost: Number.NaN }, /meanCost must be a finite number > 0, got NaN/],
    [{ meanCost: 0.001 }, /meanCost must be at least 0.01/],
    [{ processors: 0 }, /processors must be an integer >= 1, got 0/],
    [{ processors: ['a', 'a'] }, /processors lists "a" twice/],
    [{ processors: [] }, /processors must be a count >= 1 or a non-empty list of ids/],
    [{ seed: 1.5 }, /seed must be an integer or a string, got 1.5/],
  ])('refuses %j', (bad, message) => {
    expect(() => generateWorkflow({ tasks: 10, processors: 2, seed: 1, ...bad })).toThrow(RangeError);
    expect(() => generateWorkflow({ tasks: 10, processors: 2, seed: 1, ...bad })).toThrow(message);
  });
});

describe('generateCluster', () => {
  it('gives processors p1..pm with speeds in range, and a valid network', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.1, max: 4, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), fc.boolean(), fc.integer(), (m, low, extra, links, seed) => {
        const cluster = generateCluster({ processors: m, seed, speed: [low, low + extra], heterogeneousLinks: links, latency: 0.5 });
        expect(validateCluster(cluster)).toEqual([]);
        expect(cluster.processors.map((p) => p.id)).toEqual(Array.from({ length: m }, (_, q) => `p${q + 1}`));
        for (const p of cluster.processors) {
          expect(p.speed).toBeGreaterThanOrEqual(Math.max(1e-4, Math.round(low * 1e4) / 1e4 - 1e-4));
          expect(p.speed).toBeLessThanOrEqual(low + extra + 1e-4);
        }
        expect(cluster.network!.links?.length ?? 0).toBe(links ? (m * (m - 1)) / 2 : 0);
        expect(JSON.stringify(generateCluster({ processors: m, seed, speed: [low, low + extra], heterogeneousLinks: links, latency: 0.5 }))).toBe(JSON.stringify(cluster));
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('defaults to identical processors on a unit network', () => {
    expect(generateCluster({ processors: 2, seed: 1 })).toEqual({
      name: 'random-2p-s1',
      processors: [
        { id: 'p1', speed: 1 },
        { id: 'p2', speed: 1 },
      ],
      network: { bandwidth: 1, latency: 0 },
    });
  });

  it('refuses bad parameters with a RangeError naming them', () => {
    expect(() => generateCluster({ processors: 0, seed: 1 })).toThrow(/generateCluster: processors must be an integer >= 1/);
    expect(() => generateCluster({ processors: 2, seed: 1, speed: [2, 1] })).toThrow(/speed must be \[min, max\] with min <= max/);
    expect(() => generateCluster({ processors: 2, seed: 1, speed: [0, 1] })).toThrow(/speed\[0\] must be a finite number > 0/);
    expect(() => generateCluster({ processors: 2, seed: 1, bandwidth: 0 })).toThrow(/bandwidth must be a finite number > 0/);
    expect(() => generateCluster({ processors: 2, seed: 1, latency: -1 })).toThrow(/latency must be a finite number >= 0/);
    expect(() => generateCluster({ processors: 1001, seed: 1, heterogeneousLinks: true })).toThrow(/processors must be at most 1000/);
  });
});
