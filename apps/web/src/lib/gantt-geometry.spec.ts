import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barRuns,
  buildGanttModel,
  clampViewport,
  fitViewport,
  hitTest,
  idleGaps,
  panBy,
  timeTicks,
  timeToX,
  visibleBars,
  zoomAt,
  type GanttAssignment,
  type Viewport,
} from './gantt-geometry.js';
import { PAPER_SCHEDULE } from '../testing/paper-example.js';

const paper = () => buildGanttModel(PAPER_SCHEDULE, ['p1', 'p2', 'p3']);

/** Random valid rows: per processor, back-to-back bars with random gaps and lengths (some zero). */
const randomSchedule = fc
  .array(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 })), { maxLength: 25 }), { minLength: 1, maxLength: 5 })
  .map((rows) => {
    const assignments: GanttAssignment[] = [];
    rows.forEach((bars, r) => {
      let t = 0;
      bars.forEach(([gap, length], i) => {
        t += gap;
        assignments.push({ task: `r${r}b${i}`, processor: `p${r}`, start: t, finish: t + length });
        t += length;
      });
    });
    return { assignments, processors: rows.map((_, r) => `p${r}`) };
  });

describe('buildGanttModel', () => {
  it('sorts bars by processor row, then start', () => {
    const model = paper();
    expect(model.processors).toEqual(['p1', 'p2', 'p3']);
    // p1: n2, n8; p2: n4, n6, n9, n10; p3: n1, n3, n5, n7.
    expect([...model.rowStart]).toEqual([0, 2, 6, 10]);
    expect(model.task).toEqual(['n2', 'n8', 'n4', 'n6', 'n9', 'n10', 'n1', 'n3', 'n5', 'n7']);
    expect(model.makespan).toBe(80);
    expect(model.barOf.get('n10')).toBe(5);
  });

  it('adds a row for a processor the cluster list lacks', () => {
    const model = buildGanttModel([{ task: 'a', processor: 'gpu', start: 0, finish: 1 }], ['cpu']);
    expect(model.processors).toEqual(['cpu', 'gpu']);
    expect([...model.rowStart]).toEqual([0, 0, 1]);
  });
});

describe('viewport', () => {
  it('fits, zooms about the pointer, pans and stops at both ends', () => {
    // 80 time units in 800 px: 10 px per unit.
    const fit = fitViewport(80, 800);
    expect(fit).toEqual({ t0: 0, scale: 10, width: 800 });
    expect(timeToX(fit, 40)).toBe(400);
    // Twice as close about x = 400 (t = 40): 20 px per unit, and t = 40 stays at 400 px: t0 = 40 - 400 / 20 = 20.
    const zoomed = zoomAt(fit, 2, 400, 80);
    expect(zoomed).toEqual({ t0: 20, scale: 20, width: 800 });
    // 100 px to the right moves the window 100 / 20 = 5 units left.
    expect(panBy(zoomed, 100, 80).t0).toBe(15);
    // The window shows 800 / 20 = 40 units: t0 stays within [0, 80 - 40].
    expect(panBy(zoomed, 10_000, 80).t0).toBe(0);
    expect(panBy(zoomed, -10_000, 80).t0).toBe(40);
    // Zooming out stops at the whole schedule.
    expect(zoomAt(fit, 0.25, 100, 80)).toEqual(fit);
  });

  it('keeps the time under the anchor fixed while the zoom is within its limits', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 0, max: 800, noNaN: true }), (factor, anchor) => {
        const view: Viewport = { t0: 20, scale: 20, width: 800 };
        const next = zoomAt(view, factor, anchor, 80);
        const clamped = clampViewport(next, 80);
        expect(clamped).toEqual(next);
        // Unless a limit moved the window (an end of the schedule, or the whole schedule in view), the anchor holds.
        const limited = next.t0 === 0 || Math.abs(next.t0 + 800 / next.scale - 80) < 1e-9;
        if (!limited) expect(view.t0 + anchor / view.scale).toBeCloseTo(next.t0 + anchor / next.scale, 9);
      }),
    );
  });
});

