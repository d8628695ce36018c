import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentCost, documentTransfer, randomProblem } from '../../../test/support/random-problem.js';
import { ValidationError } from '../errors.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { communicationTime, compileProblem, meanCommunicationTime } from './scheduling-problem.js';

/** Successors (or predecessors) of task t as [taskId, data] pairs, read from the CSR arrays. */
function adjacency(offsets: Int32Array, tasks: Int32Array, data: Float64Array, ids: readonly string[], t: number): [string, number][] {
  const list: [string, number][] = [];
  for (let i = offsets[t] as number; i < (offsets[t + 1] as number); i++) list.push([ids[tasks[i] as number] as string, data[i] as number]);
  return list;
}

describe('compileProblem: costs', () => {
  const cluster: ClusterSpec = { processors: [{ id: 'fast', speed: 4 }, { id: 'plain' }, { id: 'slow', speed: 0.5 }] };

  it('uses an explicit cost when given, else work / speed (speed 1 by default)', () => {
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'w', work: 8 },
        { id: 'c', costs: { fast: 7, plain: 0, slow: 1.5 } },
        { id: 'mix', work: 2, costs: { slow: 9 } },
      ],
      edges: [],
    };
    const problem = compileProblem(workflow, cluster);
    expect(problem.taskCount).toBe(3);
    expect(problem.processorCount).toBe(3);
    expect(Array.from(problem.cost)).toEqual([8 / 4, 8, 8 / 0.5, 7, 0, 1.5, 2 / 4, 2, 9]);
    expect(problem.taskIds).toEqual(['w', 'c', 'mix']);
    expect(problem.processorIds).toEqual(['fast', 'plain', 'slow']);
    expect(problem.taskIndex.get('mix')).toBe(2);
    expect(problem.processorIndex.get('slow')).toBe(2);
  });

  it('ignores a cost for a processor the cluster lacks (a warning, not an error)', () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 3, costs: { gpu: 1 } }], edges: [] }, { processors: [{ id: 'cpu' }] });
    expect(Array.from(problem.cost)).toEqual([3]);
  });

  it('gives processors named like Object.prototype members the work-based cost, not NaN', () => {
    const odd: ClusterSpec = { processors: [{ id: 'constructor', speed: 2 }, { id: 'valueOf' }] };
    const problem = compileProblem({ tasks: [{ id: 'a', work: 6, costs: { valueOf: 1 } }], edges: [] }, odd);
    expect(Array.from(problem.cost)).toEqual([3, 1]);
  });

  it('throws a ValidationError naming the faulty document', () => {
    const bad: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }], edges: [{ from: 'a', to: 'b' }] };
    expect(() => compileProblem(bad, cluster)).toThrow(ValidationError);
    expect(() => compileProblem(bad, cluster)).toThrow(/^invalid workflow: \$\.edges\[0\]\.to: edge to unknown task "b"/);
    expect(() => compileProblem({ tasks: [{ id: 'a', work: 1 }], edges: [] }, { processors: [] })).toThrow(/^invalid cluster: /);
    expect(() => compileProblem({ tasks: [{ id: 'a', costs: { fast: 1 } }], edges: [] }, cluster)).toThrow(
      /^invalid workflow for this cluster: \$\.tasks\[0\]\.costs: task "a" has no cost for processors "plain", "slow"/,
    );
  });

  it('with trusted documents skips validation, but still refuses a cycle', () => {
    const cyclic: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] };
    expect(() => compileProblem(cyclic, cluster)).toThrow(ValidationError);
    expect(() => compileProblem(cyclic, cluster, { trusted: true })).toThrow(/cycle/);
  });
});

describe('compileProblem: network', () => {
  const three: ClusterSpec = {
    processors: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    network: {
      latency: 1,
      bandwidth: 2,
      links: [
        { between: ['c', 'a'], latency: 4 }, // bandwidth falls back to the network's 2
        { between: ['b', 'c'], bandwidth: 8 }, // latency falls back to the network's 1
      ],
    },
  };

  it('fills latency and 1/bandwidth per ordered pair, links overriding defaults symmetrically, 0 on the diagonal', () => {
    const p = compileProblem({ tasks: [{ id: 't', work: 1 }], edges: [] }, three);
    // rows: from a, b, c; columns: to a, b, c
    expect(Array.from(p.latency)).toEqual([0, 1, 4, 1, 0, 1, 4, 1, 0]);
    expect(Array.from(p.inverseBandwidth)).toEqual([0, 1 / 2, 1 / 2, 1 / 2, 0, 1 / 8, 1 / 2, 1 / 8, 0]);
  });

  it('means latency and bandwidth over ordered pairs of distinct processors', () => {
    const p = compileProblem({ tasks: [{ id: 't', work: 1 }], edges: [] }, three);
    // latencies of the 6 ordered pairs: ab 1, ac 4, ba 1, bc 1, ca 4, cb 1 -> 12 / 6
    expect(p.meanLatency).toBe(2);
    // bandwidths: ab 2, ac 2, ba 2, bc 8, ca 2, cb 8 -> 24 / 6
    expect(p.meanBandwidth).toBe(4);
    expect(meanCommunicationTime(p, 10)).toBe(2 + 10 / 4);
  });

  it('uses bandwidth 1 and latency 0 when the network says nothing', () => {
    const p = compileProblem({ tasks: [{ id: 't', work: 1 }], edges: [] }, { processors: [{ id: 'x' }, { id: 'y' }] });
    expect(p.meanLatency).toBe(0);
    expect(p.meanBandwidth).toBe(1);
    expect(communicationTime(p, 5, 0, 1)).toBe(5);
    expect(communicationTime(p, 5, 1, 1)).toBe(0);
  });

  it('has no transfers with a single processor', () => {
    const p = compileProblem({ tasks: [{ id: 't', work: 1 }], edges: [] }, { processors: [{ id: 'x' }], network: { latency: 3, bandwidth: 2 } });
    expect(p.meanLatency).toBe(0);
    expect(p.meanBandwidth).toBe(Number.POSITIVE_INFINITY);
    expect(meanCommunicationTime(p, 100)).toBe(0);
    expect(communicationTime(p, 100, 0, 0)).toBe(0);
  });

  it('communicationTime is latency + data / bandwidth between distinct processors', () => {
    const p = compileProblem({ tasks: [{ id: 't', work: 1 }], edges: [] }, three);
    const [a, b, c] = [0, 1, 2];
    expect(communicationTime(p, 16, a, c)).toBe(4 + 16 / 2);
    expect(communicationTime(p, 16, c, a)).toBe(4 + 16 / 2);
    expect(communicationTime(p, 16, b, c)).toBe(1 + 16 / 8);
    expect(communicationTime(p, 0, a, b)).toBe(1);
  });
});

