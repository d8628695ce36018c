import type { SchedulerPlugin } from '@hetsched/core';
import { discoverSchedulerPlugins, loadSchedulerPackage } from './discovery.js';
import { DuplicateSchedulerError, UnknownSchedulerError } from './errors.js';
import type { LoadedPlugin, RejectedPlugin } from './plugin-types.js';
import { SchedulerRegistry } from './registry.js';

/** A scheduler as every host (CLI, API, worker) sees it. */
export interface CatalogEntry {
  readonly plugin: SchedulerPlugin;
  readonly enabled: boolean;
  /** The npm package it was loaded from; absent for a plugin handed over in code. */
  readonly packageName?: string;
}

/** What hosts ask of a catalog: the CLI, the API's resolvers and the workers all use this one shape. */
export interface SchedulerCatalog {
  list(): Promise<readonly CatalogEntry[]>;
  /** The entry of that name, or undefined when there is none. */
  find(name: string): Promise<CatalogEntry | undefined>;
  /** Loads an installed package by its plain npm name and adds it, enabled (registerSchedulerPlugin). */
  register(packageName: string): Promise<CatalogEntry>;
  /** Switches a scheduler on or off (for every process, when the catalog is persisted). */
  setEnabled(name: string, enabled: boolean): Promise<CatalogEntry>;
}

/** A scheduler's shared state, as a persistence keeps it. */
export interface StoredSchedulerState {
  name: string;
  packageName: string;
  enabled: boolean;
}

/**
 * Where a catalog keeps its plugins' records so that several processes agree (the database, for servers and
 * workers). A catalog without one keeps everything in memory (the CLI).
 */
export interface CatalogPersistence {
  /** Records a loaded plugin; a known one keeps its stored flag unless `enabled` is given. */
  record(plugin: LoadedPlugin, enabled?: boolean): Promise<void>;
  /**
   * Records every plugin discovery loaded, as `record` without `enabled` would, in one go (one statement for a
   * database). Optional: without it the catalog records them one `record` after the other.
   */
  recordAll?(plugins: readonly LoadedPlugin[]): Promise<void>;
  list(): Promise<StoredSchedulerState[]>;
  find(name: string): Promise<StoredSchedulerState | null>;
  setEnabled(name: string, enabled: boolean): Promise<StoredSchedulerState | null>;
  /** Tells the other processes that `name` changed. */
  announce(name: string): Promise<void>;
  /** Calls back with a name changed elsewhere, or null when everything must be re-read (a reconnect). */
  subscribe(onChange: (name: string | null) => void): () => void;
}

/** The smallest logger the catalog needs (pino's fits). */
export interface CatalogLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const quiet: CatalogLogger = { info: () => undefined, warn: () => undefined };

export interface PluginCatalogOptions {
  /** The folder whose node_modules holds the installed plugins (see defaultPluginRoot). */
  root: string;
  persistence?: CatalogPersistence;
  logger?: CatalogLogger;
  importTimeoutMs?: number;
  /** Plugins handed over in code, enabled, besides the installed ones (embedding; tests). */
  plugins?: readonly SchedulerPlugin[];
  /** Scan `<root>/node_modules` at open (default true). */
  discover?: boolean;
}

/**
 * The one list of schedulers, used alike by the CLI, the API and the workers:
 * - at open, every installed plugin under `<root>/node_modules` is discovered, validated and loaded (rejected
 *   packages are kept in `rejected` and logged one line each), and recorded in the persistence if there is one;
 * - then every recorded plugin this process has not loaded yet is loaded BY ITS PACKAGE NAME from the same
 *   node_modules (never a path), and every enabled flag is taken from the records;
 * - `register(package)` and `setEnabled(name, enabled)` change the records and announce the change; other
 *   processes re-read that record (or everything, after a reconnect) and load the package themselves.
 */
export class PluginCatalog implements SchedulerCatalog {
  private readonly registry = new SchedulerRegistry();
  private readonly packages = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  rejected: readonly RejectedPlugin[] = [];

  private constructor(private readonly options: PluginCatalogOptions) {}

  static async open(options: PluginCatalogOptions): Promise<PluginCatalog> {
    const catalog = new PluginCatalog(options);
    for (const plugin of options.plugins ?? []) catalog.registry.register(plugin, { replace: true });
    if (options.discover !== false) await catalog.discover();
    if (options.persistence) {
      catalog.unsubscribe = options.persistence.subscribe((name) => void (name === null ? catalog.syncAll() : catalog.syncOne(name)));
      await catalog.syncAll();
    }
    return catalog;
  }

  private get logger(): CatalogLogger {
    return this.options.logger ?? quiet;
  }

