import pg from 'pg';
import type { FakePackage } from '@hetsched/plugin-registry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';
import { CREATE_CLUSTER, paper, SUBMIT_DOCUMENT } from '../testing/fixtures.js';
import { TEST_PLUGIN_PACKAGES } from '../testing/test-schedulers.js';
import { MAX_COMPARED_SCHEDULERS } from './run.service.js';

/** Every task on the first processor in topological order: a plain-JavaScript plugin body shared by the fakes below. */
const SEQUENTIAL = `function sequential(problem) {
  const processorOf = new Int32Array(problem.taskCount);
  const start = new Float64Array(problem.taskCount);
  const finish = new Float64Array(problem.taskCount);
  let time = 0;
  for (const t of problem.topologicalOrder) { start[t] = time; time += problem.cost[t * problem.processorCount]; finish[t] = time; }
  return { processorOf, start, finish };
}`;

function fakeScheduler(name: string, extra: { capabilities?: string; optionsSchema?: string; training?: string; info?: string }): FakePackage {
  const source = `${SEQUENTIAL}
export default {
  metadata: { name: '${name}', version: '1.0.0', description: 'test scheduler', apiVersion: '^1.0.0',
    capabilities: { progress: false, cancellable: false, deterministic: true${extra.capabilities ?? ''} } },
  optionsSchema: ${extra.optionsSchema ?? "{ type: 'object', properties: {} }"},
  ${extra.training ? `training: ${extra.training},` : ''}
  async schedule(problem, options) { return { schedule: sequential(problem)${extra.info ? `, info: ${extra.info}` : ''} }; },
};`;
  return { name: `hetsched-compare-${name}`, hetsched: { scheduler: './index.js' }, files: { 'index.js': source } };
}

/** Takes at most 2 processors: the paper's cluster has 3, so `all` skips it. */
const TINY = fakeScheduler('tiny', { capabilities: ', maxProcessors: 2' });
/**
 * A learning scheduler whose model option defaults to a model nobody stored ("latest"): alone it would be refused at
 * submit; in `all` it must run with the model it ships.
 */
const LEARNER = fakeScheduler('learner', {
  optionsSchema: "{ type: 'object', properties: { model: { type: 'string', default: 'latest', description: 'model id' } } }",
  training: `{ parametersSchema: { type: 'object', properties: {} }, artifactKind: 'learner-model',
    artifactOption: { name: 'model', builtIn: ['shipped-v1'] }, async train() { return { artifact: null, info: {} }; } }`,
  info: '{ model: options.model }',
});

const testPlugin = (name: string) => TEST_PLUGIN_PACKAGES.find((p) => p.name === `hetsched-test-${name}`)!;
/** The enabled schedulers of this suite's server, in name order ("disabled" is switched off by the harness). */
const ENABLED = ['cpop', 'crashing', 'heft', 'learner', 'peft', 'slow', 'tiny'];
/** The sum of the paper's costs on p1 (fig. 2): 14 + 13 + 11 + 13 + 12 + 13 + 7 + 5 + 18 + 21 = 127 — "slow" and the fakes run everything there. */
const SEQUENTIAL_ON_P1 = 127;

interface Ranked {
  rank: number | null;
  scheduler: string;
  status: string;
  makespan: number | null;
  slr: number | null;
  speedup: number | null;
  efficiency: number | null;
  runTimeMs: number | null;
  error: string | null;
  run: { id: string; startedAt: string | null; finishedAt: string | null; options: Record<string, unknown>; info: Record<string, unknown> | null; comparisonId: string };
}
interface Comparison {
  id: string;
  all: boolean;
  finished: boolean;
  runs: { id: string; scheduler: string; status: string }[];
  ranking: Ranked[];
  best: { id: string } | null;
  skipped: { scheduler: string; reason: string }[];
}

const COMPARISON_FIELDS = `id all finished runs { id scheduler status } best { id } skipped { scheduler reason }
  ranking { rank scheduler status makespan slr speedup efficiency runTimeMs error run { id startedAt finishedAt options info comparisonId } }`;
const COMPARE = `mutation($w: ID!, $c: ID!, $s: [SchedulerSelection!], $all: Boolean) {
  compareSchedulers(workflowId: $w, clusterId: $c, schedulers: $s, all: $all) { ${COMPARISON_FIELDS} } }`;
const READ = `query($id: ID!) { comparison(id: $id) { ${COMPARISON_FIELDS} } }`;

