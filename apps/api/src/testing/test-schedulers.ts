import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { heft } from '@hetsched/scheduler-heft';
import type { CatalogEntry, SchedulerCatalog } from '../schedulers/scheduler-catalog.js';

/** Real plugins that misbehave on purpose, to see what the API makes of a failing scheduler. */
function plugin(name: string, schedule: SchedulerPlugin['schedule'], optionsSchema: SchedulerPlugin['optionsSchema'] = { type: 'object', properties: {} }): SchedulerPlugin {
  return {
    metadata: {
      name,
      version: '0.0.1',
      description: `test scheduler "${name}"`,
      apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
      capabilities: { progress: false, cancellable: false, deterministic: true },
    },
    optionsSchema,
    schedule,
  };
}

export const crashingPlugin = plugin('crashing', async () => {
  throw new TypeError('boom inside the scheduler');
});

/** Puts every task on the first processor at time 0: the independent checker must refuse it. */
export const overlappingPlugin = plugin('overlapping', async (problem) => ({
  schedule: {
    processorOf: new Int32Array(problem.taskCount),
    start: new Float64Array(problem.taskCount),
    finish: new Float64Array(problem.taskCount).fill(1),
  },
}));

/** HEFT after a delay (option `delayMs`), to hold a request in flight. */
export const slowPlugin = plugin(
  'slow',
  async (problem, options) => {
    await new Promise((resolve) => setTimeout(resolve, Number(options['delayMs'])));
    return { schedule: heft(problem) };
  },
  { type: 'object', properties: { delayMs: { type: 'integer', description: 'wait this long first', default: 100, minimum: 0, maximum: 10_000 } } },
);

export const disabledPlugin = plugin('disabled', async (problem) => ({ schedule: heft(problem) }));

/** A catalog with the given plugins enabled, plus `disabled` disabled. */
export class TestCatalog implements SchedulerCatalog {
  private readonly entries: CatalogEntry[];

  constructor(plugins: readonly SchedulerPlugin[]) {
    this.entries = [...plugins.map((p) => ({ plugin: p, enabled: true })), { plugin: disabledPlugin, enabled: false }];
  }

  async list(): Promise<readonly CatalogEntry[]> {
    return this.entries;
  }

  async find(name: string): Promise<CatalogEntry | undefined> {
    return this.entries.find((e) => e.plugin.metadata.name === name);
  }
}

/** A catalog whose database is "down": every call fails with a plain Error, as a bug or outage would. */
export class BrokenCatalog implements SchedulerCatalog {
  async list(): Promise<readonly CatalogEntry[]> {
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432 (secret internal detail)');
  }

  async find(): Promise<CatalogEntry | undefined> {
    return this.list().then(() => undefined);
  }
}
