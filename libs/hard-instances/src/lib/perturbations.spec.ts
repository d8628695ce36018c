import { Random, validateCluster, validateProblem, validateWorkflow } from '@hetsched/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INITIAL_SIZE, randomInstance, toSpecs, VALUE_RANGE, type Instance } from './instance.js';
import { applicableChanges, CHANGE_KINDS, perturb, removeTask } from './perturbations.js';
import { MIN_TASKS } from './settings.js';

const errorsOf = (issues: { severity: string; message: string }[]) => issues.filter((i) => i.severity === 'error').map((i) => i.message);

/** Every value of the instance, for the range checks. */
function weights(instance: Instance): number[] {
  const m = instance.processorIds.length;
  const links = instance.bandwidth.flatMap((row, p) => row.filter((_, q) => q !== p));
  expect(links).toHaveLength(m * (m - 1));
  return [...instance.work, ...instance.edges.map((e) => e.data), ...instance.speed, ...links];
}

/** A hand-made instance: 3 tasks a -> b -> c plus a -> c (all three pairs joined), 1 processor. */
const triangle: Instance = {
  taskIds: ['a', 'b', 'c'],
  work: [0.5, 0.5, 0.5],
  edges: [
    { from: 0, to: 1, data: 0.2 },
    { from: 1, to: 2, data: 0.3 },
    { from: 0, to: 2, data: 0.4 },
  ],
  processorIds: ['p1'],
  speed: [1],
  bandwidth: [[0]],
};

describe('random instances (PISA: chains of 3-5 tasks on 3-5 processors)', () => {
  it('are chains within the bounds, with every weight in PISA\'s range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: MIN_TASKS, max: 20 }), fc.integer({ min: 1, max: 8 }), (seed, maxTasks, maxProcessors) => {
        const instance = randomInstance(new Random(seed), { maxTasks, maxProcessors });
        const n = instance.taskIds.length;
        expect(n).toBeGreaterThanOrEqual(Math.min(INITIAL_SIZE.min, maxTasks));
        expect(n).toBeLessThanOrEqual(Math.min(INITIAL_SIZE.max, maxTasks));
        expect(instance.processorIds.length).toBeLessThanOrEqual(Math.min(INITIAL_SIZE.max, maxProcessors));
        // A chain: edge i joins task i to task i + 1.
        expect(instance.edges.map((e) => [e.from, e.to])).toEqual(Array.from({ length: n - 1 }, (_, i) => [i, i + 1]));
        expect(weights(instance).filter((w) => !(w >= VALUE_RANGE.min && w <= VALUE_RANGE.max))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('perturbations', () => {
  it('keep every instance a valid DAG and cluster (core\'s validators), within the bounds and PISA\'s range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: MIN_TASKS, max: 12 }), fc.integer({ min: 1, max: 6 }), (seed, maxTasks, maxProcessors) => {
        const random = new Random(seed);
        let instance = randomInstance(random, { maxTasks, maxProcessors });
        const processors = instance.processorIds;
        for (let i = 0; i < 80; i++) {
          instance = perturb(instance, random, maxTasks).instance;
          const { workflow, cluster } = toSpecs(instance, 'walk');
          expect(errorsOf(validateWorkflow(workflow))).toEqual([]);
          expect(errorsOf(validateCluster(cluster))).toEqual([]);
          expect(errorsOf(validateProblem(workflow, cluster))).toEqual([]);
          expect(instance.taskIds.length).toBeGreaterThanOrEqual(MIN_TASKS);
          expect(instance.taskIds.length).toBeLessThanOrEqual(maxTasks);
          expect(instance.processorIds).toEqual(processors);
          expect(weights(instance).filter((w) => !(w >= VALUE_RANGE.min && w <= VALUE_RANGE.max))).toEqual([]);
          expect(instance.bandwidth.every((row, p) => row.every((value, q) => value === instance.bandwidth[q]![p]))).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('reach every kind of change on a long walk', () => {
    const random = new Random(7);
    let instance = randomInstance(random, { maxTasks: 8, maxProcessors: 4 });
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const step = perturb(instance, random, 8);
      seen.add(step.change);
      instance = step.instance;
    }
    expect([...seen].sort()).toEqual([...CHANGE_KINDS].sort());
  });

  it('offer only the changes that apply', () => {
    // 3 tasks joined pairwise (3 = 3·2/2 edges): no edge can be added; 1 processor: no link; 3 tasks > MIN_TASKS (2).
    expect(applicableChanges(triangle, 3)).toEqual(['task-work', 'edge-data', 'processor-speed', 'remove-edge', 'remove-task']);
    // Below maxTasks a task can be added.
    expect(applicableChanges(triangle, 4)).toContain('add-task');
    // Two tasks, no edge, two processors: nothing to remove, an edge and a link to change.
    const pair: Instance = { ...triangle, taskIds: ['a', 'b'], work: [0.5, 0.5], edges: [], processorIds: ['p1', 'p2'], speed: [1, 1], bandwidth: [[0, 1], [1, 0]] };
    expect(applicableChanges(pair, 2)).toEqual(['task-work', 'processor-speed', 'link-bandwidth', 'add-edge']);
  });

  it('removing a task drops its edges and renumbers the tasks after it', () => {
    // Remove b (index 1): a -> b and b -> c go; a -> c stays and c moves from index 2 to 1.
    const removed = removeTask(triangle, 1);
    expect(removed.taskIds).toEqual(['a', 'c']);
    expect(removed.work).toEqual([0.5, 0.5]);
    expect(removed.edges).toEqual([{ from: 0, to: 1, data: 0.4 }]);
  });

  it('an added edge closes no cycle and repeats no edge (a chain a -> b -> c can only take a -> c)', () => {
    // In the chain a -> b -> c, the free pair is {a, c}: c -> a would close a cycle, so a -> c is the only edge left.
    const chain: Instance = { ...triangle, edges: triangle.edges.slice(0, 2) };
    for (let seed = 0; seed < 20; seed++) {
      const random = new Random(seed);
      let added: Instance | undefined;
      while (!added) {
        const step = perturb(chain, random, 3);
        if (step.change === 'add-edge') added = step.instance;
      }
      expect(added.edges.slice(0, 2)).toEqual(chain.edges);
      expect(added.edges[2]).toMatchObject({ from: 0, to: 2 });
    }
  });
});
