import { useEffect, useMemo, useRef, useState } from 'react';
import type { DagLayout } from '../lib/dag-layout.js';

const NODE_GAP = 46;
const LEVEL_GAP = 70;
const NODE_RADIUS = 9;
/** Node labels appear when a node is drawn at least this many pixels wide. */
const LABEL_SCALE = 0.8;
const WHEEL_ZOOM = 0.002;
const HEIGHT = 460;

interface View {
  x0: number;
  y0: number;
  scale: number;
}

export interface DagCanvasProps {
  layout: DagLayout;
  taskIds: string[];
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  /** One line of details for a hovered task. */
  describe?: (task: number) => string;
}

/** Node coordinates of a layered layout: levels top to bottom, each level centred. */
export function nodePositions(layout: DagLayout): { x: Float64Array; y: Float64Array; width: number; height: number } {
  const n = layout.level.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let widest = 1;
  for (const tasks of layout.levels) widest = Math.max(widest, tasks.length);
  for (let t = 0; t < n; t++) {
    const width = layout.levels[layout.level[t]!]!.length;
    x[t] = (layout.position[t]! - (width - 1) / 2) * NODE_GAP;
    y[t] = layout.level[t]! * LEVEL_GAP;
  }
  return { x, y, width: widest * NODE_GAP, height: Math.max(1, layout.levels.length) * LEVEL_GAP };
}

/**
 * The workflow DAG drawn on a canvas from a layered layout: edges as straight lines, tasks as dots with their ids
 * once zoomed in; wheel zooms about the pointer, drag pans, hover names a task and highlights its edges.
 */
