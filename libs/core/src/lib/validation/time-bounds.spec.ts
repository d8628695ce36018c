import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../errors.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { WorkflowSpec } from '../model/workflow.js';
import { checkSchedule } from '../checker/check-schedule.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { scheduleEarliestFinish } from '../schedule/list-scheduler.js';
import { makespanOf, toAssignments } from '../schedule/schedule.js';
import { validateCluster, validateProblem } from './validate-cluster.js';
import { validateWorkflow } from './validate-workflow.js';
import { MAX_TOTAL_TIME, MIN_BANDWIDTH } from './time-bounds.js';

const errors = (issues: ValidationIssue[]) => issues.filter((i) => i.severity === 'error');
const one: ClusterSpec = { processors: [{ id: 'p1' }] };

describe('the total-time limit (validateProblem)', () => {
  it('refuses the costs of issue #14 at the task that overflows, naming it and the processor', () => {
    // a: 1e308, then b: 1e308 more; the running total passes 1e300 already at a (1e308 > 1e300).
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1e308 }, { id: 'b', work: 1e308 }], edges: [{ from: 'a', to: 'b' }] };
    expect(validateProblem(workflow, one)).toEqual([
      {
        severity: 'error',
        path: '$.tasks[0].work',
        message:
          'takes up to 1e+308 on processor "p1" (work 1e+308 / speed 1), which brings the problem\'s total time (each task at its longest, ' +
          'each edge at its longest transfer) past the limit of 1e+300 that keeps schedule times finite (task "a")',
        taskId: 'a',
        processorId: 'p1',
      },
    ]);
    expect(() => compileProblem(workflow, one)).toThrow(/^invalid workflow for this cluster: \$\.tasks\[0\]\.work: takes up to 1e\+308/);
  });

  it('names the task whose share passes the limit, not the first large one', () => {
    // 6e299 + 6e299 = 1.2e300 > 1e300: the second task is the one that passes it.
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 6e299 }, { id: 'b', costs: { p1: 6e299 } }, { id: 'c', work: 1 }], edges: [] };
    expect(errors(validateProblem(workflow, one))).toEqual([expect.objectContaining({ path: '$.tasks[1].costs.p1', taskId: 'b', processorId: 'p1' })]);
    expect(errors(validateProblem(workflow, one))[0]?.message).toMatch(/^takes up to 6e\+299 on processor "p1" \(an explicit cost of 6e\+299\)/);
  });

  it("counts a task's time on its slowest processor: a tiny speed overflows work / speed", () => {
    const cluster: ClusterSpec = { processors: [{ id: 'fast', speed: 4 }, { id: 'slow', speed: 1e-10 }] };
    const ok: WorkflowSpec = { tasks: [{ id: 't', work: 1e289 }], edges: [] }; // 1e289 / 1e-10 = 1e299
    expect(validateProblem(ok, cluster)).toEqual([]);
    const over: WorkflowSpec = { tasks: [{ id: 't', work: 1e291 }], edges: [] }; // 1e301
    expect(errors(validateProblem(over, cluster))[0]).toMatchObject({ path: '$.tasks[0].work', processorId: 'slow' });
    // An explicit cost on the slow processor replaces work / speed there: the slowest is then "fast" (1e291 / 4).
    expect(validateProblem({ tasks: [{ id: 't', work: 1e291, costs: { slow: 1 } }], edges: [] }, cluster)).toEqual([]);
  });

  it('counts each edge at the largest latency plus its data over the smallest bandwidth, naming the edge', () => {
    const cluster: ClusterSpec = {
      processors: [{ id: 'p' }, { id: 'q' }, { id: 'r' }],
      network: { bandwidth: 1, latency: 0, links: [{ between: ['p', 'q'], bandwidth: 1e-200 }, { between: ['q', 'r'], latency: 5 }] },
    };
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b', data: 1e101 }] };
    // 5 + 1e101 / 1e-200 = 1e301 > 1e300.
    expect(errors(validateProblem(workflow, cluster))).toEqual([
      expect.objectContaining({ path: '$.edges[0].data', taskId: 'a', message: expect.stringMatching(/^may take up to 1e\+301 to transfer \(latency 5 \+ data 1e\+101 \/ bandwidth 1e-200\).*\(edge "a" -> "b"\)$/) }),
    ]);
    expect(validateProblem({ ...workflow, edges: [{ from: 'a', to: 'b', data: 1e99 }] }, cluster)).toEqual([]);
    // On one processor nothing is ever transferred: the same edge is no time at all.
    expect(validateProblem(workflow, one)).toEqual([]);
  });

  it('counts the latency of an edge without data, at the edge itself', () => {
    const cluster: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 1e301 } };
    const workflow: WorkflowSpec = { tasks: [{ id: 'a', work: 1 }, { id: 'b', work: 1 }], edges: [{ from: 'a', to: 'b' }] };
    expect(errors(validateProblem(workflow, cluster))[0]).toMatchObject({ path: '$.edges[0]', taskId: 'a' });
    // A network's defaults do not count when every pair has its own link.
    const linked: ClusterSpec = { ...cluster, network: { latency: 1e301, links: [{ between: ['p', 'q'], latency: 1 }] } };
    expect(validateProblem(workflow, linked)).toEqual([]);
  });

  it('refuses a bandwidth whose inverse passes the limit (data x (1 / bandwidth) would overflow or be NaN)', () => {
    const issues = validateCluster({ processors: [{ id: 'p' }, { id: 'q' }], network: { bandwidth: 1e-301, links: [{ between: ['p', 'q'], bandwidth: 5e-324 }] } });
    expect(issues).toEqual([
      { severity: 'error', path: '$.network.bandwidth', message: 'must be at least 1e-300 (moving one data unit, 1 / bandwidth, must take at most 1e+300), got 1e-301' },
      {
        severity: 'error',
        path: '$.network.links[0].bandwidth',
        message: 'must be at least 1e-300 (moving one data unit, 1 / bandwidth, must take at most 1e+300), got 5e-324 (link "p" - "q")',
      },
    ]);
    expect(validateCluster({ processors: [{ id: 'p' }], network: { bandwidth: MIN_BANDWIDTH } })).toEqual([]);
    expect(1 / MIN_BANDWIDTH).toBeLessThanOrEqual(MAX_TOTAL_TIME);
  });

  it('agrees with a naive reference over every processor and every pair, and accepted problems compile to finite times', () => {
    fc.assert(
      fc.property(limitProblem, ({ workflow, cluster }) => {
        expect(validateWorkflow(workflow).filter((i) => i.severity === 'error')).toEqual([]);
        expect(errors(validateCluster(cluster))).toEqual([]);
        const expected = naiveFirstOverflow(workflow, cluster);
        const found = errors(validateProblem(workflow, cluster));
        expect(found.map((i) => i.path)).toEqual(expected === undefined ? [] : [expected]);
        if (expected !== undefined) return;
        // Accepted: an earliest-finish list schedule (HEFT's second phase) has finite times that the checker accepts.
        const problem = compileProblem(workflow, cluster);
        const schedule = scheduleEarliestFinish(problem, problem.topologicalOrder);
        expect(Number.isFinite(makespanOf(schedule))).toBe(true);
        expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

/** Numbers from 1e-10 to 1e310 by powers, so that sums land on both sides of the limit. */
const magnitude = fc.integer({ min: -10, max: 305 }).chain((exponent) => fc.double({ min: 1, max: 9.99, noNaN: true }).map((m) => m * 10 ** exponent));

const limitProblem = fc
  .record({
    m: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 4 }),
    speeds: fc.array(fc.option(magnitude, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    works: fc.array(fc.option(magnitude, { nil: undefined }), { minLength: 4, maxLength: 4 }),
    costs: fc.array(fc.array(fc.option(magnitude, { nil: undefined }), { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
    data: fc.array(fc.option(magnitude, { nil: undefined }), { minLength: 3, maxLength: 3 }),
    bandwidth: fc.option(fc.integer({ min: -299, max: 300 }).map((e) => 10 ** e), { nil: undefined }),
    latency: fc.option(magnitude, { nil: undefined }),
    link: fc.option(fc.record({ bandwidth: fc.integer({ min: -299, max: 300 }).map((e) => 10 ** e), latency: magnitude }), { nil: undefined }),
  })
  .map(({ m, n, speeds, works, costs, data, bandwidth, latency, link }) => {
    const ids = ['p', 'q', 'r'].slice(0, m);
    const cluster: ClusterSpec = {
      processors: ids.map((id, p) => (speeds[p] === undefined ? { id } : { id, speed: speeds[p] })),
      network: {
        ...(bandwidth === undefined ? {} : { bandwidth }),
        ...(latency === undefined ? {} : { latency }),
        links: link && m >= 2 ? [{ between: ['q', 'p'] as [string, string], ...link }] : [],
      },
    };
    const tasks = Array.from({ length: n }, (_, t) => {
      const explicit = Object.fromEntries(ids.flatMap((id, p) => (costs[t]![p] === undefined ? [] : [[id, costs[t]![p]!]])));
      // Work when given, else costs on every processor (a task needs a time everywhere).
      if (works[t] !== undefined) return { id: `t${t}`, work: works[t], ...(Object.keys(explicit).length > 0 ? { costs: explicit } : {}) };
      return { id: `t${t}`, costs: Object.fromEntries(ids.map((id, p) => [id, costs[t]![p] ?? 1])) };
    });
    const edges = Array.from({ length: n - 1 }, (_, k) => ({ from: `t${k}`, to: `t${k + 1}`, ...(data[k] === undefined ? {} : { data: data[k] }) }));
    return { workflow: { tasks, edges } as WorkflowSpec, cluster };
  });

/**
 * The rule of docs/formats.md computed the slow way: every task at its time on every processor, every edge at the
 * largest latency and smallest bandwidth found by looking at every ordered pair of distinct processors. Returns the
 * path of the first task or edge at which the running total passes the limit.
 */
function naiveFirstOverflow(workflow: WorkflowSpec, cluster: ClusterSpec): string | undefined {
  const network = cluster.network ?? {};
  let total = 0;
  for (const [i, task] of workflow.tasks.entries()) {
    let longest = -1;
    let field = 'work';
    for (const p of cluster.processors) {
      const hasCost = task.costs !== undefined && Object.hasOwn(task.costs, p.id);
      const time = hasCost ? task.costs![p.id]! : task.work! / (p.speed ?? 1);
      if (time > longest) [longest, field] = [time, hasCost ? `costs.${p.id}` : 'work'];
    }
    total += longest;
    if (total > MAX_TOTAL_TIME) return `$.tasks[${i}].${field}`;
  }
  if (cluster.processors.length < 2) return undefined;
  let maxLatency = 0;
  let minBandwidth = Infinity;
  for (const p of cluster.processors) {
    for (const q of cluster.processors) {
      if (p === q) continue;
      const link = network.links?.find((l) => (l.between[0] === p.id && l.between[1] === q.id) || (l.between[0] === q.id && l.between[1] === p.id));
      maxLatency = Math.max(maxLatency, link?.latency ?? network.latency ?? 0);
      minBandwidth = Math.min(minBandwidth, link?.bandwidth ?? network.bandwidth ?? 1);
    }
  }
  for (const [k, edge] of workflow.edges.entries()) {
    total += maxLatency + (edge.data ?? 0) / minBandwidth;
    if (total > MAX_TOTAL_TIME) return edge.data ? `$.edges[${k}].data` : `$.edges[${k}]`;
  }
  return undefined;
}
