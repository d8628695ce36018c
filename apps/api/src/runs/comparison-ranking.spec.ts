import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Run } from '../store/api-store.js';
import { rankRuns } from './comparison-ranking.js';

const STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

function run(id: number, scheduler: string, status: (typeof STATUSES)[number], makespan: number): Run<'SCHEDULE'> {
  const succeeded = status === 'SUCCEEDED';
  const ended = succeeded || status === 'FAILED' || status === 'CANCELLED';
  const started = status === 'QUEUED' ? null : new Date(1_000 + id);
  return {
    kind: 'SCHEDULE',
    id: `run-${id}`,
    workflowId: 'w',
    clusterId: 'c',
    scheduler,
    schedulerVersion: '1',
    options: {},
    status,
    createdAt: new Date(0),
    startedAt: status === 'CANCELLED' && id % 2 === 0 ? null : started,
    finishedAt: ended ? new Date(1_000 + id + 7 * id) : null,
    info: null,
    error: status === 'FAILED' ? 'boom' : null,
    lastEventSequence: 0,
    makespan: succeeded ? makespan : null,
    metrics: succeeded ? { makespan, slr: makespan / 10, speedup: 100 / makespan, efficiency: 25 / makespan, averageTurnaround: 1, utilisation: {} } : null,
    comparisonId: 'k',
  };
}

describe('rankRuns', () => {
  it('ranks the paper-style example by hand', () => {
    // heft 80, peft 80 + 1e-13 (the same schedule summed in another order), cpop 86, a queued and a failed run.
    const runs = [run(0, 'queued-one', 'QUEUED', 0), run(1, 'peft', 'SUCCEEDED', 80 + 1e-13), run(2, 'cpop', 'SUCCEEDED', 86), run(3, 'crashing', 'FAILED', 0), run(4, 'heft', 'SUCCEEDED', 80)];
    const ranked = rankRuns(runs);
    // heft and peft tie at 12 significant digits: rank 1 both, by name; cpop is third (two runs before it).
    expect(ranked.map((r) => [r.rank, r.scheduler, r.status])).toEqual([
      [1, 'heft', 'SUCCEEDED'],
      [1, 'peft', 'SUCCEEDED'],
      [3, 'cpop', 'SUCCEEDED'],
      [null, 'queued-one', 'QUEUED'],
      [null, 'crashing', 'FAILED'],
    ]);
    expect(ranked[0]).toMatchObject({ makespan: 80, slr: 8, speedup: 100 / 80, efficiency: 25 / 80, runTimeMs: 7 * 4, error: null });
    expect(ranked[4]).toMatchObject({ makespan: null, slr: null, runTimeMs: 7 * 3, error: 'boom' });
    expect(ranked[3]!.runTimeMs).toBeNull();
  });

  it('reads an infinite SLR (a zero critical path) as null', () => {
    const zero = run(0, 'heft', 'SUCCEEDED', 0);
    zero.metrics = { ...zero.metrics!, slr: Infinity };
    expect(rankRuns([zero])[0]).toMatchObject({ rank: 1, makespan: 0, slr: null });
  });

  it('orders any runs as a naive reference does', () => {
    const names = ['a', 'b', 'heft', 'hybrid-ga', 'peft'];
    const makespans = [1, 2, 2 + 1e-14, 3, 10];
    const arbitraryRun = fc.record({ name: fc.constantFrom(...names), status: fc.constantFrom(...STATUSES), makespan: fc.constantFrom(...makespans) });
    fc.assert(
      fc.property(fc.array(arbitraryRun, { maxLength: 12 }), (specs) => {
        const runs = specs.map((s, i) => run(i, s.name, s.status, s.makespan));
        const ranked = rankRuns(runs);
        // Reference: makespans closer than 1e-12 relative are equal; finished runs by (makespan, name, position).
        const same = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * Math.max(x, y);
        const done = runs.filter((r) => r.status === 'SUCCEEDED');
        const before = (x: Run<'SCHEDULE'>, y: Run<'SCHEDULE'>) =>
          !same(x.makespan!, y.makespan!) ? x.makespan! < y.makespan! : x.scheduler !== y.scheduler ? x.scheduler < y.scheduler : runs.indexOf(x) < runs.indexOf(y);
        const expectedDone = done.map((x) => ({ x, place: done.filter((y) => y !== x && before(y, x)).length })).sort((p, q) => p.place - q.place);
        const rest = runs.filter((r) => r.status !== 'SUCCEEDED');
        expect(ranked.map((r) => r.run)).toEqual([...expectedDone.map((p) => p.x), ...rest]);
        for (const entry of ranked) {
          const smaller = done.filter((y) => !same(y.makespan!, entry.run.makespan ?? 0) && y.makespan! < entry.run.makespan!).length;
          expect(entry.rank).toBe(entry.run.status === 'SUCCEEDED' ? smaller + 1 : null);
        }
      }),
    );
  });
});