describe('visibleBars and barRuns', () => {
  it('finds the bars a window overlaps by binary search', () => {
    const model = paper();
    // p2 holds n4 [18, 26], n6 [26, 42], n9 [56, 68], n10 [73, 80] as bars 2..5.
    expect(visibleBars(model, 1, 30, 60)).toEqual([3, 5]);
    // Touching is not overlapping: n4 ends at 26 and n9 starts at 56.
    expect(visibleBars(model, 1, 26, 56)).toEqual([3, 4]);
    expect(visibleBars(model, 0, 0, 27)).toEqual([0, 0]);
  });

  it('merges narrow bars that share pixels, and keeps wide bars apart', () => {
    // One row at 1 px per unit in 40 px: [0,1] [1,2] [2,3] are 1 px wide (narrow) and touch: one run of 3;
    // [10,30] is 20 px wide: a run of its own; [30,31] is narrow but follows a wide bar: its own run too.
    const model = buildGanttModel(
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [10, 30],
        [30, 31],
      ].map(([start, finish], i) => ({ task: `t${i}`, processor: 'p', start: start!, finish: finish! })),
      ['p'],
    );
    const runs = barRuns(model, 0, { t0: 0, scale: 1, width: 40 });
    expect(runs).toEqual([
      { x: 0, width: 3, firstBar: 0, count: 3 },
      { x: 10, width: 20, firstBar: 3, count: 1 },
      { x: 30, width: 1, firstBar: 4, count: 1 },
    ]);
    // The paper's p2 at 10 px per unit: n4, n6, n9, n10 are all wide, each its own run although n4 and n6 touch.
    expect(barRuns(paper(), 1, fitViewport(80, 800)).map((r) => r.count)).toEqual([1, 1, 1, 1]);
  });

  it('covers every visible bar exactly once, in runs from left to right, O(width) of them', () => {
    fc.assert(
      fc.property(randomSchedule, fc.integer({ min: 10, max: 2000 }), ({ assignments, processors }, width) => {
        const model = buildGanttModel(assignments, processors);
        const view = fitViewport(model.makespan, width);
        for (let r = 0; r < processors.length; r++) {
          const runs = barRuns(model, r, view);
          const [first, end] = visibleBars(model, r, view.t0, view.t0 + width / view.scale);
          expect(runs.reduce((sum, run) => sum + run.count, 0)).toBe(end - first);
          for (let i = 1; i < runs.length; i++) expect(runs[i]!.x).toBeGreaterThanOrEqual(runs[i - 1]!.x);
          // Narrow runs are more than MERGE_GAP_PX apart and wide ones NARROW_BAR_PX wide: a loose bound of 2 per pixel.
          expect(runs.length).toBeLessThanOrEqual(2 * width + 2);
          for (const run of runs) {
            for (let b = run.firstBar; b < run.firstBar + run.count; b++) {
              expect(timeToX(view, model.start[b]!)).toBeGreaterThanOrEqual(run.x - 1e-9);
              expect(timeToX(view, model.finish[b]!)).toBeLessThanOrEqual(run.x + run.width + 1e-9);
            }
          }
        }
      }),
    );
  });
});

describe('hitTest', () => {
  it('finds the bar under the pointer, with a little slop', () => {
    const model = paper();
    const view = fitViewport(80, 800);
    // x = 300 is t = 30: inside n6 [26, 42], bar 3.
    expect(hitTest(model, view, 1, 300)).toBe(3);
    // x = 421 is t = 42.1, 0.1 units (1 px) after n6: within the 2 px slop.
    expect(hitTest(model, view, 1, 421)).toBe(3);
    // x = 479 is t = 47.9, in the idle gap [42, 56] far from both bars.
    expect(hitTest(model, view, 1, 479)).toBe(-1);
    expect(hitTest(model, view, 7, 300)).toBe(-1);
  });

  it('agrees with a linear scan', () => {
    fc.assert(
      fc.property(randomSchedule, fc.double({ min: -10, max: 1010, noNaN: true }), ({ assignments, processors }, x) => {
        const model = buildGanttModel(assignments, processors);
        const view = fitViewport(model.makespan, 1000);
        for (let r = 0; r < processors.length; r++) {
          const t = view.t0 + x / view.scale;
          const slop = 2 / view.scale;
          let best = -1;
          let bestDistance = Infinity;
          for (let b = model.rowStart[r]!; b < model.rowStart[r + 1]!; b++) {
            const d = Math.max(model.start[b]! - t, t - model.finish[b]!, 0);
            if (d <= slop && d < bestDistance) [best, bestDistance] = [b, d];
          }
          const found = hitTest(model, view, r, x);
          // Equal distances may pick either bar: compare distances, not indices.
          const distance = (b: number) => (b < 0 ? Infinity : Math.max(model.start[b]! - t, t - model.finish[b]!, 0));
          expect(distance(found)).toBe(distance(best));
        }
      }),
    );
  });
});

describe('idleGaps and timeTicks', () => {
  it('lists each processor idle time up to the makespan', () => {
    const model = paper();
    // p1 runs n2 [27, 40] and n8 [57, 62]; p2 n4 [18, 26], n6 [26, 42], n9 [56, 68], n10 [73, 80]; p3 is busy to 49.
    expect(idleGaps(model, 0)).toEqual([
      [0, 27],
      [40, 57],
      [62, 80],
    ]);
    expect(idleGaps(model, 1)).toEqual([
      [0, 18],
      [42, 56],
      [68, 73],
    ]);
    expect(idleGaps(model, 2)).toEqual([[49, 80]]);
  });

  it('puts ticks on a 1-2-5 step', () => {
    // 80 units, 8 ticks wanted: 10 per step, 0 to 80.
    expect(timeTicks(fitViewport(80, 800), 8)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    // 80 units, 3 wanted: 80 / 3 = 26.7, next 1-2-5 step is 50.
    expect(timeTicks(fitViewport(80, 800), 3)).toEqual([0, 50]);
  });
});
