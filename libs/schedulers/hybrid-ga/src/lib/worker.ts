// Worker-thread entry: runs the GA's jobs on the pool it shares with the main thread. Loaded as compiled
// JavaScript (dist/lib/worker.js) by ThreadRunner; never imported.
import { parentPort, workerData } from 'node:worker_threads';
import { Evaluator } from './evaluator.js';
import { IndividualPool } from './individual-pool.js';
import type { WorkerSetup } from './thread-runner.js';

const setup = workerData as WorkerSetup;
const stop = new Int32Array(setup.stop);
const evaluator = new Evaluator(setup.problem, IndividualPool.attach(setup.pool), setup.settings, () => Atomics.load(stop, 0) === 1);
const jobs = new Float64Array(setup.jobs);
const nextJob = new Int32Array(setup.nextJob);
const port = parentPort!;

// Jobs are taken from a shared counter, so a thread that drew short jobs takes more; which thread runs a job
// does not matter, its result depends only on its parents and its seed.
port.on('message', (count: number) => {
  try {
    for (;;) {
      const i = Atomics.add(nextJob, 0, 1);
      if (i >= count) break;
      evaluator.run(jobs, i);
    }
    port.postMessage({ decodes: evaluator.decoder.decodes });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
