/**
 * Duplex against the naive references of Min-min and Max-min written from Braun et al. (2001) on the documents
 * (src/testing), on random problems whose times are all exact in floating point, so they must agree exactly.
 */
import { compileProblem, runScheduler } from '@hetsched/core';
import { buildRandomProblem, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentProblems, makespanOfPlacements, placementRows, referenceMinMaxMin, scheduleRows } from '@hetsched/scheduler-conformance';
import { duplex } from './duplex.js';
import { duplexPlugin } from './duplex-plugin.js';

/** Property runs of naive references take seconds, more on a loaded machine: a generous limit, never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('Duplex (property)', () => {
  it("is the reference Min-min's schedule when no longer than the reference Max-min's, else Max-min's", () => {
    fc.assert(
      fc.property(documentProblems({ maxTasks: 12, maxProcessors: 5 }), fc.boolean(), (problem, insertion) => {
        const minmin = referenceMinMaxMin(problem, 'min', insertion);
        const maxmin = referenceMinMaxMin(problem, 'max', insertion);
        const keepMaxmin = makespanOfPlacements(maxmin) < makespanOfPlacements(minmin);
        const result = duplex(compileProblem(problem.workflow, problem.cluster), { insertion });
        expect(scheduleRows(result.schedule)).toEqual(placementRows(keepMaxmin ? maxmin : minmin));
        expect(result).toMatchObject({
          chosen: keepMaxmin ? 'maxmin' : 'minmin',
          minminMakespan: makespanOfPlacements(minmin),
          maxminMakespan: makespanOfPlacements(maxmin),
        });
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('gives valid schedules on generated workflows with real-valued costs, never longer than either heuristic', async () => {
    await fc.assert(
      fc.asyncProperty(randomProblemParams(40, 6), fc.boolean(), async (params, insertion) => {
        const run = await runScheduler(duplexPlugin, buildRandomProblem(params), { insertion });
        const info = run.info as { minminMakespan: number; maxminMakespan: number };
        expect(run.makespan).toBe(Math.min(info.minminMakespan, info.maxminMakespan));
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
