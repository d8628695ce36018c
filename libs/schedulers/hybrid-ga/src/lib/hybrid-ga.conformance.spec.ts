// The conformance suite every scheduler plugin runs (libs/testing/scheduler-conformance): valid schedules on random
// workflows, options validated, the AbortSignal honoured, progress reported, the same seed giving the same schedule.
import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';
import { hybridGaPlugin } from './plugin.js';

// A generation limit rather than a time budget keeps the determinism check independent of machine speed; one
// thread keeps the suite light on a 2-core machine (the threaded path has its own tests).
describeSchedulerConformance(hybridGaPlugin, {
  runs: 2,
  sizes: [1, 10, 40],
  options: { generations: 15, timeBudgetMs: 0, threads: 1, seed: 7 },
  cancellation: { options: { generations: 1_000_000, timeBudgetMs: 0, threads: 1 } },
});
