import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStore, type Store } from '@hetsched/db';
import { createTestDatabase, type TestDatabase } from '@hetsched/db/testing';
import { PluginCatalog } from '@hetsched/plugin-registry';
import { createPluginRoot, pluginModule, type FakeRoot } from '@hetsched/plugin-registry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbCatalogPersistence } from './plugin-catalog.js';

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the plugin catalog shared through the database', () => {
  let db: TestDatabase;
  let store: Store;
  let root: FakeRoot;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createStore(db.connectionString, { max: 3 });
    root = await createPluginRoot({ workspaceRoot, link: ['@hetsched/core'] });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
    await root?.cleanup();
  });

  it("finds a scheduler another process registered before that process's announcement arrives", async () => {
    // No LISTEN connection: this catalog hears no announcement, as a worker that claims a run of a scheduler
    // registered a moment ago has not heard it yet.
    const late = await PluginCatalog.open({ root: root.root, persistence: new DbCatalogPersistence(store) });
    expect(await late.find('newcomer')).toBeUndefined();

    // Installed after both started; registered through the other process.
    const folder = path.join(root.root, 'node_modules', 'hetsched-newcomer');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name: 'hetsched-newcomer', version: '1.0.0', type: 'module', hetsched: { scheduler: './index.js' } }));
    await writeFile(path.join(folder, 'index.js'), pluginModule({ name: 'newcomer' }));
    const registrar = await PluginCatalog.open({ root: root.root, persistence: new DbCatalogPersistence(store) });
    expect((await registrar.register('hetsched-newcomer')).enabled).toBe(true);

    const found = await late.find('newcomer');
    expect(found).toMatchObject({ enabled: true, packageName: 'hetsched-newcomer' });
    expect(found?.plugin.metadata.name).toBe('newcomer');
    // A name nobody registered is still unknown.
    expect(await late.find('nobody')).toBeUndefined();
    late.close();
    registrar.close();
  });
});
