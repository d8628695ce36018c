// The thread side of a run's worker thread: the message port, one run at a time, each with its own AbortSignal (an
// `abort` message fires it), plugins loaded by package name, and context.artifacts as round trips to the parent (the
// thread has no database connection). A thread serves run after run: a warm thread keeps its plugins imported.
import { parentPort } from 'node:worker_threads';
import type { ArtifactSource } from '@hetsched/core';
import { loadSchedulerPackage, type LoadedPlugin } from '@hetsched/plugin-registry';
import type { ParentMessage, ThreadInput, ThreadMessage } from './thread-protocol.js';

const port = parentPort!;
const pendingArtifacts = new Map<number, { resolve: (data: Uint8Array | undefined) => void; reject: (error: Error) => void }>();
let nextRequestId = 1;
let controller = new AbortController();

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

/** The current run's signal: fired by an `abort` message. */
export function runSignal(): AbortSignal {
  return controller.signal;
}

/** A plugin loaded by its installed package name (under `root`), checked to declare `scheduler`. */
export async function loadPlugin(root: string, packageName: string, scheduler: string): Promise<LoadedPlugin> {
  const loaded = await loadSchedulerPackage(packageName, { root });
  if (loaded.name !== scheduler) throw new Error(`package ${packageName} declares "${loaded.name}", not "${scheduler}"`);
  return loaded;
}

/** The run's own plugin. */
export function loadRunPlugin(input: ThreadInput): Promise<LoadedPlugin> {
  return loadPlugin(input.root, input.packageName, input.scheduler);
}

/**
 * Serves the runs the parent sends (`run` messages), one at a time, with `execute`; its errors go back as `error`
 * messages. The thread then waits for the next run (or is terminated by the parent).
 */
export function serveRuns(execute: (input: ThreadInput) => Promise<void>): void {
  port.on('message', (message: ParentMessage) => {
    switch (message.type) {
      case 'run':
        controller = new AbortController();
        execute(message.input).catch((error: unknown) => {
          post({ type: 'error', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
        });
        break;
      case 'abort':
        controller.abort(new Error(message.reason));
        break;
      case 'artifact': {
        const pending = pendingArtifacts.get(message.requestId);
        pendingArtifacts.delete(message.requestId);
        if (message.error !== undefined) pending?.reject(new Error(`could not read the artifact: ${message.error}`));
        else pending?.resolve(message.data ?? undefined);
        break;
      }
    }
  });
}
