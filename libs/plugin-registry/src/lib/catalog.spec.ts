import { compileProblem, runScheduler } from '@hetsched/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeRoot, pluginModule, type FakeRoot } from '../testing/fake-packages.js';
import { PluginCatalog } from './catalog.js';
import { DuplicateSchedulerError, PluginPackageNotFoundError, UnknownSchedulerError } from './errors.js';

const declared = { scheduler: './dist/index.js' };
const entry = (source: string) => ({ 'dist/index.js': source });

describe('PluginCatalog without persistence (the CLI)', () => {
  let fake: FakeRoot;
  let catalog: PluginCatalog;

  beforeAll(async () => {
    fake = await createFakeRoot([
      { name: 'alpha-plugin', hetsched: declared, files: entry(pluginModule({ name: 'alpha' })) },
      { name: '@acme/beta', hetsched: declared, files: entry(pluginModule({ name: 'beta', exportAs: { named: 'betaPlugin' } })) },
      { name: 'broken', hetsched: declared, files: entry(pluginModule({ name: 'Broken!' })) },
      // installed after the catalog opened: only register() brings it in
      { name: 'late', files: entry(pluginModule({ name: 'late' })) },
      { name: 'late-twin', hetsched: declared, files: entry(pluginModule({ name: 'alpha' })) },
    ]);
    // "late" is not declared yet when the catalog opens; it is declared before register() below.
    catalog = await PluginCatalog.open({ root: fake.root });
  });
  afterAll(() => fake.cleanup());

  it('discovers every installed plugin, enabled, with its package; the rejected ones are kept with their reason', async () => {
    const entries = await catalog.list();
    expect(entries.map((e) => [e.plugin.metadata.name, e.enabled, e.packageName])).toEqual([
      ['beta', true, '@acme/beta'],
    ]);
    expect(catalog.rejected.map((r) => [r.packageName, r.code])).toEqual([
      ['alpha-plugin', 'duplicate-name'],
      ['broken', 'invalid-plugin'],
      ['late-twin', 'duplicate-name'],
    ]);
  });

  it('finds by name and runs the plugin it holds', async () => {
    const beta = await catalog.find('beta');
    expect(beta?.packageName).toBe('@acme/beta');
    const problem = compileProblem({ tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 3 }], edges: [{ from: 'a', to: 'b' }] }, { processors: [{ id: 'p' }] });
    expect((await runScheduler(beta!.plugin, problem)).makespan).toBe(5);
    expect(await catalog.find('nope')).toBeUndefined();
  });

  it('switches a scheduler off and on in memory, and refuses an unknown name', async () => {
    expect((await catalog.setEnabled('beta', false)).enabled).toBe(false);
    expect((await catalog.find('beta'))?.enabled).toBe(false);
    expect((await catalog.setEnabled('beta', true)).enabled).toBe(true);
    await expect(catalog.setEnabled('nope', true)).rejects.toBeInstanceOf(UnknownSchedulerError);
  });

  it('registers an installed package by name, and refuses one that is not installed', async () => {
    await expect(catalog.register('not-installed')).rejects.toBeInstanceOf(PluginPackageNotFoundError);
    const catalog2 = await PluginCatalog.open({ root: fake.root, discover: false, plugins: [] });
    expect(await catalog2.list()).toEqual([]);
    const registered = await catalog2.register('@acme/beta');
    expect([registered.plugin.metadata.name, registered.enabled, registered.packageName]).toEqual(['beta', true, '@acme/beta']);
  });

  it('refuses a package whose scheduler name another package holds', async () => {
    const catalog2 = await PluginCatalog.open({ root: fake.root, discover: false });
    await catalog2.register('late-twin');
    await expect(catalog2.register('alpha-plugin')).rejects.toBeInstanceOf(DuplicateSchedulerError);
  });

  it('holds plugins handed over in code beside the installed ones', async () => {
    const inCode = (await catalog.find('beta'))!.plugin;
    const catalog2 = await PluginCatalog.open({ root: fake.root, discover: false, plugins: [{ ...inCode, metadata: { ...inCode.metadata, name: 'in-code' } }] });
    const entry = await catalog2.find('in-code');
    expect(entry?.enabled).toBe(true);
    expect(entry?.packageName).toBeUndefined();
  });
});
