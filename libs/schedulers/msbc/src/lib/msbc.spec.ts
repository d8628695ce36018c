import { compileProblem, runScheduler } from '@hetsched/core';
import { scheduleRows } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { cluster, workflow } from '../testing/hand-worked-example.js';
import { scheduleEarliestStart } from './earliest-start.js';
import { msbc, msbcEstimates, processorsFastestFirst } from './msbc.js';
import { msbcPlugin } from './msbc-plugin.js';

describe('MSBC on a hand-worked example', () => {
  // The documents are in ../testing/hand-worked-example.ts.
  // Two processors P, Q; latency 1, bandwidth 2, so a transfer takes 1 + data / 2 (nothing on one processor).
  //   a -> c (data 4), b -> c (data 2), a -> d (data 0); e independent.
  //        P  Q   w̄
  //   a    2  4   3
  //   b    3  3   3
  //   c    3  6   4.5
  //   d    2  2   2
  //   e    1  1   1
  // Total cost: P 11, Q 16, so P is tried first.
  // Static top level (w̄ of the predecessors, no communication): a 0, b 0, c max(0 + 3, 0 + 3) = 3, d 0 + 3 = 3, e 0.
  // Strict bound completion time and favourite processor, in topological order:
  //   a: min(P 2, Q 4) = 2 on P.   b: min(P 3, Q 3) = 3, a tie: P.   e: 1, a tie: P.
  //   c: data ready on P at max(2, 3) = 3 (a and b favour P) -> 3 + 3 = 6; on Q at max(2 + 1 + 2, 3 + 1 + 1) = 5
  //      -> 5 + 6 = 11; so 6 on P.
  //   d: on P 2 + 2 = 4; on Q (2 + 1 + 0) + 2 = 5; so 4 on P.
  // Start on the favourite processors (each task on its own favourite, unloaded): a 0, b 0, e 0,
  //   c max(0 + 2 + 0, 0 + 3 + 0) = 3, d 0 + 2 + 0 = 2.
  // Priority = completion + top level + start: a 2, b 3, c 6 + 3 + 3 = 12, d 4 + 3 + 2 = 9, e 1.
  // Ready list: {a 2, b 3, e 1} -> b; {a, e} -> a; {c 12, d 9, e 1} -> c, then d, then e.
  // Placement at the least start time, after the last task of the processor, P tried first:
  //   b: 0 on both, a tie -> P [0, 3).
  //   a: P free at 3, Q at 0 -> Q [0, 4).
  //   c: on P data at max(4 + 1 + 2, 3) = 7 -> starts 7, would end 10; on Q data at max(4, 3 + 1 + 1) = 5, Q free at
  //      4 -> starts 5, ends 11. The start decides: Q [5, 11), although P would finish c sooner.
  //   d: on P data at 4 + 1 + 0 = 5, P free at 3 -> 5; on Q free at 11 -> 11. P [5, 7).
  //   e: P free at 7, Q at 11 -> P [7, 8).
  // With insertion, e (1 long) fits P's idle gap [3, 5) -> P [3, 4) (Q's gap [4, 5) starts later); nothing else moves.
  const problem = compileProblem(workflow, cluster);

  it('computes the three estimates, the favourite processors and the priorities', () => {
    const estimates = msbcEstimates(problem);
    expect(Array.from(estimates.topLevel)).toEqual([0, 0, 3, 3, 0]);
    expect(Array.from(estimates.boundCompletion)).toEqual([2, 3, 6, 4, 1]);
    expect(Array.from(estimates.favourite)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(estimates.favouriteStart)).toEqual([0, 0, 3, 2, 0]);
    expect(Array.from(estimates.priority)).toEqual([2, 3, 12, 9, 1]);
  });

  it('places each task at its least start time after the last task of the processor, the fastest processor winning ties', () => {
    expect(scheduleRows(msbc(problem))).toEqual([
      [1, 0, 4],
      [0, 0, 3],
      [1, 5, 11],
      [0, 5, 7],
      [0, 7, 8],
    ]);
  });

  it('with insertion, starts a task in an idle gap', () => {
    expect(scheduleRows(msbc(problem, { insertion: true }))).toEqual([
      [1, 0, 4],
      [0, 0, 3],
      [1, 5, 11],
      [0, 5, 7],
      [0, 3, 4],
    ]);
  });
});

describe('the processor order', () => {
  it('tries the processors fastest first (least total cost), whatever their listing order, ties by listing order', () => {
    // slow (speed 1) is listed before fast (speed 2): one task of work 2 starts at 0 on both and goes to fast.
    const problem = compileProblem({ tasks: [{ id: 'x', work: 2 }], edges: [] }, { processors: [{ id: 'slow', speed: 1 }, { id: 'fast', speed: 2 }] });
    expect(Array.from(processorsFastestFirst(problem))).toEqual([1, 0]);
    expect(scheduleRows(msbc(problem))).toEqual([[1, 0, 1]]);
    const even = compileProblem({ tasks: [{ id: 'x', work: 2 }], edges: [] }, { processors: [{ id: 'u' }, { id: 'v' }, { id: 'w', speed: 4 }] });
    expect(Array.from(processorsFastestFirst(even))).toEqual([2, 0, 1]);
  });
});

describe('list scheduling by earliest start', () => {
  it('refuses an order that places a task before one of its predecessors, naming the one not placed', () => {
    // Tasks a, b, c, d, e are 0..4; c needs a and b. c first: a (its first input) is not placed; after a: b is not.
    const problem = compileProblem(workflow, cluster);
    const processors = Int32Array.of(0, 1);
    expect(() => scheduleEarliestStart(problem, [2, 0, 1, 3, 4], processors, false)).toThrow('order places task "c" before its predecessor "a"');
    expect(() => scheduleEarliestStart(problem, [0, 2, 1, 3, 4], processors, true)).toThrow('order places task "c" before its predecessor "b"');
  });
});

describe('the MSBC plugin', () => {
  it('runs through the plugin contract with checked output, insertion off by default, and refuses unknown options', async () => {
    const problem = compileProblem(workflow, cluster);
    const run = await runScheduler(msbcPlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'msbc', schedulerVersion: '1.0.0', makespan: 11, options: { insertion: false } });
    expect((await runScheduler(msbcPlugin, problem, { insertion: true })).makespan).toBe(11);
    await expect(runScheduler(msbcPlugin, problem, { seed: 1 })).rejects.toThrow(/options\.seed: unknown option/);
  });
});
