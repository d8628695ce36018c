import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { DuplicateSchedulerError, InvalidSchedulerPluginError, SchedulerDisabledError, UnknownSchedulerError } from './errors.js';
import type { LoadedPlugin } from './plugin-types.js';
import { SchedulerRegistry } from './registry.js';

function plugin(name: string, version = '1.0.0'): SchedulerPlugin {
  return {
    metadata: { name, version, description: name, apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`, capabilities: { progress: false, cancellable: false, deterministic: true } },
    optionsSchema: { type: 'object', properties: {} },
    schedule: () => Promise.reject(new Error('not run in these tests')),
  };
}

function loaded(name: string, packageName: string, version = '1.0.0'): LoadedPlugin {
  return {
    name,
    version,
    plugin: plugin(name, version),
    packageName,
    packageVersion: version,
    packagePath: `/x/node_modules/${packageName}`,
    entry: './dist/index.js',
    entryPath: `/x/node_modules/${packageName}/dist/index.js`,
    exportName: 'default',
  };
}

describe('SchedulerRegistry', () => {
  it('holds plugins by name, listed in name order, enabled by default', () => {
    const registry = new SchedulerRegistry([loaded('zeta', 'pkg-zeta'), plugin('alpha')]);
    expect(registry.size).toBe(2);
    expect(registry.names()).toEqual(['alpha', 'zeta']);
    expect(registry.has('zeta')).toBe(true);
    expect(registry.has('beta')).toBe(false);
    expect(registry.get('zeta')).toMatchObject({ name: 'zeta', version: '1.0.0', enabled: true, source: { packageName: 'pkg-zeta', entry: './dist/index.js', exportName: 'default' } });
    expect(registry.get('alpha')?.source).toBeUndefined();
    expect(registry.getPlugin('alpha').metadata.name).toBe('alpha');
  });

  it('switches schedulers on and off from outside; a disabled one cannot be used', () => {
    const registry = new SchedulerRegistry([plugin('heft'), plugin('hybrid-ga')]);
    const before = registry.get('heft');
    expect(registry.setEnabled('heft', false)).toMatchObject({ name: 'heft', enabled: false });
    expect(before?.enabled).toBe(true); // entries are snapshots
    expect(registry.isEnabled('heft')).toBe(false);
    expect(registry.list({ enabled: true }).map((e) => e.name)).toEqual(['hybrid-ga']);
    expect(registry.list({ enabled: false }).map((e) => e.name)).toEqual(['heft']);
    expect(() => registry.getPlugin('heft')).toThrow(SchedulerDisabledError);
    registry.setEnabled('heft', true);
    expect(registry.getPlugin('heft')).toBe(registry.get('heft')?.plugin);
    expect(Object.isFrozen(registry.get('heft'))).toBe(true);
  });

  it('names the registered schedulers when asked for an unknown one', () => {
    const registry = new SchedulerRegistry([plugin('heft')]);
    expect(() => registry.getPlugin('nope')).toThrow(new UnknownSchedulerError('nope', ['heft']));
    expect(() => registry.setEnabled('nope', true)).toThrow(UnknownSchedulerError);
    expect(registry.isEnabled('nope')).toBe(false);
    expect(() => new SchedulerRegistry().getPlugin('x')).toThrow('unknown scheduler "x"; registered: (none)');
  });

  it('refuses a second package taking a name, unless told to replace it', () => {
    const registry = new SchedulerRegistry([loaded('heft', '@hetsched/scheduler-heft')]);
    const error = (() => {
      try {
        registry.register(loaded('heft', '@evil/heft'));
      } catch (e) {
        return e as DuplicateSchedulerError;
      }
      throw new Error('accepted a duplicate');
    })();
    expect(error).toBeInstanceOf(DuplicateSchedulerError);
    expect(error.message).toBe('scheduler "heft" is already registered from package "@hetsched/scheduler-heft"; package "@evil/heft" cannot take its name');
    expect(() => registry.register(plugin('heft'))).toThrow(DuplicateSchedulerError);
    expect(registry.get('heft')?.source?.packageName).toBe('@hetsched/scheduler-heft');
    registry.register(loaded('heft', '@other/heft'), { replace: true });
    expect(registry.get('heft')?.source?.packageName).toBe('@other/heft');
  });

  it('replaces a plugin loaded again from the same package (an upgrade), keeping its enabled flag', () => {
    const registry = new SchedulerRegistry([loaded('heft', '@hetsched/scheduler-heft', '1.0.0')]);
    registry.setEnabled('heft', false);
    registry.register(loaded('heft', '@hetsched/scheduler-heft', '1.1.0'));
    expect(registry.get('heft')).toMatchObject({ version: '1.1.0', enabled: false });
    registry.register(loaded('heft', '@hetsched/scheduler-heft', '1.2.0'), { enabled: true });
    expect(registry.get('heft')).toMatchObject({ version: '1.2.0', enabled: true });
  });

  it('checks the contract of every plugin it is given', () => {
    const registry = new SchedulerRegistry();
    const broken = { ...plugin('ok'), metadata: { ...plugin('ok').metadata, name: 'Not OK', apiVersion: '^9.0.0' } };
    expect(() => registry.register(broken)).toThrow(InvalidSchedulerPluginError);
    expect(() => registry.register(broken)).toThrow(/apiVersion "\^9\.0\.0" does not include .*; metadata\.name "Not OK"/);
    expect(registry.size).toBe(0);
  });

  it('unregisters', () => {
    const registry = new SchedulerRegistry([plugin('heft')]);
    expect(registry.unregister('heft')).toBe(true);
    expect(registry.unregister('heft')).toBe(false);
    expect(registry.size).toBe(0);
  });

  it('is built from a discovery result, with enabled flags from the caller (its store)', () => {
    const registry = SchedulerRegistry.fromDiscovery({ plugins: [loaded('heft', 'a'), loaded('hybrid-ga', 'b')] }, (name) => name !== 'hybrid-ga');
    expect(registry.list().map((e) => [e.name, e.enabled])).toEqual([
      ['heft', true],
      ['hybrid-ga', false],
    ]);
  });
});
