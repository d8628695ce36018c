import type { SchedulerPlugin } from '@hetsched/core';
import { heftPlugin } from '@hetsched/scheduler-heft';

/** A scheduler the API can run, with whether it may be used now. */
export interface CatalogEntry {
  plugin: SchedulerPlugin;
  enabled: boolean;
}

/**
 * Where the API finds schedulers: the run engine's registry (`DbSchedulerCatalog`: installed plugins recorded in
 * the `scheduler_plugins` table, kept in step across processes by NOTIFY), or an in-process list (tests, embedding).
 */
export interface SchedulerCatalog {
  list(): Promise<readonly CatalogEntry[]>;
  /** The entry of that name, or undefined when there is none. */
  find(name: string): Promise<CatalogEntry | undefined>;
  /** Loads an installed package by its plain npm name and records it (registerSchedulerPlugin). */
  register?(packageName: string): Promise<CatalogEntry>;
  /** Switches a scheduler on or off for every process (setSchedulerEnabled). */
  setEnabled?(name: string, enabled: boolean): Promise<CatalogEntry>;
}

/** The schedulers linked into this process, all enabled. */
export class InProcessSchedulerCatalog implements SchedulerCatalog {
  private entries: readonly CatalogEntry[];

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

  async setEnabled(name: string, enabled: boolean): Promise<CatalogEntry> {
    const entry = this.entries.find((e) => e.plugin.metadata.name === name);
    if (!entry) throw new Error(`no scheduler named "${name}" is registered`);
    const updated = { ...entry, enabled };
    this.entries = this.entries.map((e) => (e === entry ? updated : e));
    return updated;
  }
}