let api: TestApi;
let workflowId: string;
let clusterId: string;

beforeAll(async () => {
  api = await startTestApi({
    plugins: {
      link: ['@hetsched/core', '@hetsched/scheduler-heft', '@hetsched/scheduler-cpop', '@hetsched/scheduler-peft'],
      packages: [testPlugin('crashing'), testPlugin('slow'), testPlugin('disabled'), TINY, LEARNER],
    },
  });
  workflowId = dataOf(await api.graphql<{ submitWorkflow: { workflow: { id: string } } }>(SUBMIT_DOCUMENT, { input: { document: paper.workflowText } })).submitWorkflow
    .workflow.id;
  clusterId = dataOf(await api.graphql<{ createCluster: { id: string } }>(CREATE_CLUSTER, { input: { document: paper.clusterText } })).createCluster.id;
});
afterAll(async () => {
  await api?.close();
});

async function countRuns(): Promise<number> {
  const client = new pg.Client({ connectionString: api.connectionString });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>('SELECT count(*) FROM runs')).rows[0]!.count);
  } finally {
    await client.end();
  }
}

const compare = (variables: Record<string, unknown>) => api.graphql<{ compareSchedulers: Comparison }>(COMPARE, { w: workflowId, c: clusterId, ...variables });

/** Waits for every run, then reads the comparison again. */
async function finished(comparison: Comparison): Promise<Comparison> {
  for (const run of comparison.runs) await api.waitForRun(run.id);
  return dataOf(await api.graphql<{ comparison: Comparison }>(READ, { id: comparison.id })).comparison;
}

/** The reference ranking, written independently of the service: succeeded runs by makespan then name, the rest in order. */
function expectedOrder(ranking: readonly Ranked[], asked: readonly { id: string }[]): string[] {
  const position = new Map(asked.map((r, i) => [r.id, i]));
  const succeeded = ranking.filter((r) => r.status === 'SUCCEEDED');
  const naive = [...succeeded].sort((a, b) => (a.makespan! !== b.makespan! ? a.makespan! - b.makespan! : (a.scheduler < b.scheduler ? -1 : 1)));
  const rest = ranking.filter((r) => r.status !== 'SUCCEEDED').sort((a, b) => position.get(a.run.id)! - position.get(b.run.id)!);
  return [...naive, ...rest].map((r) => r.run.id);
}

describe('compareSchedulers with all: true', () => {
  it('queues every enabled scheduler by name with its defaults (a learner with its shipped model), skips the ones the cluster is too big for, and ranks them once done', async () => {
    const queued = dataOf(await compare({ all: true, s: [{ scheduler: 'slow', options: { delayMs: 1 } }] })).compareSchedulers;
    expect(queued.all).toBe(true);
    expect(queued.finished).toBe(false);
    expect(queued.runs.map((r) => r.scheduler)).toEqual(ENABLED.filter((name) => name !== 'tiny'));
    expect(queued.runs.every((r) => r.status === 'QUEUED')).toBe(true);
    expect(queued.skipped).toEqual([{ scheduler: 'tiny', reason: 'scheduler "tiny" handles at most 2 processors, the cluster has 3' }]);
    expect(queued.best).toBeNull();
    expect(queued.ranking.every((r) => r.rank === null && r.makespan === null)).toBe(true);

    const done = await finished(queued);
    expect(done.finished).toBe(true);
    expect(done.skipped).toEqual(queued.skipped);
    expect(done.ranking.map((r) => r.run.id)).toEqual(expectedOrder(done.ranking, queued.runs));
    const by = (name: string) => done.ranking.find((r) => r.scheduler === name)!;
    expect(by('heft')).toMatchObject({ status: 'SUCCEEDED', makespan: 80 });
    expect(by('slow')).toMatchObject({ makespan: SEQUENTIAL_ON_P1, run: { options: { delayMs: 1 } } });
    expect(by('learner')).toMatchObject({ makespan: SEQUENTIAL_ON_P1, run: { options: { model: 'shipped-v1' }, info: { model: 'shipped-v1' } } });
    // learner and slow tie at 127: one rank, ordered by name.
    expect(by('learner').rank).toBe(by('slow').rank);
    expect(done.ranking.indexOf(by('learner'))).toBeLessThan(done.ranking.indexOf(by('slow')));
    expect(done.ranking.at(-1)).toMatchObject({ scheduler: 'crashing', status: 'FAILED', rank: null, makespan: null, error: 'TypeError: boom inside the scheduler' });
    expect(done.best?.id).toBe(done.ranking[0]!.run.id);
    for (const entry of done.ranking) {
      expect(entry.run.comparisonId).toBe(done.id);
      expect(entry.runTimeMs).toBe(Date.parse(entry.run.finishedAt!) - Date.parse(entry.run.startedAt!));
    }
  });

  it('ranks with competition ranks and the metrics of each run: 1 for the best, a tie shares its rank, the next rank counts the tied', async () => {
    const done = await finished(dataOf(await compare({ all: true })).compareSchedulers);
    const ranked = done.ranking.filter((r) => r.rank !== null);
    ranked.forEach((entry, i) => {
      // Competition ranking: one more than the number of runs with a strictly smaller makespan.
      expect(entry.rank).toBe(1 + ranked.filter((other) => other.makespan! < entry.makespan!).length);
      expect(entry.rank).toBeLessThanOrEqual(i + 1);
      // SLR >= 1 (no schedule beats the critical path at minimum costs); efficiency = speedup / 3 processors.
      expect(entry.slr).toBeGreaterThanOrEqual(1);
      expect(entry.efficiency).toBeCloseTo(entry.speedup! / 3, 12);
    });
  });
});

