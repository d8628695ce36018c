import type { SchedulerPlugin } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import {
  badOptionCases,
  checkAbortBeforeStart,
  checkAbortDuringRun,
  checkBadOptionRefused,
  checkDefaults,
  checkDeterminism,
  checkEdgeCases,
  checkMetadata,
  checkProblemUntouched,
  checkProgress,
  checkUnknownOptionRefused,
  checkValidSchedules,
  resolveConformanceOptions,
  type ConformanceOptions,
} from './checks.js';

/**
 * Registers the scheduler plugin conformance suite as vitest tests. Call it at the top level of the plugin's own
 * spec:
 *
 * ```ts
 * import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
 * import { myPlugin } from './my-plugin.js';
 *
 * describeSchedulerConformance(myPlugin, { options: { generations: 20 } });
 * ```
 *
 * Always: the registry would load it; valid schedules (through `runScheduler`, so core's independent checker
 * judges them) on random problems of each size and on hand-written corner cases; the problem left untouched;
 * an unknown option and every out-of-bounds or ill-typed option refused before the plugin runs; the defaults
 * applied and working. As declared in `metadata.capabilities` (otherwise the test is skipped, visibly):
 * `cancellable` — an aborted signal honoured; `progress` — progress events well-formed; `deterministic` — the
 * same seed gives the same schedule.
 */
export function describeSchedulerConformance(plugin: SchedulerPlugin, conformanceOptions: ConformanceOptions = {}): void {
  const options = resolveConformanceOptions(plugin, conformanceOptions);
  const { capabilities } = plugin.metadata;
  const timeout = options.timeoutMs;

  describe(`scheduler plugin "${plugin.metadata.name}" conformance`, () => {
    it('passes the registry validation (name, version, apiVersion, capabilities, options schema)', () => {
      checkMetadata(plugin);
    });

    describe('valid schedules', () => {
      for (const tasks of options.sizes) {
        it(
          `on random workflows of ${tasks} task${tasks === 1 ? '' : 's'}, 1 to ${options.maxProcessors} processors, CCR 0.1 to 10`,
          () => checkValidSchedules(plugin, options, tasks),
          timeout,
        );
      }
      it('on hand-written corner cases', () => checkEdgeCases(plugin, options), timeout);
      it('without modifying the problem', () => checkProblemUntouched(plugin, options), timeout);
    });

    describe('options', () => {
      it('refuses an unknown option before scheduling', () => checkUnknownOptionRefused(plugin, options), timeout);
      const bad = badOptionCases(plugin);
      if (bad.length > 0) {
        it.each(bad.map((c) => [c.option, c.why, c] as const))('refuses %s: %s', (_option, _why, c) => checkBadOptionRefused(plugin, options, c), timeout);
      }
      it('applies the defaults, which give a valid schedule', () => checkDefaults(plugin, options), timeout);
    });

    describe('declared capabilities', () => {
      it.skipIf(!capabilities.cancellable)('cancellable: a signal aborted before the call is honoured', async () => {
        const outcome = await checkAbortBeforeStart(plugin, options);
        expect(outcome.settledAfterMs).toBeLessThanOrEqual(options.cancellation.graceMs);
      }, timeout);
      it.skipIf(!capabilities.cancellable)('cancellable: an abort during a run on a larger problem is honoured', async () => {
        const outcome = await checkAbortDuringRun(plugin, options);
        expect(['schedule', 'aborted']).toContain(outcome.result);
      }, timeout);
      it.skipIf(!capabilities.progress)('progress: at least one event, fractions in [0, 1] and non-decreasing', async () => {
        expect((await checkProgress(plugin, options)).length).toBeGreaterThan(0);
      }, timeout);
      it.skipIf(!capabilities.deterministic)('deterministic: the same problem, options and seed give the same schedule', () => checkDeterminism(plugin, options), timeout);
    });
  });
}
