// Test support shared by the mapping-heuristic libs (minmin, maxmin, duplex, mct, met, olb, sufferage,
// fastest-node), each holding a verbatim copy; not exported, not built. Edit it in libs/schedulers/minmin and copy
// it over. candidate for @hetsched/scheduler-conformance: exactProblems and the naive document model.
//
// Everything here reads the documents (workflow and cluster JSON), never a compiled problem's arrays, so the naive
// references written on it are independent of the implementation's data layout.
import { readdirSync, readFileSync } from 'node:fs';
import type { ClusterSpec, LinkSpec, ProcessorSpec, Schedule, TaskSpec, WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';

export interface DocumentProblem {
  workflow: WorkflowSpec;
  cluster: ClusterSpec;
}

export interface ExactProblemShape {
  maxTasks: number;
  maxProcessors: number;
  /** Weight of an edge against no edge out of 10 for each pair of tasks (default 3; 0 for independent tasks). */
  edgeWeight?: number;
}

const POWERS_OF_TWO = [0.5, 1, 2, 4, 8];
const MAX_AMOUNT = 20;
const MAX_LATENCY = 5;
const EDGE_WEIGHTS_OUT_OF = 10;
const DEFAULT_EDGE_WEIGHT = 3;

/**
 * Random valid problems in which every time a list scheduler computes is exact in binary floating point: integer
 * work, costs, data and latencies, powers of two for speeds and bandwidths. Zero costs and zero data occur. Tasks are
 * listed in a shuffled order (input order is not topological in general), and so are edges and links.
 */
export function exactProblems(shape: ExactProblemShape): fc.Arbitrary<DocumentProblem> {
  const amount = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: MAX_AMOUNT }) });
  const rate = fc.constantFrom(...POWERS_OF_TWO);
  const latency = fc.integer({ min: 0, max: MAX_LATENCY });
  const edgeWeight = shape.edgeWeight ?? DEFAULT_EDGE_WEIGHT;
  return fc
    .record({ n: fc.integer({ min: 1, max: shape.maxTasks }), m: fc.integer({ min: 1, max: shape.maxProcessors }) })
    .chain(({ n, m }) => {
      const pairs = (n * (n - 1)) / 2;
      const edge =
        edgeWeight === 0
          ? fc.constant(null)
          : fc.oneof(
              { weight: EDGE_WEIGHTS_OUT_OF - edgeWeight, arbitrary: fc.constant(null) },
              { weight: edgeWeight, arbitrary: fc.record({ data: fc.option(amount, { freq: 5 }), key: fc.nat() }) },
            );
      return fc.record({
        n: fc.constant(n),
        m: fc.constant(m),
        edges: fc.array(edge, { minLength: pairs, maxLength: pairs }),
        listing: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        tasks: fc.array(
          fc.record({ mode: fc.constantFrom('work', 'costs', 'both'), work: amount, costs: fc.array(fc.option(amount, { freq: 3 }), { minLength: m, maxLength: m }) }),
          { minLength: n, maxLength: n },
        ),
        speeds: fc.array(fc.option(rate, { freq: 3 }), { minLength: m, maxLength: m }),
        network: fc.record({ latency: fc.option(latency, { freq: 3 }), bandwidth: fc.option(rate, { freq: 3 }) }),
        links: fc.array(fc.option(fc.record({ latency: fc.option(latency), bandwidth: fc.option(rate), flip: fc.boolean(), key: fc.nat() }), { freq: 2 }), {
          minLength: (m * (m - 1)) / 2,
          maxLength: (m * (m - 1)) / 2,
        }),
      });
    })
    .map(toDocuments);
}

/** What exactProblems draws, before it becomes documents. */
interface DrawnProblem {
  n: number;
  m: number;
  edges: ({ data: number | null; key: number } | null)[];
  listing: number[];
  tasks: { mode: 'work' | 'costs' | 'both'; work: number; costs: (number | null)[] }[];
  speeds: (number | null)[];
  network: { latency: number | null; bandwidth: number | null };
  links: ({ latency: number | null; bandwidth: number | null; flip: boolean; key: number } | null)[];
}

