import { ScheduleAbortedError, scheduleWithAssignment, type SchedulerPlugin } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { overlappingPlugin, randomRestartPlugin, testPlugin } from '../testing/test-plugins.js';
import {
  badOptionCases,
  checkAbortBeforeStart,
  checkAbortDuringRun,
  checkDeterminism,
  checkMetadata,
  checkProblemUntouched,
  checkProgress,
  checkValidSchedules,
  ConformanceError,
  resolveConformanceOptions,
} from './checks.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const onProcessorZero: SchedulerPlugin['schedule'] = async (problem) => ({
  schedule: scheduleWithAssignment(problem, problem.topologicalOrder, new Int32Array(problem.taskCount)),
});

/** The ConformanceError a check throws. */
async function failure(check: Promise<unknown>): Promise<ConformanceError> {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConformanceError)) throw new Error(`expected a ConformanceError, got ${String(error)}`);
  return error;
}

describe('the checks catch broken plugins', () => {
  it('an invalid schedule, with the problem that shows it (shrunk by fast-check)', async () => {
    const options = resolveConformanceOptions(overlappingPlugin, { runs: 3 });
    const error = (await checkValidSchedules(overlappingPlugin, options, 10).then(
      () => new Error('no failure'),
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(/Property failed after 1 tests/);
    expect(error.message).toMatch(/produced an invalid schedule/);
    expect(error.message).toMatch(/a random workflow of 10 tasks on 1 processors/);
  });

  it('metadata the registry would refuse', () => {
    const plugin = testPlugin();
    expect(() => checkMetadata({ ...plugin, metadata: { ...plugin.metadata, name: 'Test Plugin', apiVersion: '^3.0.0' } })).toThrow(
      /the registry would refuse it: metadata\.apiVersion "\^3\.0\.0" does not include .*; metadata\.name "Test Plugin"/,
    );
  });

  it('a declared cancellable plugin that ignores the signal', async () => {
    const stubborn = testPlugin(async (problem, options, context) => {
      for (let i = 0; i < 40; i++) await sleep(25); // a second, never looking at context.signal
      return onProcessorZero(problem, options, context);
    }, { cancellable: true });
    const options = resolveConformanceOptions(stubborn, { cancellation: { tasks: 20, abortAfterMs: 10, graceMs: 150 } });
    expect((await failure(checkAbortDuringRun(stubborn, options))).message).toMatch(/had not settled 150 ms after the abort/);
    expect((await failure(checkAbortBeforeStart(stubborn, options))).message).toMatch(/had not settled/);
  });

  it('a plugin that blocks the event loop past the abort (the abort itself comes late)', async () => {
    const blocking = testPlugin(async (problem, options, context) => {
      const until = performance.now() + 400;
      while (performance.now() < until); // busy: no timer can fire
      return onProcessorZero(problem, options, context);
    }, { cancellable: true });
    const options = resolveConformanceOptions(blocking, { cancellation: { tasks: 20, abortAfterMs: 10, graceMs: 100 } });
    expect((await failure(checkAbortDuringRun(blocking, options))).message).toMatch(/had not settled 100 ms after the abort/);
  });

  it('a cancelled run that throws something other than ScheduleAbortedError', async () => {
    const rude = testPlugin(async (_problem, _options, context) => {
      if (context.signal.aborted) throw new Error('stop it');
      throw new Error('unreachable in this test');
    }, { cancellable: true });
    const error = await failure(checkAbortBeforeStart(rude, resolveConformanceOptions(rude, { cancellation: { tasks: 10 } })));
    expect(error.message).toMatch(/must give a valid schedule or a ScheduleAbortedError, it threw Error: stop it/);
  });

  it('accepts ScheduleAbortedError and a best-so-far schedule alike', async () => {
    const polite = testPlugin(async (_problem, _options, context) => {
      if (context.signal.aborted) throw new ScheduleAbortedError();
      throw new Error('unreachable in this test');
    }, { cancellable: true });
    await expect(checkAbortBeforeStart(polite, resolveConformanceOptions(polite, { cancellation: { tasks: 10 } }))).resolves.toMatchObject({ result: 'aborted' });
    const options = resolveConformanceOptions(randomRestartPlugin, { cancellation: { tasks: 200, options: { restarts: 1_000_000 } } });
    await expect(checkAbortDuringRun(randomRestartPlugin, options)).resolves.toMatchObject({ result: 'schedule', finishedFirst: false });
  });

  it.each([
    ['no event at all', [], /reported no progress event/],
    ['a fraction above 1', [{ fraction: 0.5 }, { fraction: 1.5 }], /fraction 1\.5, outside \[0, 1\]/],
    ['a fraction going back', [{ fraction: 0.6 }, { message: 'x' }, { fraction: 0.4 }], /went back from 0\.6 to 0\.4 at event 2/],
    ['data that is an object', [{ fraction: 0, data: { nested: {} } }], /data\.nested of type object/],
  ])('progress: %s', async (_what, events, message) => {
    const chatty = testPlugin(async (problem, options, context) => {
      for (const event of events as never[]) context.reportProgress(event);
      return onProcessorZero(problem, options, context);
    }, { progress: true });
    expect((await failure(checkProgress(chatty, resolveConformanceOptions(chatty, { checkTasks: 5 })))).message).toMatch(message);
  });

  it('a declared deterministic plugin whose result changes from run to run', async () => {
    let calls = 0;
    const fickle = testPlugin(async (problem) => {
      const processorOf = new Int32Array(problem.taskCount).fill(calls++ % problem.processorCount);
      return { schedule: scheduleWithAssignment(problem, problem.topologicalOrder, processorOf) };
    }, { deterministic: true });
    expect((await failure(checkDeterminism(fickle, resolveConformanceOptions(fickle, { checkTasks: 8 })))).message).toMatch(
      /declares itself deterministic, but two runs on a random workflow of 8 tasks on 4 processors .* differ/,
    );
  });

  it('a plugin that writes into the problem', async () => {
    const vandal = testPlugin(async (problem, options, context) => {
      (problem.cost as Float64Array)[0] = 0;
      return onProcessorZero(problem, options, context);
    });
    expect((await failure(checkProblemUntouched(vandal, resolveConformanceOptions(vandal, { checkTasks: 5 })))).message).toMatch(/modified problem\.cost/);
  });
});

describe('badOptionCases', () => {
  it('covers the type, every bound, integers and enums', () => {
    expect(badOptionCases(randomRestartPlugin).map((c) => `${c.option}=${String(c.value)} (${c.why})`)).toEqual([
      'restarts=seven (a string for a number)',
      'restarts=Infinity (Infinity)',
      'restarts=0 (below the minimum 1)',
      'restarts=1000001 (above the maximum 1000000)',
      'restarts=1.5 (a fraction for an integer)',
      'seed=seven (a string for a number)',
      'seed=Infinity (Infinity)',
      'seed=-1 (below the minimum 0)',
      'seed=0.5 (a fraction for an integer)',
      'bias=seven (a string for a number)',
      'bias=Infinity (Infinity)',
      'bias=-1 (below the minimum 0)',
      'bias=2 (above the maximum 1)',
      'order=42 (a number for a string)',
      'order=none-of-rank-topological (a value outside the enum)',
      'verbose=yes (a string for a boolean)',
      'label=42 (a number for a string)',
    ]);
  });

  it('keeps the processors within maxProcessors', () => {
    expect(resolveConformanceOptions(randomRestartPlugin, { maxProcessors: 16 }).maxProcessors).toBe(6);
    expect(resolveConformanceOptions(randomRestartPlugin, { cancellation: { processors: 32 } }).cancellation.processors).toBe(6);
    expect(resolveConformanceOptions(testPlugin()).maxProcessors).toBe(8);
  });
});
