import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../errors.js';
import { DEFAULT_SPEED, type ClusterSpec } from '../model/cluster.js';
import type { TaskSpec, WorkflowSpec } from '../model/workflow.js';
import { IssueCollector, quoteId } from './issue-collector.js';
import { jsonPath } from './json-path.js';
import { checkTotalTime } from './time-bounds.js';
import { validateProblem } from './validate-cluster.js';

/**
 * The naive reference: the rules of validateProblem written as plainly as possible, two passes (costs, then the
 * total time of checkTotalTime without precomputed task times), a Set of processor ids and Object.hasOwn per
 * (task, processor). validateProblem must give the same issues, in the same order, for any pair of documents.
 */
function naiveValidateProblem(workflow: WorkflowSpec, cluster: ClusterSpec): ValidationIssue[] {
  const issues = new IssueCollector();
  const processorIds = new Set(cluster.processors.map((p) => p.id));
  workflow.tasks.forEach((task, i) => {
    const costsPath = jsonPath(jsonPath('$.tasks', i), 'costs');
    const costs = task.costs ?? {};
    let known = 0;
    for (const processorId of Object.keys(costs)) {
      if (!processorIds.has(processorId)) {
        issues.warning(jsonPath(costsPath, processorId), `cost for processor ${quoteId(processorId)}, which the cluster does not have (ignored)`, {
          taskId: task.id,
          processorId,
        });
      } else if (costs[processorId] !== undefined) {
        known++;
      }
    }
    if (task.work === undefined && known < processorIds.size) {
      const missing = cluster.processors.filter((p) => !Object.hasOwn(costs, p.id) || costs[p.id] === undefined).map((p) => p.id);
      const list = missing.slice(0, 5).map(quoteId).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
      issues.error(costsPath, `task ${quoteId(task.id)} has no cost for processor${missing.length > 1 ? 's' : ''} ${list} and no "work" to fall back on`, {
        taskId: task.id,
        processorId: missing[0],
      });
    }
  });
  if (!issues.hasErrors) checkTotalTime(issues, workflow, cluster);
  return issues.issues;
}

/** Few ids, so that costs name processors of the cluster, processors it lacks, and processors twice (`constructor` too). */
const processorId = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'constructor', '__proto__');
/** Ordinary times, and some so large that the total passes MAX_TOTAL_TIME (1e300). */
const time = fc.oneof(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 4e299, 1e308));
const costs = fc.array(fc.tuple(processorId, fc.option(time, { nil: undefined })), { maxLength: 6 }).map((entries) => {
  const record: Record<string, number> = {};
  // Defined, not assigned: "__proto__" is an id like any other.
  for (const [id, value] of entries) Object.defineProperty(record, id, { value, enumerable: true, writable: true, configurable: true });
  return record;
});
const task = fc.record({ work: fc.option(time, { nil: undefined }), costs: fc.option(costs, { nil: undefined }) }, { requiredKeys: [] });
const workflow = fc.array(task, { minLength: 1, maxLength: 8 }).chain((tasks) =>
  fc.array(fc.record({ data: fc.option(time, { nil: undefined }) }, { requiredKeys: [] }), { maxLength: 6 }).map(
    (edgeData): WorkflowSpec => ({
      tasks: tasks.map((t, i): TaskSpec => ({ id: `t${i}`, ...t })),
      edges: edgeData.map((e, k) => ({ from: `t${k % tasks.length}`, to: `t${(k + 1) % tasks.length}`, ...e })),
    }),
  ),
);
const cluster = fc
  .array(fc.record({ id: processorId, speed: fc.option(fc.constantFrom(0.5, 1, 3, 1e-300), { nil: undefined }) }, { requiredKeys: ['id'] }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((processors): ClusterSpec => ({ processors }));

describe('validateProblem against the naive reference', () => {
  it('gives the same issues in the same order for any workflow and cluster', () => {
    fc.assert(
      fc.property(workflow, cluster, (w, c) => {
        expect(validateProblem(w, c)).toEqual(naiveValidateProblem(w, c));
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the longest time of a task with some costs from work on the others (total-time error at that task)', () => {
    // Task a: cost 1 on p1, no cost on p2 (speed 1e-300): work 1 / 1e-300 = 1e300 on p2, and 1 + 1e300 rounds to
    // 1e300, not past the limit; task b adds 1 on p1 and 1 / 1e-300 on p2: 2e300 > 1e300, so the error is at b.
    const c: ClusterSpec = { processors: [{ id: 'p1' }, { id: 'p2', speed: 1e-300 }] };
    const w: WorkflowSpec = { tasks: [{ id: 'a', work: 1, costs: { p1: 1 } }, { id: 'b', work: 1, costs: { p1: 1 } }], edges: [] };
    const issues = validateProblem(w, c);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$.tasks[1].work', taskId: 'b', processorId: 'p2' });
    expect(DEFAULT_SPEED).toBe(1);
  });
});
