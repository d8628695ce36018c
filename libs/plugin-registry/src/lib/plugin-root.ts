import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable naming the folder whose node_modules holds the scheduler plugins. */
export const PLUGIN_ROOT_ENV = 'HETSCHED_PLUGIN_ROOT';

/**
 * Where a host looks for installed plugins, the same for the CLI, the API and the workers: HETSCHED_PLUGIN_ROOT
 * when set, else the nearest folder above the host's own module whose node_modules holds @hetsched/core — the
 * workspace root in a checkout, the install folder of an npm-installed host — whatever the working directory.
 */
export function defaultPluginRoot(hostModuleUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const given = env[PLUGIN_ROOT_ENV];
  if (given !== undefined && given.trim() !== '') return path.resolve(given);
  let folder = path.dirname(fileURLToPath(hostModuleUrl));
  for (;;) {
    if (existsSync(path.join(folder, 'node_modules', '@hetsched', 'core', 'package.json'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return process.cwd();
    folder = parent;
  }
}
