/**
 * The geometry of a Gantt chart, apart from any drawing: bars sorted per processor row in typed arrays, a viewport
 * (time at the left edge and pixels per time unit) with zoom and pan, the bars a time window shows (binary
 * search), bars merged into pixel runs so that a frame draws at most one rectangle per pixel column and row, and
 * hit testing. All of it O(log n) per row and query, or O(visible bars) per frame: smooth with 10,000 tasks.
 */
export interface GanttAssignment {
  task: string;
  processor: string;
  start: number;
  finish: number;
}

export interface GanttModel {
  /** Row order: the cluster's processors, then any processor the schedule names that the list lacks. */
  processors: string[];
  /** Bar b is task `task[b]` on row `row[b]`; the bars of row r are `rowStart[r] .. rowStart[r + 1]`, by start. */
  task: string[];
  row: Int32Array;
  start: Float64Array;
  finish: Float64Array;
  rowStart: Int32Array;
  /** The bar of each task. */
  barOf: Map<string, number>;
  makespan: number;
}

/** Builds the model: O(n log n) for the sort by (row, start). */
export function buildGanttModel(assignments: readonly GanttAssignment[], processors: readonly string[]): GanttModel {
  const rows = [...processors];
  const rowIndex = new Map(rows.map((p, i) => [p, i]));
  for (const a of assignments) if (!rowIndex.has(a.processor)) rowIndex.set(a.processor, rows.push(a.processor) - 1);
  const order = assignments.map((_, i) => i);
  const rowOfInput = assignments.map((a) => rowIndex.get(a.processor)!);
  order.sort((i, j) => rowOfInput[i]! - rowOfInput[j]! || assignments[i]!.start - assignments[j]!.start || assignments[i]!.finish - assignments[j]!.finish);
  const n = assignments.length;
  const model: GanttModel = {
    processors: rows,
    task: new Array<string>(n),
    row: new Int32Array(n),
    start: new Float64Array(n),
    finish: new Float64Array(n),
    rowStart: new Int32Array(rows.length + 1),
    barOf: new Map(),
    makespan: 0,
  };
  order.forEach((i, b) => {
    const a = assignments[i]!;
    model.task[b] = a.task;
    model.row[b] = rowOfInput[i]!;
    model.start[b] = a.start;
    model.finish[b] = a.finish;
    model.barOf.set(a.task, b);
    model.rowStart[rowOfInput[i]! + 1]!++;
    if (a.finish > model.makespan) model.makespan = a.finish;
  });
  for (let r = 0; r < rows.length; r++) model.rowStart[r + 1]! += model.rowStart[r]!;
  return model;
}

/** What the chart shows: the time at its left edge, pixels per time unit, and the width of the time area. */
export interface Viewport {
  t0: number;
  scale: number;
  width: number;
}

/** Zooming in stops when the window shows this share of the makespan: a millionth is far below any bar. */
export const MIN_VISIBLE_SHARE = 1e-6;

export function timeToX(view: Viewport, t: number): number {
  return (t - view.t0) * view.scale;
}

export function xToTime(view: Viewport, x: number): number {
  return view.t0 + x / view.scale;
}

/** The whole schedule in `width` pixels. */
export function fitViewport(makespan: number, width: number): Viewport {
  const span = makespan > 0 ? makespan : 1;
  return { t0: 0, scale: width / span, width };
}

/** Keeps the window inside [0, span]: no zooming out past the whole schedule, no panning beyond either end. */
export function clampViewport(view: Viewport, makespan: number): Viewport {
  const span = makespan > 0 ? makespan : 1;
  const scale = Math.min(Math.max(view.scale, view.width / span), view.width / (span * MIN_VISIBLE_SHARE));
  const visible = view.width / scale;
  const t0 = Math.min(Math.max(view.t0, 0), Math.max(0, span - visible));
  return { t0, scale, width: view.width };
}

/** Zooms by `factor` (> 1 in) keeping the time under pixel `anchorX` where it is. */
export function zoomAt(view: Viewport, factor: number, anchorX: number, makespan: number): Viewport {
  const anchorTime = xToTime(view, anchorX);
  const scaled = clampViewport({ ...view, scale: view.scale * factor }, makespan);
  return clampViewport({ ...scaled, t0: anchorTime - anchorX / scaled.scale }, makespan);
}

/** Moves the content `dx` pixels to the right (the window to the left). */
export function panBy(view: Viewport, dx: number, makespan: number): Viewport {
  return clampViewport({ ...view, t0: view.t0 - dx / view.scale }, makespan);
}

