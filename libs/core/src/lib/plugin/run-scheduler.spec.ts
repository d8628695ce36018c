import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { compileProblem, type SchedulingProblem } from '../problem/scheduling-problem.js';
import { scheduleWithAssignment } from '../schedule/list-scheduler.js';
import type { Schedule } from '../schedule/schedule.js';
import { InvalidScheduleError, runScheduler } from './run-scheduler.js';
import { detachedContext, SCHEDULER_NAME_PATTERN, SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from './scheduler-plugin.js';

const problem = compileProblem(
  { tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 3 }], edges: [{ from: 'a', to: 'b', data: 1 }] },
  { processors: [{ id: 'p' }, { id: 'q' }] },
);

/** A plugin putting every task on processor 0 in topological order, or returning whatever `override` gives. */
function fakePlugin(override?: (p: SchedulingProblem) => Schedule, maxProcessors?: number): SchedulerPlugin & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    metadata: {
      name: 'fake',
      version: '0.0.1',
      description: 'test double',
      apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
      capabilities: { progress: false, cancellable: false, deterministic: true, ...(maxProcessors === undefined ? {} : { maxProcessors }) },
    },
    optionsSchema: { type: 'object', properties: { depth: { type: 'integer', description: 'depth', default: 2, minimum: 1 } } },
    async schedule(p, options) {
      calls.push(options);
      const schedule = override ? override(p) : scheduleWithAssignment(p, p.topologicalOrder, new Int32Array(p.taskCount));
      return { schedule, info: { note: 'hi' } };
    },
  };
}

describe('runScheduler', () => {
  it('resolves options, checks the schedule and computes metrics', async () => {
    const plugin = fakePlugin();
    const run = await runScheduler(plugin, problem, { depth: 5 });
    expect(plugin.calls).toEqual([{ depth: 5 }]);
    expect(run).toMatchObject({ scheduler: 'fake', schedulerVersion: '0.0.1', options: { depth: 5 }, makespan: 5, info: { note: 'hi' } });
    expect(run.metrics.makespan).toBe(5);
    expect(run.assignments).toEqual([
      { task: 'a', processor: 'p', start: 0, finish: 2 },
      { task: 'b', processor: 'p', start: 2, finish: 5 },
    ]);
    await runScheduler(plugin, problem);
    expect(plugin.calls[1]).toEqual({ depth: 2 });
  });

  it('refuses bad options before calling the plugin', async () => {
    const plugin = fakePlugin();
    await expect(runScheduler(plugin, problem, { depth: 0 })).rejects.toThrow(/options\.depth: must be between 1 and ∞, got 0/);
    expect(plugin.calls).toEqual([]);
  });

  it('refuses a cluster larger than the plugin handles', async () => {
    const plugin = fakePlugin(undefined, 1);
    const error = await runScheduler(plugin, problem).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]).toMatchObject({ path: '$.processors' });
    expect((error as Error).message).toMatch(/handles at most 1 processors, the cluster has 2/);
    expect(plugin.calls).toEqual([]);
  });

  it('never hands out a schedule the checker rejects', async () => {
    // b starts before a ends, on another processor
    const cheat = fakePlugin(() => ({ processorOf: Int32Array.of(0, 1), start: Float64Array.of(0, 0), finish: Float64Array.of(2, 3) }));
    const error = await runScheduler(cheat, problem).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidScheduleError);
    expect((error as InvalidScheduleError).scheduler).toBe('fake');
    expect((error as InvalidScheduleError).violations).toEqual(['task "b" starts at 0 but the data of "a" arrive at 3']);
    expect((error as Error).name).toBe('InvalidScheduleError');
  });
});

describe('plugin contract helpers', () => {
  it('detachedContext is never aborted, drops progress and lets tests fake the clock', () => {
    const context = detachedContext({ now: () => 42 });
    expect(context.signal.aborted).toBe(false);
    expect(() => context.reportProgress({ fraction: 0.5 })).not.toThrow();
    expect(context.now()).toBe(42);
    expect(typeof detachedContext().now()).toBe('number');
  });

  it('scheduler names are lower-case words joined by dashes', () => {
    for (const ok of ['heft', 'hybrid-ga', 'deep-sched2']) expect(SCHEDULER_NAME_PATTERN.test(ok)).toBe(true);
    for (const bad of ['HEFT', 'hybrid_ga', '-x', 'x-', '2x', 'a--b', '']) expect(SCHEDULER_NAME_PATTERN.test(bad)).toBe(false);
  });
});
