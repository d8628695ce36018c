import { readdirSync, statSync, type Dirent } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { InvalidPackageNameError, PluginPackageNotFoundError, PluginRejectedError } from './errors.js';
import { isPlainPackageName } from './package-name.js';
import { DEFAULT_IMPORT_TIMEOUT_MS, declaresScheduler, isRejection, loadDeclaredPlugin, readManifest, readManifestSync } from './package-loader.js';
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
  const key = prefetchKey(options);
  const early = prefetched.get(key);
  if (early) {
    prefetched.delete(key);
    return early;
  }
  return scanInstalledPlugins(options);
}

/** Discoveries started ahead by prefetchSchedulerPlugins, by root and import timeout; each is handed out once. */
const prefetched = new Map<string, Promise<DiscoveryResult>>();

function prefetchKey(options: LoadOptions): string {
  return `${path.resolve(options.root)}\0${options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS}`;
}

/**
 * Starts discovering the plugins under `options.root` now, for the next `discoverSchedulerPlugins` call with the
 * same root and timeout to take over (that call only, and whenever it comes; later calls scan again). A server
 * calls it as soon as it starts, so that the scan (mostly waits on the file system) overlaps its database's start
 * and its own module loading instead of following them. A package installed between the two calls is not seen
 * until the next scan: the same as one installed just after.
 */
export function prefetchSchedulerPlugins(options: LoadOptions): void {
  const key = prefetchKey(options);
  if (prefetched.has(key)) return;
  const discovery = scanInstalledPlugins(options);
  discovery.catch(() => undefined); // handed to the caller that takes it over
  prefetched.set(key, discovery);
}

async function scanInstalledPlugins(options: LoadOptions): Promise<DiscoveryResult> {
  const root = path.resolve(options.root);
  // The folders and manifests are read synchronously (see readManifestSync): a few hundred small reads, which as
  // promises cost ten times the CPU of the main thread, the scarce resource while a server starts.
  const installed = listInstalledPackages(path.join(root, 'node_modules'));
  const manifests = installed.map(({ packageDir }) => readManifestSync(packageDir, { onlyIfHetsched: true }));
  const rejected: RejectedPlugin[] = [];
  const declared: Array<InstalledPackage & { manifest: Record<string, unknown> }> = [];
  for (const [index, { packageName, packageDir }] of installed.entries()) {
    const manifest = manifests[index]!;
    if (manifest.kind === 'missing' || manifest.kind === 'skipped') continue;
    if (manifest.kind === 'invalid') {
      // A broken package.json that never mentions us is someone else's problem; one that does is reported.
      if (manifest.mentionsHetsched) rejected.push(await invalidManifestRejection(packageName, packageDir, manifest.error));
      continue;
    }
    if (declaresScheduler(manifest.json)) declared.push({ packageName, packageDir, manifest: manifest.json });
  }
  // Two names linked to one folder would otherwise be loaded twice and then both refused as duplicates: the first
  // name (in name order) keeps the folder.
  const folders = await Promise.all(declared.map(({ packageDir }) => realpath(packageDir).catch(() => packageDir)));
  const seenFolders = new Set<string>();
  const toLoad: typeof declared = [];
  for (const [index, candidate] of declared.entries()) {
    if (seenFolders.has(folders[index]!)) continue;
    seenFolders.add(folders[index]!);
    toLoad.push(candidate);
  }
  // The plugins are imported together: their module graphs share most files (@hetsched/core), and one plugin's
  // file reads overlap another's compilation. Each import keeps its own timeout; results stay in name order.
  const outcomes = await Promise.all(
    toLoad.map(({ packageName, packageDir, manifest }) => loadDeclaredPlugin(packageName, packageDir, manifest, options.importTimeoutMs)),
  );
  const loaded: LoadedPlugin[] = [];
  for (const outcome of outcomes) {
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
  if (manifest.kind === 'invalid') throw new PluginRejectedError(await invalidManifestRejection(packageName, packageDir, manifest.error));
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

async function invalidManifestRejection(packageName: string, packageDir: string, error: unknown): Promise<RejectedPlugin> {
  return {
    packageName,
    packagePath: packageDir,
    code: 'invalid-package-json',
    reason: `package.json cannot be read: ${pathFree((error as Error).message, await placesOf(packageDir))}`,
    cause: error,
  };
}

interface InstalledPackage {
  packageName: string;
  packageDir: string;
}

/** Folders directly under node_modules and under its `@scope` folders, by name; dot-folders skipped. */
export function listInstalledPackages(nodeModules: string): InstalledPackage[] {
  const installed: InstalledPackage[] = [];
  for (const name of listFolders(nodeModules)) {
    if (!name.startsWith('@')) installed.push({ packageName: name, packageDir: path.join(nodeModules, name) });
    else for (const inner of listFolders(path.join(nodeModules, name))) installed.push({ packageName: `${name}/${inner}`, packageDir: path.join(nodeModules, name, inner) });
  }
  return installed.sort((a, b) => compareNames(a.packageName, b.packageName));
}

function listFolders(folder: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return []; // no node_modules (or no such scope): nothing installed
  }
  return entries
    .filter((entry) => {
      if (entry.name.startsWith('.')) return false; // .bin, .cache, .package-lock.json, .vite
      if (entry.isDirectory()) return true;
      // npm links workspace packages; follow the link to see whether it is a folder (a dangling link is skipped).
      return entry.isSymbolicLink() && statSync(path.join(folder, entry.name), { throwIfNoEntry: false })?.isDirectory() === true;
    })
    .map((entry) => entry.name);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
