import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceEarliestStart } from '../../../test/support/random-problem.js';
import { ProcessorTimelines } from './processor-timelines.js';

/** A timeline with the given busy intervals on processor 0, each placed where earliestStart says. */
function timelineWith(intervals: [number, number][]): ProcessorTimelines {
  const timelines = new ProcessorTimelines(2);
  intervals.forEach(([start, finish], task) => {
    expect(timelines.earliestStart(0, start, finish - start)).toBe(start);
    timelines.insert(0, task, start, finish);
  });
  return timelines;
}

describe('ProcessorTimelines', () => {
  it('starts a task at its ready time on an idle processor', () => {
    const timelines = new ProcessorTimelines(3);
    expect(timelines.earliestStart(1, 7.5, 2)).toBe(7.5);
    expect(timelines.taskCountOn(1)).toBe(0);
    expect(timelines.lastFinish(1)).toBe(0);
  });

  it('appends after the last task, or at the ready time when later', () => {
    const timelines = timelineWith([[0, 4]]);
    expect(timelines.earliestStart(0, 0, 1)).toBe(4);
    expect(timelines.earliestStart(0, 4, 1)).toBe(4);
    expect(timelines.earliestStart(0, 10, 1)).toBe(10);
    expect(timelines.lastFinish(0)).toBe(4);
  });

  it('inserts into the first idle gap that is long enough', () => {
    // busy [0,2), [5,9), [10,20): gaps [2,5) (3 long), [9,10) (1 long), then [20, ∞)
    const timelines = timelineWith([
      [0, 2],
      [5, 9],
      [10, 20],
    ]);
    expect(timelines.earliestStart(0, 0, 3)).toBe(2); // exact fit
    expect(timelines.earliestStart(0, 0, 1)).toBe(2);
    expect(timelines.earliestStart(0, 0, 3.5)).toBe(20); // no gap long enough
    expect(timelines.earliestStart(0, 3, 2)).toBe(3); // inside the gap, from the ready time
    expect(timelines.earliestStart(0, 3, 3)).toBe(20); // from 3 the first gap is too short, the second too
    expect(timelines.earliestStart(0, 6, 1)).toBe(9); // ready while busy: the next gap
    expect(timelines.earliestStart(0, 9, 1)).toBe(9);
    expect(timelines.earliestStart(0, 9, 1.5)).toBe(20);
    expect(timelines.earliestStart(0, 25, 100)).toBe(25);
  });

  it('places zero-length tasks at a boundary or in a gap, never strictly inside a busy interval', () => {
    const timelines = timelineWith([
      [0, 2],
      [5, 9],
    ]);
    expect(timelines.earliestStart(0, 1, 0)).toBe(2);
    expect(timelines.earliestStart(0, 2, 0)).toBe(2);
    expect(timelines.earliestStart(0, 3, 0)).toBe(3);
    expect(timelines.earliestStart(0, 5, 0)).toBe(5);
    expect(timelines.earliestStart(0, 7, 0)).toBe(9);
  });

  it('does not run a task across a zero-length task already placed', () => {
    const timelines = timelineWith([
      [0, 2],
      [4, 4],
      [8, 9],
    ]);
    expect(timelines.earliestStart(0, 2, 2)).toBe(2); // [2,4) touches the point 4
    expect(timelines.earliestStart(0, 2, 3)).toBe(4); // [2,5) would contain it: start at 4, [4,7) fits before 8
    expect(timelines.earliestStart(0, 0, 4.5)).toBe(9);
    expect(timelines.earliestStart(0, 4, 0)).toBe(4); // two points may coincide
  });

  it('keeps every processor apart', () => {
    const timelines = new ProcessorTimelines(2);
    timelines.insert(0, 0, 0, 10);
    expect(timelines.earliestStart(1, 0, 5)).toBe(0);
    expect(timelines.taskCountOn(1)).toBe(0);
  });

  it('grows beyond its initial capacity and keeps tasks in start order when inserted out of order', () => {
    const timelines = new ProcessorTimelines(1, 1); // capacity 4
    // 40 unit tasks on [2k, 2k+1), inserted in a scrambled order
    const order = Array.from({ length: 40 }, (_, k) => (k * 17) % 40);
    for (const k of order) {
      expect(timelines.earliestStart(0, 2 * k, 1)).toBe(2 * k);
      timelines.insert(0, 1000 + k, 2 * k, 2 * k + 1);
    }
    expect(timelines.taskCountOn(0)).toBe(40);
    expect(Array.from(timelines.tasksOn(0))).toEqual(Array.from({ length: 40 }, (_, k) => 1000 + k));
    expect(timelines.lastFinish(0)).toBe(79);
    // the gaps are still found after growth
    expect(timelines.earliestStart(0, 0, 1)).toBe(1);
    expect(timelines.earliestStart(0, 0, 1.5)).toBe(79);
  });

  it('finds an exact fit in a later block of gaps (gaps are searched in blocks of 32)', () => {
    // 100 unit tasks leaving gaps of length 1, except the gap before task 64, of length 2 (and one of length 3
    // before task 80): the first gap of a block is the only one long enough
    const timelines = new ProcessorTimelines(1, 4);
    const gapBefore: number[] = []; // where the idle gap before task k starts
    let t = 0;
    for (let k = 0; k < 100; k++) {
      gapBefore.push(t);
      t += k === 64 ? 2 : k === 80 ? 3 : 1;
      timelines.insert(0, k, t, t + 1);
      t += 1;
    }
    expect(gapBefore[64]).toBe(128);
    expect(timelines.earliestStart(0, 0, 2)).toBe(gapBefore[64]);
    expect(timelines.earliestStart(0, 0, 1.5)).toBe(gapBefore[64]);
    expect(timelines.earliestStart(0, 0, 3)).toBe(gapBefore[80]);
    expect(timelines.earliestStart(0, 130, 2)).toBe(gapBefore[80]);
    expect(timelines.earliestStart(0, 0, 3.5)).toBe(timelines.lastFinish(0));
    expect(timelines.earliestStart(0, 0, 1)).toBe(0);
  });

  it('does not skip a block whose gap fits by start + d <= end but not by end - start >= d (a floating-point tie)', () => {
    // 32 unit tasks each after a gap of 0.5 (gaps 0..31: the first block of 32, all too short for 0.7), then a gap
    // [330.1, 330.8) that opens the second block. In doubles 330.1 + 0.7 <= 330.8 holds while 330.8 - 330.1 < 0.7:
    // the checker's test says the task fits, the block's longest gap (a subtraction) says it is too short.
    expect(330.1 + 0.7 <= 330.8).toBe(true);
    expect(330.8 - 330.1 < 0.7).toBe(true);
    const timelines = new ProcessorTimelines(1, 4);
    for (let k = 0; k < 32; k++) timelines.insert(0, k, 1.5 * k + 0.5, 1.5 * k + 1.5);
    timelines.insert(0, 32, 48, 330.1); // starts where task 31 ends: no gap
    timelines.insert(0, 33, 330.8, 400);
    // Scanning from 0 must find the same slot as scanning from just before it (which needs no block skip).
    expect(timelines.earliestStart(0, 330.05, 0.7)).toBe(330.1);
    expect(timelines.earliestStart(0, 0, 0.7)).toBe(330.1);
  });

  it('puts a zero-length task before a task starting at the same time, and after one ending there', () => {
    const timelines = timelineWith([[3, 6]]);
    timelines.insert(0, 7, 3, 3);
    timelines.insert(0, 8, 6, 6);
    expect(Array.from(timelines.tasksOn(0))).toEqual([7, 0, 8]);
  });

  it('clear() forgets every interval', () => {
    const timelines = timelineWith([
      [0, 5],
      [6, 8],
    ]);
    timelines.clear();
    expect(timelines.taskCountOn(0)).toBe(0);
    expect(timelines.earliestStart(0, 0, 5)).toBe(0);
    expect(Array.from(timelines.tasksOn(0))).toEqual([]);
  });
});

