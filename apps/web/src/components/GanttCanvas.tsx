import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { barRuns, clampViewport, fitViewport, hitTest, panBy, timeTicks, timeToX, zoomAt, MIN_BAR_PX, type GanttModel, type Viewport } from '../lib/gantt-geometry.js';
import type { ScheduleAnalysis } from '../lib/schedule-analysis.js';
import { formatNumber } from '../lib/format.js';
import { createStore, type Store } from './view-store.js';

/** The time window a chart shows; charts that share a store share their time axis. */
export interface TimeWindow {
  t0: number;
  t1: number;
}

export function createWindowStore(span: number): Store<TimeWindow> {
  return createStore({ t0: 0, t1: span > 0 ? span : 1 });
}

const LABEL_WIDTH = 72;
const RIGHT_PAD = 12;
const AXIS_HEIGHT = 22;
const DEFAULT_ROW_HEIGHT = 26;
const BAR_PAD = 3;
/** Wheel delta to zoom factor: 100 units of wheel (one notch) zoom by e^0.2 ≈ 1.22. */
const WHEEL_ZOOM = 0.002;
const LABEL_MIN_PX = 28;
const COLORS = { bar: '#4e79a7', merged: '#3b5f85', critical: '#e15759', grid: '#e3e6ea', text: '#222', muted: '#667', hover: '#111', idle: '#c9ced6' };

export interface GanttCanvasProps {
  model: GanttModel;
  analysis?: ScheduleAnalysis | undefined;
  /** A shared window (comparisons); by default each chart has its own. */
  window?: Store<TimeWindow>;
  /** The time span the axis may show (default the model's makespan; the longest makespan when comparing). */
  span?: number;
  rowHeight?: number;
  /** After the first frame is on screen (benchmarks measure it). */
  onReady?: () => void;
  testId?: string;
}

interface Hover {
  bar: number;
  x: number;
  y: number;
}

/**
 * The schedule on a canvas: processors as rows, bars from start to finish, idle time hatched, the critical path
 * in red; wheel to zoom about the pointer, drag (or shift+wheel) to pan, hover for a task's times and the data
 * it received. Frames are drawn on requestAnimationFrame from the window store, outside React: a frame costs
 * the visible bars (binary search per row) and at most a rectangle per pixel column per row.
 */
export function GanttCanvas({ model, analysis, window: shared, span, rowHeight = DEFAULT_ROW_HEIGHT, onReady, testId = 'gantt' }: GanttCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const axisSpan = span ?? model.makespan;
  const own = useMemo(() => createWindowStore(axisSpan), [axisSpan]);
  const store = shared ?? own;
  const height = AXIS_HEIGHT + model.processors.length * rowHeight + 4;
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(
    () => startChart(canvasRef.current!, { model, analysis, store, span: axisSpan, rowHeight, height, onHover: setHover, onFirstFrame: () => ready.current?.() }),
    [model, analysis, store, axisSpan, rowHeight, height],
  );

  return (
    <div className="gantt">
      <GanttTools store={store} span={axisSpan} canvas={canvasRef} legend={!!analysis} />
      <div className="gantt-frame">
        <canvas
          ref={canvasRef}
          style={{ height: `${height}px` }}
          tabIndex={0}
          data-testid={testId}
          data-rows={model.processors.length}
          data-bars={model.task.length}
          data-makespan={model.makespan}
          aria-label={`Gantt chart: ${model.task.length} tasks on ${model.processors.length} processors, makespan ${formatNumber(model.makespan)}`}
        />
        {hover ? <Tooltip model={model} analysis={analysis} hover={hover} /> : null}
      </div>
    </div>
  );
}

interface ChartSetup {
  model: GanttModel;
  analysis: ScheduleAnalysis | undefined;
  store: Store<TimeWindow>;
  span: number;
  rowHeight: number;
  height: number;
  onHover(hover: Hover | null): void;
  onFirstFrame(): void;
}

/**
 * Draws the chart into `canvas` now and on every change of the window, size or hovered bar (one frame per
 * animation frame at most), with its input handlers; returns the function that stops all of it.
 */
