// Worker-thread entry: runs ONE training run off the worker's event loop through the plugin's training capability
// (plugin API 1.1): whatever scheduler it is, it reports progress (important events, one per epoch or equivalent,
// are never dropped by the parent's throttle), hands each improved artifact to the parent as a checkpoint, and
// returns the best. An `abort` message (cancel, time limit) fires the signal; the plugin stops soon and returns its
// best so far.
import { trainingOf, type TrainedArtifact } from '@hetsched/core';
import type { TrainingThreadInput } from './thread-protocol.js';
import { artifacts, input, loadRunPlugin, post, runThread, signal } from './thread-side.js';

/** A copy of the artifact whose bytes can be moved to the parent without copying again. */
function transferable(artifact: TrainedArtifact): { artifact: TrainedArtifact; transfer: ArrayBuffer[] } {
  const data = new Uint8Array(artifact.data);
  return { artifact: { ...artifact, data }, transfer: [data.buffer] };
}

runThread(async () => {
  const run = input as TrainingThreadInput;
  const { plugin } = await loadRunPlugin();
  const training = trainingOf(plugin);
  const result = await training.train(run.parameters, {
    signal,
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
});