describe('compareSchedulers with a list', () => {
  it('keeps the order asked, can be read again by id, and refuses a scheduler the cluster is too big for', async () => {
    const queued = dataOf(await compare({ s: [{ scheduler: 'slow', options: { delayMs: 1 } }, { scheduler: 'heft' }, { scheduler: 'heft', options: {} }] })).compareSchedulers;
    expect(queued.all).toBe(false);
    expect(queued.skipped).toEqual([]);
    const done = await finished(queued);
    expect(done.runs.map((r) => r.id)).toEqual(queued.runs.map((r) => r.id));
    // The two heft runs tie at 80 (rank 1, in the order asked), then slow.
    expect(done.ranking.map((r) => [r.rank, r.scheduler, r.makespan])).toEqual([
      [1, 'heft', 80],
      [1, 'heft', 80],
      [3, 'slow', SEQUENTIAL_ON_P1],
    ]);
    expect(done.ranking.slice(0, 2).map((r) => r.run.id)).toEqual(queued.runs.slice(1).map((r) => r.id));

    const before = await countRuns();
    const tooBig = errorOf(await compare({ s: [{ scheduler: 'heft' }, { scheduler: 'tiny' }] }));
    expect(tooBig).toMatchObject({ code: 'BAD_USER_INPUT', message: 'schedulers[1].scheduler: scheduler "tiny" handles at most 2 processors, the cluster has 3' });
    expect(await countRuns()).toBe(before);
  });
});

describe('compareSchedulers refuses', () => {
  it('a request without schedulers, a bad override, too many schedulers — storing nothing', async () => {
    const before = await countRuns();
    expect(errorOf(await compare({})).message).toBe('schedulers: give at least one scheduler, or all: true for every enabled one');
    expect(errorOf(await compare({ all: true, s: [{ scheduler: 'nope' }] })).message).toMatch(/^schedulers\[0\]\.scheduler: unknown scheduler "nope"; available: /);
    expect(errorOf(await compare({ all: true, s: [{ scheduler: 'disabled' }] })).message).toBe('schedulers[0].scheduler: scheduler "disabled" is disabled');
    expect(errorOf(await compare({ all: true, s: [{ scheduler: 'heft' }, { scheduler: 'heft' }] })).message).toBe('schedulers[1].scheduler: "heft" is given twice');
    expect(errorOf(await compare({ all: true, s: [{ scheduler: 'slow', options: { delayMs: -1 } }] })).message).toBe(
      'schedulers[0].options: $.delayMs: must be between 0 and 60000, got -1',
    );
    const many = Array.from({ length: MAX_COMPARED_SCHEDULERS + 1 }, () => ({ scheduler: 'heft' }));
    expect(errorOf(await compare({ s: many })).message).toBe(`schedulers: at most ${MAX_COMPARED_SCHEDULERS} per request, got ${MAX_COMPARED_SCHEDULERS + 1}`);
    expect(await countRuns()).toBe(before);
  });

  it('an unknown comparison id (NOT_FOUND)', async () => {
    for (const id of ['00000000-0000-7000-8000-000000000000', 'not-an-id']) {
      expect(errorOf(await api.graphql(READ, { id }))).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
