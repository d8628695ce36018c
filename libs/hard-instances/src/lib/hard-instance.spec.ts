import {
  compileProblem,
  runScheduler,
  ScheduleAbortedError,
  SCHEDULER_PLUGIN_API_VERSION,
  SchedulerOptionsError,
  validateCluster,
  validateProblem,
  validateWorkflow,
  type ProgressEvent,
  type SchedulerPlugin,
  type SchedulingProblem,
} from '@hetsched/core';
// Specs may use scheduler packages (the lib itself takes any plugin it is given).
import { exactPlugin } from '@hetsched/scheduler-exact';
import { heftPlugin } from '@hetsched/scheduler-heft';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptanceProbability, findHardInstance, type HardInstanceRequest, type SearchContext } from './hard-instance.js';
import { VALUE_RANGE } from './instance.js';
import { resolveHardInstanceOptions } from './settings.js';

/**
 * An independent reference: every task on the fastest processor (the first among equals), one after the other in a
 * topological order. Nothing waits for data (one processor), so its makespan is Σ work / max speed.
 */
const fastestProcessorPlugin: SchedulerPlugin = {
  metadata: { name: 'fastest-only', version: '1.0.0', description: 'test: all on the fastest processor', apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`, capabilities: { progress: false, cancellable: false, deterministic: true } },
  optionsSchema: { type: 'object', properties: {} },
  async schedule(problem: SchedulingProblem) {
    const speeds = problem.cluster.processors.map((p) => p.speed ?? 1);
    const fastest = speeds.indexOf(Math.max(...speeds));
    const n = problem.taskCount;
    const schedule = { processorOf: new Int32Array(n).fill(fastest), start: new Float64Array(n), finish: new Float64Array(n) };
    let time = 0;
    for (const t of problem.topologicalOrder) {
      schedule.start[t] = time;
      time += problem.cost[t * problem.processorCount + fastest]!;
      schedule.finish[t] = time;
    }
    return { schedule };
  },
};

/** A plugin that records every problem it is given, then runs `inner`. */
function recording(inner: SchedulerPlugin): { plugin: SchedulerPlugin; seen: SchedulingProblem[] } {
  const seen: SchedulingProblem[] = [];
  const schedule: SchedulerPlugin['schedule'] = (problem, options, context) => {
    seen.push(problem);
    return inner.schedule(problem, options, context);
  };
  return { plugin: { ...inner, schedule }, seen };
}

function context(overrides: Partial<SearchContext> = {}): SearchContext {
  return { signal: new AbortController().signal, reportProgress: () => undefined, now: () => performance.now(), ...overrides };
}

const cheap: HardInstanceRequest = { target: fastestProcessorPlugin, baseline: heftPlugin, iterations: 120, maxTasks: 8, maxProcessors: 4, seed: 3 };

/** exact proves the optimum of these small instances long before the node limit, so it is the true optimum, reproducibly. */
const EXACT_OPTIONS = { timeLimitMs: 120_000, nodeLimit: 2_000_000 };

describe('findHardInstance (PISA)', () => {
  it('finds an instance on which HEFT is over 20% longer than the optimum (exact as the baseline)', async () => {
    const started = performance.now();
    const found = await findHardInstance({ target: heftPlugin, baseline: exactPlugin, baselineOptions: EXACT_OPTIONS, iterations: 300, maxTasks: 8, maxProcessors: 4, seed: 1 }, context());
    console.info(`HEFT vs exact: ratio ${found.ratio} (${found.targetMakespan} / ${found.baselineMakespan}) on ${found.workflow.tasks.length} tasks, ${found.cluster.processors.length} processors, in ${Math.round(performance.now() - started)} ms`);
    expect(found.ratio).toBeGreaterThan(1.2);
    expect(found.stoppedBy).toBe('iterations');
    expect(found.iterations).toBe(300);
    // exact proved its schedule optimal, so HEFT can never beat it: every ratio the search saw is at least 1.
    const problem = compileProblem(found.workflow, found.cluster);
    const optimum = await runScheduler(exactPlugin, problem, EXACT_OPTIONS);
    expect(optimum.info).toMatchObject({ optimal: true });
    expect(optimum.makespan).toBe(found.baselineMakespan);
  });

  it('reports the ratio of the makespans recomputed on the instance it returns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 }), async (seed) => {
        const found = await findHardInstance({ ...cheap, seed, iterations: 40 }, context());
        const problem = compileProblem(found.workflow, found.cluster);
        const target = await runScheduler(fastestProcessorPlugin, problem);
        const baseline = await runScheduler(heftPlugin, problem);
        expect(found.targetMakespan).toBe(target.makespan);
        expect(found.baselineMakespan).toBe(baseline.makespan);
        expect(found.ratio).toBe(target.makespan / baseline.makespan);
        // The reference's makespan by hand: Σ work / max speed (up to the order of the additions).
        const work = found.workflow.tasks.reduce((sum, t) => sum + t.work!, 0);
        const fastest = Math.max(...found.cluster.processors.map((p) => p.speed!));
        expect(found.targetMakespan).toBeCloseTo(work / fastest, 9);
      }),
      { numRuns: 15 },
    );
  });

  it('schedules only valid DAGs and clusters within the bounds, one instance per iteration for each plugin', async () => {
    const target = recording(fastestProcessorPlugin);
    const baseline = recording(heftPlugin);
    const found = await findHardInstance({ ...cheap, target: target.plugin, baseline: baseline.plugin, iterations: 200, maxTasks: 6, maxProcessors: 3 }, context());
    expect(target.seen).toHaveLength(200);
    expect(baseline.seen.map((p) => p.workflow)).toEqual(target.seen.map((p) => p.workflow));
    for (const { workflow, cluster } of target.seen) {
      expect([...validateWorkflow(workflow), ...validateCluster(cluster), ...validateProblem(workflow, cluster)].filter((i) => i.severity === 'error')).toEqual([]);
      expect(workflow.tasks.length).toBeLessThanOrEqual(6);
      expect(cluster.processors.length).toBeLessThanOrEqual(3);
    }
    expect(target.seen.some((p) => p.workflow === found.workflow)).toBe(true);
  });

  it('is deterministic for a seed', async () => {
    const strip = ({ elapsedMs: _elapsed, ...rest }: { elapsedMs: number }) => rest;
    const first = await findHardInstance({ ...cheap, seed: 11 }, context());
    const again = await findHardInstance({ ...cheap, seed: 11 }, context());
    expect(strip(again)).toEqual(strip(first));
    const other = await findHardInstance({ ...cheap, seed: 12 }, context());
    expect(other.workflow).not.toEqual(first.workflow);
  });

  it('restarts when the temperature is spent: PISA\'s schedule gives runs of 460 iterations', async () => {
    // 10 · 0.99^k > 0.1 until k = 459 (ln 100 / -ln 0.99 = 458.2): a run is its start plus 459 neighbours.
    const runsAfter = async (iterations: number) => (await findHardInstance({ ...cheap, iterations, maxTasks: 4, maxProcessors: 2 }, context())).annealingRuns;
    expect(await runsAfter(460)).toBe(1);
    expect(await runsAfter(461)).toBe(2);
    // 1000 = 460 + 460 + 80.
    expect(await runsAfter(1000)).toBe(3);
  });

  it('reports progress every N iterations: iteration, temperature, current and best ratio', async () => {
    const events: ProgressEvent[] = [];
    await findHardInstance({ ...cheap, iterations: 95, progressInterval: 10 }, context({ reportProgress: (e) => events.push(e) }));
    // After iterations 10, 20, ..., 90, and after the last (95).
    expect(events.map((e) => e.data!['iteration'])).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    expect(events.map((e) => e.fraction)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95].map((i) => i / 95));
    // One run: the temperature after k neighbours is 10 · 0.99^k, the start being iteration 1.
    expect(events[0]!.data!['temperature']).toBeCloseTo(10 * 0.99 ** 9, 9);
    const best = events.map((e) => e.data!['bestRatio'] as number);
    expect(best).toEqual([...best].sort((a, b) => a - b));
    for (const e of events) expect(e.data!['currentRatio'] as number).toBeLessThanOrEqual(e.data!['bestRatio'] as number);
  });

  it('stops when the signal fires, returning the best instance so far', async () => {
    const controller = new AbortController();
    let events = 0;
    const found = await findHardInstance(
      { ...cheap, iterations: 5_000, progressInterval: 5 },
      context({ signal: controller.signal, reportProgress: () => ++events === 3 && controller.abort() }),
    );
    expect(found.stoppedBy).toBe('signal');
    // Aborted right after the third event (iteration 15): the loop checks the signal before the next evaluation.
    expect(found.iterations).toBe(15);
    const problem = compileProblem(found.workflow, found.cluster);
    expect(found.ratio).toBe((await runScheduler(fastestProcessorPlugin, problem)).makespan / (await runScheduler(heftPlugin, problem)).makespan);
  });

  it('stops an abort between two evaluations from a timer (the loop yields), and throws when nothing was scored', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const found = await findHardInstance({ ...cheap, iterations: 10_000 }, context({ signal: controller.signal }));
    expect(found.stoppedBy).toBe('signal');
    expect(found.iterations).toBeLessThan(10_000);
    await expect(findHardInstance(cheap, context({ signal: AbortSignal.abort() }))).rejects.toThrow(ScheduleAbortedError);
  });

  it('starts from a given instance, and refuses one the search model cannot hold', async () => {
    const workflow = { tasks: [{ id: 'x', work: 0.5 }, { id: 'y', work: 0.5 }], edges: [{ from: 'x', to: 'y', data: 0.5 }] };
    const cluster = { processors: [{ id: 'fast', speed: 1 }, { id: 'slow', speed: 0.5 }] };
    const found = await findHardInstance({ ...cheap, iterations: 1, initial: { workflow, cluster } }, context());
    // One iteration: the start itself, with the user's ids; links made explicit at the default bandwidth 1.
    expect(found.workflow.tasks).toEqual(workflow.tasks);
    expect(found.cluster.processors).toEqual(cluster.processors);
    expect(found.cluster.network?.links).toEqual([{ between: ['fast', 'slow'], bandwidth: 1 }]);
    const refused = { workflow: { tasks: [{ id: 'x', costs: { fast: 1, slow: 2 } }], edges: [] }, cluster };
    await expect(findHardInstance({ ...cheap, initial: refused }, context())).rejects.toThrow(/costs: per-processor costs are not part of the search model/);
    await expect(findHardInstance({ ...cheap, maxProcessors: 1, initial: { workflow, cluster } }, context())).rejects.toThrow(/more than maxProcessors \(1\)/);
  });

  it('refuses settings and plugin options out of bounds before any work', async () => {
    await expect(findHardInstance({ ...cheap, maxTasks: 21 }, context())).rejects.toThrow(SchedulerOptionsError);
    await expect(findHardInstance({ ...cheap, iterations: 0 }, context())).rejects.toThrow(/options\.iterations: must be between 1 and 10000/);
    await expect(findHardInstance({ ...cheap, minTemperature: 20 }, context())).rejects.toThrow(/options\.minTemperature: must be below maxTemperature \(10\)/);
    await expect(findHardInstance({ ...cheap, baseline: exactPlugin, baselineOptions: { nodeLimits: 3 } }, context())).rejects.toThrow(/baselineOptions\.nodeLimits/);
  });
});

describe('resolveHardInstanceOptions', () => {
  const issuesOf = (resolve: () => unknown): string[] => {
    try {
      resolve();
    } catch (error) {
      if (error instanceof SchedulerOptionsError) return error.issues.map((i) => i.path);
      throw error;
    }
    return [];
  };

  it('defaults every setting to PISA\'s and resolves both plugins\' options', () => {
    expect(resolveHardInstanceOptions(heftPlugin, exactPlugin, { baselineOptions: { nodeLimit: 5 } })).toEqual({
      iterations: 1000,
      maxTasks: 10,
      maxProcessors: 5,
      seed: 1,
      maxTemperature: 10,
      minTemperature: 0.1,
      coolingRate: 0.99,
      targetOptions: {},
      baselineOptions: { timeLimitMs: 10_000, nodeLimit: 5 },
    });
  });

  it('names every fault at once, by its path, and a plugin\'s processor limit', () => {
    expect(issuesOf(() => resolveHardInstanceOptions(heftPlugin, exactPlugin, { iterations: 0, targetOptions: { x: 1 }, baselineOptions: { nodeLimits: 1 } }, 'input'))).toEqual([
      'input.iterations',
      'input.targetOptions.x',
      'input.baselineOptions.nodeLimits',
    ]);
    const limited: SchedulerPlugin = { ...heftPlugin, metadata: { ...heftPlugin.metadata, capabilities: { ...heftPlugin.metadata.capabilities, maxProcessors: 4 } } };
    expect(issuesOf(() => resolveHardInstanceOptions(exactPlugin, limited, { maxProcessors: 4 }))).toEqual([]);
    expect(issuesOf(() => resolveHardInstanceOptions(exactPlugin, limited, { maxProcessors: 5 }))).toEqual(['options.maxProcessors']);
    expect(issuesOf(() => resolveHardInstanceOptions(exactPlugin, limited, [1]))).toEqual(['options']);
  });
});

describe('acceptanceProbability (SAGA\'s rule)', () => {
  it('accepts a better neighbour always, a worse or equal one with exp(-(E\'/E) / T)', () => {
    expect(acceptanceProbability(1.5, 0.1)).toBe(1);
    // E'/E = 1, T = 10: exp(-0.1); E'/E = 0.5, T = 1: exp(-0.5); T = 0.1 and an equal neighbour: exp(-10).
    expect(acceptanceProbability(1, 10)).toBe(Math.exp(-0.1));
    expect(acceptanceProbability(0.5, 1)).toBe(Math.exp(-0.5));
    expect(acceptanceProbability(1, 0.1)).toBe(Math.exp(-10));
  });
});

describe('the weights of found instances', () => {
  it('stay in PISA\'s range', async () => {
    const found = await findHardInstance({ ...cheap, iterations: 300 }, context());
    const values = [...found.workflow.tasks.map((t) => t.work!), ...found.workflow.edges.map((e) => e.data!), ...found.cluster.processors.map((p) => p.speed!)];
    for (const v of values) expect(v >= VALUE_RANGE.min && v <= VALUE_RANGE.max).toBe(true);
  });
});
