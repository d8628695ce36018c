import type { SchedulerPlugin } from '@hetsched/core';
import { heftPlugin } from '@hetsched/scheduler-heft';

/** A scheduler the API can run, with whether it may be used now. */
export interface CatalogEntry {
  plugin: SchedulerPlugin;
  enabled: boolean;
}

/**
 * Where the API finds schedulers. Today an in-process list; the plugin registry (a later issue) will implement the
 * same interface from the `scheduler_plugins` table, so resolvers and RunService do not change.
 */
export interface SchedulerCatalog {
  list(): Promise<readonly CatalogEntry[]>;
  /** The entry of that name, or undefined when there is none. */
  find(name: string): Promise<CatalogEntry | undefined>;
}

/** The schedulers linked into this process, all enabled. */
export class InProcessSchedulerCatalog implements SchedulerCatalog {
  private readonly entries: readonly CatalogEntry[];

  constructor(plugins: readonly SchedulerPlugin[] = [heftPlugin]) {
    const names = new Set<string>();
    for (const plugin of plugins) {
      if (names.has(plugin.metadata.name)) throw new Error(`scheduler "${plugin.metadata.name}" is listed twice`);
      names.add(plugin.metadata.name);
    }
    this.entries = plugins.map((plugin) => ({ plugin, enabled: true }));
  }

  async list(): Promise<readonly CatalogEntry[]> {
    return this.entries;
  }

  async find(name: string): Promise<CatalogEntry | undefined> {
    return this.entries.find((entry) => entry.plugin.metadata.name === name);
  }
}