  private async discover(): Promise<void> {
    const { plugins, rejected } = await discoverSchedulerPlugins({ root: this.options.root, ...this.importTimeout() });
    this.rejected = rejected;
    for (const r of rejected) {
      this.logger.warn(
        { package: r.packageName, path: r.packagePath, code: r.code, problems: r.problems, scheduler: r.schedulerName },
        `scheduler plugin rejected: ${r.packageName}: ${r.code}: ${r.reason}`,
      );
    }
    for (const loaded of plugins) this.add(loaded);
    await this.recordDiscovered(plugins);
    this.logger.info({ schedulers: plugins.map((p) => `${p.name}@${p.version} (${p.packageName})`), rejected: rejected.length }, 'scheduler plugins discovered');
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  async list(): Promise<readonly CatalogEntry[]> {
    return this.registry.list().map((entry) => this.entryOf(entry.name)!);
  }

  /**
   * With a persistence, a name this process does not know is read from it first: a scheduler another process has
   * just registered reaches this one by an announcement and a package import, both asynchronous, and a worker may
   * claim a run of it before they are done (it failed such runs as "not installed").
   */
  async find(name: string): Promise<CatalogEntry | undefined> {
    if (!this.registry.has(name) && this.options.persistence) await this.syncOne(name);
    return this.entryOf(name);
  }

  /**
   * Loads an INSTALLED package by its plain npm name (loadSchedulerPackage refuses paths, URLs and versions),
   * records it enabled, and tells every other process. Throws the registry's errors (invalid name, not installed,
   * rejected, name held by another package).
   */
  async register(packageName: string): Promise<CatalogEntry> {
    const loaded = await loadSchedulerPackage(packageName, { root: this.options.root, ...this.importTimeout() });
    const holder = this.packages.get(loaded.name);
    if ((holder !== undefined && holder !== loaded.packageName) || (holder === undefined && this.registry.has(loaded.name))) {
      throw new DuplicateSchedulerError(loaded.name, holder, loaded.packageName);
    }
    this.add(loaded, true);
    await this.record(loaded, true);
    await this.options.persistence?.announce(loaded.name);
    this.logger.info({ scheduler: loaded.name, version: loaded.version, package: packageName }, 'scheduler plugin registered');
    return this.entryOf(loaded.name)!;
  }

  /** @throws UnknownSchedulerError when no scheduler of that name is known */
  async setEnabled(name: string, enabled: boolean): Promise<CatalogEntry> {
    const persistence = this.options.persistence;
    if (persistence && this.packages.has(name)) {
      const record = await persistence.setEnabled(name, enabled);
      if (!record) throw new UnknownSchedulerError(name, this.registry.names());
      await this.apply(record);
      await persistence.announce(name);
    } else {
      this.registry.setEnabled(name, enabled);
    }
    this.logger.info({ scheduler: name, enabled }, enabled ? 'scheduler enabled' : 'scheduler disabled');
    return this.entryOf(name)!;
  }

  /** Re-reads one record (after a change announced by another process). */
  async syncOne(name: string): Promise<void> {
    try {
      const record = await this.options.persistence?.find(name);
      if (record) await this.apply(record);
      else if (this.packages.has(name)) this.registry.setEnabled(name, false);
    } catch (error) {
      this.logger.warn({ err: error, scheduler: name }, 'could not apply a scheduler registry change');
    }
  }

  async syncAll(): Promise<void> {
    try {
      for (const record of (await this.options.persistence?.list()) ?? []) await this.apply(record);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the scheduler registry');
    }
  }

  private entryOf(name: string): CatalogEntry | undefined {
    const entry = this.registry.get(name);
    if (!entry) return undefined;
    const packageName = this.packages.get(name);
    return { plugin: entry.plugin, enabled: entry.enabled, ...(packageName === undefined ? {} : { packageName }) };
  }

  private async apply(record: StoredSchedulerState): Promise<void> {
    if (!this.registry.has(record.name) || this.packages.get(record.name) !== record.packageName) {
      try {
        const loaded = await loadSchedulerPackage(record.packageName, { root: this.options.root, ...this.importTimeout() });
        if (loaded.name !== record.name) throw new Error(`package ${record.packageName} now declares "${loaded.name}", not "${record.name}"`);
        this.add(loaded, record.enabled);
      } catch (error) {
        this.logger.warn(
          { err: error, scheduler: record.name, package: record.packageName },
          `scheduler "${record.name}" is registered but cannot be loaded in this process (package ${record.packageName} not installed here?)`,
        );
        return;
      }
    }
    this.registry.setEnabled(record.name, record.enabled);
  }

  private add(loaded: LoadedPlugin, enabled?: boolean): void {
    this.registry.register(loaded, { replace: true, ...(enabled === undefined ? {} : { enabled }) });
    this.packages.set(loaded.name, loaded.packageName);
  }

  private async record(loaded: LoadedPlugin, enabled?: boolean): Promise<void> {
    const persistence = this.options.persistence;
    if (!persistence) return;
    try {
      await persistence.record(loaded, enabled);
    } catch {
      // Two processes starting at once may race on the same new record: the second try updates it.
      await persistence.record(loaded, enabled);
    }
  }

  /** At start-up: all discovered plugins in one statement when the persistence can, else one record each at once. */
  private async recordDiscovered(plugins: readonly LoadedPlugin[]): Promise<void> {
    const persistence = this.options.persistence;
    if (!persistence || plugins.length === 0) return;
    if (!persistence.recordAll) {
      // One after the other: at once they would open a connection each (an authentication handshake apiece) and
      // compete with the start-up for the same CPU (measured: slower).
      for (const loaded of plugins) await this.record(loaded);
      return;
    }
    try {
      await persistence.recordAll(plugins);
    } catch {
      // As in record(): another process inserting the same new records meanwhile; the second try updates them.
      await persistence.recordAll(plugins);
    }
  }

  private importTimeout(): { importTimeoutMs?: number } {
    return this.options.importTimeoutMs === undefined ? {} : { importTimeoutMs: this.options.importTimeoutMs };
  }
}