function startChart(canvas: HTMLCanvasElement, setup: ChartSetup): () => void {
  const { model, analysis, store, span, rowHeight, height } = setup;
  // Opaque: the compositor need not blend the canvas with what is under it.
  const context = canvas.getContext('2d', { alpha: false })!;
  const hatch = idlePattern(context);
  let frame = 0;
  let width = canvas.clientWidth;
  let first = true;
  let hovered = -1;
  const viewport = (): Viewport => windowToViewport(store.get(), Math.max(1, width - LABEL_WIDTH - RIGHT_PAD), span);
  const draw = () => {
    frame = 0;
    const ratio = devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawChart(context, { model, analysis, view: viewport(), width, height, rowHeight, hatch, hovered });
    if (first) {
      first = false;
      performance.mark('gantt-first-frame');
      setup.onFirstFrame();
    }
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  const resize = new ResizeObserver(() => {
    width = canvas.clientWidth;
    schedule();
  });
  resize.observe(canvas);
  const unsubscribe = store.subscribe(schedule);
  const onHover = (hover: Hover | null) => {
    hovered = hover?.bar ?? -1;
    setup.onHover(hover);
    schedule();
  };
  const detach = attachInteraction(canvas, { store, viewport, span, model, rowHeight, onHover });
  draw();
  return () => {
    cancelAnimationFrame(frame);
    resize.disconnect();
    unsubscribe();
    detach();
  };
}

/** Zoom buttons, fit, and the legend. */
function GanttTools({ store, span, canvas, legend }: { store: Store<TimeWindow>; span: number; canvas: RefObject<HTMLCanvasElement | null>; legend: boolean }) {
  const zoom = (factor: number) => {
    const width = canvas.current?.clientWidth ?? 800;
    const view = windowToViewport(store.get(), Math.max(1, width - LABEL_WIDTH - RIGHT_PAD), span);
    store.set(viewportToWindow(zoomAt(view, factor, view.width / 2, span)));
  };
  return (
    <div className="gantt-tools">
      <button type="button" className="secondary small" onClick={() => zoom(1.5)} aria-label="Zoom in">
        +
      </button>
      <button type="button" className="secondary small" onClick={() => zoom(1 / 1.5)} aria-label="Zoom out">
        −
      </button>
      <button type="button" className="secondary small" onClick={() => store.set({ t0: 0, t1: span > 0 ? span : 1 })}>
        Fit
      </button>
      <span className="muted small">wheel: zoom · drag: pan · hover: details{legend ? ' · red: critical path · hatched: idle' : ''}</span>
    </div>
  );
}

function windowToViewport(window: TimeWindow, width: number, span: number): Viewport {
  const length = window.t1 - window.t0;
  return clampViewport({ t0: window.t0, scale: length > 0 ? width / length : fitViewport(span, width).scale, width }, span);
}

function viewportToWindow(view: Viewport): TimeWindow {
  return { t0: view.t0, t1: view.t0 + view.width / view.scale };
}

interface DrawInput {
  model: GanttModel;
  analysis: ScheduleAnalysis | undefined;
  view: Viewport;
  width: number;
  height: number;
  rowHeight: number;
  hatch: CanvasPattern | null;
  hovered: number;
}

/**
 * One frame. Rectangles are gathered into one path per fill (idle hatch, bars, merged runs, critical path) and each
 * path is filled once: a canvas fill per bar, with a fillStyle change per bar, costs far more than the geometry.
 */
function drawChart(context: CanvasRenderingContext2D, input: DrawInput): void {
  const { model, view, width, height, rowHeight } = input;
  const started = performance.now();
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'middle';
  drawAxis(context, view, height);
  context.save();
  context.beginPath();
  context.rect(LABEL_WIDTH, 0, view.width, height);
  context.clip();
  const paths = { idle: new Path2D(), bars: new Path2D(), merged: new Path2D(), critical: new Path2D() };
  const labels: Label[] = [];
  for (let r = 0; r < model.processors.length; r++) gatherRow(paths, input, r, labels);
  if (input.analysis) gatherCritical(paths.critical, input);
  context.fillStyle = input.hatch ?? COLORS.idle;
  context.fill(paths.idle);
  context.fillStyle = COLORS.bar;
  context.fill(paths.bars);
  context.fillStyle = COLORS.merged;
  context.fill(paths.merged);
  context.fillStyle = COLORS.critical;
  context.fill(paths.critical);
  context.fillStyle = '#fff';
  for (const label of labels) context.fillText(label.text, label.x, label.y);
  if (input.hovered >= 0) {
    const b = input.hovered;
    const y = AXIS_HEIGHT + model.row[b]! * rowHeight + BAR_PAD;
    const x = LABEL_WIDTH + timeToX(view, model.start[b]!);
    context.strokeStyle = COLORS.hover;
    context.lineWidth = 2;
    context.strokeRect(x, y, Math.max(timeToX(view, model.finish[b]!) - timeToX(view, model.start[b]!), MIN_BAR_PX), rowHeight - 2 * BAR_PAD);
  }
  context.restore();
  context.fillStyle = COLORS.text;
  for (let r = 0; r < model.processors.length; r++) {
    context.fillText(truncate(model.processors[r]!, 10), 6, AXIS_HEIGHT + r * rowHeight + rowHeight / 2);
  }
  recordFrame(performance.now() - started);
}

/** Draw times of the last frames, kept only when a benchmark asks for them (window.__ganttDrawMs = []). */
function recordFrame(ms: number): void {
  const sink = (window as { __ganttDrawMs?: number[] }).__ganttDrawMs;
  if (sink && sink.length < 100_000) sink.push(ms);
}

function drawAxis(context: CanvasRenderingContext2D, view: Viewport, height: number): void {
  context.fillStyle = COLORS.muted;
  context.strokeStyle = COLORS.grid;
  context.lineWidth = 1;
  context.beginPath();
  const ticks = timeTicks(view, Math.max(2, Math.floor(view.width / 90)));
  for (const tick of ticks) {
    const x = Math.round(LABEL_WIDTH + timeToX(view, tick)) + 0.5;
    context.moveTo(x, AXIS_HEIGHT - 4);
    context.lineTo(x, height);
    context.fillText(formatNumber(tick), x + 3, AXIS_HEIGHT / 2);
  }
  context.stroke();
}

interface Label {
  text: string;
  x: number;
  y: number;
}

/** A bar this wide or wider loses its last pixel column, so that bars that touch stay apart. */
const SEPARATED_PX = 4;

interface Paths {
  idle: Path2D;
  bars: Path2D;
  merged: Path2D;
  critical: Path2D;
}

/**
 * A rectangle's x and width on whole pixels (at least one): fractional edges are anti-aliased, and blending
 * thousands of edges per frame is what software rasterization spends its time on.
 */
function snap(x: number, width: number): [number, number] {
  const left = Math.round(x);
  return [left, Math.max(1, Math.round(x + width) - left)];
}

function gatherRow(paths: Paths, input: DrawInput, r: number, labels: Label[]): void {
  const { model, view, rowHeight } = input;
  const top = AXIS_HEIGHT + r * rowHeight + BAR_PAD;
  const height = rowHeight - 2 * BAR_PAD;
  // Idle time: the whole row up to the makespan is hatched, and the bars cover the busy part.
  const x0 = Math.max(LABEL_WIDTH + timeToX(view, 0), LABEL_WIDTH);
  const x1 = Math.min(LABEL_WIDTH + timeToX(view, model.makespan), LABEL_WIDTH + view.width);
  if (x1 > x0) paths.idle.rect(x0, top, x1 - x0, height);
  for (const run of barRuns(model, r, view)) {
    const x = LABEL_WIDTH + run.x;
    const [left, w] = snap(x, run.width >= SEPARATED_PX ? run.width - 1 : run.width);
    (run.count > 1 ? paths.merged : paths.bars).rect(left, top, w, height);
    if (run.count === 1 && run.width >= LABEL_MIN_PX) {
      labels.push({ text: truncate(model.task[run.firstBar]!, Math.floor((run.width - 6) / 6)), x: x + 3, y: top + height / 2 });
    }
  }
}

function gatherCritical(path: Path2D, input: DrawInput): void {
  const { model, view, rowHeight } = input;
  for (const b of input.analysis!.criticalPath) {
    const x = timeToX(view, model.start[b]!);
    const w = Math.max(timeToX(view, model.finish[b]!) - x, MIN_BAR_PX);
    if (x + w < 0 || x > view.width) continue;
    const [left, width] = snap(LABEL_WIDTH + x, w >= SEPARATED_PX ? w - 1 : w);
    path.rect(left, AXIS_HEIGHT + model.row[b]! * rowHeight + BAR_PAD, width, rowHeight - 2 * BAR_PAD);
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function idlePattern(context: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 6;
  tile.height = 6;
  const c = tile.getContext('2d');
  if (!c) return null;
  c.fillStyle = '#f3f4f6';
  c.fillRect(0, 0, 6, 6);
  c.strokeStyle = COLORS.idle;
  c.beginPath();
  c.moveTo(0, 6);
  c.lineTo(6, 0);
  c.stroke();
  return context.createPattern(tile, 'repeat');
}

interface Interaction {
  store: Store<TimeWindow>;
  viewport(): Viewport;
  span: number;
  model: GanttModel;
  rowHeight: number;
  onHover(hover: Hover | null): void;
}

/** Adds listeners to a canvas; returns the function that removes them. Wheel listeners must not be passive. */
function listen(canvas: HTMLCanvasElement, handlers: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void }): () => void {
  const entries = Object.entries(handlers) as [string, EventListener][];
  for (const [type, handler] of entries) canvas.addEventListener(type, handler, type === 'wheel' ? { passive: false } : undefined);
  return () => {
    for (const [type, handler] of entries) canvas.removeEventListener(type, handler);
  };
}

/** Pixel position of a mouse event in the time area (x from the left of the bars, y from the canvas top). */
function localPoint(canvas: HTMLCanvasElement, event: MouseEvent): { x: number; y: number } {
  const rect = canvas.getBoundingClientRect();
  return { x: event.clientX - rect.left - LABEL_WIDTH, y: event.clientY - rect.top };
}

/** Wheel zoom about the pointer, drag and keyboard pan, and hover, on the canvas's own listeners. */
function attachInteraction(canvas: HTMLCanvasElement, i: Interaction): () => void {
  let drag: { x: number; id: number } | null = null;
  let lastHover = -1;
  const set = (view: Viewport) => i.store.set(viewportToWindow(view));
  const hover = (event: PointerEvent) => {
    const { x, y } = localPoint(canvas, event);
    const bar = x >= 0 && y >= AXIS_HEIGHT ? hitTest(i.model, i.viewport(), Math.floor((y - AXIS_HEIGHT) / i.rowHeight), x) : -1;
    if (bar === lastHover) return;
    lastHover = bar;
    i.onHover(bar >= 0 ? { bar, x: x + LABEL_WIDTH, y } : null);
  };
  return listen(canvas, {
    wheel: (event) => {
      event.preventDefault();
      const view = i.viewport();
      const horizontal = event.shiftKey ? event.deltaY : event.deltaX;
      const panning = Math.abs(horizontal) > Math.abs(event.deltaY) || event.shiftKey;
      set(panning ? panBy(view, -horizontal, i.span) : zoomAt(view, Math.exp(-event.deltaY * WHEEL_ZOOM), localPoint(canvas, event).x, i.span));
    },
    pointerdown: (event) => {
      drag = { x: event.clientX, id: event.pointerId };
      try {
        canvas.setPointerCapture(event.pointerId);
      } catch {
        // A pointer that is no longer active (or a synthetic one) cannot be captured; the drag works without it.
      }
    },
    pointermove: (event) => {
      if (!drag) return hover(event);
      const dx = event.clientX - drag.x;
      drag.x = event.clientX;
      if (dx !== 0) set(panBy(i.viewport(), dx, i.span));
    },
    pointerup: (event) => {
      if (drag?.id === event.pointerId) drag = null;
    },
    pointercancel: () => {
      drag = null;
    },
    pointerleave: () => {
      lastHover = -1;
      i.onHover(null);
    },
    keydown: (event) => {
      const step = keyStep(event.key, i.viewport(), i.span);
      if (!step) return;
      event.preventDefault();
      set(step);
    },
  });
}

/** Arrow keys pan by a tenth of the window, + and - zoom about its middle. */
function keyStep(key: string, view: Viewport, span: number): Viewport | undefined {
  if (key === 'ArrowLeft') return panBy(view, view.width / 10, span);
  if (key === 'ArrowRight') return panBy(view, -view.width / 10, span);
  if (key === '+' || key === '=') return zoomAt(view, 1.5, view.width / 2, span);
  if (key === '-') return zoomAt(view, 1 / 1.5, view.width / 2, span);
  return undefined;
}

/** A task's times and the data it received (sum and latest arrival, from other processors), beside the pointer. */
function Tooltip({ model, analysis, hover }: { model: GanttModel; analysis: ScheduleAnalysis | undefined; hover: Hover }) {
  const b = hover.bar;
  const incoming = analysis?.incoming[b] ?? [];
  const remote = incoming.filter((a) => model.row[a.fromBar] !== model.row[b]);
  const received = remote.reduce((sum, a) => sum + a.data, 0);
  return (
    <div className="tooltip" style={{ left: `${hover.x + 14}px`, top: `${hover.y + 10}px` }} data-testid="gantt-tooltip">
      <strong>{model.task[b]}</strong> on {model.processors[model.row[b]!]}
      {analysis?.onCriticalPath[b] ? <span className="critical-tag">critical path</span> : null}
      <div>
        start {formatNumber(model.start[b])} · finish {formatNumber(model.finish[b])} · {formatNumber(model.finish[b]! - model.start[b]!)} long
      </div>
      {analysis ? (
        <div>
          data received: {formatNumber(received)} from {remote.length} of {incoming.length} parents
          {incoming.length > 0 ? ` · ready at ${formatNumber(analysis.dataReady[b])}` : ''}
        </div>
      ) : null}
    </div>
  );
}
