import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pluginModule, type FakePackage } from '@hetsched/plugin-registry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startTestApi, type TestApi } from '../testing/api-harness.js';

const REGISTER = 'mutation($p: String!) { registerSchedulerPlugin(package: $p) { name } }';
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const declared = { scheduler: './dist/index.js' };
const throwing = { 'dist/index.js': "throw new Error('failed in ' + import.meta.url);\n" };

/** Installed packages that are no usable plugin, each failing at another step, several with the server's paths in their error. */
const BROKEN: FakePackage[] = [
  { name: 'hetsched-target', files: { 'index.js': 'export {};\n' } },
  { name: 'hetsched-bad-link', hetsched: declared, links: { 'dist/index.js': '../../hetsched-target/index.js' } },
  { name: 'hetsched-throws-url', hetsched: declared, files: throwing },
  { name: '@hetsched-test/linked-throws', hetsched: declared, linkedFrom: 'workspace/linked-throws', files: throwing },
  { name: 'hetsched-missing-dep', hetsched: declared, files: { 'dist/index.js': "import 'hetsched-no-such-package';\nexport default {};\n" } },
  {
    name: 'hetsched-named-by-url',
    hetsched: declared,
    files: { 'dist/index.js': pluginModule({ name: 'placeholder' }).replace('"name":"placeholder"', '"name":import.meta.url') },
  },
  { name: 'hetsched-bad-manifest', rawManifest: '{ "name": "hetsched-bad-manifest", "hetsched": ' },
];

let api: TestApi;
let known: string[];

beforeAll(async () => {
  api = await startTestApi({ plugins: { packages: BROKEN } });
  known = (dataOf(await api.graphql<{ schedulers: { name: string }[] }>('{ schedulers { name } }')).schedulers).map((s) => s.name);
});
afterAll(async () => {
  await api?.close();
});

/** The refusal of registering `packageName`, checked to name none of the server's folders. */
async function refusal(packageName: string): Promise<string> {
  const error = errorOf(await api.graphql(REGISTER, { p: packageName }));
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.extensions['field']).toBe('package');
  for (const folder of [tmpdir(), workspaceRoot]) expect(error.message).not.toContain(folder);
  // A naive detector of any absolute path: a "/" that starts a word and is followed by a name.
  expect(error.message).not.toMatch(/(^|[\s'"(])\/[A-Za-z0-9._@-]/);
  expect(error.message).not.toContain('file:');
  return error.message;
}

describe('registerSchedulerPlugin errors name the package and the problem, never a server folder', () => {
  // Each expected message: "package: " + the registry's sentence, its place written relative to the plugin root.
  it.each([
    ['hetsched-not-installed', 'package: package "hetsched-not-installed" is not installed (no node_modules/hetsched-not-installed/package.json under the plugin root); install it first, then register it by name'],
    ['hetsched-target', 'package: package "hetsched-target" is not a usable scheduler plugin: its package.json does not declare a scheduler ("hetsched": {"scheduler": "./dist/index.js"}); it was not imported'],
    ['hetsched-bad-link', 'package: package "hetsched-bad-link" is not a usable scheduler plugin: entry "./dist/index.js" is a link to node_modules/hetsched-target/index.js, outside the package folder'],
    ['hetsched-throws-url', 'package: package "hetsched-throws-url" is not a usable scheduler plugin: importing entry "./dist/index.js" failed: failed in node_modules/hetsched-throws-url/dist/index.js'],
    [
      '@hetsched-test/linked-throws',
      'package: package "@hetsched-test/linked-throws" is not a usable scheduler plugin: importing entry "./dist/index.js" failed: failed in node_modules/@hetsched-test/linked-throws/dist/index.js',
    ],
  ])('%s', async (packageName, expected) => {
    expect(await refusal(packageName)).toBe(expected);
  });

  it('a failed import of a missing dependency reads relative to the plugin root', async () => {
    // Node's own wording around the place ("Cannot find package ... imported from <file>").
    expect(await refusal('hetsched-missing-dep')).toMatch(
      /^package: package "hetsched-missing-dep" is not a usable scheduler plugin: importing entry "\.\/dist\/index\.js" failed: Cannot find package 'hetsched-no-such-package' imported from node_modules\/hetsched-missing-dep\/dist\/index\.js$/,
    );
  });

  it('a contract violation quoting the plugin\'s own location reads relative to the plugin root', async () => {
    expect(await refusal('hetsched-named-by-url')).toMatch(
      /^package: package "hetsched-named-by-url" is not a usable scheduler plugin: metadata\.name "node_modules\/hetsched-named-by-url\/dist\/index\.js" must be lower-case words/,
    );
  });

  it('a broken package.json gives the parser\'s complaint', async () => {
    expect(await refusal('hetsched-bad-manifest')).toMatch(/^package: package "hetsched-bad-manifest" is not a usable scheduler plugin: package\.json cannot be read: \S/);
  });

  it('registers none of them', async () => {
    const after = dataOf(await api.graphql<{ schedulers: { name: string }[] }>('{ schedulers { name } }')).schedulers.map((s) => s.name);
    expect(after).toEqual(known);
  });
});
