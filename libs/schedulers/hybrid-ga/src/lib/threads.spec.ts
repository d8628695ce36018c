import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSchedule, toAssignments } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { randomInstance } from '../testing/random-problem.js';
import { workerEntry } from './thread-runner.js';

// Worker threads run compiled JavaScript, so the threaded path is tested on the built package (the nx test target
// depends on this project's build). Under vitest the sources have no worker.js next to them, and the GA runs its
// jobs in the calling thread: that fallback is tested here too.
const distIndex = new URL('../../dist/index.js', import.meta.url);
const built = existsSync(fileURLToPath(distIndex));

describe('worker threads', () => {
  it('are not used from the TypeScript sources (no compiled worker next to them)', () => {
    expect(workerEntry()).toBeNull();
  });

  it('the package is built (run `nx build scheduler-hybrid-ga`; `nx test` does it first)', () => {
    expect(built).toBe(true);
  });

  it.runIf(built)('give the same schedule for the same seed whatever the thread count, and really run', async () => {
    const dist = (await import(distIndex.href)) as typeof import('../index.js');
    const { problem, workflow, cluster } = randomInstance({ tasks: 120, processors: 5, ccr: 5, seed: 13, density: 0.04 });
    const options = { population: 12, generations: 12, timeBudgetMs: 0, seed: 9 };
    const one = await dist.hybridGa(problem, { ...options, threads: 1 });
    const two = await dist.hybridGa(problem, { ...options, threads: 2 });
    const three = await dist.hybridGa(problem, { ...options, threads: 3 });
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(three.threads).toBe(3);
    for (const run of [two, three]) {
      expect(toAssignments(problem, run.schedule)).toEqual(toAssignments(problem, one.schedule));
      expect(run.decodes).toBe(one.decodes);
    }
    expect(checkSchedule(workflow, cluster, toAssignments(problem, two.schedule)).valid).toBe(true);
  });

  it.runIf(built)('stop on abort between batches and shut down', async () => {
    const dist = (await import(distIndex.href)) as typeof import('../index.js');
    const { problem } = randomInstance({ tasks: 100, processors: 4, ccr: 5, seed: 14, density: 0.04 });
    const controller = new AbortController();
    let events = 0;
    const result = await dist.hybridGa(
      problem,
      { population: 8, generations: 1_000_000, timeBudgetMs: 0, threads: 2 },
      {
        signal: controller.signal,
        now: () => performance.now(),
        reportProgress: () => {
          if (++events === 2) controller.abort();
        },
      },
    );
    expect(result.stoppedBy).toBe('signal');
    expect(result.generations).toBe(2);
    expect(result.threads).toBe(2);
  });
});
