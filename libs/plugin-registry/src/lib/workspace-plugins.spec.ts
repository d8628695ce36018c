import { compileProblem, runScheduler } from '@hetsched/core';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverSchedulerPlugins, loadSchedulerPackage } from './discovery.js';
import { SchedulerRegistry } from './registry.js';

// The real workspace: npm links every lib into node_modules/@hetsched/*, and scheduler libs declare themselves.
// HEFT's declared entry is its build output. HEFT cannot be a dependency of this lib (every scheduler's specs use
// the conformance suite, which uses this lib: that would be a cycle), so Nx does not build it first: either it is
// built and loads, or it is refused for exactly one reason, the missing build.
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const heftFolder = realpathSync(fileURLToPath(new URL('../../../schedulers/heft/', import.meta.url)));
const heftBuilt = existsSync(path.join(heftFolder, 'dist', 'index.js'));

describe('the workspace plugins', () => {
  it('discovery finds HEFT through its workspace link, and nothing but scheduler packages', async () => {
    const { plugins, rejected } = await discoverSchedulerPlugins({ root: workspaceRoot });
    const heft = plugins.find((p) => p.packageName === '@hetsched/scheduler-heft');
    const heftRejected = rejected.find((r) => r.packageName === '@hetsched/scheduler-heft');
    if (heftBuilt) {
      expect(heft).toMatchObject({ name: 'heft', packagePath: heftFolder, entry: './dist/index.js', exportName: 'default' });
      expect(heftRejected).toBeUndefined();
    } else {
      expect(heftRejected).toMatchObject({ code: 'entry-not-found', packagePath: heftFolder });
    }
    // Ordinary libs (core, formats, db, this one...) never appear: they do not declare a scheduler.
    for (const p of [...plugins, ...rejected]) expect(p.packageName).toMatch(/scheduler/);
  }, 60_000); // it imports every installed plugin: seconds on a loaded machine

  it.skipIf(!heftBuilt)('loads HEFT by package name and runs it through the registry (needs `nx build scheduler-heft`)', async () => {
    const registry = new SchedulerRegistry([await loadSchedulerPackage('@hetsched/scheduler-heft', { root: workspaceRoot })]);
    const problem = compileProblem(
      { tasks: [{ id: 'a', work: 2 }, { id: 'b', work: 3 }, { id: 'c', work: 1 }], edges: [{ from: 'a', to: 'c', data: 1 }, { from: 'b', to: 'c', data: 1 }] },
      { processors: [{ id: 'p' }, { id: 'q' }] },
    );
    const run = await runScheduler(registry.getPlugin('heft'), problem);
    expect(run).toMatchObject({ scheduler: 'heft', makespan: 4 }); // b on one processor, a on the other, c after b: 3 + 1
  }, 60_000);
});
