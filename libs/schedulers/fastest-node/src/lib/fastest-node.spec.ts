import { compileProblem, runScheduler, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { fastestNode } from './fastest-node.js';
import { fastestNodePlugin } from './fastest-node-plugin.js';

/** Each task's [processor id, start, finish], by task id. */
function rows(problem: SchedulingProblem, schedule: Schedule): Record<string, [string, number, number]> {
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!]!, schedule.start[t]!, schedule.finish[t]!]]));
}

describe('FastestNode on hand-worked examples', () => {
  it('with unrelated costs, takes the processor of least total cost, not the fastest for most tasks', () => {
    // Costs (p, q, r): a (1, 4, 3), b (1, 4, 3), c (20, 4, 12); c -> a (data 9, irrelevant on one processor).
    // p is fastest for a and b but totals 22; q totals 12, r 18 -> q. Topological order, the ready task listed
    // first first: b, c (ready at the start), then a:
    //  b on q [0, 4], c on q [4, 8], a on q [8, 12]; makespan 12 = q's total
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', costs: { p: 1, q: 4, r: 3 } },
          { id: 'b', costs: { p: 1, q: 4, r: 3 } },
          { id: 'c', costs: { p: 20, q: 4, r: 12 } },
        ],
        edges: [{ from: 'c', to: 'a', data: 9 }],
      },
      { processors: [{ id: 'p' }, { id: 'q' }, { id: 'r' }], network: { latency: 5 } },
    );
    const result = fastestNode(problem);
    expect(result.processor).toBe(1);
    expect(rows(problem, result.schedule)).toEqual({ a: ['q', 8, 12], b: ['q', 0, 4], c: ['q', 4, 8] });
  });

  it('with work and speeds, takes the processor of highest speed, ties to the first listed', () => {
    // Works 4 and 2 on speeds 1, 2, 2: totals 6, 3, 3 -> the first processor of speed 2
    const problem = compileProblem({ tasks: [{ id: 'a', work: 4 }, { id: 'b', work: 2 }], edges: [] }, { processors: [{ id: 'slow', speed: 1 }, { id: 'fast', speed: 2 }, { id: 'twin', speed: 2 }] });
    expect(rows(problem, fastestNode(problem).schedule)).toEqual({ a: ['fast', 0, 2], b: ['fast', 2, 3] });
  });

  it('runs through the plugin contract with checked output and names its processor', async () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 4 }, { id: 'b', work: 2 }], edges: [{ from: 'b', to: 'a', data: 1 }] }, { processors: [{ id: 'slow', speed: 1 }, { id: 'fast', speed: 2 }] });
    const run = await runScheduler(fastestNodePlugin, problem, {});
    expect(run).toMatchObject({ scheduler: 'fastest-node', schedulerVersion: '1.0.0', makespan: 3, info: { processor: 'fast' } });
    expect(run.metrics.speedup).toBe(1);
    await expect(runScheduler(fastestNodePlugin, problem, { processor: 'slow' })).rejects.toThrow(/options\.processor: unknown option/);
  });
});
