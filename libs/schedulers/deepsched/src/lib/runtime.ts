import { initBackend } from './backend.js';

/** The TensorFlow.js side of the library (tf-modules.ts). */
export type Runtime = typeof import('./tf-modules.js');

let runtime: Promise<Runtime> | undefined;
let loaded: Runtime | undefined;

/**
 * The TensorFlow.js side of the library, imported on first use after the backend is chosen (so TensorFlow.js never
 * picks its own default first). Importing the package costs no TensorFlow.js; the first model to be loaded, trained
 * or run pays it once (~0.4 s).
 */
export async function loadRuntime(): Promise<Runtime> {
  await initBackend();
  runtime ??= import('./tf-modules.js').then((module) => (loaded = module));
  return runtime;
}

/**
 * The runtime if it is loaded, else undefined. A model object exists only once it is, so the synchronous calls that
 * take a model (serializeModel) read it from here.
 */
export function loadedRuntime(): Runtime | undefined {
  return loaded;
}
