import { compileProblem, runScheduler } from '@hetsched/core';
// The conformance suite is test support: a scheduler's specs may use it, its sources may not (docs/plugins.md).
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { describe, expect, it } from 'vitest';
import { lookaheadHeftPlugin, scheduleLookaheadHeft } from './lookahead-heft.js';

// Valid schedules on random problems, options, and every capability the metadata declares.
describeSchedulerConformance(lookaheadHeftPlugin);

describe('lookahead-heft', () => {
  // Four independent tasks of equal rank: priority order is input order.
  const problem = compileProblem(
    { tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, work: 2 })), edges: [] },
    { processors: [{ id: 'p' }, { id: 'q' }] },
  );

  it('round-robin puts consecutive tasks on consecutive processors', () => {
    expect(Array.from(scheduleLookaheadHeft(problem, { processorChoice: 'round-robin' }).processorOf)).toEqual([0, 1, 0, 1]);
  });

  it('earliest-finish (the default) balances independent tasks', async () => {
    const run = await runScheduler(lookaheadHeftPlugin, problem);
    expect(run).toMatchObject({ scheduler: 'lookahead-heft', makespan: 4, options: { processorChoice: 'earliest-finish' } });
  });
});
