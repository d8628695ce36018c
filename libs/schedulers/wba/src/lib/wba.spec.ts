import { compileProblem, detachedContext, emptySchedule, makespanOf, Random, runScheduler, ScheduleAbortedError, toAssignments, type ProgressEvent } from '@hetsched/core';
import { scheduleRows } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { cluster, workflow } from '../testing/hand-worked-example.js';
import { ReadySet } from './ready-set.js';
import { wba, wbaConstruction } from './wba.js';
import { wbaPlugin } from './wba-plugin.js';
import { wbaSearch } from './wba-search.js';

/**
 * The hand-worked example, its documents in ../testing/hand-worked-example.ts. Two processors P, Q; latency 1,
 * bandwidth 2, so a transfer takes 1 + data / 2.
 *   a -> c (data 2); b independent.
 *        P  Q
 *   a    2  3
 *   b    4  5
 *   c    2  2
 */
const problem = compileProblem(workflow, cluster);
const [P, Q] = [0, 1];
const [a, b, c] = [0, 1, 2];

/** The first pair each of `seeds` places, as "task@processor". */
function firstPairs(alpha: number, seeds: number): Set<string> {
  const pairs = new Set<string>();
  for (let seed = 1; seed <= seeds; seed++) {
    const { schedule, placementOrder } = wbaConstruction(problem, alpha, new Random(seed));
    pairs.add(`${problem.taskIds[placementOrder[0]!]}@${problem.processorIds[schedule.processorOf[placementOrder[0]!]!]}`);
  }
  return pairs;
}

describe('WBA on a hand-worked example', () => {
  // Makespan increase of a pair = max(0, finish - makespan so far); a task starts at max(data ready, end of the last
  // task on the processor).
  // Round 1, the tasks ready at the start: a, b.
  //   Step 1 (makespan 0): a@P 2, a@Q 3, b@P 4, b@Q 5; least 2, most 5. Alpha 0: a@P [0, 2).
  //   Step 2 (makespan 2): c is ready now but waits for the next round; b@P: P free at 2 -> 6, increase 4;
  //   b@Q: 0 + 5 = 5, increase 3. Alpha 0: b@Q [0, 5).
  // Round 2: c. Step 3 (makespan 5): c@P: data at 2 (a ran there), P free at 2 -> 4, increase 0 (it ends before 5);
  //   c@Q: data at 2 + 1 + 2 / 2 = 4, Q free at 5 -> 7, increase 2. Alpha 0: c@P [2, 4).
  // (Had c competed in round 1, c@P, increase 2 at step 2, would have gone before b.)
  it('with alpha 0 takes the pair of least increase each time, round by round: a@P, b@Q, then c@P', () => {
    for (const seed of [1, 2, 3]) {
      const { schedule, placementOrder } = wbaConstruction(problem, 0, new Random(seed));
      expect(Array.from(placementOrder)).toEqual([a, b, c]);
      expect(scheduleRows(schedule)).toEqual([
        [P, 0, 2],
        [Q, 0, 5],
        [P, 2, 4],
      ]);
    }
  });

  it('draws the first pair from the restricted candidate list min + alpha · (max - min), and from nothing else', () => {
    // Step 1: alpha 0 -> increase <= 2: {a@P}; alpha 0.5 -> <= 2 + 0.5 · 3 = 3.5: {a@P, a@Q}; alpha 1 -> <= 5: all four.
    // Over 200 seeds every member comes up (a member is missed by all of them with probability below 1e-24).
    expect(firstPairs(0, 200)).toEqual(new Set(['a@P']));
    expect(firstPairs(0.5, 200)).toEqual(new Set(['a@P', 'a@Q']));
    expect(firstPairs(1, 200)).toEqual(new Set(['a@P', 'a@Q', 'b@P', 'b@Q']));
  });

  it('counts no increase for a pair that finishes before the current makespan: all such pairs are candidates', () => {
    // L (P 10, Q 10), u (P 1, Q 3), v (P 2, Q 1) independent. With L placed on P [0, 10) (makespan 10):
    //   u@P 10 + 1 = 11, increase 1;  u@Q 0 + 3 = 3, increase 0;  v@P 12, increase 2;  v@Q 1, increase 0.
    // alpha 0 keeps both pairs of increase 0, u@Q as well as v@Q, although v@Q finishes earlier; alpha 0.5 adds u@P
    // (1 <= 0 + 0.5 · 2); alpha 1 all four.
    const independent = compileProblem(
      { tasks: [{ id: 'L', costs: { P: 10, Q: 10 } }, { id: 'u', costs: { P: 1, Q: 3 } }, { id: 'v', costs: { P: 2, Q: 1 } }], edges: [] },
      { processors: [{ id: 'P' }, { id: 'Q' }] },
    );
    const schedule = emptySchedule(3);
    const ready = new ReadySet(independent, schedule);
    [schedule.processorOf[0], schedule.start[0], schedule.finish[0]] = [P, 0, 10];
    ready.placed(0);
    const free = Float64Array.of(10, 0);
    const named = (alpha: number) => Array.from(ready.candidates(free, 10, alpha), (pair) => `${independent.taskIds[pair >> 1]}@${independent.processorIds[pair % 2]}`);
    expect(named(0)).toEqual(['u@Q', 'v@Q']);
    expect(named(0.5)).toEqual(['u@P', 'u@Q', 'v@Q']);
    expect(named(1)).toEqual(['u@P', 'u@Q', 'v@P', 'v@Q']);
  });
});

