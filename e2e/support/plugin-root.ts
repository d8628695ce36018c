import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** The workspace packages a plugin root can link, by package name (under @hetsched/). */
const WORKSPACE_PACKAGES = {
  core: 'libs/core',
  'scheduler-heft': 'libs/schedulers/heft',
  'scheduler-hybrid-ga': 'libs/schedulers/hybrid-ga',
  'scheduler-deepsched': 'libs/schedulers/deepsched',
} as const;

export type WorkspacePackage = keyof typeof WORKSPACE_PACKAGES;

/**
 * A plugin root (HETSCHED_PLUGIN_ROOT) in a temporary folder: the named workspace packages linked under
 * node_modules/@hetsched as npm would link them. Remove it when done.
 */
export async function makePluginRoot(packages: readonly WorkspacePackage[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hetsched-e2e-plugins-'));
  await mkdir(join(root, 'node_modules', '@hetsched'), { recursive: true });
  for (const name of packages) await symlink(join(repoRoot, WORKSPACE_PACKAGES[name]), join(root, 'node_modules', '@hetsched', name), 'dir');
  return root;
}

/** Writes a plugin package (package.json declaring `hetsched.scheduler`, and its index.js) into a plugin root. */
export async function writePluginPackage(root: string, packageName: string, indexJs: string): Promise<void> {
  const dir = join(root, 'node_modules', packageName);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: packageName, version: '1.0.0', type: 'module', hetsched: { scheduler: './index.js' } }));
  await writeFile(join(dir, 'index.js'), indexJs);
}
