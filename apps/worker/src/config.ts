import { defaultPluginRoot } from '@hetsched/plugin-registry';

/** Worker settings from the environment (docs/runs.md lists them); refuses nonsense instead of ignoring it. */
export interface WorkerConfig {
  concurrency: number | undefined;
  timeLimitMs: number | undefined;
  /** Where the plugins are installed: found as the CLI and the API find it (HETSCHED_PLUGIN_ROOT, else this install). */
  pluginRoot: string;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    concurrency: optionalPositive(env, 'HETSCHED_WORKER_CONCURRENCY'),
    timeLimitMs: optionalPositive(env, 'HETSCHED_RUN_TIME_LIMIT_MS'),
    pluginRoot: defaultPluginRoot(import.meta.url, env),
  };
}

function optionalPositive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}
