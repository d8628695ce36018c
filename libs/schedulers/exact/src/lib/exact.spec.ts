import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkSchedule,
  compileProblem,
  detachedContext,
  makespanOf,
  priorityOrder,
  runScheduler,
  scheduleEarliestFinish,
  toAssignments,
  upwardRanks,
  type ClusterSpec,
  type ProgressEvent,
  type SchedulingProblem,
  type WorkflowSpec,
} from '@hetsched/core';
// Test support (type:testing): seeded random problems of the HEFT paper's generator.
import { buildRandomProblem } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { solveExact } from './exact.js';
import { exactPlugin } from './exact-plugin.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/topcuoglu2002/', import.meta.url));
const load = <T>(name: string): T => JSON.parse(readFileSync(fixtures + name, 'utf8')) as T;

const heft = (problem: SchedulingProblem) => scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
const valid = (problem: SchedulingProblem, schedule: Parameters<typeof toAssignments>[1]) =>
  checkSchedule(problem.workflow, problem.cluster, toAssignments(problem, schedule)).violations;

/** A problem of the generator the conformance suite uses, too large to solve: the search is cut by its limits. */
function hardProblem(tasks: number, seed: number): SchedulingProblem {
  return buildRandomProblem({ tasks, processors: 4, ccr: 5, shape: 1, heterogeneity: 1, outDegree: 3, heterogeneousLinks: true, bandwidth: 1, latency: 0.5, seed });
}

describe('exact on the example of Topcuoglu, Hariri & Wu (2002), Fig. 2', () => {
  const workflow = load<WorkflowSpec>('workflow.json');
  const cluster = load<ClusterSpec>('cluster.json');
  const problem = compileProblem(workflow, cluster);

  // HEFT gives 80 (the paper's Fig. 4(a), the fixture's expected-heft.json); the optimum of this example is 73.
  it('finds makespan 73 and proves it optimal (HEFT: 80)', async () => {
    expect(makespanOf(heft(problem))).toBe(80);
    const result = await solveExact(problem, { timeLimitMs: 60_000 });
    expect(result).toMatchObject({ makespan: 73, lowerBound: 73, optimal: true, gap: 0, stoppedBy: 'complete' });
    expect(makespanOf(result.schedule)).toBe(73);
    expect(valid(problem, result.schedule)).toEqual([]);
  });

  it('runs through the plugin contract with the result in info', async () => {
    const run = await runScheduler(exactPlugin, problem, { timeLimitMs: 60_000 });
    expect(run.makespan).toBe(73);
    expect(run.info).toMatchObject({ optimal: true, lowerBound: 73, gap: 0, stoppedBy: 'complete', nodes: expect.any(Number), timeMs: expect.any(Number) });
    expect(run.info).not.toHaveProperty('schedule');
    expect(run.info).not.toHaveProperty('elapsedMs');
    await expect(runScheduler(exactPlugin, problem, { timeLimit: 5 })).rejects.toThrow(/options\.timeLimit: unknown option/);
  });
});

describe('exact on hand-worked examples', () => {
  it('beats HEFT where earliest finish is greedy: five independent tasks on two identical processors', async () => {
    // Work 3, 3, 2, 2, 2 on two processors of speed 1, no edges. HEFT ranks are the costs, so it takes 3, 3, 2, 2,
    // 2 (ties by index): 3 → p [0, 3), 3 → q [0, 3), 2 → p [3, 5), 2 → q [3, 5), 2 → p [5, 7): makespan 7.
    // The load bound is 12 / 2 = 6 and {3, 3} | {2, 2, 2} reaches it: optimal 6, proven by the root bound.
    const problem = compileProblem(
      { tasks: [3, 3, 2, 2, 2].map((work, i) => ({ id: `t${i}`, work })), edges: [] },
      { processors: [{ id: 'p' }, { id: 'q' }] },
    );
    expect(makespanOf(heft(problem))).toBe(7);
    const result = await solveExact(problem);
    expect(result).toMatchObject({ makespan: 6, lowerBound: 6, rootLowerBound: 6, optimal: true });
    const onP = [0, 1, 2, 3, 4].filter((t) => result.schedule.processorOf[t] === 0);
    expect(onP.length === 2 || onP.length === 3).toBe(true);
  });

  it('keeps a fork on one processor when transfers cost more than the work', async () => {
    // a → b and a → c, each carrying 10 at bandwidth 1 (latency 1 between x and y); a costs 2, b and c 3 anywhere.
    // One processor: 2 + 3 + 3 = 8. Moving b or c away makes it start at 2 + 1 + 10 = 13 at the earliest: ≥ 16.
    // So 8 is optimal.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', work: 2 },
          { id: 'b', work: 3 },
          { id: 'c', work: 3 },
        ],
        edges: [
          { from: 'a', to: 'b', data: 10 },
          { from: 'a', to: 'c', data: 10 },
        ],
      },
      { processors: [{ id: 'x' }, { id: 'y' }], network: { latency: 1, bandwidth: 1 } },
    );
    const result = await solveExact(problem);
    expect(result).toMatchObject({ makespan: 8, optimal: true });
    expect(new Set(result.schedule.processorOf).size).toBe(1);
  });

  it('waits for the fast processor across a slow link: a join on heterogeneous speeds and links', async () => {
    // Speeds x 2, y 1, z 1; link x–y latency 1 and bandwidth 4, every other link latency 0 and bandwidth 1.
    // a, b (work 4) → c (work 2), data 8 on each edge: costs 2, 2, 1 on x and 4, 4, 2 on y or z.
    // All on x: 2 + 2 + 1 = 5. Otherwise some edge crosses processors or a task runs slowly:
    //  - c on x, a (or b) elsewhere: a ends ≥ 4 and its data take 1 + 8/4 = 3 from y, 8 from z: c ends ≥ 8;
    //  - c on y (z is symmetric): an input from x arrives ≥ 2 + 3 = 5, from z ≥ 4 + 8 = 12, and with a and b
    //    both on y, c starts ≥ 8: c ends ≥ 7.
    // So 5 is optimal, with everything on x.
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', work: 4 },
          { id: 'b', work: 4 },
          { id: 'c', work: 2 },
        ],
        edges: [
          { from: 'a', to: 'c', data: 8 },
          { from: 'b', to: 'c', data: 8 },
        ],
      },
      {
        processors: [{ id: 'x', speed: 2 }, { id: 'y' }, { id: 'z' }],
        network: { latency: 0, bandwidth: 1, links: [{ between: ['x', 'y'], latency: 1, bandwidth: 4 }] },
      },
    );
    const result = await solveExact(problem);
    expect(result).toMatchObject({ makespan: 5, optimal: true });
    expect(Array.from(result.schedule.processorOf)).toEqual([0, 0, 0]);
  });

  it('handles one task, one processor and zero costs', async () => {
    const one = compileProblem({ tasks: [{ id: 'a', work: 3 }], edges: [] }, { processors: [{ id: 'x' }] });
    expect(await solveExact(one)).toMatchObject({ makespan: 3, optimal: true });
    // Two zero-cost tasks kept apart only by latency 2: together on one processor the makespan is 0.
    const free = compileProblem(
      { tasks: [{ id: 'a', work: 0 }, { id: 'b', work: 0 }], edges: [{ from: 'a', to: 'b' }] },
      { processors: [{ id: 'x' }, { id: 'y' }], network: { latency: 2 } },
    );
    expect(await solveExact(free)).toMatchObject({ makespan: 0, lowerBound: 0, optimal: true, gap: 0 });
  });
});