export function DagCanvas({ layout, taskIds, from, to, describe }: DagCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hovered, setHovered] = useState<{ task: number; x: number; y: number } | null>(null);
  const positions = useMemo(() => nodePositions(layout), [layout]);
  useEffect(() => startDag(canvasRef.current!, { positions, from, to, taskIds, onHover: setHovered }), [positions, from, to, taskIds]);
  return (
    <div className="gantt-frame">
      <canvas
        ref={canvasRef}
        style={{ height: `${HEIGHT}px` }}
        data-testid="dag"
        data-tasks={taskIds.length}
        data-levels={layout.levels.length}
        data-crossings={layout.crossings}
        aria-label={`Workflow graph: ${taskIds.length} tasks on ${layout.levels.length} levels`}
      />
      {hovered ? (
        <div className="tooltip" style={{ left: `${hovered.x + 14}px`, top: `${hovered.y + 10}px` }}>
          <strong>{taskIds[hovered.task]}</strong> · level {layout.level[hovered.task]}
          {describe ? <div>{describe(hovered.task)}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

type Positions = ReturnType<typeof nodePositions>;

interface DagSetup {
  positions: Positions;
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  taskIds: string[];
  onHover(hover: { task: number; x: number; y: number } | null): void;
}

/** Draws the DAG into `canvas` (fitted, then zoomed and panned by the user); returns the function that stops it. */
function startDag(canvas: HTMLCanvasElement, setup: DagSetup): () => void {
  const { positions } = setup;
  const context = canvas.getContext('2d')!;
  let width = canvas.clientWidth;
  const fit = (): View => {
    const scale = Math.min(2, (width - 40) / positions.width, (HEIGHT - 40) / positions.height);
    return { x0: -width / 2 / scale, y0: -LEVEL_GAP / 2 - 20 / scale, scale };
  };
  const state = { view: fit(), hovered: -1 };
  let frame = 0;
  const draw = () => {
    frame = 0;
    const ratio = devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawDag(context, { ...setup, view: state.view, width, hovered: state.hovered });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };
  const resize = new ResizeObserver(() => {
    width = canvas.clientWidth;
    state.view = fit();
    schedule();
  });
  resize.observe(canvas);
  const onHover = (task: number, x: number, y: number) => {
    setup.onHover(task >= 0 ? { task, x, y } : null);
    schedule();
  };
  const detach = attachDagInteraction(canvas, { state, positions, onHover, redraw: schedule });
  draw();
  return () => {
    cancelAnimationFrame(frame);
    resize.disconnect();
    detach();
  };
}

/** Wheel zoom about the pointer, drag to pan, hover for the nearest task; changes `state` and asks for a frame. */
interface DagInteraction {
  state: { view: View; hovered: number };
  positions: Positions;
  onHover(task: number, x: number, y: number): void;
  redraw(): void;
}

function attachDagInteraction(canvas: HTMLCanvasElement, { state, positions, onHover, redraw }: DagInteraction): () => void {
  let drag: { x: number; y: number } | null = null;
  const wheel = (event: WheelEvent) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    const [px, py] = [event.clientX - rect.left, event.clientY - rect.top];
    const { view } = state;
    const scale = Math.min(8, Math.max(0.02, view.scale * Math.exp(-event.deltaY * WHEEL_ZOOM)));
    state.view = { scale, x0: view.x0 + px / view.scale - px / scale, y0: view.y0 + py / view.scale - py / scale };
    redraw();
  };
  const down = (event: PointerEvent) => {
    drag = { x: event.clientX, y: event.clientY };
  };
  const move = (event: PointerEvent) => {
    const { view } = state;
    if (drag) {
      state.view = { ...view, x0: view.x0 - (event.clientX - drag.x) / view.scale, y0: view.y0 - (event.clientY - drag.y) / view.scale };
      drag = { x: event.clientX, y: event.clientY };
      redraw();
      return;
    }
    const rect = canvas.getBoundingClientRect();
    const [px, py] = [event.clientX - rect.left, event.clientY - rect.top];
    const task = nearestTask(positions, view.x0 + px / view.scale, view.y0 + py / view.scale, (NODE_RADIUS + 4) / Math.min(view.scale, 1));
    if (task === state.hovered) return;
    state.hovered = task;
    onHover(task, px, py);
  };
  const up = () => {
    drag = null;
  };
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  return () => {
    canvas.removeEventListener('wheel', wheel);
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
  };
}

/** The task nearest to a point within `radius` (world units), or -1: a linear scan (at most ~2,000 tasks drawn). */
function nearestTask(positions: { x: Float64Array; y: Float64Array }, wx: number, wy: number, radius: number): number {
  let best = -1;
  let bestDistance = radius * radius;
  for (let t = 0; t < positions.x.length; t++) {
    const d = (positions.x[t]! - wx) ** 2 + (positions.y[t]! - wy) ** 2;
    if (d <= bestDistance) [best, bestDistance] = [t, d];
  }
  return best;
}

interface DagDraw {
  positions: Positions;
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  taskIds: string[];
  view: View;
  width: number;
  hovered: number;
}

function drawDag(context: CanvasRenderingContext2D, d: DagDraw): void {
  const { positions, view } = d;
  const sx = (x: number) => (x - view.x0) * view.scale;
  const sy = (y: number) => (y - view.y0) * view.scale;
  context.clearRect(0, 0, d.width, HEIGHT);
  context.lineWidth = 1;
  context.strokeStyle = 'rgba(80, 90, 110, 0.35)';
  context.beginPath();
  for (let k = 0; k < d.from.length; k++) {
    context.moveTo(sx(positions.x[d.from[k]!]!), sy(positions.y[d.from[k]!]!));
    context.lineTo(sx(positions.x[d.to[k]!]!), sy(positions.y[d.to[k]!]!));
  }
  context.stroke();
  if (d.hovered >= 0) {
    context.strokeStyle = '#e15759';
    context.lineWidth = 2;
    context.beginPath();
    for (let k = 0; k < d.from.length; k++) {
      if (d.from[k] !== d.hovered && d.to[k] !== d.hovered) continue;
      context.moveTo(sx(positions.x[d.from[k]!]!), sy(positions.y[d.from[k]!]!));
      context.lineTo(sx(positions.x[d.to[k]!]!), sy(positions.y[d.to[k]!]!));
    }
    context.stroke();
  }
  const radius = Math.max(2, NODE_RADIUS * Math.min(view.scale, 1.5));
  context.font = '10px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (let t = 0; t < positions.x.length; t++) {
    const x = sx(positions.x[t]!);
    const y = sy(positions.y[t]!);
    if (x < -radius || x > d.width + radius || y < -radius || y > HEIGHT + radius) continue;
    context.fillStyle = t === d.hovered ? '#e15759' : '#4e79a7';
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fill();
    if (view.scale >= LABEL_SCALE) {
      context.fillStyle = '#222';
      context.fillText(d.taskIds[t]!, x, y + radius + 8);
    }
  }
  context.textAlign = 'start';
}
