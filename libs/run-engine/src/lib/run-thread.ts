// Worker-thread entry: runs ONE scheduler run off the worker's event loop. The plugin is loaded here by its
// installed package name (never a path), the problem arrives as the store's encoded documents (transferred
// buffers, no copy), progress goes back as messages, an `abort` message fires the plugin's AbortSignal.
import { parentPort, workerData } from 'node:worker_threads';
import { compileProblem, runScheduler, type ArtifactSource, type ResolvedOptions } from '@hetsched/core';
import { decodeCluster, decodeWorkflow } from '@hetsched/codec';
import { loadSchedulerPackage } from '@hetsched/plugin-registry';
import type { ThreadInput, ThreadMessage, ParentMessage } from './thread-protocol.js';

const input = workerData as ThreadInput;
const port = parentPort!;
const controller = new AbortController();
// context.artifacts: each get() is a round trip to the parent, which reads the store (the thread has no connection).
const pendingArtifacts = new Map<number, { resolve: (data: Uint8Array | undefined) => void; reject: (error: Error) => void }>();
let nextRequestId = 1;
port.on('message', (message: ParentMessage) => {
  if (message.type === 'abort') controller.abort(new Error(message.reason));
  else if (message.type === 'artifact') {
    const pending = pendingArtifacts.get(message.requestId);
    pendingArtifacts.delete(message.requestId);
    if (message.error !== undefined) pending?.reject(new Error(`could not read the artifact: ${message.error}`));
    else pending?.resolve(message.data ?? undefined);
  }
});

const artifacts: ArtifactSource = {
  get(kind: string, id: string): Promise<Uint8Array | undefined> {
    return new Promise((resolve, reject) => {
      const requestId = nextRequestId++;
      pendingArtifacts.set(requestId, { resolve, reject });
      post({ type: 'artifact-request', requestId, kind: String(kind), id: String(id) });
    });
  },
};

function post(message: ThreadMessage): void {
  port.postMessage(message);
}

async function main(): Promise<void> {
  try {
    const loaded = await loadSchedulerPackage(input.packageName, { root: input.root });
    if (loaded.name !== input.scheduler) throw new Error(`package ${input.packageName} declares "${loaded.name}", not "${input.scheduler}"`);
    const problem = compileProblem(decodeWorkflow(input.workflow), decodeCluster(input.cluster), { trusted: true });
    const result = await runScheduler(loaded.plugin, problem, input.options as ResolvedOptions, {
      signal: controller.signal,
      reportProgress: (event) => post({ type: 'progress', event }),
      now: () => performance.now(),
      artifacts,
    });
    post({ type: 'result', result: { makespan: result.makespan, metrics: result.metrics, assignments: result.assignments, ...(result.info ? { info: result.info } : {}) } });
  } catch (error) {
    post({ type: 'error', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}

void main();
