import { DEFAULT_BANDWIDTH, DEFAULT_LATENCY, DEFAULT_SPEED, type ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import type { Assignment } from '../schedule/schedule.js';

export type ViolationKind =
  | 'unknown-task'
  | 'unknown-processor'
  | 'duplicate-task'
  | 'missing-task'
  | 'invalid-time'
  | 'wrong-duration'
  | 'precedence'
  | 'overlap';

export interface ScheduleViolation {
  kind: ViolationKind;
  message: string;
  task?: string;
  processor?: string;
}

export interface ScheduleCheck {
  valid: boolean;
  violations: ScheduleViolation[];
}

export interface CheckOptions {
  /** Relative tolerance for floating-point time comparisons, scaled by the makespan (default 1e-9). */
  relativeTolerance?: number;
  /** Stop collecting after this many violations (default 100). */
  maxViolations?: number;
}

/**
 * The independent schedule checker. It reads only the two documents and the assignments (never a scheduler's
 * compiled arrays), recomputes every time from the cost model of docs/formats.md, and verifies that
 *  - every task appears exactly once, on a processor of the cluster;
 *  - its duration equals its cost on that processor;
 *  - it starts no earlier than each predecessor's finish plus the communication time between their processors;
 *  - no two tasks overlap on one processor.
 * Deliberately written apart from the schedulers so that a bug shared by them and the checker is unlikely.
 */
export function checkSchedule(
  workflow: WorkflowSpec,
  cluster: ClusterSpec,
  assignments: readonly Assignment[],
  options: CheckOptions = {},
): ScheduleCheck {
  const maxViolations = options.maxViolations ?? 100;
  const violations: ScheduleViolation[] = [];
  const report = (v: ScheduleViolation) => {
    if (violations.length < maxViolations) violations.push(v);
  };

  const tasks = new Map(workflow.tasks.map((t) => [t.id, t]));
  const processors = new Map(cluster.processors.map((p) => [p.id, p]));
  const byTask = new Map<string, Assignment>();
  // Assignments on a known processor with finite times: only these take part in the precedence and overlap checks.
  // One already reported as invalid-time must stay out: a NaN start makes the overlap sweep's sort comparator
  // return NaN, which leaves the other tasks unsorted and reports overlaps between tasks that do not overlap.
  const timed = new Set<Assignment>();
  let makespan = 0;
  for (const a of assignments) {
    if (Number.isFinite(a.finish)) makespan = Math.max(makespan, Math.abs(a.finish));
  }
  const tolerance = (options.relativeTolerance ?? 1e-9) * Math.max(1, makespan);

  for (const a of assignments) {
    const task = tasks.get(a.task);
    if (!task) {
      report({ kind: 'unknown-task', task: a.task, message: `assignment for unknown task "${a.task}"` });
      continue;
    }
    if (byTask.has(a.task)) {
      report({ kind: 'duplicate-task', task: a.task, message: `task "${a.task}" is scheduled more than once` });
      continue;
    }
    byTask.set(a.task, a);
    const processor = processors.get(a.processor);
    if (!processor) {
      report({ kind: 'unknown-processor', task: a.task, processor: a.processor, message: `task "${a.task}" is on unknown processor "${a.processor}"` });
      continue;
    }
    if (!Number.isFinite(a.start) || !Number.isFinite(a.finish) || a.start < -tolerance) {
      report({ kind: 'invalid-time', task: a.task, message: `task "${a.task}" has invalid times [${a.start}, ${a.finish}]` });
      continue;
    }
    timed.add(a);
    // Own properties only, so that a processor named like an Object.prototype member ("constructor") is no cost.
    const explicit = task.costs !== undefined && Object.hasOwn(task.costs, processor.id) ? task.costs[processor.id] : undefined;
    const expected = explicit ?? (task.work as number) / (processor.speed ?? DEFAULT_SPEED);
    if (Math.abs(a.finish - a.start - expected) > tolerance) {
      report({
        kind: 'wrong-duration',
        task: a.task,
        processor: a.processor,
        message: `task "${a.task}" runs ${a.finish - a.start} on "${a.processor}" but costs ${expected} there`,
      });
    }
  }
  for (const task of workflow.tasks) {
    if (!byTask.has(task.id)) report({ kind: 'missing-task', task: task.id, message: `task "${task.id}" is not scheduled` });
  }

  const network = cluster.network ?? {};
  const links = new Map<string, { latency: number; bandwidth: number }>();
  for (const link of network.links ?? []) {
    const value = { latency: link.latency ?? network.latency ?? DEFAULT_LATENCY, bandwidth: link.bandwidth ?? network.bandwidth ?? DEFAULT_BANDWIDTH };
    links.set(`${link.between[0]}\u0000${link.between[1]}`, value);
    links.set(`${link.between[1]}\u0000${link.between[0]}`, value);
  }
  const transferTime = (data: number, from: string, to: string): number => {
    if (from === to) return 0;
    const link = links.get(`${from}\u0000${to}`);
    const latency = link?.latency ?? network.latency ?? DEFAULT_LATENCY;
    const bandwidth = link?.bandwidth ?? network.bandwidth ?? DEFAULT_BANDWIDTH;
    return latency + data / bandwidth;
  };
  for (const edge of workflow.edges) {
    const parent = byTask.get(edge.from);
    const child = byTask.get(edge.to);
    if (!parent || !child || !timed.has(parent) || !timed.has(child)) continue;
    const arrival = parent.finish + transferTime(edge.data ?? 0, parent.processor, child.processor);
    if (child.start < arrival - tolerance) {
      report({
        kind: 'precedence',
        task: child.task,
        message: `task "${child.task}" starts at ${child.start} but the data of "${parent.task}" arrive at ${arrival}`,
      });
    }
  }

  const perProcessor = new Map<string, Assignment[]>();
  for (const a of timed) {
    let list = perProcessor.get(a.processor);
    if (!list) perProcessor.set(a.processor, (list = []));
    list.push(a);
  }
  for (const [processor, list] of perProcessor) {
    list.sort((x, y) => x.start - y.start || x.finish - y.finish);
    let latest = list[0]!;
    for (let i = 1; i < list.length; i++) {
      const a = list[i]!;
      if (a.start < latest.finish - tolerance && a.finish > a.start) {
        report({
          kind: 'overlap',
          task: a.task,
          processor,
          message: `tasks "${latest.task}" [${latest.start}, ${latest.finish}] and "${a.task}" [${a.start}, ${a.finish}] overlap on "${processor}"`,
        });
      }
      if (a.finish > latest.finish) latest = a;
    }
  }
  return { valid: violations.length === 0, violations };
}
