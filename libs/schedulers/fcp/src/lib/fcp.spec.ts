import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { fcp } from './fcp.js';
import { fcpPlugin } from './fcp-plugin.js';

const rows = (workflow: WorkflowSpec, cluster: ClusterSpec) => {
  const problem = compileProblem(workflow, cluster);
  const schedule = fcp(problem);
  expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!], schedule.start[t], schedule.finish[t]]]));
};

describe('FCP, worked by hand', () => {
  it('puts each task on its enabling processor or the first idle one, whichever starts it first', () => {
    // a -> b (2), a -> c (1), b -> d (3), c -> d (1); a transfer takes its data volume, so c̄ = data.
    // Ranks (mean costs a 2, b 2, c 3, d 1): d 1, b 2 + 3 + 1 = 6, c 3 + 1 + 1 = 5, a 2 + max(2 + 6, 1 + 5) = 10.
    // The queue holds 2 tasks.
    // 1. a (entry) on the first idle processor, p: [0, 2). b and c join the queue.
    // 2. b (rank 6): first idle q; enabling p (a's message). Start on q: 2 + 2 = 4; on p: max(2, 2) = 2: p [2, 5).
    // 3. c: idle q, enabling p. On q: 2 + 1 = 3; on p: max(2, 5) = 5: q [3, 7). d joins.
    // 4. d: first idle p (free at 5, q at 7). Messages: b's 5 + 3 = 8, c's 7 + 1 = 8: a tie, enabling p (listed
    //    first) = the idle one. On p: max(5, 7 + 1) = 8: p [8, 9).
    const workflow: WorkflowSpec = {
      tasks: [
        { id: 'a', costs: { p: 2, q: 2 } },
        { id: 'b', costs: { p: 3, q: 1 } },
        { id: 'c', costs: { p: 2, q: 4 } },
        { id: 'd', costs: { p: 1, q: 1 } },
      ],
      edges: [
        { from: 'a', to: 'b', data: 2 },
        { from: 'a', to: 'c', data: 1 },
        { from: 'b', to: 'd', data: 3 },
        { from: 'c', to: 'd', data: 1 },
      ],
    };
    const cluster: ClusterSpec = { processors: [{ id: 'p' }, { id: 'q' }], network: { latency: 0, bandwidth: 1 } };
    expect(rows(workflow, cluster)).toEqual({ a: ['p', 0, 2], b: ['p', 2, 5], c: ['q', 3, 7], d: ['p', 8, 9] });
  });

  it('sorts only the tasks in its bounded queue: later ones wait in FIFO order', () => {
    // One processor, so the queue holds one task. e -> x, e -> y -> w; z independent; all cost 1, no
    // communication. Ranks: w 1, y 2, x 1, e 3, z 1. Listed e, z, x, y, w.
    // Start: e in the queue, z in the list. 1. e [0, 1); z moves in; x, y join the list.
    // 2. z [1, 2); x moves in. 3. x [2, 3); y moves in. 4. y [3, 4), though its rank (2) is the highest of the
    // three; w joins the empty queue. 5. w [4, 5).
    const workflow: WorkflowSpec = {
      tasks: ['e', 'z', 'x', 'y', 'w'].map((id) => ({ id, work: 1 })),
      edges: [
        { from: 'e', to: 'x' },
        { from: 'e', to: 'y' },
        { from: 'y', to: 'w' },
      ],
    };
    expect(rows(workflow, { processors: [{ id: 'p' }] })).toEqual({ e: ['p', 0, 1], z: ['p', 1, 2], x: ['p', 2, 3], y: ['p', 3, 4], w: ['p', 4, 5] });
  });
});

describe('the FCP plugin', () => {
  it('runs through the plugin contract with checked output and refuses unknown options', async () => {
    const problem = compileProblem({ tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(fcpPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'fcp', makespan: 4 });
    await expect(runScheduler(fcpPlugin, problem, { queueSize: 4 })).rejects.toThrow(/options\.queueSize: unknown option/);
  });
});
