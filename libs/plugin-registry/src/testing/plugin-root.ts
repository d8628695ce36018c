import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { createFakeRoot, type FakePackage, type FakeRoot } from './fake-packages.js';

export interface PluginRootOptions {
  /** The workspace whose node_modules holds the packages to link (`@hetsched/core`, real scheduler packages). */
  workspaceRoot: string;
  /** Installed packages of the workspace to link in, by npm name, as npm links workspace libs. */
  link: readonly string[];
  /** Packages written for the test (misbehaving plugins, say), in ESM source. */
  packages?: readonly FakePackage[];
}

/**
 * A plugin root for tests: a temp folder whose node_modules holds links to chosen workspace packages and packages
 * written by the test — what an installation with exactly those plugins looks like to discovery and to the
 * workers' threads, which load plugins by package name from it.
 */
export async function createPluginRoot(options: PluginRootOptions): Promise<FakeRoot> {
  const root = await createFakeRoot([...(options.packages ?? [])]);
  for (const name of options.link) {
    const target = await realpath(path.join(options.workspaceRoot, 'node_modules', ...name.split('/')));
    const at = path.join(root.root, 'node_modules', ...name.split('/'));
    await mkdir(path.dirname(at), { recursive: true });
    await symlink(target, at, 'dir');
  }
  return root;
}