describe('exact under its limits', () => {
  it('stops at the node limit, and gives the same result every time it does', async () => {
    const problem = hardProblem(30, 7);
    const first = await solveExact(problem, { nodeLimit: 3000, timeLimitMs: 600_000 });
    const second = await solveExact(problem, { nodeLimit: 3000, timeLimitMs: 600_000 });
    expect(first.stoppedBy).toBe('nodes');
    expect(first.nodes).toBeGreaterThanOrEqual(3000);
    expect(toAssignments(problem, second.schedule)).toEqual(toAssignments(problem, first.schedule));
    expect([second.makespan, second.lowerBound, second.nodes]).toEqual([first.makespan, first.lowerBound, first.nodes]);
    expect(first.lowerBound).toBeLessThanOrEqual(first.makespan);
    expect(first.optimal).toBe(false);
  });

  it('stops on the time limit by the injected clock (a fake one here: no real waiting)', async () => {
    const problem = hardProblem(40, 8);
    let clock = 0;
    const result = await solveExact(problem, { timeLimitMs: 2000, now: () => (clock += 100) });
    expect(result.stoppedBy).toBe('time');
    expect(result.timeMs).toBeGreaterThanOrEqual(2000);
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heft(problem)));
    expect(valid(problem, result.schedule)).toEqual([]);
  });

  it('honours an abort during the search and returns its best schedule so far', async () => {
    const problem = hardProblem(40, 9);
    const controller = new AbortController();
    let events = 0;
    let clock = 0;
    const result = await solveExact(problem, {
      timeLimitMs: 3_600_000,
      signal: controller.signal,
      now: () => (clock += 100), // a progress report every few readings
      onProgress: () => {
        if (++events === 3) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe('signal');
    expect(events).toBe(4); // three while searching, then the final report
    expect(valid(problem, result.schedule)).toEqual([]);
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heft(problem)));
  });

  it('with a signal aborted before the call still returns a valid schedule no worse than HEFT', async () => {
    const problem = hardProblem(200, 10);
    const controller = new AbortController();
    controller.abort();
    const result = await solveExact(problem, { signal: controller.signal });
    expect(result).toMatchObject({ stoppedBy: 'signal', optimal: false });
    expect(result.makespan).toBeLessThanOrEqual(makespanOf(heft(problem)));
    expect(result.lowerBound).toBeLessThanOrEqual(result.makespan);
    expect(valid(problem, result.schedule)).toEqual([]);
  });

  it('reports progress: fractions rising to 1, lower bounds rising, makespans falling, bound below makespan', async () => {
    // The real clock: a report every 250 ms of a 1.2-second search on a problem far beyond a proof.
    const problem = hardProblem(60, 11);
    const events: ProgressEvent[] = [];
    const context = detachedContext({ reportProgress: (e) => events.push(e) });
    const run = await runScheduler(exactPlugin, problem, { timeLimitMs: 1200 }, context);
    expect(events.length).toBeGreaterThan(1);
    const series = (key: string) => events.map((e) => e.data![key] as number);
    const fractions = events.map((e) => e.fraction!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
    expect(series('lowerBound')).toEqual([...series('lowerBound')].sort((a, b) => a - b));
    expect(series('makespan')).toEqual([...series('makespan')].sort((a, b) => b - a));
    events.forEach((e) => expect(e.data!['lowerBound'] as number).toBeLessThanOrEqual(e.data!['makespan'] as number));
    expect(series('makespan').at(-1)).toBe(run.makespan);
  });
});