describe('WBA runs', () => {
  it('keeps the shortest of several constructions, and the same seed gives the same schedule', () => {
    const generated = compileProblem(
      {
        tasks: Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, costs: { P: 1 + (i % 4), Q: 1 + ((i * 7) % 5), R: 2 + (i % 3) } })),
        edges: Array.from({ length: 9 }, (_, i) => ({ from: `t${i}`, to: `t${i + 3}`, data: 1 + (i % 3) })),
      },
      { processors: [{ id: 'P' }, { id: 'Q' }, { id: 'R' }], network: { bandwidth: 1 } },
    );
    const one = wba(generated, { seed: 9, alpha: 0.5, iterations: 1 });
    const many = wba(generated, { seed: 9, alpha: 0.5, iterations: 20 });
    expect(makespanOf(many)).toBeLessThanOrEqual(makespanOf(one));
    // The first construction of the 20 is the single one: same generator, same draws.
    const random = new Random(9);
    const constructions = Array.from({ length: 20 }, () => makespanOf(wbaConstruction(generated, 0.5, random).schedule));
    expect(makespanOf(one)).toBe(constructions[0]);
    expect(makespanOf(many)).toBe(Math.min(...constructions));
    expect(scheduleRows(wba(generated, { seed: 9, alpha: 0.5, iterations: 20 }))).toEqual(scheduleRows(many));
  });

  it('runs as the plugin: same schedule as wba, a progress event per construction, checked output', async () => {
    const events: ProgressEvent[] = [];
    const result = await wbaSearch(problem, { seed: 4, alpha: 0.5, iterations: 5 }, detachedContext({ reportProgress: (e) => events.push(e) }));
    expect(scheduleRows(result.schedule)).toEqual(scheduleRows(wba(problem, { seed: 4, alpha: 0.5, iterations: 5 })));
    expect(events.map((e) => e.fraction)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(result.info).toMatchObject({ iterations: 5, stoppedEarly: false });
    const run = await runScheduler(wbaPlugin, problem, { alpha: 0 });
    expect(run).toMatchObject({ scheduler: 'wba', schedulerVersion: '1.0.0', makespan: 5, options: { seed: 1, alpha: 0, iterations: 1 } });
    expect(toAssignments(problem, wba(problem, { seed: 1, alpha: 0, iterations: 1 }))).toEqual(run.assignments);
  });

  it('stops between constructions when cancelled: the best so far, or ScheduleAbortedError before the first', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(wbaSearch(problem, { seed: 1, alpha: 0.5, iterations: 10 }, detachedContext({ signal: aborted.signal }))).rejects.toBeInstanceOf(ScheduleAbortedError);
    const controller = new AbortController();
    let seen = 0;
    const context = detachedContext({ signal: controller.signal, reportProgress: () => ++seen === 3 && controller.abort() });
    const result = await wbaSearch(problem, { seed: 1, alpha: 0.5, iterations: 10 }, context);
    expect(result.info).toMatchObject({ iterations: 3, stoppedEarly: true });
  });

  it('refuses options out of range', async () => {
    await expect(runScheduler(wbaPlugin, problem, { alpha: 1.5 })).rejects.toThrow(/options\.alpha/);
    await expect(runScheduler(wbaPlugin, problem, { iterations: 0 })).rejects.toThrow(/options\.iterations/);
    await expect(runScheduler(wbaPlugin, problem, { seed: -1 })).rejects.toThrow(/options\.seed/);
  });
});
