import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { DeepSchedError, type BackendInfo } from './types.js';

/**
 * The TensorFlow.js backend, chosen once per process.
 *
 * Order: `@tensorflow/tfjs-node-gpu` (CUDA), `@tensorflow/tfjs-node` (native CPU), then the pure JavaScript side:
 * `wasm` before `cpu`, because measured on this project's machines wasm runs this network's inference and training
 * faster (README, "Backends"). The native packages are optional dependencies that cannot install where libtensorflow
 * cannot be downloaded; a failed import is recorded in `tried` and the next one is tried.
 *
 * HETSCHED_TF_BACKEND forces one: `tensorflow-gpu` / `node-gpu`, `tensorflow` / `node`, `wasm` or `cpu`. A forced
 * backend that cannot load is an error, never a silent fallback.
 *
 * TensorFlow.js itself is imported here, on the first initBackend call, not when the package is imported: hosts
 * import every installed plugin at start, and the import takes ~0.4 s.
 */
export const BACKEND_ENV = 'HETSCHED_TF_BACKEND';

type TensorFlow = typeof import('@tensorflow/tfjs');

let tensorflow: Promise<TensorFlow> | undefined;
/** Set once TensorFlow.js is imported. */
let loadedTensorflow: TensorFlow | undefined;

/** TensorFlow.js, imported once. */
function importTensorflow(): Promise<TensorFlow> {
  tensorflow ??= import('@tensorflow/tfjs').then((tf) => (loadedTensorflow = tf));
  return tensorflow;
}

type Candidate = { name: string; load: () => Promise<string> };

let chosen: Promise<BackendInfo> | undefined;

export function initBackend(log: (line: string) => void = () => undefined): Promise<BackendInfo> {
  chosen ??= selectBackend(process.env[BACKEND_ENV]).then((info) => {
    log(`deepsched: TensorFlow.js backend "${info.name}" (${info.reason})`);
    return info;
  });
  // A failed choice (a forced backend that cannot load) is not cached: the next call reports it again.
  chosen.catch(() => (chosen = undefined));
  return chosen;
}

/** The backend in use, or undefined before initBackend resolved. */
export function currentBackend(): string | undefined {
  return chosen === undefined || loadedTensorflow === undefined ? undefined : loadedTensorflow.getBackend();
}

const CANDIDATES: Candidate[] = [
  { name: 'tensorflow-gpu', load: () => loadNative('@tensorflow/tfjs-node-gpu') },
  { name: 'tensorflow', load: () => loadNative('@tensorflow/tfjs-node') },
  { name: 'wasm', load: loadWasm },
  { name: 'cpu', load: async () => activate('cpu') },
];

const ALIASES: Record<string, string> = {
  'tensorflow-gpu': 'tensorflow-gpu',
  'node-gpu': 'tensorflow-gpu',
  gpu: 'tensorflow-gpu',
  tensorflow: 'tensorflow',
  node: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** One selection, uncached (initBackend caches it per process); `forced` is the value of HETSCHED_TF_BACKEND. */
export async function selectBackend(forced: string | undefined): Promise<BackendInfo> {
  // TensorFlow.js first, then the backend packages, which register themselves with it (the order of a static import).
  await importTensorflow();
  const tried: BackendInfo['tried'] = [];
  if (forced !== undefined && forced.trim() !== '') {
    const name = ALIASES[forced.trim().toLowerCase()];
    if (name === undefined) {
      throw new DeepSchedError(`${BACKEND_ENV}="${forced}" names no backend; use one of ${Object.keys(ALIASES).join(', ')}`);
    }
    const candidate = CANDIDATES.find((c) => c.name === name)!;
    try {
      const backend = await candidate.load();
      tried.push({ name });
      return { name: backend, reason: `forced by ${BACKEND_ENV}=${forced}`, tried };
    } catch (error) {
      throw new DeepSchedError(`${BACKEND_ENV}=${forced}: the ${name} backend cannot be loaded: ${message(error)}`, { cause: error });
    }
  }
  for (const candidate of CANDIDATES) {
    try {
      const backend = await candidate.load();
      tried.push({ name: candidate.name });
      const skipped = tried.filter((t) => t.error !== undefined).map((t) => t.name);
      const reason = skipped.length ? `first that loaded; not available: ${skipped.join(', ')}` : 'first that loaded';
      return { name: backend, reason, tried };
    } catch (error) {
      tried.push({ name: candidate.name, error: message(error) });
    }
  }
  throw new DeepSchedError(`no TensorFlow.js backend could be loaded: ${tried.map((t) => `${t.name}: ${t.error}`).join('; ')}`);
}

async function loadNative(specifier: string): Promise<string> {
  // A variable specifier, so bundlers and tsc do not insist the optional package exists.
  const moduleName: string = specifier;
  await import(moduleName);
  return activate('tensorflow');
}

async function loadWasm(): Promise<string> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Offline: the .wasm binaries ship in the package's dist folder; point the loader there instead of a CDN.
  const require = createRequire(import.meta.url);
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(dirname(main) + sep);
  return activate('wasm');
}

async function activate(name: string): Promise<string> {
  const tf = await importTensorflow();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
  return tf.getBackend();
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim().slice(0, 300);
}
