import type { GanttModel } from './gantt-geometry.js';

/**
 * What a schedule's times mean under the model of docs/formats.md: when each task's data arrived (and from where),
 * and the critical path, the chain of tasks and waits that fixes the makespan.
 */
export interface NetworkModel {
  bandwidth: number;
  latency: number;
  links: readonly { between: readonly string[]; bandwidth?: number | null; latency?: number | null }[];
}

export interface ScheduleEdge {
  from: string;
  to: string;
  data: number;
}

/**
 * Transfer parameters between every pair of processors (rows of a Gantt model), from the network defaults and its
 * links (symmetric; a link's missing value is the default's): m² entries, so that an edge's transfer time is two
 * array reads instead of a lookup by processor names. The diagonal is 0: a transfer on one processor is free.
 */
export interface TransferTable {
  m: number;
  latency: Float64Array;
  inverseBandwidth: Float64Array;
}

export function transferTable(network: NetworkModel, processors: readonly string[]): TransferTable {
  const m = processors.length;
  const latency = new Float64Array(m * m).fill(network.latency);
  const inverseBandwidth = new Float64Array(m * m).fill(1 / network.bandwidth);
  const index = new Map(processors.map((p, i) => [p, i]));
  for (const link of network.links) {
    const p = index.get(link.between[0] ?? '');
    const q = index.get(link.between[1] ?? '');
    if (p === undefined || q === undefined) continue;
    for (const [a, b] of [
      [p, q],
      [q, p],
    ] as const) {
      latency[a * m + b] = link.latency ?? network.latency;
      inverseBandwidth[a * m + b] = 1 / (link.bandwidth ?? network.bandwidth);
    }
  }
  for (let p = 0; p < m; p++) latency[p * m + p] = inverseBandwidth[p * m + p] = 0;
  return { m, latency, inverseBandwidth };
}

/** Transfer time of `data` from processor row p to row q: 0 on one processor, else latency + data / bandwidth. */
export function transferTime(table: TransferTable, p: number, q: number, data: number): number {
  return p === q ? 0 : table.latency[p * table.m + q]! + data * table.inverseBandwidth[p * table.m + q]!;
}

/** One parent's data as it reached a task. */
export interface Arrival {
  fromBar: number;
  data: number;
  /** finish(parent) + transfer time. */
  arrival: number;
}

export interface ScheduleAnalysis {
  /** The arrivals of each bar's parents, in edge order. */
  incoming: Arrival[][];
  /** The latest arrival per bar (0 for an entry task). */
  dataReady: Float64Array;
  /** Bars of the critical path, first to last. */
  criticalPath: number[];
  /** For each step of the path after the first: whether data or the processor made the task wait. */
  criticalSteps: ('data' | 'processor')[];
  /** The bars on the critical path. */
  onCriticalPath: Uint8Array;
}

/**
 * Arrivals and the critical path. The path starts at the task that finishes last and walks back: to the parent
 * whose data arrived last when that arrival is the task's start, else to the task before it on its processor when
 * that one's finish is the start, else it stops (the task had slack: nothing made it wait). Times are compared
 * with a tolerance of 1e-9 of the makespan, as the checker does. O(V + E).
 */
export function analyseSchedule(model: GanttModel, edges: readonly ScheduleEdge[], network: NetworkModel): ScheduleAnalysis {
  const n = model.task.length;
  const table = transferTable(network, model.processors);
  const incoming: Arrival[][] = Array.from({ length: n }, () => []);
  const dataReady = new Float64Array(n);
  for (const edge of edges) {
    const from = model.barOf.get(edge.from);
    const to = model.barOf.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const arrival = model.finish[from]! + transferTime(table, model.row[from]!, model.row[to]!, edge.data);
    incoming[to]!.push({ fromBar: from, data: edge.data, arrival });
    if (arrival > dataReady[to]!) dataReady[to] = arrival;
  }
  const { path, steps } = criticalPath(model, incoming);
  const onCriticalPath = new Uint8Array(n);
  for (const b of path) onCriticalPath[b] = 1;
  return { incoming, dataReady, criticalPath: path, criticalSteps: steps, onCriticalPath };
}

function criticalPath(model: GanttModel, incoming: Arrival[][]): { path: number[]; steps: ('data' | 'processor')[] } {
  const n = model.task.length;
  if (n === 0) return { path: [], steps: [] };
  const tolerance = 1e-9 * Math.max(model.makespan, 1);
  let last = 0;
  for (let b = 1; b < n; b++) if (model.finish[b]! > model.finish[last]! + tolerance) last = b;
  const path = [last];
  const steps: ('data' | 'processor')[] = [];
  const visited = new Uint8Array(n);
  visited[last] = 1;
  for (let b = last; ; ) {
    const start = model.start[b]!;
    let latest: Arrival | undefined;
    for (const a of incoming[b]!) if (!latest || a.arrival > latest.arrival) latest = a;
    const previous = b > model.rowStart[model.row[b]!]! ? b - 1 : -1;
    let next = -1;
    let kind: 'data' | 'processor' = 'data';
    if (latest && Math.abs(latest.arrival - start) <= tolerance) next = latest.fromBar;
    else if (previous >= 0 && Math.abs(model.finish[previous]! - start) <= tolerance) [next, kind] = [previous, 'processor'];
    if (next < 0 || visited[next]) break;
    visited[next] = 1;
    path.push(next);
    steps.push(kind);
    b = next;
  }
  return { path: path.reverse(), steps: steps.reverse() };
}