/** First index in [lo, hi) whose value is > `value` (values sorted ascending). */
function upperBound(values: Float64Array, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index in [lo, hi) whose value is >= `value`. */
function lowerBound(values: Float64Array, value: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! >= value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The bars of row r that overlap the window (from, to): [first, end). A processor runs one task at a time, so a
 * row's bars sorted by start are sorted by finish too, and both ends are binary searches.
 */
export function visibleBars(model: GanttModel, r: number, from: number, to: number): [number, number] {
  const lo = model.rowStart[r]!;
  const hi = model.rowStart[r + 1]!;
  const first = upperBound(model.finish, from, lo, hi);
  const end = lowerBound(model.start, to, first, hi);
  return [first, end];
}

/** A rectangle to draw: one bar, or (count > 1) adjacent narrow bars that share pixels at this zoom. */
export interface BarRun {
  x: number;
  width: number;
  firstBar: number;
  count: number;
}

/** Narrow bars closer than this many pixels are drawn as one run. */
export const MERGE_GAP_PX = 0.5;
/** A bar is at least this wide on screen, so that a short task stays visible. */
export const MIN_BAR_PX = 1;
/** Bars narrower than this are "narrow": only they merge, so that a wide bar keeps its own outline and label. */
export const NARROW_BAR_PX = 3;

/**
 * The runs to draw for row r: visible bars in order, each at least MIN_BAR_PX wide. A narrow bar (< NARROW_BAR_PX)
 * joins the previous run when that run is made of narrow bars and they touch within MERGE_GAP_PX; a wide bar is
 * always a run of its own. Wide bars are at least NARROW_BAR_PX apart in x and merged runs absorb the narrow
 * ones, so a row yields O(width) runs whatever its number of bars: a frame costs O(visible bars) arithmetic but a
 * bounded number of draw calls.
 */
export function barRuns(model: GanttModel, r: number, view: Viewport): BarRun[] {
  const [first, end] = visibleBars(model, r, view.t0, xToTime(view, view.width));
  const runs: BarRun[] = [];
  let current: BarRun | undefined;
  let currentNarrow = false;
  for (let b = first; b < end; b++) {
    const x0 = timeToX(view, model.start[b]!);
    const x1 = Math.max(timeToX(view, model.finish[b]!), x0 + MIN_BAR_PX);
    const narrow = x1 - x0 < NARROW_BAR_PX;
    if (current && narrow && currentNarrow && x0 <= current.x + current.width + MERGE_GAP_PX) {
      current.width = Math.max(current.width, x1 - current.x);
      current.count++;
    } else {
      current = { x: x0, width: x1 - x0, firstBar: b, count: 1 };
      currentNarrow = narrow;
      runs.push(current);
    }
  }
  return runs;
}

/** Pixels of slack around a bar for the pointer, so that thin bars can be hovered. */
export const HIT_SLOP_PX = 2;

/** The bar of row r under pixel x, or -1. The nearest bar wins when the slop reaches two. O(log n). */
export function hitTest(model: GanttModel, view: Viewport, r: number, x: number): number {
  if (r < 0 || r >= model.processors.length) return -1;
  const t = xToTime(view, x);
  const slop = HIT_SLOP_PX / view.scale;
  const [first, end] = visibleBars(model, r, t - slop, t + slop);
  let best = -1;
  let bestDistance = Infinity;
  for (let b = first; b < end; b++) {
    const distance = t < model.start[b]! ? model.start[b]! - t : t > model.finish[b]! ? t - model.finish[b]! : 0;
    if (distance <= slop && distance < bestDistance) {
      best = b;
      bestDistance = distance;
    }
  }
  return best;
}

/** Idle intervals of row r within [0, makespan]: before the first bar, between bars, after the last. */
export function idleGaps(model: GanttModel, r: number): [number, number][] {
  const gaps: [number, number][] = [];
  let free = 0;
  for (let b = model.rowStart[r]!; b < model.rowStart[r + 1]!; b++) {
    if (model.start[b]! > free) gaps.push([free, model.start[b]!]);
    free = Math.max(free, model.finish[b]!);
  }
  if (model.makespan > free) gaps.push([free, model.makespan]);
  return gaps;
}

/** Tick marks for a time axis: a 1-2-5 step giving about `target` ticks in the window. */
export function timeTicks(view: Viewport, target = 8): number[] {
  const span = view.width / view.scale;
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t0 + span + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
