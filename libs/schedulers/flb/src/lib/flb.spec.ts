import { checkSchedule, compileProblem, runScheduler, toAssignments, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { flb } from './flb.js';
import { flbPlugin } from './flb-plugin.js';
import { handWorked } from '../testing/hand-worked.js';

const rows = (workflow: WorkflowSpec, cluster: ClusterSpec) => {
  const problem = compileProblem(workflow, cluster);
  const schedule = flb(problem);
  expect(checkSchedule(workflow, cluster, toAssignments(problem, schedule)).violations).toEqual([]);
  return Object.fromEntries(problem.taskIds.map((id, t) => [id, [problem.processorIds[schedule.processorOf[t]!], schedule.start[t], schedule.finish[t]]]));
};

describe('FLB, worked by hand', () => {
  it('schedules the earlier of the first EP task and the first non-EP task, moving EP tasks to the non-EP list', () => {
    // Ranks (mean costs b 2, a 2, c 2, d 2, e 1): c 2, d 2, e 1, a 2 + 1 + 2 = 5, b 2 + 1 + 1 = 4.
    // 1. a and b are entry tasks: non-EP, LMT 0; the rank breaks the tie: a (5) before b (4), though b is listed
    //    first. The idle processors tie at 0: p. a on p [0, 2). c and d: EP p, LMT 2 + 1 = 3 >= PRT(p) = 2: EP tasks
    //    of p, EMT 2 both; c first (equal ranks, listed first). p's first EP start: max(2, 2) = 2.
    // 2. EP candidate c on p at 2; non-EP candidate b on the idle q at 0: b on q [0, 3). e: EP q, LMT 4 >= 3: an EP
    //    task of q, start max(3, 3) = 3.
    // 3. Active processors: p (2), q (3): c on p [2, 4). PRT(p) = 4 > LMT(d) = 3: d becomes a non-EP task.
    // 4. EP candidate e on q at 3; non-EP d on the idle q (PRT 3 < 4) at max(2 + 1, 3) = 3: a tie, the EP task
    //    goes first: e on q [3, 4).
    // 5. d on the idle p (PRT 4 = 4, listed first) at max(2, 4) = 4: p [4, 7). FLB looks at start times only, so d
    //    runs 3 there where q would have run it in 1 from the same time.
    expect(rows(handWorked.workflow, handWorked.cluster)).toEqual({ a: ['p', 0, 2], b: ['q', 0, 3], c: ['p', 2, 4], e: ['q', 3, 4], d: ['p', 4, 7] });
  });
});

describe('the FLB plugin', () => {
  it('runs through the plugin contract with checked output and refuses unknown options', async () => {
    const problem = compileProblem({ tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] }, { processors: [{ id: 'p' }, { id: 'q' }] });
    const run = await runScheduler(flbPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'flb', makespan: 4 });
    await expect(runScheduler(flbPlugin, problem, { insertion: true })).rejects.toThrow(/options\.insertion: unknown option/);
  });
});
