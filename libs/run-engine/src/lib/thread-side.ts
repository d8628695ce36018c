// The thread side of a run's worker thread, shared by run-thread.ts, training-thread.ts and hard-instance-thread.ts:
// the message port, the AbortSignal an `abort` message fires, plugins loaded by package name, and context.artifacts
// as round trips to the parent (the thread has no database connection).
import { parentPort, workerData } from 'node:worker_threads';
import type { ArtifactSource } from '@hetsched/core';
import { loadSchedulerPackage, type LoadedPlugin } from '@hetsched/plugin-registry';
import type { ParentMessage, ThreadInput, ThreadMessage } from './thread-protocol.js';

export const input = workerData as ThreadInput;
const port = parentPort!;
const controller = new AbortController();
export const signal: AbortSignal = controller.signal;

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

export function post(message: ThreadMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

export const artifacts: ArtifactSource = {
  get(kind: string, id: string): Promise<Uint8Array | undefined> {
    return new Promise((resolve, reject) => {
      const requestId = nextRequestId++;
      pendingArtifacts.set(requestId, { resolve, reject });
      post({ type: 'artifact-request', requestId, kind: String(kind), id: String(id) });
    });
  },
};

/** The run's plugin, loaded here by its installed package name, and checked to be the scheduler the run names. */
export function loadRunPlugin(): Promise<LoadedPlugin> {
  return loadPlugin(input.packageName, input.scheduler);
}

/** A plugin loaded by its installed package name (under the run's root), checked to declare `scheduler`. */
export async function loadPlugin(packageName: string, scheduler: string): Promise<LoadedPlugin> {
  const loaded = await loadSchedulerPackage(packageName, { root: input.root });
  if (loaded.name !== scheduler) throw new Error(`package ${packageName} declares "${loaded.name}", not "${scheduler}"`);
  return loaded;
}

/** Runs the thread's work; any error goes back to the parent as an `error` message. */
export function runThread(work: () => Promise<void>): void {
  work().catch((error: unknown) => {
    post({ type: 'error', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  });
}
