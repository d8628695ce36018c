// Worker-thread entry: runs ONE schedule run off the worker's event loop. The plugin is loaded by its installed
// package name (never a path), the problem arrives as the codec's encoded documents (transferred buffers, no copy),
// progress goes back as messages, an `abort` message fires the plugin's AbortSignal. Only the codec and the plugin
// are loaded here: no Prisma, no pg.
import { decodeCluster, decodeWorkflow } from '@hetsched/codec';
import { compileProblem, runScheduler, type ResolvedOptions } from '@hetsched/core';
import type { ScheduleThreadInput } from './thread-protocol.js';
import { artifacts, input, loadRunPlugin, post, runThread, signal } from './thread-side.js';

runThread(async () => {
  const run = input as ScheduleThreadInput;
  const { plugin } = await loadRunPlugin();
  const problem = compileProblem(decodeWorkflow(run.workflow), decodeCluster(run.cluster), { trusted: true });
  const result = await runScheduler(plugin, problem, run.options as ResolvedOptions, {
    signal,
    reportProgress: (event) => post({ type: 'progress', event }),
    now: () => performance.now(),
    artifacts,
  });
  post({ type: 'result', result: { makespan: result.makespan, metrics: result.metrics, assignments: result.assignments, ...(result.info ? { info: result.info } : {}) } });
});
