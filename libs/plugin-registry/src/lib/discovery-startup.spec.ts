// The start-up paths of discovery: manifests read without promises (and only parsed when they can declare a plugin),
// plugins imported together, a scan started ahead (prefetchSchedulerPlugins), and the catalog recording every
// discovered plugin in one call when its persistence can.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeRoot, markerModule, pluginModule, type FakeRoot } from '../testing/fake-packages.js';
import { PluginCatalog, type CatalogPersistence, type StoredSchedulerState } from './catalog.js';
import { discoverSchedulerPlugins, prefetchSchedulerPlugins } from './discovery.js';
import type { LoadedPlugin } from './plugin-types.js';

const declared = { scheduler: './dist/index.js' };
const entry = (source: string) => ({ 'dist/index.js': source });
const summary = (plugins: readonly LoadedPlugin[]) => plugins.map((p) => [p.packageName, p.name]);

describe('discovery of many packages', () => {
  let fake: FakeRoot;

  beforeAll(async () => {
    // 60 ordinary packages around 12 plugins.
    const ordinary = Array.from({ length: 60 }, (_, i) => ({ name: `lib-${String(i).padStart(2, '0')}`, files: { 'index.js': markerModule() } }));
    const plugins = Array.from({ length: 12 }, (_, i) => ({ name: `@p/plugin-${String(i).padStart(2, '0')}`, hetsched: declared, files: entry(pluginModule({ name: `plugin-${i}` })) }));
    fake = await createFakeRoot([
      ...ordinary,
      ...plugins,
      // The key spelled with an escape ("\u0068etsched" is "hetsched"): the text never contains the word, yet it declares.
      { name: 'escaped-key', rawManifest: '{ "name": "escaped-key", "version": "1.0.0", "type": "module", "\\u0068etsched": { "scheduler": "./dist/index.js" } }', files: entry(pluginModule({ name: 'escaped' })) },
      // Mentions hetsched only in its description: parsed, but declares nothing, so it is neither imported nor reported.
      { name: 'mentions-only', rawManifest: '{ "name": "mentions-only", "description": "works with hetsched", "main": "index.js" }', files: { 'index.js': markerModule() } },
    ]);
  });
  afterAll(() => fake.cleanup());

  it('loads every plugin in package-name order and nothing else', async () => {
    const result = await discoverSchedulerPlugins({ root: fake.root });
    // By hand: the 12 scoped plugins sort first ("@" < letters), then "escaped-key"; the 60 libs and
    // "mentions-only" declare nothing.
    const expected = [...Array.from({ length: 12 }, (_, i) => [`@p/plugin-${String(i).padStart(2, '0')}`, `plugin-${i}`]), ['escaped-key', 'escaped']];
    expect(summary(result.plugins)).toEqual(expected);
    expect(result.rejected).toEqual([]);
  });
});

