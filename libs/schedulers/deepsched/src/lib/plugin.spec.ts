import { checkSchedule, detachedContext, makespanOf, runScheduler, toAssignments } from '@hetsched/core';
import { buildRandomProblem, describeSchedulerConformance, randomProblemParams } from '@hetsched/scheduler-conformance';
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { heftOf } from '../testing/support.js';
import { scheduleWithModel } from './infer.js';
import { BUILTIN_MODEL_FILE, loadBuiltinModel } from './models.js';
import { deepschedPlugin } from './plugin.js';
import { serializeModel } from './serialize.js';
import { DEEPSCHED_MODEL_ARTIFACT, type DeepSchedModel } from './types.js';

// Valid schedules on random problems, options validation, determinism, maxProcessors honoured: with the shipped model.
describeSchedulerConformance(deepschedPlugin, { runs: 2, sizes: [1, 10, 50, 150] });

const problemOf = (tasks: number, processors: number, seed: number) =>
  buildRandomProblem({ tasks, processors, ccr: 1, shape: 1, heterogeneity: 1, outDegree: 3, heterogeneousLinks: true, bandwidth: 1, latency: 0.5, seed });

let builtin: DeepSchedModel;
beforeAll(async () => {
  builtin = await loadBuiltinModel();
});

describe('deepschedPlugin', () => {
  it('declares its maximum cluster size and refuses a larger cluster, naming both sizes', async () => {
    expect(deepschedPlugin.metadata.capabilities.maxProcessors).toBe(32);
    expect(builtin.metadata.config.maxProcessors).toBe(32);
    // The host refuses it from the metadata before calling the plugin; the plugin and the library check it too.
    const wide = problemOf(5, 33, 1);
    await expect(runScheduler(deepschedPlugin, wide)).rejects.toThrow(/"deepsched" handles at most 32 processors, the cluster has 33/);
    const direct = deepschedPlugin.schedule(wide, { model: 'builtin', order: 'predicted-start', candidates: 1 }, detachedContext());
    await expect(direct).rejects.toThrow(/the cluster has 33 processors, more than the model's declared maximum of 32 \(maxProcessors\)/);
    await expect(scheduleWithModel(builtin, wide)).rejects.toThrow(/the cluster has 33 processors/);
  });

  it('reports the model version, backend, prediction deviation and timings', async () => {
    const run = await runScheduler(deepschedPlugin, problemOf(60, 4, 2), { candidates: 2 });
    expect(run.info).toMatchObject({
      modelVersion: builtin.metadata.version,
      backend: expect.stringMatching(/^(wasm|cpu|tensorflow)$/),
      deviation: { meanAbsStart: expect.any(Number), meanAbsFinish: expect.any(Number), relativeToMakespan: expect.any(Number) },
      inferenceMs: expect.any(Number),
      decodeMs: expect.any(Number),
    });
  });

  it('loads a stored model through context.artifacts, with clear errors when there is none', async () => {
    const bytes = serializeModel(builtin);
    const asked: string[] = [];
    const artifacts = {
      get: async (kind: string, id: string) => {
        asked.push(`${kind}/${id}`);
        return id === 'ds-stored' ? bytes : undefined;
      },
    };
    const problem = problemOf(20, 3, 3);
    const run = (model: string, withArtifacts = true) =>
      deepschedPlugin.schedule(problem, { model, order: 'predicted-start', candidates: 1 }, detachedContext(withArtifacts ? { artifacts } : {}));
    const stored = await run('ds-stored');
    const shipped = await run('builtin');
    expect(stored.schedule).toEqual(shipped.schedule);
    expect(asked).toEqual([`${DEEPSCHED_MODEL_ARTIFACT}/ds-stored`]);
    await expect(run('ds-missing')).rejects.toThrow(/no stored model "ds-missing" \(artifact kind "deepsched-model"\)/);
    await expect(run('ds-other', false)).rejects.toThrow(/option model "ds-other" names a stored model, but this host keeps no artifacts/);
  });

  it('reloads the shipped model when a caller disposed of it', async () => {
    const first = await loadBuiltinModel();
    first.dispose();
    await expect(scheduleWithModel(first, problemOf(5, 2, 9))).rejects.toThrow(/was disposed/);
    builtin = await loadBuiltinModel();
    expect(builtin).not.toBe(first);
    await expect(runScheduler(deepschedPlugin, problemOf(5, 2, 9))).resolves.toMatchObject({ scheduler: 'deepsched' });
  });

  it('reads the shipped file named by BUILTIN_MODEL_FILE, small enough to ship', async () => {
    const bytes = await readFile(new URL(`../../../../../${BUILTIN_MODEL_FILE}`, import.meta.url));
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(serializeModel(builtin)).toEqual(new Uint8Array(bytes));
  });
});

describe('scheduleWithModel', () => {
  it('gives schedules that pass the independent checker, for every order and candidate count (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }).chain((tasks) => randomProblemParams(tasks, 8)),
        fc.constantFrom('predicted-start' as const, 'upward-rank' as const),
        fc.integer({ min: 1, max: 4 }),
        async (params, order, candidates) => {
          const problem = buildRandomProblem(params);
          const { schedule } = await scheduleWithModel(builtin, problem, { order, candidates });
          const check = checkSchedule(problem.workflow, problem.cluster, toAssignments(problem, schedule));
          expect(check.violations).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 6 },
    );
  });

  it('with every processor a candidate and upward-rank order, decodes to exactly HEFT', async () => {
    const problem = problemOf(50, 4, 4);
    // Earliest finish over all processors in HEFT's order is HEFT's processor selection, whatever the network says.
    const all = await scheduleWithModel(builtin, problem, { order: 'upward-rank', candidates: 4 });
    expect(makespanOf(all.schedule)).toBe(makespanOf(heftOf(problem)));
    expect(Array.from(all.schedule.processorOf)).toEqual(Array.from(heftOf(problem).processorOf));
  });

  it('is deterministic and refuses a bad candidate count', async () => {
    const problem = problemOf(30, 5, 5);
    const a = await scheduleWithModel(builtin, problem);
    const b = await scheduleWithModel(builtin, problem);
    expect(a.schedule).toEqual(b.schedule);
    await expect(scheduleWithModel(builtin, problem, { candidates: 0 })).rejects.toThrow(/candidates must be an integer >= 1, got 0/);
  });
});