/** Documents of a drawn problem: task i is `t${i}`, edges go from a lower to a higher i, listings are shuffled. */
function toDocuments(g: DrawnProblem): DocumentProblem {
  const ids = Array.from({ length: g.m }, (_, p) => `p${p}`);
  const tasks: TaskSpec[] = g.listing.map((i) => {
    const spec = g.tasks[i]!;
    if (spec.mode === 'work') return { id: `t${i}`, work: spec.work };
    const given = ids.flatMap((id, p) => (spec.costs[p] === null ? [] : [[id, spec.costs[p]!] as const]));
    if (spec.mode === 'both') return { id: `t${i}`, work: spec.work, costs: Object.fromEntries(given) };
    return { id: `t${i}`, costs: Object.fromEntries(ids.map((id, p) => [id, spec.costs[p] ?? spec.work])) };
  });
  const edges: { from: string; to: string; data?: number; key: number }[] = [];
  let k = 0;
  for (let i = 0; i < g.n; i++) {
    for (let j = i + 1; j < g.n; j++, k++) {
      const e = g.edges[k];
      if (e) edges.push({ from: `t${i}`, to: `t${j}`, ...(e.data === null ? {} : { data: e.data }), key: e.key });
    }
  }
  const links: (LinkSpec & { key: number })[] = [];
  k = 0;
  for (let p = 0; p < g.m; p++) {
    for (let q = p + 1; q < g.m; q++, k++) {
      const l = g.links[k];
      if (!l) continue;
      const between: [string, string] = l.flip ? [ids[q]!, ids[p]!] : [ids[p]!, ids[q]!];
      links.push({ between, ...(l.latency === null ? {} : { latency: l.latency }), ...(l.bandwidth === null ? {} : { bandwidth: l.bandwidth }), key: l.key });
    }
  }
  const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
  const processors: ProcessorSpec[] = ids.map((id, p) => (g.speeds[p] === null ? { id } : { id, speed: g.speeds[p]! }));
  const network = {
    ...(g.network.latency === null ? {} : { latency: g.network.latency }),
    ...(g.network.bandwidth === null ? {} : { bandwidth: g.network.bandwidth }),
    links: links.sort(byKey).map(({ key: _, ...link }) => link),
  };
  return { workflow: { tasks, edges: edges.sort(byKey).map(({ key: _, ...e }) => e) }, cluster: { processors, network } };
}

/** Where and when a task runs, in index form (task and processor numbers are document positions). */
export interface Placement {
  processor: number;
  start: number;
  finish: number;
}

/** The cost and communication model of docs/formats.md, read from the documents by the plainest code possible. */
export class DocumentModel {
  readonly taskCount: number;
  readonly processorCount: number;
  private readonly index: Map<string, number>;

  constructor(readonly problem: DocumentProblem) {
    this.taskCount = problem.workflow.tasks.length;
    this.processorCount = problem.cluster.processors.length;
    this.index = new Map(problem.workflow.tasks.map((t, i) => [t.id, i]));
  }

  /** Execution time of task t on processor p: its explicit cost there, else work / speed. */
  cost(t: number, p: number): number {
    const task = this.problem.workflow.tasks[t]!;
    const processor = this.problem.cluster.processors[p]!;
    if (task.costs && Object.hasOwn(task.costs, processor.id)) return task.costs[processor.id]!;
    return task.work! / (processor.speed ?? 1);
  }

  /** Transfer time of `data` from processor p to q: 0 on one processor, else latency + data / bandwidth of their link. */
  transfer(data: number, p: number, q: number): number {
    if (p === q) return 0;
    const a = this.problem.cluster.processors[p]!.id;
    const b = this.problem.cluster.processors[q]!.id;
    const network = this.problem.cluster.network ?? {};
    const link = (network.links ?? []).find((l) => (l.between[0] === a && l.between[1] === b) || (l.between[0] === b && l.between[1] === a));
    return (link?.latency ?? network.latency ?? 0) + data / (link?.bandwidth ?? network.bandwidth ?? 1);
  }

  /** The predecessors of t with the data each sends. */
  predecessors(t: number): { task: number; data: number }[] {
    const id = this.problem.workflow.tasks[t]!.id;
    return this.problem.workflow.edges.filter((e) => e.to === id).map((e) => ({ task: this.index.get(e.from)!, data: e.data ?? 0 }));
  }

  /** Unplaced tasks whose predecessors are all placed, in input order. */
  readyTasks(placements: readonly (Placement | undefined)[]): number[] {
    const ready: number[] = [];
    for (let t = 0; t < this.taskCount; t++) {
      if (!placements[t] && this.predecessors(t).every((e) => placements[e.task])) ready.push(t);
    }
    return ready;
  }

  /** A topological order: repeatedly the first task in input order whose predecessors are all listed (Kahn). */
  topologicalOrder(): number[] {
    const listed: (Placement | undefined)[] = new Array(this.taskCount);
    const order: number[] = [];
    while (order.length < this.taskCount) {
      const t = this.readyTasks(listed)[0]!;
      listed[t] = { processor: 0, start: 0, finish: 0 };
      order.push(t);
    }
    return order;
  }

  /** When the data of every predecessor of t are on processor p. */
  arrival(placements: readonly (Placement | undefined)[], t: number, p: number): number {
    return Math.max(0, ...this.predecessors(t).map((e) => placements[e.task]!.finish + this.transfer(e.data, placements[e.task]!.processor, p)));
  }

