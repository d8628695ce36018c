import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeRoot, pluginModule, type FakeRoot } from '../testing/fake-packages.js';
import { loadSchedulerPackage } from './discovery.js';
import { pathFree, placesOf, relativeToRoot, type PathPlaces } from './path-free.js';

/** Places written by hand: a root, one package in it, and that package's real folder elsewhere (a workspace link). */
const ROOT = '/srv/hetsched';
const places: PathPlaces = {
  folders: [
    { folder: '/home/dev/repo/libs/my-plugin', shownAs: 'node_modules/my-plugin' },
    { folder: '/srv/hetsched/node_modules/my-plugin', shownAs: 'node_modules/my-plugin' },
    { folder: ROOT, shownAs: '' },
  ],
};

describe('pathFree', () => {
  it.each([
    // [server text, what a client may see] — each rewritten by the rules: inside the root → relative to it; the
    // package's real folder → its place under node_modules; anything else absolute → "…/" and its last name.
    ["ELOOP: too many symbolic links encountered, open '/srv/hetsched/node_modules/my-plugin/package.json'", "ELOOP: too many symbolic links encountered, open 'node_modules/my-plugin/package.json'"],
    ['Cannot find package \'dep\' imported from /home/dev/repo/libs/my-plugin/dist/index.js', "Cannot find package 'dep' imported from node_modules/my-plugin/dist/index.js"],
    ['boom in file:///home/dev/repo/libs/my-plugin/dist/index.js', 'boom in node_modules/my-plugin/dist/index.js'],
    ['failed at file:///opt/other/lib.js:3:7', 'failed at …/lib.js:3:7'],
    ['see /etc/ssl/private/key.pem and /srv/hetsched', 'see …/key.pem and the plugin root'],
    ['a link to /srv/hetsched/outside/evil.js, outside', 'a link to outside/evil.js, outside'],
    // Not paths: a ratio, a URL of another scheme, a relative path, a lone slash.
    ['1/2 of https://example.com/x and dist/index.js or a / b', '1/2 of https://example.com/x and dist/index.js or a / b'],
    // A folder that merely starts like the root is another folder.
    ['/srv/hetsched-old/x.js', '…/x.js'],
  ])('%j reads %j', (text, expected) => {
    expect(pathFree(text, places)).toBe(expected);
  });

  it('leaves no absolute path and no known folder in any text made of paths and words', () => {
    const segment = fc.stringMatching(/^[a-z0-9._-]{1,8}$/);
    const absolute = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    const known = fc.tuple(fc.constantFrom(...places.folders.map((f) => f.folder)), fc.array(segment, { maxLength: 3 })).map(([folder, parts]) => [folder, ...parts].join('/'));
    const fragment = fc.oneof(segment, absolute, known, known.map((p) => pathToFileURL(p).href), absolute.map((p) => pathToFileURL(p).href));
    const separator = fc.constantFrom(' ', "'", '"', ', ', ' (', ') ', ': ');
    const text = fc.array(fc.tuple(fragment, separator), { maxLength: 8 }).map((pairs) => pairs.flat().join(''));
    fc.assert(
      fc.property(text, (input) => {
        const output = pathFree(input, places);
        for (const { folder } of places.folders) expect(output).not.toContain(folder);
        expect(output).not.toContain('file:');
        // A naive reference detector: a "/" that starts a word (after start, space, quote or bracket) followed by a name.
        expect(output).not.toMatch(/(^|[\s'"(])\/[a-z0-9._-]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('relativeToRoot', () => {
  it('rewrites the known folders only: other absolute paths are the package\'s own data', () => {
    expect(relativeToRoot('metadata.name "file:///srv/hetsched/node_modules/my-plugin/x.js" must be', places)).toBe('metadata.name "node_modules/my-plugin/x.js" must be');
    expect(relativeToRoot('entry "/etc/passwd" is an absolute path; "file:///etc/passwd" too', places)).toBe('entry "/etc/passwd" is an absolute path; "file:///etc/passwd" too');
  });
});

describe('placesOf', () => {
  it('finds the root above node_modules, and reads the real folder of a linked package as its place under node_modules', async () => {
    const fake = await createFakeRoot([{ name: '@scope/linked', linkedFrom: 'workspace/linked' }]);
    try {
      const found = await placesOf(path.join(fake.root, 'node_modules', '@scope', 'linked'));
      const real = await realpath(fake.root);
      expect(found.folders).toContainEqual({ folder: path.join(real, 'workspace', 'linked'), shownAs: 'node_modules/@scope/linked' });
      expect(found.folders).toContainEqual({ folder: fake.root, shownAs: '' });
      const lengths = found.folders.map((f) => f.folder.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
    } finally {
      await fake.cleanup();
    }
  });
});

describe('loadSchedulerPackage errors name no server folder', () => {
  let fake: FakeRoot;
  let far: string;
  const declared = { scheduler: './dist/index.js' };
  const throwing = (extra = '') => ({ 'dist/index.js': `throw new Error('failed in ' + import.meta.url${extra});\n` });

  beforeAll(async () => {
    far = await mkdtemp(path.join(tmpdir(), 'hetsched-far-'));
    await writeFile(path.join(far, 'far.js'), pluginModule({ name: 'far' }));
    fake = await createFakeRoot(
      [
        { name: 'link-out', hetsched: declared, links: { 'dist/index.js': '../../../outside/evil.js' } },
        { name: 'link-far', hetsched: declared, links: { 'dist/index.js': path.join(far, 'far.js') } },
        { name: 'missing-dep', hetsched: declared, files: { 'dist/index.js': "import 'hetsched-no-such-package';\nexport default {};\n" } },
        { name: 'throws-url', hetsched: declared, files: throwing() },
        { name: '@scope/linked-throws', hetsched: declared, linkedFrom: 'workspace/linked-throws', files: throwing() },
        { name: 'throws-far', hetsched: declared, files: throwing(` + ' and ${path.join(far, 'secret.json')}'`) },
        {
          name: 'named-by-url',
          hetsched: declared,
          files: { 'dist/index.js': pluginModule({ name: 'placeholder' }).replace('"name":"placeholder"', '"name":import.meta.url') },
        },
      ],
      { 'evil.js': pluginModule({ name: 'evil' }) },
    );
    // A package.json that is a link to itself: reading it fails with an error that names its absolute path.
    await mkdir(path.join(fake.root, 'node_modules', 'loop-manifest'));
    await symlink('package.json', path.join(fake.root, 'node_modules', 'loop-manifest', 'package.json'));
  });
  afterAll(async () => {
    await fake.cleanup();
    await rm(far, { recursive: true, force: true });
  });

  async function messageOf(packageName: string): Promise<string> {
    const error = await loadSchedulerPackage(packageName, { root: fake.root }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    if (!error) throw new Error(`${packageName} loaded`);
    for (const folder of [fake.root, await realpath(fake.root), far, await realpath(far), tmpdir()]) expect(error.message).not.toContain(folder);
    return error.message;
  }

  // Each expected message is the registry's sentence with the place written relative to the plugin root by hand.
  it.each([
    ['not-installed', 'package "not-installed" is not installed (no node_modules/not-installed/package.json under the plugin root); install it first, then register it by name'],
    ['loop-manifest', "package \"loop-manifest\" is not a usable scheduler plugin: package.json cannot be read: ELOOP: too many symbolic links encountered, open 'node_modules/loop-manifest/package.json'"],
    ['link-out', 'package "link-out" is not a usable scheduler plugin: entry "./dist/index.js" is a link to outside/evil.js, outside the package folder'],
    ['link-far', 'package "link-far" is not a usable scheduler plugin: entry "./dist/index.js" is a link to …/far.js, outside the package folder'],
    ['throws-url', 'package "throws-url" is not a usable scheduler plugin: importing entry "./dist/index.js" failed: failed in node_modules/throws-url/dist/index.js'],
    ['@scope/linked-throws', 'package "@scope/linked-throws" is not a usable scheduler plugin: importing entry "./dist/index.js" failed: failed in node_modules/@scope/linked-throws/dist/index.js'],
    ['throws-far', 'package "throws-far" is not a usable scheduler plugin: importing entry "./dist/index.js" failed: failed in node_modules/throws-far/dist/index.js and …/secret.json'],
  ])('%s', async (packageName, expected) => {
    expect(await messageOf(packageName)).toBe(expected);
  });

  it('missing-dep: the failed import reads relative to the root', async () => {
    // Node's own wording ("Cannot find package ... imported from <file>"); only the place is ours to check.
    expect(await messageOf('missing-dep')).toMatch(
      /^package "missing-dep" is not a usable scheduler plugin: importing entry "\.\/dist\/index\.js" failed: Cannot find package 'hetsched-no-such-package' imported from node_modules\/missing-dep\/dist\/index\.js$/,
    );
  });

  it('named-by-url: a contract violation quoting the plugin\'s own location reads relative to the root', async () => {
    expect(await messageOf('named-by-url')).toMatch(
      /^package "named-by-url" is not a usable scheduler plugin: metadata\.name "node_modules\/named-by-url\/dist\/index\.js" must be lower-case words joined by dashes/,
    );
  });
});
