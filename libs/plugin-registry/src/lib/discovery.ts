import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidPackageNameError, PluginPackageNotFoundError, PluginRejectedError } from './errors.js';
import { isPlainPackageName } from './package-name.js';
import { declaresScheduler, isRejection, loadDeclaredPlugin, readManifest } from './package-loader.js';
import { pathFree, placesOf } from './path-free.js';
import type { DiscoveryResult, LoadedPlugin, LoadOptions, RejectedPlugin } from './plugin-types.js';

/**
 * Finds and loads every installed scheduler plugin: each package directly under `<root>/node_modules` (scoped or
 * not, symlinks followed, so npm's links to workspace libs such as `@hetsched/scheduler-heft` count) whose
 * package.json declares `"hetsched": {"scheduler": "./dist/index.js"}`.
 *
 * Only package.json files are read while scanning; a package is imported only when it declares itself, and then
 * only through its declared entry resolved inside its own folder. Each declared plugin is validated (see
 * `validateSchedulerPlugin`); one that fails is reported in `rejected` with its package, path and reason, and
 * the others still load. Two packages declaring the same scheduler name are BOTH rejected: keeping "the first"
 * would let whichever package sorts first (a typo-squatting `@aaa/heft`) silently shadow the real one.
 *
 * Packages nested in other packages' node_modules are not scanned (they are dependencies, not installed plugins).
 * Results are ordered by package name. Importing runs the package's code in this process: install only
 * packages you trust.
 */
export async function discoverSchedulerPlugins(options: LoadOptions): Promise<DiscoveryResult> {
  const root = path.resolve(options.root);
  const loaded: LoadedPlugin[] = [];
  const rejected: RejectedPlugin[] = [];
  const seenFolders = new Set<string>();
  for (const { packageName, packageDir } of await listInstalledPackages(path.join(root, 'node_modules'))) {
    const manifest = await readManifest(packageDir);
    if (manifest.kind === 'missing') continue;
    if (manifest.kind === 'invalid') {
      // A broken package.json that never mentions us is someone else's problem; one that does is reported.
      if (manifest.mentionsHetsched) {
        rejected.push({
          packageName,
          packagePath: packageDir,
          code: 'invalid-package-json',
          reason: `package.json cannot be read: ${pathFree((manifest.error as Error).message, await placesOf(packageDir))}`,
          cause: manifest.error,
        });
      }
      continue;
    }
    if (!declaresScheduler(manifest.json)) continue;
    // Two names linked to one folder would otherwise be loaded twice and then both refused as duplicates.
    const folder = await realpath(packageDir).catch(() => packageDir);
    if (seenFolders.has(folder)) continue;
    seenFolders.add(folder);
    const outcome = await loadDeclaredPlugin(packageName, packageDir, manifest.json, options.importTimeoutMs);
    if (isRejection(outcome)) rejected.push(outcome);
    else loaded.push(outcome);
  }

  const byName = new Map<string, LoadedPlugin[]>();
  for (const plugin of loaded) byName.set(plugin.name, [...(byName.get(plugin.name) ?? []), plugin]);
  const plugins: LoadedPlugin[] = [];
  for (const plugin of loaded) {
    const sameName = byName.get(plugin.name)!;
    if (sameName.length === 1) {
      plugins.push(plugin);
      continue;
    }
    const others = sameName.filter((p) => p !== plugin).map((p) => `"${p.packageName}"`);
    rejected.push({
      packageName: plugin.packageName,
      ...(plugin.packageVersion === undefined ? {} : { packageVersion: plugin.packageVersion }),
      packagePath: plugin.packagePath,
      entry: plugin.entry,
      schedulerName: plugin.name,
      code: 'duplicate-name',
      reason: `scheduler name "${plugin.name}" is also declared by package ${others.join(', ')}; none of them is loaded (uninstall or rename one)`,
    });
  }
  rejected.sort((a, b) => compareNames(a.packageName, b.packageName));
  return { plugins, rejected };
}

/**
 * Loads ONE installed package by its npm name: what the API's `registerSchedulerPlugin(package: String!)` calls.
 * The name must be a plain package name (no path, URL, `file:` or version): it is only ever looked up as
 * `<root>/node_modules/<name>`, and the package must declare `hetsched.scheduler`; a package that does not is
 * never imported. The same checks as discovery apply.
 *
 * Messages name the package and the problem, with places relative to the plugin root at most: they reach API
 * clients, who must not learn the server's folders (the errors' fields keep the absolute paths, for logs).
 *
 * @throws InvalidPackageNameError for anything but a plain package name
 * @throws PluginPackageNotFoundError when the package is not installed under the root
 * @throws PluginRejectedError when it is no valid plugin (its `rejection` has the code and reason)
 */
export async function loadSchedulerPackage(packageName: string, options: LoadOptions): Promise<LoadedPlugin> {
  if (!isPlainPackageName(packageName)) throw new InvalidPackageNameError(String(packageName));
  const packageDir = path.join(path.resolve(options.root), 'node_modules', ...packageName.split('/'));
  const manifest = await readManifest(packageDir);
  if (manifest.kind === 'missing') throw new PluginPackageNotFoundError(packageName, packageDir);
  if (manifest.kind === 'invalid') {
    throw new PluginRejectedError({
      packageName,
      packagePath: packageDir,
      code: 'invalid-package-json',
      reason: `package.json cannot be read: ${pathFree((manifest.error as Error).message, await placesOf(packageDir))}`,
      cause: manifest.error,
    });
  }
  if (!declaresScheduler(manifest.json)) {
    throw new PluginRejectedError({
      packageName,
      ...(typeof manifest.json['version'] === 'string' ? { packageVersion: manifest.json['version'] } : {}),
      packagePath: packageDir,
      code: 'not-a-plugin',
      reason: 'its package.json does not declare a scheduler ("hetsched": {"scheduler": "./dist/index.js"}); it was not imported',
    });
  }
  const outcome = await loadDeclaredPlugin(packageName, packageDir, manifest.json, options.importTimeoutMs);
  if (isRejection(outcome)) throw new PluginRejectedError(outcome);
  return outcome;
}

interface InstalledPackage {
  packageName: string;
  packageDir: string;
}

/** Folders directly under node_modules and under its `@scope` folders, by name; dot-folders skipped. */
export async function listInstalledPackages(nodeModules: string): Promise<InstalledPackage[]> {
  const found: InstalledPackage[] = [];
  for (const name of await listFolders(nodeModules)) {
    if (name.startsWith('@')) {
      for (const inner of await listFolders(path.join(nodeModules, name))) {
        found.push({ packageName: `${name}/${inner}`, packageDir: path.join(nodeModules, name, inner) });
      }
    } else {
      found.push({ packageName: name, packageDir: path.join(nodeModules, name) });
    }
  }
  return found.sort((a, b) => compareNames(a.packageName, b.packageName));
}

async function listFolders(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return []; // no node_modules (or no such scope): nothing installed
  }
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .bin, .cache, .package-lock.json, .vite
    if (entry.isDirectory()) folders.push(entry.name);
    // npm links workspace packages; follow the link to see whether it is a folder (a dangling link is skipped).
    else if (entry.isSymbolicLink() && (await stat(path.join(folder, entry.name)).then((s) => s.isDirectory(), () => false))) folders.push(entry.name);
  }
  return folders;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