  /**
   * Where t would run on p given the placements so far: from its data-arrival time, after the last task on p
   * (append, the papers' machine availability) or, with insertion, at the first candidate start (the arrival time
   * or any finish after it) whose interval conflicts with no task on p. Two intervals conflict when `c < f && s < c
   * + d`: a zero-length task may touch anything but not sit strictly inside a busy interval.
   */
  placement(placements: readonly (Placement | undefined)[], t: number, p: number, insertion: boolean): Placement {
    const ready = this.arrival(placements, t, p);
    const duration = this.cost(t, p);
    const busy = placements.filter((x): x is Placement => x !== undefined && x.processor === p);
    let start: number;
    if (!insertion) {
      start = Math.max(ready, ...busy.map((b) => b.finish));
    } else {
      const candidates = [ready, ...busy.map((b) => b.finish).filter((f) => f >= ready)].sort((a, b) => a - b);
      start = candidates.find((c) => busy.every((b) => !(c < b.finish && b.start < c + duration)))!;
    }
    return { processor: p, start, finish: start + duration };
  }

  /** The placement of t of earliest finish over the processors, ties to the processor listed first. */
  earliestPlacement(placements: readonly (Placement | undefined)[], t: number, insertion: boolean): Placement {
    let best: Placement | undefined;
    for (let p = 0; p < this.processorCount; p++) {
      const candidate = this.placement(placements, t, p, insertion);
      if (!best || candidate.finish < best.finish) best = candidate;
    }
    return best!;
  }
}

/**
 * Min-min ('min') and Max-min ('max') as Braun et al. (2001) state them, over the ready set of the DAG: recompute
 * the earliest-finish placement of every ready task, take the task whose earliest finish is smallest (largest),
 * ties to the task listed first, place it there, repeat.
 */
export function referenceMinMaxMin(problem: DocumentProblem, rule: 'min' | 'max', insertion: boolean): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (let placed = 0; placed < model.taskCount; placed++) {
    let chosen = -1;
    let chosenPlacement: Placement | undefined;
    for (const t of model.readyTasks(placements)) {
      const candidate = model.earliestPlacement(placements, t, insertion);
      const better = chosenPlacement && (rule === 'min' ? candidate.finish < chosenPlacement.finish : candidate.finish > chosenPlacement.finish);
      if (!chosenPlacement || better) {
        chosen = t;
        chosenPlacement = candidate;
      }
    }
    placements[chosen] = chosenPlacement!;
  }
  return placements;
}

/** A schedule as placements, to compare with a reference's. */
export function placementsOf(schedule: Schedule): Placement[] {
  return Array.from(schedule.processorOf, (processor, t) => ({ processor, start: schedule.start[t]!, finish: schedule.finish[t]! }));
}

/** The latest finish of some placements (0 for none). */
export function makespanOfPlacements(placements: readonly Placement[]): number {
  return Math.max(0, ...placements.map((x) => x.finish));
}

/** One of the twelve cross-check problems of ../shared/fixtures/saga with the makespans SAGA's schedulers gave. */
export interface SagaFixture {
  name: string;
  problem: DocumentProblem;
  saga: Record<string, { makespan: number }>;
}

/** The SAGA cross-check problems (see that folder's README), read from the shared fixtures. */
export function sagaFixtures(): SagaFixture[] {
  const folder = new URL('../../../../../../shared/fixtures/saga/', import.meta.url);
  return readdirSync(folder)
    .filter((name) => name.startsWith('saga-'))
    .sort()
    .map((name) => {
      const read = (file: string) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
      return { name, problem: { workflow: read('workflow.json'), cluster: read('cluster.json') }, saga: read('saga-results.json').saga };
    });
}

/**
 * SAGA's MinMin ('min') and MaxMin ('max') loop (ANRGUSC/saga v2, schedulers/minmin.py and maxmin.py), to explain
 * our differences with its figures: a batch is the set of tasks ready when it starts, and it is emptied, one pick at
 * a time by the same rule as ours, before any task that turned ready meanwhile is looked at. Append only.
 */
export function sagaBatchMinMaxMin(problem: DocumentProblem, rule: 'min' | 'max'): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (let batch = model.readyTasks(placements); batch.length > 0; batch = model.readyTasks(placements)) {
    while (batch.length > 0) {
      const candidates = batch.map((t) => ({ t, placement: model.earliestPlacement(placements, t, false) }));
      const pick = candidates.reduce((a, b) => ((rule === 'min' ? b.placement.finish < a.placement.finish : b.placement.finish > a.placement.finish) ? b : a));
      placements[pick.t] = pick.placement;
      batch.splice(batch.indexOf(pick.t), 1);
    }
  }
  return placements;
}

/** True when two makespans agree to SAGA's printed precision (6 decimals), relatively. */
export function sameFigure(ours: number, saga: number): boolean {
  return Math.abs(ours - saga) <= 1e-6 * Math.max(1, Math.abs(saga));
}
