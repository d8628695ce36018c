import { compileProblem, runScheduler, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { octRanks, optimisticCostTable, peft } from './peft.js';
import { peftPlugin } from './peft-plugin.js';

const rows = (schedule: ReturnType<typeof peft>) => Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t], schedule.finish[t]]);

describe('PEFT on a hand-worked example', () => {
  // Processors P, Q; latency 0, bandwidth 1, so c̄(data) = data and a transfer takes data.
  // c independent; a -> b with data 4. Costs: c (P 1, Q 1), a (P 2, Q 3), b (P 10, Q 2).
  // OCT: b and c are exit tasks: 0.
  //   OCT(a, P) = min(OCT(b,P) + w(b,P), OCT(b,Q) + w(b,Q) + c̄) = min(0 + 10, 0 + 2 + 4) = 6
  //   OCT(a, Q) = min(0 + 10 + 4, 0 + 2) = 2
  // rank_oct: c 0, a (6 + 2) / 2 = 4, b 0
  // ready list: {c, a} -> a (4); {c, b} tie at 0 -> c (listed first); b
  //   a: O_EFT(P) = 2 + 6 = 8, O_EFT(Q) = 3 + 2 = 5 -> Q [0, 3)   (HEFT would take P, finishing at 2)
  //   c: P [0, 1) -> 1 + 0; Q after a [3, 4) -> 4 -> P [0, 1)
  //   b: P: ready 3 + 4 = 7, [7, 17) -> 17; Q: ready 3, [3, 5) -> 5 -> Q [3, 5)   (makespan 5; HEFT's is 8)
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'c', costs: { P: 1, Q: 1 } },
      { id: 'a', costs: { P: 2, Q: 3 } },
      { id: 'b', costs: { P: 10, Q: 2 } },
    ],
    edges: [{ from: 'a', to: 'b', data: 4 }],
  };
  const problem = compileProblem(workflow, { processors: [{ id: 'P' }, { id: 'Q' }] });

  it('builds the optimistic cost table and rank_oct', () => {
    const oct = optimisticCostTable(problem);
    expect(Array.from(oct)).toEqual([0, 0, 6, 2, 0, 0]);
    expect(Array.from(octRanks(problem, oct))).toEqual([0, 4, 0]);
  });

  it('places a where its child can follow cheaply, not where a finishes first', () => {
    expect(rows(peft(problem))).toEqual([
      [0, 0, 1],
      [1, 0, 3],
      [1, 3, 5],
    ]);
  });

  it('runs through the plugin contract with its default, and refuses unknown options', async () => {
    const run = await runScheduler(peftPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'peft', schedulerVersion: '1.0.0', makespan: 5, options: { communication: 'mean' } });
    await expect(runScheduler(peftPlugin, problem, { lookahead: 2 })).rejects.toThrow(/options\.lookahead: unknown option/);
    await expect(runScheduler(peftPlugin, problem, { communication: 'median' })).rejects.toThrow(/options\.communication/);
  });
});

describe('PEFT with per-link communication', () => {
  // Processors P, Q, R; the P-Q link has bandwidth 4, every other pair 1; latency 0. a -> b with data 8.
  // Mean bandwidth over ordered pairs: (4 + 4 + 1 + 1 + 1 + 1) / 6 = 2, so c̄ = 8 / 2 = 4;
  // per link: P<->Q 8 / 4 = 2, P<->R and Q<->R 8 / 1 = 8.
  // Costs: a (P 1, Q 4, R 1), b (P 10, Q 3, R 10); OCT(b, ·) = 0.
  //   mean: OCT(a, P) = min(10, 3 + 4, 10 + 4) = 7; OCT(a, Q) = min(3, 10 + 4) = 3; OCT(a, R) = min(10, 3 + 4) = 7
  //   link: OCT(a, P) = min(10, 3 + 2, 10 + 8) = 5; OCT(a, Q) = min(3, 10 + 2, 10 + 8) = 3; OCT(a, R) = min(10, 10 + 8, 3 + 8) = 10
  //   mean: O_EFT(a) = P 1 + 7 = 8, Q 4 + 3 = 7, R 1 + 7 = 8 -> Q [0, 4); b: P 4 + 2 -> 16, Q [4, 7), R 4 + 8 -> 22 -> Q: makespan 7
  //   link: O_EFT(a) = P 1 + 5 = 6, Q 4 + 3 = 7, R 1 + 10 = 11 -> P [0, 1); b: P [1, 11), Q 1 + 2 -> [3, 6), R 9 -> 19 -> Q: makespan 6
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { P: 1, Q: 4, R: 1 } },
      { id: 'b', costs: { P: 10, Q: 3, R: 10 } },
    ],
    edges: [{ from: 'a', to: 'b', data: 8 }],
  };
  const cluster: ClusterSpec = { processors: [{ id: 'P' }, { id: 'Q' }, { id: 'R' }], network: { links: [{ between: ['Q', 'P'], bandwidth: 4 }] } };
  const problem = compileProblem(workflow, cluster);

  it('uses the mean cost by default and the link\'s own cost on request', () => {
    expect(Array.from(optimisticCostTable(problem, 'mean').subarray(0, 3))).toEqual([7, 3, 7]);
    expect(Array.from(optimisticCostTable(problem, 'link').subarray(0, 3))).toEqual([5, 3, 10]);
    expect(rows(peft(problem))).toEqual([
      [1, 0, 4],
      [1, 4, 7],
    ]);
    expect(rows(peft(problem, { communication: 'link' }))).toEqual([
      [0, 0, 1],
      [1, 3, 6],
    ]);
  });

  it('passes the option through the plugin', async () => {
    expect((await runScheduler(peftPlugin, problem, { communication: 'link' })).makespan).toBe(6);
  });
});

describe('PEFT corner cases', () => {
  it('breaks an O_EFT tie towards the processor listed first', () => {
    // one task costing 3 on both processors, no successors: O_EFT 3 on each
    const problem = compileProblem({ tasks: [{ id: 'x', work: 3 }], edges: [] }, { processors: [{ id: 'P' }, { id: 'Q' }] });
    expect(rows(peft(problem))).toEqual([[0, 0, 3]]);
  });

  it('keeps a child on its parent\'s processor in the table unless moving saves more than the transfer', () => {
    // a -> b, data 0 and latency 1, so c̄ = 1; b costs P 2, Q 2.5, R 4.
    // OCT(a, P) = min(2, 2.5 + 1, 4 + 1) = 2; OCT(a, Q) = min(2.5, 2 + 1) = 2.5; OCT(a, R) = min(4, 2 + 1) = 3
    const problem = compileProblem(
      { tasks: [{ id: 'a', work: 1 }, { id: 'b', costs: { P: 2, Q: 2.5, R: 4 } }], edges: [{ from: 'a', to: 'b' }] },
      { processors: [{ id: 'P' }, { id: 'Q' }, { id: 'R' }], network: { latency: 1 } },
    );
    expect(Array.from(optimisticCostTable(problem).subarray(0, 3))).toEqual([2, 2.5, 3]);
  });
});
