import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendPage, applyUpdate, emptyList, emptyLog, mergeEvent, type EventLog } from './cursor-merge.js';
import { buildSeries, convergencePoint, epochPoint, type ConvergencePoint } from './progress.js';

interface Row {
  id: string;
  status: string;
}

const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) => ({
  edges: ids.map((id) => ({ cursor: `c-${id}`, node: { id, status: 'QUEUED' } })),
  pageInfo: { endCursor, hasNextPage },
});

interface Event {
  sequence: number;
  cursor: string;
}
const event = (sequence: number): Event => ({ sequence, cursor: String(sequence) });

describe('appendPage and applyUpdate', () => {
  it('appends pages in order and keeps the last cursor on an empty page', () => {
    let list = appendPage(emptyList<Row>(), page(['a', 'b'], 'c-b', true));
    list = appendPage(list, page(['c'], 'c-c', true));
    list = appendPage(list, page([], null, false));
    expect(list.rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(list.endCursor).toBe('c-c');
    expect(list.hasNextPage).toBe(false);
  });

  it('shows a row that moved between pages once, at its first place, with its newest data', () => {
    let list = appendPage(emptyList<Row>(), page(['a', 'b'], 'c-b', true));
    list = appendPage(list, { edges: [{ cursor: 'x', node: { id: 'a', status: 'SUCCEEDED' } }, { cursor: 'y', node: { id: 'd', status: 'QUEUED' } }], pageInfo: { endCursor: 'y', hasNextPage: false } });
    expect(list.rows).toEqual([
      { id: 'a', status: 'SUCCEEDED' },
      { id: 'b', status: 'QUEUED' },
      { id: 'd', status: 'QUEUED' },
    ]);
  });

  it('updates a shown row in place and reports one that is not shown as arrived', () => {
    const list = appendPage(emptyList<Row>(), page(['a', 'b'], 'c-b', true));
    const updated = applyUpdate(list, { id: 'b', status: 'RUNNING' });
    expect(updated.arrived).toBe(false);
    expect(updated.list.rows.map((r) => r.status)).toEqual(['QUEUED', 'RUNNING']);
    const fresh = applyUpdate(list, { id: 'z', status: 'QUEUED' });
    expect(fresh).toEqual({ list, arrived: true });
  });
});

describe('mergeEvent', () => {
  it('adds the next sequence, drops repeats and refuses a gap', () => {
    let log: EventLog<Event> = emptyLog();
    for (const s of [1, 2, 3]) log = mergeEvent(log, event(s)).log;
    expect(mergeEvent(log, event(2)).outcome).toBe('duplicate');
    expect(mergeEvent(log, event(5))).toEqual({ log, outcome: 'gap' });
    expect(log.cursor).toBe('3');
    expect(mergeEvent(log, event(4)).log.events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('rebuilds exactly 1..n from any mix of replays, overlaps and resubscriptions after the cursor', () => {
    // A model of the client: deliveries are chunks of the stored stream 1..n, each starting anywhere at or before
    // the log's next sequence (a replay from an older cursor, or from scratch); a chunk that starts beyond it would
    // be a gap, after which the client resubscribes after its cursor (a chunk starting exactly at the next one).
    const scenario = fc.record({
      n: fc.integer({ min: 1, max: 60 }),
      chunks: fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 15 }), fc.boolean()), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(scenario, ({ n, chunks }) => {
        let log: EventLog<Event> = emptyLog();
        for (const [back, length, jumpAhead] of chunks) {
          const from = jumpAhead ? log.lastSequence + 1 + back : Math.max(1, log.lastSequence + 1 - back);
          for (let s = from; s < Math.min(n + 1, from + length); s++) {
            const merged = mergeEvent(log, event(s));
            log = merged.log;
            if (merged.outcome === 'gap') break;
          }
        }
        // Finally the client resubscribes after its cursor and reads to the end.
        for (let s = log.lastSequence + 1; s <= n; s++) log = mergeEvent(log, event(s)).log;
        expect(log.events.map((e) => e.sequence)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      }),
    );
  });
});

describe('convergence and epoch points', () => {
  it('reads the GA progress data as ga.ts reports it, deriving HEFT from the improvement', () => {
    // HEFT 80, best 72: improvement (80 - 72) / 80 = 0.1, so best / (1 - 0.1) = 80.
    const point = convergencePoint({ generation: 7, bestFitness: 72, meanFitness: 75.5, improvementOverHeft: 0.1, elapsedMs: 1234 });
    expect(point).toEqual({ generation: 7, best: 72, mean: 75.5, heft: 72 / 0.9, elapsedMs: 1234 });
    expect(point!.heft).toBeCloseTo(80, 9);
    expect(convergencePoint({ generation: 1, bestMakespan: 10, meanMakespan: 12, heftMakespan: 11, elapsed: 2 })).toEqual({ generation: 1, best: 10, mean: 12, heft: 11, elapsedMs: 2000 });
    expect(convergencePoint({ status: 'RUNNING' })).toBeNull();
    expect(convergencePoint(null)).toBeNull();
  });

  it('keeps each generation once, in order', () => {
    // Events that are not generation reports come as null and are skipped.
    const points: (ConvergencePoint | null)[] = [1, 2, null, 2, 1, 5].map((generation) => (generation === null ? null : { generation, best: 10 - generation, mean: null, heft: 11, elapsedMs: null }));
    const series = buildSeries(points);
    expect(series.generation).toEqual([1, 2, 5]);
    expect(series.best).toEqual([9, 8, 5]);
    expect(series.heft).toEqual([11, 11, 11]);
  });

  it('reads epoch events and nothing else', () => {
    expect(epochPoint({ phase: 'epoch', epoch: 3, trainLoss: 0.5, validationLoss: 0.6, elapsedMs: 10 })).toEqual({ epoch: 3, trainLoss: 0.5, validationLoss: 0.6 });
    expect(epochPoint({ phase: 'batch', epoch: 3, batch: 2, loss: 0.4 })).toBeNull();
  });
});
