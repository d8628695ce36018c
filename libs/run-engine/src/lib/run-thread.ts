// Worker-thread entry: serves runs off the worker's event loop, one at a time, of every kind — a schedule, a
// training or a hard-instance search — each through its plugin, loaded by its installed package name (never a
// path). Problems arrive as the codec's encoded documents (transferred buffers, no copy); progress goes back as
// messages; an `abort` message fires the run's AbortSignal. Only the codec and the plugins are loaded here: no
// Prisma, no pg.
import { decodeCluster, decodeWorkflow } from '@hetsched/codec';
import { compileProblem, runScheduler, trainingOf, type ResolvedOptions, type TrainedArtifact } from '@hetsched/core';
import { findHardInstance } from '@hetsched/hard-instances';
import type { HardInstanceThreadInput, ScheduleThreadInput, ThreadInput, TrainingThreadInput } from './thread-protocol.js';
import { artifacts, loadPlugin, loadRunPlugin, post, runSignal, serveRuns } from './thread-side.js';

async function schedule(run: ScheduleThreadInput): Promise<void> {
  const { plugin } = await loadRunPlugin(run);
  const problem = compileProblem(decodeWorkflow(run.workflow), decodeCluster(run.cluster), { trusted: true });
  const result = await runScheduler(plugin, problem, run.options as ResolvedOptions, {
    signal: runSignal(),
    reportProgress: (event) => post({ type: 'progress', event }),
    now: () => performance.now(),
    artifacts,
  });
  post({ type: 'result', result: { makespan: result.makespan, metrics: result.metrics, assignments: result.assignments, ...(result.info ? { info: result.info } : {}) } });
}

/** A copy of the artifact whose bytes can be moved to the parent without copying again. */
function transferable(artifact: TrainedArtifact): { artifact: TrainedArtifact; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(artifact.data);
  return { artifact: { ...artifact, data }, transfer: [data.buffer] };
}

/**
 * A training run through the plugin's training capability (plugin API 1.1): important progress (an epoch) is never
 * dropped by the parent's throttle, each improved artifact goes to the parent as a checkpoint, the best comes back.
 */
async function train(run: TrainingThreadInput): Promise<void> {
  const { plugin } = await loadRunPlugin(run);
  const result = await trainingOf(plugin).train(run.parameters, {
    signal: runSignal(),
    reportProgress: (event, important) => post({ type: 'progress', event, ...(important ? { important: true } : {}) }),
    now: () => performance.now(),
    checkpoint: (artifact) => {
      const moved = transferable(artifact);
      post({ type: 'checkpoint', artifact: moved.artifact }, moved.transfer);
    },
    artifacts,
  });
  const moved = result.artifact ? transferable(result.artifact) : null;
  post({ type: 'trained', result: { artifact: moved?.artifact ?? null, info: result.info } }, moved?.transfer ?? []);
}

/** A hard-instance search (docs/runs.md#hard-instance-runs): the run's plugin is the target, a second one the baseline. */
async function searchHardInstance(run: HardInstanceThreadInput): Promise<void> {
  const [target, baseline] = await Promise.all([loadRunPlugin(run), loadPlugin(run.root, run.baseline.packageName, run.baseline.scheduler)]);
  const result = await findHardInstance(
    { target: target.plugin, baseline: baseline.plugin, ...run.options },
    { signal: runSignal(), reportProgress: (event) => post({ type: 'progress', event }), now: () => performance.now() },
  );
  post({ type: 'found', result });
}

serveRuns((input: ThreadInput) => {
  switch (input.task) {
    case 'schedule':
      return schedule(input);
    case 'training':
      return train(input);
    case 'hard-instance':
      return searchHardInstance(input);
  }
});