describe('prefetchSchedulerPlugins', () => {
  let fake: FakeRoot;

  beforeAll(async () => {
    // "first" leaves a marker when imported: by then the prefetched scan has listed node_modules.
    fake = await createFakeRoot([{ name: 'first', hetsched: declared, files: entry(markerModule() + pluginModule({ name: 'first' })) }]);
  });
  afterAll(() => fake.cleanup());

  const install = async (name: string) => {
    const folder = path.join(fake.root, 'node_modules', name);
    await mkdir(path.join(folder, 'dist'), { recursive: true });
    await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', hetsched: declared }));
    await writeFile(path.join(folder, 'dist', 'index.js'), pluginModule({ name }));
  };

  it('hands the scan it started to the next discovery of that root, once; later discoveries scan again', async () => {
    prefetchSchedulerPlugins({ root: fake.root });
    // Wait (no time limit but the test's) until the prefetched scan imports "first": it has listed the folder.
    while (!existsSync(path.join(fake.folderOf('first'), 'dist', 'imported.marker'))) await new Promise((resolve) => setTimeout(resolve, 5));
    await install('second');
    // The discovery takes the prefetched scan over, which listed node_modules before "second" was there...
    const taken = await discoverSchedulerPlugins({ root: fake.root });
    expect(summary(taken.plugins)).toEqual([['first', 'first']]);
    // ...and the next one scans again.
    const again = await discoverSchedulerPlugins({ root: fake.root });
    expect(summary(again.plugins)).toEqual([
      ['first', 'first'],
      ['second', 'second'],
    ]);
  });

  it('is not used for another root or another import timeout', async () => {
    const other = await createFakeRoot([{ name: 'other', hetsched: declared, files: entry(pluginModule({ name: 'other' })) }]);
    try {
      prefetchSchedulerPlugins({ root: other.root, importTimeoutMs: 1234 });
      expect(summary((await discoverSchedulerPlugins({ root: fake.root })).plugins).map(([, name]) => name)).not.toContain('other');
      // Same root, default timeout: not the prefetched scan, but an equal fresh one.
      expect(summary((await discoverSchedulerPlugins({ root: other.root })).plugins)).toEqual([['other', 'other']]);
      // The prefetched one is still there for its own key, and taken once.
      expect(summary((await discoverSchedulerPlugins({ root: other.root, importTimeoutMs: 1234 })).plugins)).toEqual([['other', 'other']]);
    } finally {
      await other.cleanup();
    }
  });
});

describe('PluginCatalog recording at open', () => {
  let fake: FakeRoot;

  beforeAll(async () => {
    fake = await createFakeRoot([
      { name: 'alpha-plugin', hetsched: declared, files: entry(pluginModule({ name: 'alpha' })) },
      { name: 'beta-plugin', hetsched: declared, files: entry(pluginModule({ name: 'beta' })) },
    ]);
  });
  afterAll(() => fake.cleanup());

  /** An in-memory persistence that counts how it was called. */
  const memory = (withRecordAll: boolean) => {
    const rows = new Map<string, StoredSchedulerState>();
    const calls: string[] = [];
    const put = (plugin: LoadedPlugin, enabled?: boolean) =>
      rows.set(plugin.name, { name: plugin.name, packageName: plugin.packageName, enabled: enabled ?? rows.get(plugin.name)?.enabled ?? true });
    const persistence: CatalogPersistence = {
      record: async (plugin, enabled) => {
        calls.push(`record ${plugin.name}`);
        put(plugin, enabled);
      },
      list: async () => [...rows.values()],
      find: async (name) => rows.get(name) ?? null,
      setEnabled: async (name, enabled) => {
        const row = rows.get(name);
        if (!row) return null;
        rows.set(name, { ...row, enabled });
        return rows.get(name)!;
      },
      announce: async () => undefined,
      subscribe: () => () => undefined,
      ...(withRecordAll
        ? {
            recordAll: async (plugins: readonly LoadedPlugin[]) => {
              calls.push(`recordAll ${plugins.map((p) => p.name).join(',')}`);
              for (const plugin of plugins) put(plugin);
            },
          }
        : {}),
    };
    return { persistence, calls, rows };
  };

  it('records every discovered plugin in one recordAll call when the persistence has it, keeping stored flags', async () => {
    const { persistence, calls, rows } = memory(true);
    rows.set('beta', { name: 'beta', packageName: 'beta-plugin', enabled: false });
    const catalog = await PluginCatalog.open({ root: fake.root, persistence });
    expect(calls).toEqual(['recordAll alpha,beta']);
    expect((await catalog.list()).map((e) => [e.plugin.metadata.name, e.enabled])).toEqual([
      ['alpha', true],
      ['beta', false],
    ]);
    catalog.close();
  });

  it('records them one by one without recordAll', async () => {
    const { persistence, calls } = memory(false);
    const catalog = await PluginCatalog.open({ root: fake.root, persistence });
    expect(calls).toEqual(['record alpha', 'record beta']);
    catalog.close();
  });
});
