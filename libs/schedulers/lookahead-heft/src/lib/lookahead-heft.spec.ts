import { compileProblem, runScheduler, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { lookaheadHeft } from './lookahead-heft.js';
import { lookaheadHeftPlugin } from './lookahead-heft-plugin.js';

const rows = (schedule: ReturnType<typeof lookaheadHeft>) => Array.from(schedule.processorOf, (p, t) => [p, schedule.start[t], schedule.finish[t]]);
// Two processors, latency 0, bandwidth 1: c̄(data) = data, and a transfer takes data.
const cluster = { processors: [{ id: 'P' }, { id: 'Q' }] };

describe('Lookahead HEFT on a hand-worked example', () => {
  // a -> b (data 4), a -> c (data 0), e -> c (data 6). Costs: a (P 2, Q 3), b (P 10, Q 2), c (P 1, Q 1), e (P 1, Q 1).
  // rank_u (w̄: a 2.5, b 6, c 1, e 1): b 6, c 1, a 2.5 + max(4 + 6, 0 + 1) = 12.5, e 1 + 6 + 1 = 8
  // list: a, e, b, c
  // a, lookahead over its children b, c (e not placed yet, so c's data from e is left out):
  //   a on P [0, 2): b -> P [2, 12) or Q from 2 + 4 = 6, [6, 8) -> Q 8; c -> P [2, 3) or Q [2, 3) before b -> P 3;
  //                  value max(2, 8, 3) = 8
  //   a on Q [0, 3): b -> P from 7, 17, or Q [3, 5) -> Q 5; c -> P from 3 + 0, [3, 4), or Q [5, 6) -> P 4; value 5
  //   -> a on Q [0, 3)   (HEFT would take P, finishing a at 2)
  // e, lookahead over c (parents a on Q at 3, e tentative):
  //   e on P [0, 1): c -> P ready max(3, 1) [3, 4), or Q ready max(3, 1 + 6) [7, 8) -> 4; value 4
  //   e on Q [3, 4): c -> P ready max(3, 4 + 6) = 10 -> 11, or Q [4, 5) -> 5; value 5
  //   -> e on P [0, 1)
  // b, no children: HEFT's rule: P from 3 + 4 = 7 -> 17, Q [3, 5) -> Q [3, 5)
  // c: P ready max(3, 1) = 3 -> [3, 4); Q ready max(3, 1 + 6) = 7 -> 8 -> P [3, 4). Makespan 5.
  const workflow: WorkflowSpec = {
    tasks: [
      { id: 'a', costs: { P: 2, Q: 3 } },
      { id: 'b', costs: { P: 10, Q: 2 } },
      { id: 'c', costs: { P: 1, Q: 1 } },
      { id: 'e', costs: { P: 1, Q: 1 } },
    ],
    edges: [
      { from: 'a', to: 'b', data: 4 },
      { from: 'a', to: 'c', data: 0 },
      { from: 'e', to: 'c', data: 6 },
    ],
  };
  const problem = compileProblem(workflow, cluster);

  it('chooses each processor by the children\'s finish times', () => {
    expect(rows(lookaheadHeft(problem))).toEqual([
      [1, 0, 3],
      [1, 3, 5],
      [0, 3, 4],
      [0, 0, 1],
    ]);
  });

  it('runs through the plugin contract with depth 1 by default, and checks its options', async () => {
    const run = await runScheduler(lookaheadHeftPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'lookahead-heft', schedulerVersion: '1.0.0', makespan: 5, options: { depth: 1 } });
    await expect(runScheduler(lookaheadHeftPlugin, problem, { depth: 0 })).rejects.toThrow(/options\.depth/);
    await expect(runScheduler(lookaheadHeftPlugin, problem, { depth: 1.5 })).rejects.toThrow(/options\.depth/);
    await expect(runScheduler(lookaheadHeftPlugin, problem, { levels: 2 })).rejects.toThrow(/options\.levels: unknown option/);
  });
});

describe('Lookahead HEFT deeper than the children', () => {
  // a -> b (data 3) -> c (data 3). Costs: a (P 1, Q 2), b (P 1, Q 1), c (P 10, Q 1). List a, b, c (rank_u 14, 9.5, 5.5).
  // depth 1:
  //   a on P [0, 1): b -> P [1, 2) (Q from 4 -> 5) -> 2; a on Q [0, 2): b -> Q [2, 3) (P from 5 -> 6) -> 3  => a on P
  //   b on P [1, 2): c -> Q from 2 + 3 = 5, [5, 6) -> 6; b on Q from 4, [4, 5): c -> Q [5, 6) -> 6; tie => b on P
  //   c: P [2, 12) or Q [5, 6) => Q. Makespan 6.
  // depth 2:
  //   a on P [0, 1): b -> P [1, 2); c -> Q from 5, [5, 6) -> value 6
  //   a on Q [0, 2): b -> Q [2, 3); c -> Q [3, 4) -> value 4                                     => a on Q
  //   b on P from 2 + 3 = 5, [5, 6): c -> Q from 9 -> 10; b on Q [2, 3): c -> Q [3, 4) -> 4        => b on Q
  //   c: Q [3, 4). Makespan 4.
  const chain = compileProblem(
    {
      tasks: [
        { id: 'a', costs: { P: 1, Q: 2 } },
        { id: 'b', costs: { P: 1, Q: 1 } },
        { id: 'c', costs: { P: 10, Q: 1 } },
      ],
      edges: [
        { from: 'a', to: 'b', data: 3 },
        { from: 'b', to: 'c', data: 3 },
      ],
    },
    cluster,
  );

  it('sees a grandchild\'s preference only with depth 2', () => {
    expect(rows(lookaheadHeft(chain, { depth: 1 }))).toEqual([
      [0, 0, 1],
      [0, 1, 2],
      [1, 5, 6],
    ]);
    expect(rows(lookaheadHeft(chain, { depth: 2 }))).toEqual([
      [1, 0, 2],
      [1, 2, 3],
      [1, 3, 4],
    ]);
  });
});
