import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../checker/check-schedule.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleEarliestFinish } from '../schedule/list-scheduler.js';
import { toAssignments } from '../schedule/schedule.js';
import { validateCluster, validateProblem } from './validate-cluster.js';
import { validateWorkflow } from './validate-workflow.js';

/** Names of Object.prototype's members (and the prototype key itself): ids are data, these included. */
const ODD_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

/**
 * Documents as JSON.parse gives them, so that "__proto__" is an own key (an object literal would set the prototype).
 * Task i (id ODD_IDS[i]) costs i + 1 on every processor except the last, where it has work 2 * (i + 1) and the
 * last processor's speed 2 gives it the same time; tasks form a chain with data 1 on each edge.
 */
function oddDocuments(): { workflow: WorkflowSpec; cluster: ClusterSpec } {
  const last = ODD_IDS.length - 1;
  const tasks = ODD_IDS.map((id, i) => ({
    id,
    work: 2 * (i + 1),
    costs: Object.fromEntries(ODD_IDS.slice(0, last).map((p) => [p, i + 1])),
  }));
  const edges = ODD_IDS.slice(1).map((id, i) => ({ from: ODD_IDS[i]!, to: id, data: 1 }));
  const processors = ODD_IDS.map((id, p) => (p === last ? { id, speed: 2 } : { id }));
  const text = JSON.stringify({ workflow: { tasks, edges }, cluster: { processors, network: { links: [{ between: [ODD_IDS[0], ODD_IDS[1]], latency: 3 }] } } });
  return JSON.parse(text) as { workflow: WorkflowSpec; cluster: ClusterSpec };
}

describe('ids are data: Object.prototype member names as task and processor ids', () => {
  it('validate: documents using them everywhere are valid, alone and as a pair', () => {
    const { workflow, cluster } = oddDocuments();
    expect(Object.hasOwn(workflow.tasks[0]!.costs!, '__proto__')).toBe(true);
    expect(validateWorkflow(workflow)).toEqual([]);
    expect(validateCluster(cluster)).toEqual([]);
    expect(validateProblem(workflow, cluster)).toEqual([]);
  });

  it('validate: a cost missing for such a processor is missing (never read from Object.prototype)', () => {
    const { cluster } = oddDocuments();
    const workflow = JSON.parse('{"tasks": [{"id": "a", "costs": {"__proto__": 1}}], "edges": []}') as WorkflowSpec;
    const issues = validateProblem(workflow, cluster);
    expect(issues).toHaveLength(1);
    // Every processor but "__proto__" lacks a cost; the message lists the first five.
    expect(issues[0]).toMatchObject({ severity: 'error', path: '$.tasks[0].costs', taskId: 'a', processorId: 'constructor' });
    expect(issues[0]?.message).toBe(
      'task "a" has no cost for processors "constructor", "toString", "hasOwnProperty", "valueOf", "prototype" and no "work" to fall back on',
    );
  });

  it('validate: duplicates and unknown references among them are found', () => {
    const workflow = JSON.parse('{"tasks": [{"id": "__proto__", "work": 1}, {"id": "__proto__", "work": 1}], "edges": [{"from": "__proto__", "to": "toString"}]}');
    expect(validateWorkflow(workflow).map((i) => [i.path, i.message])).toEqual([
      ['$.tasks[1].id', 'duplicate task id "__proto__" (first at $.tasks[0])'],
      ['$.edges[0].to', 'edge to unknown task "toString"'],
    ]);
    const cluster = JSON.parse('{"processors": [{"id": "constructor"}], "network": {"links": [{"between": ["constructor", "valueOf"]}]}}');
    expect(validateCluster(cluster).map((i) => i.path)).toEqual(['$.network.links[0].between[1]']);
  });

  it('compile: costs, speeds and links land on the right indices', () => {
    const { workflow, cluster } = oddDocuments();
    const problem = compileProblem(workflow, cluster);
    const m = ODD_IDS.length;
    for (let t = 0; t < m; t++) {
      // Explicit cost t + 1 on all but the last processor; there, work 2 (t + 1) / speed 2 = t + 1 as well.
      expect(Array.from(problem.cost.subarray(t * m, (t + 1) * m))).toEqual(new Array(m).fill(t + 1));
    }
    expect(problem.latency[0 * m + 1]).toBe(3);
    expect(problem.latency[1 * m + 0]).toBe(3);
    expect([...problem.taskIndex.keys()]).toEqual(ODD_IDS);
    expect(problem.processorIndex.get('__proto__')).toBe(1);
  });

  it('checker: a schedule over them is checked like any other, and a wrong one is caught', () => {
    const { workflow, cluster } = oddDocuments();
    const problem = compileProblem(workflow, cluster);
    const assignments = toAssignments(problem, scheduleEarliestFinish(problem, problem.topologicalOrder));
    expect(checkSchedule(workflow, cluster, assignments).violations).toEqual([]);
    // Task "__proto__" costs 2 on every processor: stretched to 5 it has the wrong duration.
    const stretched = assignments.map((a) => (a.task === '__proto__' ? { ...a, finish: a.start + 5 } : a));
    expect(checkSchedule(workflow, cluster, stretched).violations.map((v) => [v.kind, v.task])).toContainEqual(['wrong-duration', '__proto__']);
    const misplaced = assignments.map((a) => (a.task === 'toString' ? { ...a, processor: 'isPrototypeOf' } : a));
    expect(checkSchedule(workflow, cluster, misplaced).violations.map((v) => v.kind)).toContain('unknown-processor');
  });
});
