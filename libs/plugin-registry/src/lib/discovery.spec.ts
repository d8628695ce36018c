import { existsSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeRoot, markerModule, pluginModule, type FakeRoot } from '../testing/fake-packages.js';
import { discoverSchedulerPlugins, loadSchedulerPackage } from './discovery.js';
import { InvalidPackageNameError, PluginPackageNotFoundError, PluginRejectedError } from './errors.js';
import type { DiscoveryResult, RejectedPlugin } from './plugin-types.js';

const declared = { scheduler: './dist/index.js' };
const entry = (source: string) => ({ 'dist/index.js': source });
const imported = (fake: FakeRoot, name: string) => existsSync(path.join(fake.folderOf(name), 'imported.marker'));

describe('discoverSchedulerPlugins', () => {
  let fake: FakeRoot;
  let result: DiscoveryResult;
  const rejection = (packageName: string): RejectedPlugin => {
    const found = result.rejected.find((r) => r.packageName === packageName);
    if (!found) throw new Error(`${packageName} was not rejected; rejected: ${result.rejected.map((r) => r.packageName).join(', ')}`);
    return found;
  };

  beforeAll(async () => {
    fake = await createFakeRoot(
      [
      // valid ones
      { name: 'good-plugin', version: '2.0.0', hetsched: declared, files: entry(pluginModule({ name: 'good' })) },
      { name: '@acme/scheduler-fast', hetsched: declared, files: entry(pluginModule({ name: 'fast', exportAs: { named: 'fastPlugin' } })) },
      { name: '@hetsched/scheduler-linked', hetsched: { scheduler: 'lib/main.js' }, linkedFrom: 'libs/linked', files: { 'lib/main.js': pluginModule({ name: 'linked' }) } },
      { name: 'inner-link', hetsched: declared, files: { 'build/real.js': pluginModule({ name: 'inner-link' }) }, links: { 'dist/index.js': '../build/real.js' } },
      // bad ones
      { name: 'bad-name', hetsched: declared, files: entry(pluginModule({ name: 'Bad_Name' })) },
      { name: 'wrong-api', hetsched: declared, files: entry(pluginModule({ name: 'wrong-api', apiVersion: '^2.0.0' })) },
      { name: 'not-a-range', hetsched: declared, files: entry(pluginModule({ name: 'not-a-range', apiVersion: 'latest' })) },
      { name: 'empty-range', hetsched: declared, files: entry(pluginModule({ name: 'empty-range', apiVersion: '' })) },
      { name: 'bad-version', hetsched: declared, files: entry(pluginModule({ name: 'bad-version', version: '1.0' })) },
      { name: 'dup-a', hetsched: declared, files: entry(pluginModule({ name: 'twin' })) },
      { name: '@other/dup-b', hetsched: declared, files: entry(pluginModule({ name: 'twin' })) },
      {
        name: 'bad-schema',
        hetsched: declared,
        files: entry(pluginModule({ name: 'bad-schema', optionsSchema: { type: 'object', properties: { depth: { type: 'integer', default: 0, minimum: 1 } } } })),
      },
      {
        name: 'bad-bounds',
        hetsched: declared,
        files: entry(pluginModule({ name: 'bad-bounds', optionsSchema: { type: 'object', properties: { x: { type: 'number', description: 'x', minimum: 5, maximum: 1 } } } })),
      },
      {
        name: 'bad-capabilities',
        hetsched: declared,
        files: entry(pluginModule({ name: 'bad-capabilities', capabilities: { progress: false, cancelable: true, deterministic: 'yes', maxProcessors: 0 } })),
      },
      { name: 'no-schedule', hetsched: declared, files: entry(pluginModule({ name: 'no-schedule', schedule: 'schedule: 42' })) },
      { name: 'escape-dots', hetsched: { scheduler: '../good-plugin/dist/index.js' } },
      { name: 'escape-absolute', hetsched: { scheduler: '/etc/passwd' } },
      { name: 'escape-url', hetsched: { scheduler: 'file:///etc/passwd' } },
      { name: 'escape-data-url', hetsched: { scheduler: 'data:text/javascript,export default 1' } },
      { name: 'escape-link', hetsched: declared, links: { 'dist/index.js': '../../../outside/evil.js' } },
      { name: 'throws', hetsched: declared, files: entry("throw new Error('boom at import');\n") },
      { name: 'hangs', hetsched: declared, files: entry('await new Promise(() => {});\nexport default {};\n') },
      { name: 'not-built', hetsched: declared },
      { name: 'entry-is-folder', hetsched: { scheduler: './dist' }, files: { 'dist/x.js': '' } },
      { name: 'bad-declaration', hetsched: { scheduler: 42 } },
      { name: 'no-export', hetsched: declared, files: entry('export const helper = 1;\n') },
      {
        name: 'two-plugins',
        hetsched: declared,
        files: entry(pluginModule({ name: 'one', exportAs: { named: 'onePlugin' } }) + pluginModule({ name: 'two', exportAs: { named: 'twoPlugin' } })),
      },
      { name: 'broken-manifest', rawManifest: '{ "name": "broken-manifest", "hetsched": { "scheduler": ' },
      // not plugins: never imported
      { name: 'plain-lib', files: { 'index.js': markerModule() } },
      { name: 'other-field', hetsched: { somethingElse: true }, files: { 'index.js': markerModule() } },
      { name: 'broken-unrelated', rawManifest: '{ "name": ' },
      ],
      { 'evil.js': pluginModule({ name: 'evil' }) },
    );
    result = await discoverSchedulerPlugins({ root: fake.root, importTimeoutMs: 300 });
  });

  afterAll(() => fake.cleanup());

  it('loads the valid plugins: default export, named *Plugin export, scoped, linked like an npm workspace', () => {
    expect(result.plugins.map((p) => [p.packageName, p.name, p.exportName])).toEqual([
      ['@acme/scheduler-fast', 'fast', 'fastPlugin'],
      ['@hetsched/scheduler-linked', 'linked', 'default'],
      ['good-plugin', 'good', 'default'],
      ['inner-link', 'inner-link', 'default'],
    ]);
    const good = result.plugins.find((p) => p.name === 'good')!;
    expect(good).toMatchObject({ version: '1.2.3', packageVersion: '2.0.0', entry: './dist/index.js', packagePath: realpathSync(fake.folderOf('good-plugin')) });
    expect(good.entryPath).toBe(path.join(good.packagePath, 'dist', 'index.js'));
    expect(typeof good.plugin.schedule).toBe('function');
    const linked = result.plugins.find((p) => p.name === 'linked')!;
    expect(linked.packagePath).toBe(realpathSync(path.join(fake.root, 'libs/linked')));
  });

  it.each<[string, RejectedPlugin['code'], RegExp]>([
    ['bad-name', 'invalid-plugin', /metadata\.name "Bad_Name" must be lower-case words joined by dashes/],
    ['wrong-api', 'incompatible-api', /metadata\.apiVersion "\^2\.0\.0" does not include this host's plugin API 1\.1\.0/],
    ['not-a-range', 'invalid-plugin', /metadata\.apiVersion must be a semver range .* got "latest"/],
    ['empty-range', 'invalid-plugin', /metadata\.apiVersion must be a semver range .* got ""/],
    ['bad-version', 'invalid-plugin', /metadata\.version must be a semver version .* got "1\.0"/],
    ['bad-schema', 'invalid-plugin', /optionsSchema: option "depth" needs a description \(and 1 more\)/],
    ['bad-bounds', 'invalid-plugin', /optionsSchema: option "x" has minimum 5 above maximum 1/],
    ['bad-capabilities', 'invalid-plugin', /metadata\.capabilities\.cancellable must be true or false, got undefined \(and 3 more\)/],
    ['no-schedule', 'invalid-plugin', /schedule must be a function, got 42/],
    ['escape-dots', 'entry-outside-package', /entry "\.\.\/good-plugin\/dist\/index\.js" climbs out with "\.\."/],
    ['escape-absolute', 'entry-outside-package', /entry "\/etc\/passwd" is an absolute path/],
    ['escape-url', 'entry-outside-package', /is a URL or a specifier, not a path/],
    ['escape-data-url', 'entry-outside-package', /is a URL or a specifier, not a path/],
    ['escape-link', 'entry-outside-package', /entry "\.\/dist\/index\.js" is a link to .*outside.*evil\.js, outside the package folder/],
    ['throws', 'import-failed', /importing entry "\.\/dist\/index\.js" failed: boom at import/],
    ['hangs', 'import-failed', /did not finish loading within 300 ms/],
    ['not-built', 'entry-not-found', /entry "\.\/dist\/index\.js" does not exist in the package \(is the package built\?\)/],
    ['entry-is-folder', 'entry-not-found', /entry "\.\/dist" is not a file/],
    ['bad-declaration', 'invalid-declaration', /"hetsched\.scheduler" must be the path of the plugin module .* got 42/],
    ['no-export', 'no-plugin-export', /no scheduler plugin: .* \(exports: helper\)/],
    ['two-plugins', 'no-plugin-export', /several plugins \(onePlugin, twoPlugin\)/],
    ['broken-manifest', 'invalid-package-json', /package\.json cannot be read/],
  ])('rejects %s (%s)', (name, code, reason) => {
    const rejected = rejection(name);
    expect(rejected.code).toBe(code);
    expect(rejected.reason).toMatch(reason);
    expect(rejected.packagePath).toContain(name.replace('/', path.sep));
  });

  it('lists every contract problem of a rejected plugin, and the name it declared', () => {
    expect(rejection('bad-capabilities')).toMatchObject({
      schedulerName: 'bad-capabilities',
      problems: [
        'metadata.capabilities.cancellable must be true or false, got undefined',
        'metadata.capabilities.deterministic must be true or false, got "yes"',
        'metadata.capabilities.maxProcessors must be an integer >= 1 when given, got 0',
        'metadata.capabilities has unknown key "cancelable" (known: progress, cancellable, deterministic, maxProcessors)',
      ],
    });
  });

  it('keeps the error an import threw as the cause', () => {
    expect((rejection('throws').cause as Error).message).toBe('boom at import');
  });

  it('rejects both packages of a duplicate name and loads neither', () => {
    expect(rejection('dup-a')).toMatchObject({ code: 'duplicate-name', schedulerName: 'twin', reason: expect.stringContaining('also declared by package "@other/dup-b"') });
    expect(rejection('@other/dup-b')).toMatchObject({ code: 'duplicate-name', reason: expect.stringContaining('also declared by package "dup-a"') });
    expect(result.plugins.some((p) => p.name === 'twin')).toBe(false);
  });

  it('never imports a package that does not declare itself, nor reports it', () => {
    expect(imported(fake, 'plain-lib')).toBe(false);
    expect(imported(fake, 'other-field')).toBe(false);
    const mentioned = [...result.plugins, ...result.rejected].map((p) => p.packageName);
    for (const name of ['plain-lib', 'other-field', 'broken-unrelated']) expect(mentioned).not.toContain(name);
  });

  it('reports rejections ordered by package name, each with a package, a path and a reason', () => {
    const names = result.rejected.map((r) => r.packageName);
    expect(names).toEqual([...names].sort());
    for (const r of result.rejected) {
      expect(r.packageName).not.toBe('');
      expect(path.isAbsolute(r.packagePath)).toBe(true);
      expect(r.reason.length).toBeGreaterThan(10);
    }
    expect(result.rejected).toHaveLength(24); // the 22 above and both duplicates
  });

  it('finds nothing, without failing, where there is no node_modules', async () => {
    expect(await discoverSchedulerPlugins({ root: fake.outside('') })).toEqual({ plugins: [], rejected: [] });
  });
});

describe('loadSchedulerPackage', () => {
  let fake: FakeRoot;

  beforeAll(async () => {
    fake = await createFakeRoot([
      { name: 'good-plugin', hetsched: declared, files: entry(pluginModule({ name: 'good' })) },
      { name: '@acme/scheduler-fast', hetsched: declared, files: entry(pluginModule({ name: 'fast', exportAs: { named: 'fastPlugin' } })) },
      { name: 'wrong-api', hetsched: declared, files: entry(pluginModule({ name: 'wrong-api', apiVersion: '>=2' })) },
      { name: 'escape-dots', hetsched: { scheduler: './dist/../../good-plugin/dist/index.js' } },
      { name: 'plain-lib', files: { 'index.js': markerModule() } },
    ]);
  });

  afterAll(() => fake.cleanup());

  it('loads one installed package by name, scoped or not', async () => {
    expect(await loadSchedulerPackage('good-plugin', { root: fake.root })).toMatchObject({ name: 'good', packageName: 'good-plugin', exportName: 'default' });
    expect(await loadSchedulerPackage('@acme/scheduler-fast', { root: fake.root })).toMatchObject({ name: 'fast', exportName: 'fastPlugin' });
  });

  it.each([
    './good-plugin',
    '../good-plugin',
    '/tmp/good-plugin',
    'node_modules/good-plugin',
    'file:good-plugin',
    'file:///tmp/x.js',
    'https://example.com/x.js',
    'git+https://example.com/x.git',
    'good-plugin@1.0.0',
    '@acme/../good-plugin',
    '@acme/scheduler-fast/dist/index.js',
    'Good-Plugin',
    '.hidden',
    '',
    'a'.repeat(215),
  ])('refuses %j without looking anything up', async (name) => {
    await expect(loadSchedulerPackage(name, { root: fake.root })).rejects.toBeInstanceOf(InvalidPackageNameError);
  });

  it('says so when the package is not installed', async () => {
    const error = await loadSchedulerPackage('left-pad', { root: fake.root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginPackageNotFoundError);
    expect((error as Error).message).toMatch(/package "left-pad" is not installed/);
  });

  it('refuses, without importing it, a package that does not declare a scheduler', async () => {
    const error = await loadSchedulerPackage('plain-lib', { root: fake.root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginRejectedError);
    expect((error as PluginRejectedError).rejection.code).toBe('not-a-plugin');
    expect(imported(fake, 'plain-lib')).toBe(false);
  });

  it('applies the same validation as discovery', async () => {
    const wrongApi = (await loadSchedulerPackage('wrong-api', { root: fake.root }).catch((e: unknown) => e)) as PluginRejectedError;
    expect(wrongApi).toBeInstanceOf(PluginRejectedError);
    expect(wrongApi.rejection).toMatchObject({ code: 'incompatible-api', packageName: 'wrong-api' });
    expect(wrongApi.message).toMatch(/package "wrong-api" is not a usable scheduler plugin: metadata\.apiVersion ">=2" does not include/);
    expect(wrongApi.name).toBe('PluginRejectedError');
    const escape = (await loadSchedulerPackage('escape-dots', { root: fake.root }).catch((e: unknown) => e)) as PluginRejectedError;
    expect(escape.rejection.code).toBe('entry-outside-package');
  });
});