describe('ProcessorTimelines (property): agrees with a brute-force scan of every gap', () => {
  const time = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: max * 8 }).map((x) => x / 8));
  const operation = (m: number) =>
    fc.record({
      processor: fc.integer({ min: 0, max: m - 1 }),
      ready: time(30),
      duration: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: time(6) }),
    });
  const scenario = fc.integer({ min: 1, max: 3 }).chain((m) => fc.record({ m: fc.constant(m), ops: fc.array(operation(m), { maxLength: 60 }) }));

  it('earliestStart is the brute-force earliest start, and the timeline stays sorted and free of overlaps', () => {
    fc.assert(
      fc.property(scenario, ({ m, ops }) => {
        const timelines = new ProcessorTimelines(m, 1);
        const placed: { start: number; finish: number; task: number }[][] = Array.from({ length: m }, () => []);
        ops.forEach(({ processor, ready, duration }, task) => {
          const start = timelines.earliestStart(processor, ready, duration);
          expect(start).toBe(bruteForceEarliestStart(placed[processor]!, ready, duration));
          timelines.insert(processor, task, start, start + duration);
          placed[processor]!.push({ start, finish: start + duration, task });
        });
        for (let p = 0; p < m; p++) {
          // stable sort by (start, finish): tasks with equal times keep the order they were inserted in
          const expected = [...placed[p]!].sort((a, b) => a.start - b.start || a.finish - b.finish).map((x) => x.task);
          expect(Array.from(timelines.tasksOn(p))).toEqual(expected);
          expect(timelines.taskCountOn(p)).toBe(placed[p]!.length);
          expect(timelines.lastFinish(p)).toBe(Math.max(0, ...placed[p]!.map((x) => x.finish)));
          for (const a of placed[p]!) for (const b of placed[p]!) if (a !== b) expect(a.start < b.finish && b.start < a.finish && a.finish > a.start && b.finish > b.start).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('still agrees with hundreds of gaps per processor (several blocks of gaps to skip)', () => {
    const crowded = fc.record({
      m: fc.integer({ min: 1, max: 2 }),
      ops: fc.array(
        fc.record({
          processor: fc.integer({ min: 0, max: 1 }),
          ready: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 12000 }).map((x) => x / 4)),
          // small integers: a duration often equals the longest gap of a block exactly
          duration: fc.oneof(
            { weight: 1, arbitrary: fc.constant(0) },
            { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
            { weight: 3, arbitrary: fc.integer({ min: 4, max: 12 }) },
            { weight: 1, arbitrary: fc.integer({ min: 13, max: 60 }) },
          ),
        }),
        { minLength: 100, maxLength: 400 },
      ),
    });
    fc.assert(
      fc.property(crowded, ({ m, ops }) => {
        const timelines = new ProcessorTimelines(m, 4);
        const placed: { start: number; finish: number }[][] = Array.from({ length: m }, () => []);
        ops.forEach(({ processor: raw, ready, duration }, task) => {
          const processor = raw % m;
          const start = timelines.earliestStart(processor, ready, duration);
          expect(start).toBe(bruteForceEarliestStart(placed[processor]!, ready, duration));
          timelines.insert(processor, task, start, start + duration);
          placed[processor]!.push({ start, finish: start + duration });
        });
      }),
      { numRuns: 40 },
    );
  });
});
