import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerConfigFromEnv } from './config.js';

describe('workerConfigFromEnv', () => {
  it('reads the settings and refuses nonsense', () => {
    expect(workerConfigFromEnv({ HETSCHED_WORKER_CONCURRENCY: '3', HETSCHED_RUN_TIME_LIMIT_MS: '60000', HETSCHED_PLUGIN_ROOT: '/srv/app' })).toEqual({
      concurrency: 3,
      timeLimitMs: 60_000,
      pluginRoot: '/srv/app',
      healthHost: '127.0.0.1',
      healthPort: 0,
    });
    expect(workerConfigFromEnv({ HETSCHED_WORKER_HOST: '0.0.0.0', HETSCHED_WORKER_PORT: '9464' })).toMatchObject({ healthHost: '0.0.0.0', healthPort: 9464 });
    expect(() => workerConfigFromEnv({ HETSCHED_WORKER_PORT: '70000' })).toThrow(/HETSCHED_WORKER_PORT/);
    expect(workerConfigFromEnv({}).concurrency).toBeUndefined();
    // No HETSCHED_PLUGIN_ROOT: the install this worker runs from (here the workspace, whose node_modules has the plugins).
    expect(workerConfigFromEnv({}).pluginRoot).toBe(fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, ''));
    expect(() => workerConfigFromEnv({ HETSCHED_WORKER_CONCURRENCY: 'two' })).toThrow(/HETSCHED_WORKER_CONCURRENCY/);
    expect(() => workerConfigFromEnv({ HETSCHED_RUN_TIME_LIMIT_MS: '0' })).toThrow(/positive/);
  });
});
