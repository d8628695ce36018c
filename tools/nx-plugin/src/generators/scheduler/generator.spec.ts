import { SCHEDULER_NAME_PATTERN as CORE_NAME_PATTERN } from '@hetsched/core';
import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import schedulerGenerator, { SCHEDULER_NAME_PATTERN, SchedulerGeneratorError } from './generator.js';

const workspaceFile = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../../${path}`, import.meta.url)), 'utf8');
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('./schema.json', import.meta.url)), 'utf8')) as { properties: { name: { pattern: string } } };

describe('scheduler generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', files: [], references: [{ path: './libs/core' }] }, null, 2));
    tree.write('libs/schedulers/heft/package.json', JSON.stringify({ name: '@hetsched/scheduler-heft', nx: { name: 'scheduler-heft' } }));
  });

  const read = (path: string) => {
    const text = tree.read(path, 'utf-8');
    if (text === null) throw new Error(`${path} was not generated`);
    return text;
  };

  it('scaffolds libs/schedulers/<name> with every file', async () => {
    await schedulerGenerator(tree, { name: 'my-sched' });
    const files = tree.listChanges().map((c) => c.path).filter((p) => p.startsWith('libs/schedulers/my-sched/')).sort();
    expect(files).toEqual(
      [
        'README.md',
        'package.json',
        'src/index.ts',
        'src/lib/my-sched.spec.ts',
        'src/lib/my-sched.ts',
        'tsconfig.json',
        'tsconfig.lib.json',
        'tsconfig.spec.json',
        'vitest.config.ts',
      ].map((f) => `libs/schedulers/my-sched/${f}`),
    );
  });

  it('writes a package that declares itself a scheduler plugin, with the source export condition and Nx tags', async () => {
    await schedulerGenerator(tree, { name: 'my-sched', description: 'It\'s "fast", really' });
    expect(readJson(tree, 'libs/schedulers/my-sched/package.json')).toEqual({
      name: '@hetsched/scheduler-my-sched',
      version: '0.1.0',
      private: true,
      description: 'It\'s "fast", really',
      type: 'module',
      main: './dist/index.js',
      types: './dist/index.d.ts',
      exports: {
        '.': { '@hetsched/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' },
        './package.json': './package.json',
      },
      hetsched: { scheduler: './dist/index.js' },
      dependencies: { '@hetsched/core': '*' },
      nx: { name: 'scheduler-my-sched', tags: ['type:scheduler'] },
    });
    expect(read('libs/schedulers/my-sched/src/lib/my-sched.ts')).toContain(`description: 'It\\'s "fast", really',`);
  });

  it('copies the tsconfig and vitest files of HEFT exactly (vitest under its own project name)', async () => {
    await schedulerGenerator(tree, { name: 'my-sched' });
    for (const file of ['tsconfig.json', 'tsconfig.lib.json', 'tsconfig.spec.json']) {
      expect(read(`libs/schedulers/my-sched/${file}`)).toBe(workspaceFile(`libs/schedulers/heft/${file}`));
    }
    expect(read('libs/schedulers/my-sched/vitest.config.ts')).toBe(workspaceFile('libs/schedulers/heft/vitest.config.ts').replace("'scheduler-heft'", "'scheduler-my-sched'"));
  });

  it('writes the plugin, its index and a spec running the conformance suite', async () => {
    await schedulerGenerator(tree, { name: 'my-sched' });
    const source = read('libs/schedulers/my-sched/src/lib/my-sched.ts');
    expect(source).toContain('export function scheduleMySched(problem: SchedulingProblem, options: MySchedOptions');
    expect(source).toContain('export const mySchedPlugin: SchedulerPlugin = {');
    expect(source).toContain("name: 'my-sched',");
    expect(source).toContain('apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,');
    expect(source).not.toMatch(/<%|%>|&#/); // every template tag rendered, nothing HTML-escaped
    expect(read('libs/schedulers/my-sched/src/index.ts')).toContain("export { mySchedPlugin as default } from './lib/my-sched.js';");
    const spec = read('libs/schedulers/my-sched/src/lib/my-sched.spec.ts');
    expect(spec).toContain("import { describeSchedulerConformance } from '@hetsched/scheduler-conformance';");
    expect(spec).toContain('describeSchedulerConformance(mySchedPlugin);');
    expect(read('libs/schedulers/my-sched/README.md')).toContain('# @hetsched/scheduler-my-sched');
  });

  it('adds the lib to the root tsconfig.json references, once', async () => {
    await schedulerGenerator(tree, { name: 'my-sched' });
    expect(readJson(tree, 'tsconfig.json').references).toEqual([{ path: './libs/core' }, { path: './libs/schedulers/my-sched' }]);
  });

  it('returns a callback that prints the next steps', async () => {
    const callback = await schedulerGenerator(tree, { name: 'my-sched' });
    expect(typeof callback).toBe('function');
  });

  it.each(['MySched', 'my_sched', '-sched', 'sched-', '2sched', 'my--sched', 'my sched', '', '  ', 'a'.repeat(65), 'earliest-finish', 'with-assignment'])(
    'refuses the name %j',
    async (name) => {
      await expect(schedulerGenerator(tree, { name })).rejects.toBeInstanceOf(SchedulerGeneratorError);
      expect(tree.exists(`libs/schedulers/${name}`) && name.trim() !== '').toBe(false);
    },
  );

  it('refuses an existing folder', async () => {
    await expect(schedulerGenerator(tree, { name: 'heft' })).rejects.toThrow('libs/schedulers/heft already exists');
    await schedulerGenerator(tree, { name: 'my-sched' });
    await expect(schedulerGenerator(tree, { name: 'my-sched' })).rejects.toThrow('libs/schedulers/my-sched already exists');
  });

  it('refuses a package or project name already taken elsewhere', async () => {
    tree.write('libs/elsewhere/package.json', JSON.stringify({ name: '@hetsched/scheduler-taken' }));
    await expect(schedulerGenerator(tree, { name: 'taken' })).rejects.toThrow('libs/elsewhere/package.json already uses the package name "@hetsched/scheduler-taken"');
    tree.write('apps/other/package.json', JSON.stringify({ name: 'x', nx: { name: 'scheduler-other' } }));
    await expect(schedulerGenerator(tree, { name: 'other' })).rejects.toThrow(/apps\/other\/package\.json already uses/);
  });

  it('validates names exactly as core does, and as its schema.json tells Nx', () => {
    expect(SCHEDULER_NAME_PATTERN.source).toBe(CORE_NAME_PATTERN.source);
    expect(schema.properties.name.pattern).toBe(CORE_NAME_PATTERN.source);
  });
});
