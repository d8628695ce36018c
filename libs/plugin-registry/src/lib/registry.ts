import type { SchedulerPlugin } from '@hetsched/core';
import { DuplicateSchedulerError, InvalidSchedulerPluginError, SchedulerDisabledError, UnknownSchedulerError } from './errors.js';
import type { DiscoveryResult, LoadedPlugin, PluginSource } from './plugin-types.js';
import { validateSchedulerPlugin } from './validate-plugin.js';

/** One scheduler the registry holds: an immutable snapshot (a later `setEnabled` makes a new one). */
export interface RegisteredScheduler {
  readonly name: string;
  readonly version: string;
  readonly plugin: SchedulerPlugin;
  /** The package it was loaded from; absent for a plugin registered in code. */
  readonly source?: Readonly<PluginSource>;
  readonly enabled: boolean;
}

export interface RegisterOptions {
  /** Default: the current flag when the name is re-registered, else true. */
  enabled?: boolean;
  /**
   * Take over a name held by another package (or by a plugin registered in code). Without it that is a
   * DuplicateSchedulerError; a new load of the SAME package (an upgrade) always replaces the old one.
   */
  replace?: boolean;
}

/**
 * The loaded scheduler plugins by name, with an enabled flag each. It does no I/O: discovery and
 * `loadSchedulerPackage` load plugins, the API persists what it wants (libs/db) and sets the flags from its store.
 */
export class SchedulerRegistry {
  private readonly entries = new Map<string, RegisteredScheduler>();

  constructor(plugins: Iterable<LoadedPlugin | SchedulerPlugin> = []) {
    for (const plugin of plugins) this.register(plugin);
  }

  /** A registry holding every plugin discovery loaded (the rejected ones are the caller's to report). */
  static fromDiscovery(result: Pick<DiscoveryResult, 'plugins'>, enabled: (name: string) => boolean = () => true): SchedulerRegistry {
    const registry = new SchedulerRegistry();
    for (const plugin of result.plugins) registry.register(plugin, { enabled: enabled(plugin.name) });
    return registry;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Adds a plugin loaded from a package (a LoadedPlugin) or given in code (a SchedulerPlugin). The contract is
   * checked again either way (it is cheap and pure), so the registry never holds an invalid plugin.
   *
   * @throws InvalidSchedulerPluginError when the plugin breaks the contract
   * @throws DuplicateSchedulerError when another package already holds the name and `replace` is not set
   */
  register(plugin: LoadedPlugin | SchedulerPlugin, options: RegisterOptions = {}): RegisteredScheduler {
    const loaded = isLoadedPlugin(plugin) ? plugin : undefined;
    const instance = loaded ? loaded.plugin : (plugin as SchedulerPlugin);
    const problems = validateSchedulerPlugin(instance);
    if (problems.length > 0) throw new InvalidSchedulerPluginError(problems);
    const name = instance.metadata.name;
    const source = loaded ? sourceOf(loaded) : undefined;
    const existing = this.entries.get(name);
    if (existing && !options.replace && !(source && existing.source?.packageName === source.packageName)) {
      throw new DuplicateSchedulerError(name, existing.source?.packageName, source?.packageName);
    }
    const entry: RegisteredScheduler = Object.freeze({
      name,
      version: instance.metadata.version,
      plugin: instance,
      ...(source ? { source } : {}),
      enabled: options.enabled ?? existing?.enabled ?? true,
    });
    this.entries.set(name, entry);
    return entry;
  }

  /** Removes a scheduler; false when there was none of that name. */
  unregister(name: string): boolean {
    return this.entries.delete(name);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): RegisteredScheduler | undefined {
    return this.entries.get(name);
  }

  /**
   * The plugin to run under `name`.
   *
   * @throws UnknownSchedulerError when there is none
   * @throws SchedulerDisabledError when it is switched off
   */
  getPlugin(name: string): SchedulerPlugin {
    const entry = this.entries.get(name);
    if (!entry) throw new UnknownSchedulerError(name, this.names());
    if (!entry.enabled) throw new SchedulerDisabledError(name);
    return entry.plugin;
  }

  /** Every scheduler (or only the enabled or disabled ones), ordered by name. */
  list(filter: { enabled?: boolean } = {}): RegisteredScheduler[] {
    return [...this.entries.values()]
      .filter((entry) => filter.enabled === undefined || entry.enabled === filter.enabled)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  names(): string[] {
    return this.list().map((entry) => entry.name);
  }

  isEnabled(name: string): boolean {
    return this.entries.get(name)?.enabled ?? false;
  }

  /** @throws UnknownSchedulerError when there is no scheduler of that name */
  setEnabled(name: string, enabled: boolean): RegisteredScheduler {
    const entry = this.entries.get(name);
    if (!entry) throw new UnknownSchedulerError(name, this.names());
    const updated = Object.freeze({ ...entry, enabled });
    this.entries.set(name, updated);
    return updated;
  }
}

function isLoadedPlugin(value: LoadedPlugin | SchedulerPlugin): value is LoadedPlugin {
  return 'plugin' in value && 'packageName' in value;
}

function sourceOf(loaded: LoadedPlugin): PluginSource {
  const { packageName, packageVersion, packagePath, entry, entryPath, exportName } = loaded;
  return Object.freeze({ packageName, ...(packageVersion === undefined ? {} : { packageVersion }), packagePath, entry, entryPath, exportName });
}
