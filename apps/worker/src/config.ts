import { defaultPluginRoot } from '@hetsched/plugin-registry';

/** Worker settings from the environment (docs/runs.md lists them); refuses nonsense instead of ignoring it. */
export interface WorkerConfig {
  concurrency: number | undefined;
  timeLimitMs: number | undefined;
  /** Where the plugins are installed: found as the CLI and the API find it (HETSCHED_PLUGIN_ROOT, else this install). */
  pluginRoot: string;
  /** The probes' and metrics' HTTP server (HETSCHED_WORKER_HOST, default 127.0.0.1; HETSCHED_WORKER_PORT, default 0: any free port). */
  healthHost: string;
  healthPort: number;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return {
    concurrency: optionalPositive(env, 'HETSCHED_WORKER_CONCURRENCY'),
    timeLimitMs: optionalPositive(env, 'HETSCHED_RUN_TIME_LIMIT_MS'),
    pluginRoot: defaultPluginRoot(import.meta.url, env),
    healthHost: env['HETSCHED_WORKER_HOST']?.trim() || '127.0.0.1',
    healthPort: port(env, 'HETSCHED_WORKER_PORT'),
  };
}

function optionalPositive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

function port(env: NodeJS.ProcessEnv, name: string): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return 0;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0-65535), got "${text}"`);
  return value;
}
