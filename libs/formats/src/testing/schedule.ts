import {
  compileProblem,
  computeMetrics,
  priorityOrder,
  scheduleEarliestFinish,
  toAssignments,
  upwardRanks,
  type ClusterSpec,
  type SchedulingProblem,
  type WorkflowSpec,
} from '@hetsched/core';

/** A HEFT schedule built from core's parts, and the output document the CLI would print for it. */
export function heftSchedule(workflow: WorkflowSpec, cluster: ClusterSpec) {
  const problem: SchedulingProblem = compileProblem(workflow, cluster);
  const schedule = scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
  const metrics = computeMetrics(problem, schedule);
  const assignments = toAssignments(problem, schedule);
  return { problem, assignments, document: { scheduler: 'heft', makespan: metrics.makespan, metrics, assignments } };
}
