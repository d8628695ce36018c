import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { heftPlugin } from '@hetsched/scheduler-heft';
import { describe, expect, it } from 'vitest';
import type { ApiStore, ClusterSummary, WorkflowSummary } from '../store/api-store.js';
import { RunService } from './run.service.js';
import { MAX_VALID_PROBLEMS, ValidProblems } from './valid-problems.js';

describe('ValidProblems', () => {
  it('knows the pairs added, by both hashes, and forgets the oldest past MAX_VALID_PROBLEMS', () => {
    const problems = new ValidProblems();
    problems.add('w1', 'c1');
    expect(problems.has('w1', 'c1')).toBe(true);
    expect(problems.has('w1', 'c2')).toBe(false);
    expect(problems.has('c1', 'w1')).toBe(false);
    for (let i = 0; i < MAX_VALID_PROBLEMS; i++) problems.add(`w${i + 2}`, 'c');
    expect(problems.size).toBe(MAX_VALID_PROBLEMS);
    // ('w1', 'c1') was the oldest of MAX_VALID_PROBLEMS + 1 pairs; the newest is kept.
    expect(problems.has('w1', 'c1')).toBe(false);
    expect(problems.has(`w${MAX_VALID_PROBLEMS + 1}`, 'c')).toBe(true);
  });
});

// RunService.schedule over a store that counts document reads: a pair found valid once is not read again, whatever
// the ids, as long as the content hashes are those of a valid pair; an invalid pair is read and refused every time.
const cluster: ClusterSpec = { processors: [{ id: 'p1' }, { id: 'p2' }] };
const withCosts: WorkflowSpec = { tasks: [{ id: 'a', costs: { p1: 1, p2: 2 } }], edges: [] };
/** No work and no cost on p2: validateProblem refuses it on this cluster. */
const missingCost: WorkflowSpec = { tasks: [{ id: 'a', costs: { p1: 1 } }], edges: [] };

function fakeStore(workflows: Record<string, { spec: WorkflowSpec; hash: string }>) {
  const reads = { workflows: 0, clusters: 0 };
  const summary = (id: string, hash: string) => ({ id, contentHash: hash, name: null, tags: [], createdAt: new Date(0) });
  const store = {
    workflows: {
      summaries: async (ids: readonly string[]) =>
        new Map(ids.filter((id) => workflows[id]).map((id) => [id, { ...summary(id, workflows[id]!.hash), taskCount: 1, edgeCount: 0 } as WorkflowSummary])),
      documents: async (ids: readonly string[]) => {
        reads.workflows++;
        return new Map(ids.filter((id) => workflows[id]).map((id) => [id, workflows[id]!.spec]));
      },
    },
    clusters: {
      summaries: async (ids: readonly string[]) =>
        new Map(ids.filter((id) => id === 'c').map((id) => [id, { ...summary(id, 'cluster-hash'), processorCount: 2, linkCount: 0 } as ClusterSummary])),
      documents: async (ids: readonly string[]) => {
        reads.clusters++;
        return new Map(ids.filter((id) => id === 'c').map((id) => [id, cluster]));
      },
    },
  };
  return { store: store as unknown as ApiStore, reads };
}

function service(store: ApiStore) {
  const entry = { plugin: heftPlugin, enabled: true };
  const catalog = { find: async (name: string) => (name === 'heft' ? entry : undefined), list: async () => [entry] };
  const submitted: unknown[] = [];
  const engine = {
    submitAll: async (runs: unknown[]) => {
      submitted.push(...runs);
      return runs.map((_, i) => ({ id: `run-${submitted.length - runs.length + i}` }));
    },
  };
  return { runs: new RunService(store, catalog as never, engine as never), submitted };
}

describe('RunService.schedule and valid problems', () => {
  it('reads and checks a pair once, and not again for the same ids or a copy with the same hash', async () => {
    const { store, reads } = fakeStore({ w: { spec: withCosts, hash: 'h' }, copy: { spec: withCosts, hash: 'h' } });
    const { runs, submitted } = service(store);
    const schedule = (workflowId: string) => runs.schedule({ workflowId, clusterId: 'c', selections: [{ scheduler: 'heft' }] });
    await schedule('w');
    expect(reads).toEqual({ workflows: 1, clusters: 1 });
    await schedule('w');
    await schedule('copy');
    expect(reads).toEqual({ workflows: 1, clusters: 1 });
    expect(submitted).toHaveLength(3);
  });

  it('refuses an invalid pair every time, reading it each time, and stores no run', async () => {
    const { store, reads } = fakeStore({ bad: { spec: missingCost, hash: 'b' } });
    const { runs, submitted } = service(store);
    for (let i = 1; i <= 2; i++) {
      await expect(runs.schedule({ workflowId: 'bad', clusterId: 'c', selections: [{ scheduler: 'heft' }] })).rejects.toThrow(/no cost for processor "p2"/);
      expect(reads.workflows).toBe(i);
    }
    expect(submitted).toHaveLength(0);
  });

  it('answers NOT_FOUND for an unknown workflow or cluster before reading any document', async () => {
    const { store, reads } = fakeStore({ w: { spec: withCosts, hash: 'h' } });
    const { runs } = service(store);
    await expect(runs.schedule({ workflowId: 'nope', clusterId: 'c', selections: [{ scheduler: 'heft' }] })).rejects.toThrow(/Workflow/);
    await expect(runs.schedule({ workflowId: 'w', clusterId: 'nope', selections: [{ scheduler: 'heft' }] })).rejects.toThrow(/Cluster/);
    expect(reads).toEqual({ workflows: 0, clusters: 0 });
  });
});
