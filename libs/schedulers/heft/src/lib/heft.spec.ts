import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSchedule, compileProblem, computeMetrics, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { heft, heftOrder } from './heft.js';
import { heftPlugin } from './heft-plugin.js';

const fixtures = fileURLToPath(new URL('../../../../../../shared/fixtures/topcuoglu2002/', import.meta.url));
const load = <T>(name: string): T => JSON.parse(readFileSync(fixtures + name, 'utf8')) as T;

describe('HEFT on the example of Topcuoglu, Hariri & Wu (2002), Fig. 2', () => {
  const workflow = load<WorkflowSpec>('workflow.json');
  const cluster = load<ClusterSpec>('cluster.json');
  const expected = load<{ makespan: number; assignments: { task: string; processor: string; start: number; finish: number }[]; metrics: Record<string, number> }>(
    'expected-heft.json',
  );
  const problem = compileProblem(workflow, cluster);

  it('orders tasks by decreasing upward rank as the paper lists them', () => {
    expect(Array.from(heftOrder(problem), (t) => problem.taskIds[t])).toEqual(['n1', 'n3', 'n4', 'n2', 'n5', 'n6', 'n9', 'n7', 'n8', 'n10']);
  });

  it('gives exactly the published schedule, makespan 80', () => {
    const schedule = heft(problem);
    const assignments = toAssignments(problem, schedule);
    const byTask = (list: typeof assignments) => [...list].sort((a, b) => a.task.localeCompare(b.task));
    expect(byTask(assignments)).toEqual(byTask(expected.assignments));
    expect(Math.max(...assignments.map((a) => a.finish))).toBe(expected.makespan);
    expect(checkSchedule(workflow, cluster, assignments).violations).toEqual([]);
  });

  it('reports the metrics of the fixture', () => {
    const metrics = computeMetrics(problem, heft(problem));
    expect(metrics.slr).toBeCloseTo(expected.metrics['slr']!, 12);
    expect(metrics.speedup).toBeCloseTo(expected.metrics['speedup']!, 12);
    expect(metrics.efficiency).toBeCloseTo(expected.metrics['efficiency']!, 12);
  });

  it('runs through the plugin contract with checked output', async () => {
    const run = await runScheduler(heftPlugin, problem, {});
    expect(run.makespan).toBe(80);
    expect(run.scheduler).toBe('heft');
    await expect(runScheduler(heftPlugin, problem, { population: 3 })).rejects.toThrow(/options\.population: unknown option/);
  });
});
