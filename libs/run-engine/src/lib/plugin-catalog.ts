import type { SchedulerPlugin } from '@hetsched/core';
import type { SchedulerPluginRecord, Store } from '@hetsched/db';
import { discoverSchedulerPlugins, DuplicateSchedulerError, loadSchedulerPackage, SchedulerRegistry, type LoadedPlugin } from '@hetsched/plugin-registry';
import { CHANNELS, type EngineLogger } from './channels.js';
import { notify, type PgListener } from './pg-listener.js';

/** A scheduler this process can run, with whether it may be used now (the API's SchedulerCatalog entry). */
export interface CatalogEntry {
  plugin: SchedulerPlugin;
  enabled: boolean;
  /** The npm package it was loaded from. */
  packageName: string;
}

export class UnknownPluginError extends Error {
  constructor(name: string) {
    super(`no scheduler named "${name}" is registered`);
    this.name = 'UnknownPluginError';
  }
}

/**
 * The scheduler registry of one process, kept in step with the `scheduler_plugins` table:
 * - at start, every installed plugin under `<root>/node_modules` is discovered, loaded and recorded (name, version,
 *   package, options schema; a known plugin keeps its enabled flag); rejected packages are logged, one line each;
 * - then every recorded plugin this process has not loaded yet is loaded BY ITS PACKAGE NAME from the same
 *   node_modules (never from a path), and every flag is taken from the table;
 * - `register(package)` and `setEnabled(name, enabled)` change the table and NOTIFY `hetsched_plugins`; every
 *   other process re-reads that record and loads the package itself. After a lost listener connection the whole
 *   table is re-read.
 */
export class DbSchedulerCatalog {
  private readonly registry = new SchedulerRegistry();
  private readonly packages = new Map<string, string>();
  private readonly onNotification = (channel: string, payload: string) => {
    if (channel !== CHANNELS.plugins) return;
    let name: unknown;
    try {
      name = (JSON.parse(payload) as { name?: unknown }).name;
    } catch {
      return;
    }
    if (typeof name === 'string') void this.syncOne(name);
  };
  private readonly onReconnected = () => void this.syncAll();

  constructor(
    private readonly store: Store,
    private readonly root: string,
    private readonly logger: EngineLogger,
    private readonly listener?: PgListener,
  ) {}

  async start(): Promise<void> {
    const { plugins, rejected } = await discoverSchedulerPlugins({ root: this.root });
    for (const r of rejected) {
      this.logger.warn(
        { package: r.packageName, path: r.packagePath, code: r.code, problems: r.problems, scheduler: r.schedulerName },
        `scheduler plugin rejected: ${r.packageName}: ${r.code}: ${r.reason}`,
      );
    }
    for (const loaded of plugins) {
      this.add(loaded);
      await this.record(loaded);
    }
    this.logger.info({ schedulers: plugins.map((p) => `${p.name}@${p.version} (${p.packageName})`), rejected: rejected.length }, 'scheduler plugins discovered');
    this.listener?.on('notification', this.onNotification);
    this.listener?.on('reconnected', this.onReconnected);
    await this.syncAll();
  }

  stop(): void {
    this.listener?.off('notification', this.onNotification);
    this.listener?.off('reconnected', this.onReconnected);
  }

  async list(): Promise<readonly CatalogEntry[]> {
    return this.registry.list().map((entry) => ({ plugin: entry.plugin, enabled: entry.enabled, packageName: this.packages.get(entry.name)! }));
  }

  async find(name: string): Promise<CatalogEntry | undefined> {
    const entry = this.registry.get(name);
    return entry ? { plugin: entry.plugin, enabled: entry.enabled, packageName: this.packages.get(name)! } : undefined;
  }

  /**
   * Loads an INSTALLED package by its plain npm name (loadSchedulerPackage refuses paths, URLs and versions),
   * records it enabled, and tells every other process. Throws the registry's errors (invalid name, not installed,
   * rejected, name held by another package).
   */
  async register(packageName: string): Promise<CatalogEntry> {
    const loaded = await loadSchedulerPackage(packageName, { root: this.root });
    const holder = this.packages.get(loaded.name);
    if (holder !== undefined && holder !== loaded.packageName) {
      throw new DuplicateSchedulerError(loaded.name, holder, loaded.packageName);
    }
    this.add(loaded, true);
    await this.record(loaded, true);
    await notify(this.store.pool, CHANNELS.plugins, { name: loaded.name });
    this.logger.info({ scheduler: loaded.name, version: loaded.version, package: packageName }, 'scheduler plugin registered');
    return (await this.find(loaded.name))!;
  }

  async setEnabled(name: string, enabled: boolean): Promise<CatalogEntry> {
    const record = await this.store.plugins.setEnabled(name, enabled);
    if (!record) throw new UnknownPluginError(name);
    await this.apply(record);
    await notify(this.store.pool, CHANNELS.plugins, { name });
    this.logger.info({ scheduler: name, enabled }, enabled ? 'scheduler enabled' : 'scheduler disabled');
    const entry = await this.find(name);
    if (!entry) throw new UnknownPluginError(name);
    return entry;
  }

  /** Re-reads one record (after a notification). */
  async syncOne(name: string): Promise<void> {
    try {
      const record = await this.store.plugins.findByName(name);
      if (record) await this.apply(record);
      else if (this.registry.has(name)) this.registry.setEnabled(name, false);
    } catch (error) {
      this.logger.warn({ err: error, scheduler: name }, 'could not apply a scheduler registry change');
    }
  }

  async syncAll(): Promise<void> {
    try {
      for (const record of await this.store.plugins.list()) await this.apply(record);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the scheduler registry');
    }
  }

  private async apply(record: SchedulerPluginRecord): Promise<void> {
    const known = this.registry.get(record.name);
    if (!known || this.packages.get(record.name) !== record.packageName) {
      try {
        const loaded = await loadSchedulerPackage(record.packageName, { root: this.root });
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
    const input = {
      name: loaded.name,
      version: loaded.version,
      packageName: loaded.packageName,
      description: loaded.plugin.metadata.description,
      optionsSchema: loaded.plugin.optionsSchema,
      capabilities: loaded.plugin.metadata.capabilities,
      ...(enabled === undefined ? {} : { enabled }),
    };
    try {
      await this.store.plugins.upsert(input);
    } catch {
      // Two processes starting at once may race on the same new row: the second try updates it.
      await this.store.plugins.upsert(input);
    }
  }
}
