import type { SchedulerPluginRecord, Store, UpsertSchedulerPluginInput } from '@hetsched/db';
import type { CatalogPersistence, LoadedPlugin, StoredSchedulerState } from '@hetsched/plugin-registry';
import { CHANNELS } from './channels.js';
import { notify, type PgListener } from './pg-listener.js';

/**
 * The plugin catalog's records in the `scheduler_plugins` table, kept in step across processes: a change is
 * announced by NOTIFY on `hetsched_plugins` (payload `{"name": ...}`), and after a lost LISTEN connection every
 * record is re-read.
 */
export class DbCatalogPersistence implements CatalogPersistence {
  constructor(
    private readonly store: Pick<Store, 'plugins' | 'pool'>,
    private readonly listener?: PgListener,
  ) {}

  async record(loaded: LoadedPlugin, enabled?: boolean): Promise<void> {
    await this.store.plugins.upsert({ ...recordOf(loaded), ...(enabled === undefined ? {} : { enabled }) });
  }

  /** Every plugin found at start-up in one statement (it was one upsert each, a third of a second of start-up). */
  async recordAll(plugins: readonly LoadedPlugin[]): Promise<void> {
    await this.store.plugins.upsertMany(plugins.map(recordOf));
  }

  async list(): Promise<StoredSchedulerState[]> {
    return (await this.store.plugins.list()).map(stateOf);
  }

  async find(name: string): Promise<StoredSchedulerState | null> {
    const record = await this.store.plugins.findByName(name);
    return record ? stateOf(record) : null;
  }

  async setEnabled(name: string, enabled: boolean): Promise<StoredSchedulerState | null> {
    const record = await this.store.plugins.setEnabled(name, enabled);
    return record ? stateOf(record) : null;
  }

  announce(name: string): Promise<void> {
    return notify(this.store.pool, CHANNELS.plugins, { name });
  }

  subscribe(onChange: (name: string | null) => void): () => void {
    const listener = this.listener;
    if (!listener) return () => undefined;
    const onNotification = (channel: string, payload: string) => {
      if (channel !== CHANNELS.plugins) return;
      try {
        const { name } = JSON.parse(payload) as { name?: unknown };
        if (typeof name === 'string') onChange(name);
      } catch {
        // not a payload of ours
      }
    };
    const onReconnected = () => onChange(null);
    listener.on('notification', onNotification);
    listener.on('reconnected', onReconnected);
    return () => {
      listener.off('notification', onNotification);
      listener.off('reconnected', onReconnected);
    };
  }
}

function recordOf(loaded: LoadedPlugin): Omit<UpsertSchedulerPluginInput, 'enabled'> {
  return {
    name: loaded.name,
    version: loaded.version,
    packageName: loaded.packageName,
    description: loaded.plugin.metadata.description,
    optionsSchema: loaded.plugin.optionsSchema,
    capabilities: loaded.plugin.metadata.capabilities,
  };
}

function stateOf(record: SchedulerPluginRecord): StoredSchedulerState {
  return { name: record.name, packageName: record.packageName, enabled: record.enabled };
}
