// Worker-thread entry: runs ONE hard-instance search (docs/runs.md#hard-instance-runs) off the worker's event loop.
// Both plugins are loaded by their installed package names (never a path); @hetsched/hard-instances does the search
// (each candidate compiled by core and scheduled by both plugins through runScheduler). Progress goes back as
// messages; an `abort` message (cancel, time limit) fires the signal, and the search returns its best instance so far.
import { findHardInstance } from '@hetsched/hard-instances';
import type { HardInstanceThreadInput } from './thread-protocol.js';
import { input, loadPlugin, loadRunPlugin, post, runThread, signal } from './thread-side.js';

runThread(async () => {
  const run = input as HardInstanceThreadInput;
  const [target, baseline] = await Promise.all([loadRunPlugin(), loadPlugin(run.baseline.packageName, run.baseline.scheduler)]);
  const result = await findHardInstance(
    { target: target.plugin, baseline: baseline.plugin, ...run.options },
    { signal, reportProgress: (event) => post({ type: 'progress', event }), now: () => performance.now() },
  );
  post({ type: 'found', result });
});