describe('compileProblem: graph', () => {
  // Input order deliberately not topological, and edges listed out of order.
  const workflow: WorkflowSpec = {
    tasks: ['d', 'b', 'a', 'c', 'e'].map((id) => ({ id, work: 1 })),
    edges: [
      { from: 'a', to: 'd', data: 3 },
      { from: 'c', to: 'd' },
      { from: 'a', to: 'b', data: 1 },
      { from: 'b', to: 'd', data: 7 },
      { from: 'a', to: 'c', data: 2 },
    ],
  };
  const problem = compileProblem(workflow, { processors: [{ id: 'p' }] });
  const succ = (id: string) => adjacency(problem.succOffsets, problem.succTasks, problem.succData, problem.taskIds, problem.taskIndex.get(id) as number);
  const pred = (id: string) => adjacency(problem.predOffsets, problem.predTasks, problem.predData, problem.taskIds, problem.taskIndex.get(id) as number);

  it('builds CSR adjacency keeping the order of the edges in the document, data 0 by default', () => {
    expect(problem.edgeCount).toBe(5);
    expect(succ('a')).toEqual([['d', 3], ['b', 1], ['c', 2]]);
    expect(succ('b')).toEqual([['d', 7]]);
    expect(succ('c')).toEqual([['d', 0]]);
    expect(succ('d')).toEqual([]);
    expect(succ('e')).toEqual([]);
    expect(pred('d')).toEqual([['a', 3], ['c', 0], ['b', 7]]);
    expect(pred('a')).toEqual([]);
    expect(Array.from(problem.succOffsets)).toEqual([0, 0, 1, 4, 5, 5]);
    expect(Array.from(problem.predOffsets)).toEqual([0, 3, 4, 4, 5, 5]);
  });

  it('orders tasks topologically, the smallest input index first among the ready', () => {
    // ready at start: a (2), e (4) -> a; then b (1), c (3), e -> b; c; d (0) becomes ready after c -> d before e.
    expect(Array.from(problem.topologicalOrder, (t) => problem.taskIds[t])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps the documents it was compiled from', () => {
    expect(problem.workflow).toBe(workflow);
    expect(problem.cluster.processors[0]?.id).toBe('p');
  });
});

describe('compileProblem (property): agrees with the cost model read from the documents', () => {
  it('cost, communication, adjacency and topological order', () => {
    fc.assert(
      fc.property(randomProblem({ maxTasks: 9, maxProcessors: 5 }), ({ workflow, cluster }) => {
        const p = compileProblem(workflow, cluster);
        const { taskCount: n, processorCount: m } = p;
        for (let t = 0; t < n; t++) {
          for (let q = 0; q < m; q++) {
            expect(p.cost[t * m + q]).toBe(documentCost(workflow.tasks[t]!, cluster.processors[q]!));
          }
        }
        const ids = cluster.processors.map((x) => x.id);
        let latencySum = 0;
        let bandwidthSum = 0;
        for (let a = 0; a < m; a++) {
          for (let b = 0; b < m; b++) {
            const expected = documentTransfer(cluster, 3, ids[a]!, ids[b]!);
            expect(communicationTime(p, 3, a, b)).toBeCloseTo(expected, 12);
            if (a !== b) {
              latencySum += documentTransfer(cluster, 0, ids[a]!, ids[b]!);
              bandwidthSum += 1 / (documentTransfer(cluster, 1, ids[a]!, ids[b]!) - documentTransfer(cluster, 0, ids[a]!, ids[b]!));
            }
          }
        }
        if (m > 1) {
          expect(p.meanLatency).toBeCloseTo(latencySum / (m * (m - 1)), 12);
          expect(p.meanBandwidth).toBeCloseTo(bandwidthSum / (m * (m - 1)), 9);
        }
        // every edge once in each direction, in document order per task
        for (let t = 0; t < n; t++) {
          const id = p.taskIds[t]!;
          const out = workflow.edges.filter((e) => e.from === id).map((e) => [e.to, e.data ?? 0]);
          const into = workflow.edges.filter((e) => e.to === id).map((e) => [e.from, e.data ?? 0]);
          expect(adjacency(p.succOffsets, p.succTasks, p.succData, p.taskIds, t)).toEqual(out);
          expect(adjacency(p.predOffsets, p.predTasks, p.predData, p.taskIds, t)).toEqual(into);
        }
        // a permutation in which every edge goes forward
        const position = new Map(Array.from(p.topologicalOrder, (t, k) => [p.taskIds[t]!, k]));
        expect(position.size).toBe(n);
        for (const e of workflow.edges) expect(position.get(e.from)!).toBeLessThan(position.get(e.to)!);
      }),
      { numRuns: 150 },
    );
  });
});
