import { describeValue, isPlainObject } from '@hetsched/core';
import { readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pathFree, placesOf, relativeToRoot } from './path-free.js';
import type { LoadedPlugin, RejectedPlugin, RejectionCode } from './plugin-types.js';
import { pickPluginExport, schedulerPluginProblems } from './validate-plugin.js';

export const DEFAULT_IMPORT_TIMEOUT_MS = 10_000;

/** A package.json read from disk: parsed, missing, or unreadable. */
export type Manifest =
  | { kind: 'ok'; json: Record<string, unknown> }
  | { kind: 'missing' }
  | { kind: 'invalid'; mentionsHetsched: boolean; error: unknown };

export interface ReadManifestOptions {
  /**
   * Skip parsing a manifest whose text can hold no `hetsched` key (`{ kind: 'skipped' }`): it has neither the word
   * nor a backslash-u escape (a key may spell a letter as one). Discovery reads some 700 manifests; a handful mention
   * hetsched.
   */
  onlyIfHetsched: true;
}

export function readManifest(packageDir: string): Promise<Manifest>;
export function readManifest(packageDir: string, options: ReadManifestOptions): Promise<Manifest | { kind: 'skipped' }>;
export async function readManifest(packageDir: string, options?: ReadManifestOptions): Promise<Manifest | { kind: 'skipped' }> {
  let text: string;
  try {
    text = await readFile(path.join(packageDir, 'package.json'), 'utf8');
  } catch (error) {
    return unreadableManifest(error);
  }
  return parseManifest(text, options);
}

/**
 * readManifest with a synchronous read: what discovery's scan of every installed package uses. For some 700 small
 * files that are nearly always in the page cache, a blocking read each costs about a tenth of the CPU time of a
 * promise-based one (measured: 30 ms against 290 ms, which at a server's start-up was all on the main thread).
 */
export function readManifestSync(packageDir: string, options: ReadManifestOptions): Manifest | { kind: 'skipped' } {
  let text: string;
  try {
    text = readFileSync(path.join(packageDir, 'package.json'), 'utf8');
  } catch (error) {
    return unreadableManifest(error);
  }
  return parseManifest(text, options);
}

function unreadableManifest(error: unknown): Manifest {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  return { kind: 'invalid', mentionsHetsched: false, error };
}

function parseManifest(text: string, options?: ReadManifestOptions): Manifest | { kind: 'skipped' } {
  if (options?.onlyIfHetsched && !text.includes('hetsched') && !text.includes('\\u')) return { kind: 'skipped' };
  try {
    const json: unknown = JSON.parse(text);
    if (!isPlainObject(json)) return { kind: 'invalid', mentionsHetsched: text.includes('"hetsched"'), error: new Error('package.json is not a JSON object') };
    return { kind: 'ok', json };
  } catch (error) {
    return { kind: 'invalid', mentionsHetsched: text.includes('"hetsched"'), error };
  }
}

/** Whether a package.json declares a scheduler plugin at all (`hetsched.scheduler` present, valid or not). */
export function declaresScheduler(manifest: Record<string, unknown>): boolean {
  const field = manifest['hetsched'];
  return isPlainObject(field) && Object.hasOwn(field, 'scheduler');
}

/**
 * Loads the plugin a package declares, all checks included. Never throws: every failure is a RejectedPlugin,
 * whose reason and problems name no absolute path of this server (path-free.ts; `packagePath` keeps the folder,
 * for logs). `packageDir` is the folder under node_modules (it may be a symlink, e.g. npm's link to a workspace lib).
 */
export async function loadDeclaredPlugin(
  packageName: string,
  packageDir: string,
  manifest: Record<string, unknown>,
  importTimeoutMs = DEFAULT_IMPORT_TIMEOUT_MS,
): Promise<LoadedPlugin | RejectedPlugin> {
  const packageVersion = typeof manifest['version'] === 'string' ? manifest['version'] : undefined;
  let packagePath = packageDir;
  const declared = (manifest['hetsched'] as Record<string, unknown>)['scheduler'];
  const places = await placesOf(packageDir);
  const reject = (code: RejectionCode, reason: string, extra: Partial<RejectedPlugin> = {}): RejectedPlugin => ({
    packageName,
    ...(packageVersion === undefined ? {} : { packageVersion }),
    packagePath,
    ...(typeof declared === 'string' ? { entry: declared } : {}),
    code,
    // The package's own text may hold this server's folders too (a plugin that names itself by import.meta.url).
    reason: relativeToRoot(reason, places),
    ...extra,
    ...(extra.problems ? { problems: extra.problems.map((problem) => relativeToRoot(problem, places)) } : {}),
  });

  if (typeof declared !== 'string' || declared.trim() === '') {
    return reject('invalid-declaration', `"hetsched.scheduler" must be the path of the plugin module inside the package, such as "./dist/index.js", got ${describeValue(declared)}`);
  }
  const resolved = await resolveDeclaredEntry(packageDir, declared);
  if ('code' in resolved) {
    packagePath = await realpath(packageDir).catch(() => packageDir); // rejections name the real folder when there is one
    return reject(resolved.code, resolved.reason, resolved.cause === undefined ? {} : { cause: resolved.cause });
  }
  packagePath = resolved.packagePath;
  const entryPath = resolved.entryPath;

  let moduleExports: unknown;
  try {
    moduleExports = await importWithTimeout(pathToFileURL(entryPath).href, importTimeoutMs);
  } catch (cause) {
    const message = pathFree(cause instanceof Error ? cause.message : describeValue(cause), places);
    return reject('import-failed', `importing entry "${declared}" failed: ${message}`, { cause });
  }
  const picked = pickPluginExport(moduleExports);
  if (picked.exportName === undefined) return reject('no-plugin-export', picked.problem);

  const plugin = picked.plugin as LoadedPlugin['plugin'];
  const metadata = (plugin as { metadata?: unknown }).metadata;
  const declaredName = isPlainObject(metadata) && typeof metadata['name'] === 'string' ? { schedulerName: metadata['name'] } : {};
  const { invalid, incompatibleApi } = schedulerPluginProblems(plugin);
  if (incompatibleApi.length > 0 || invalid.length > 0) {
    const problems = [...incompatibleApi, ...invalid];
    const code = incompatibleApi.length > 0 ? 'incompatible-api' : 'invalid-plugin';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return reject(code, `${problems[0]}${more}`, { problems, ...declaredName });
  }
  return {
    name: plugin.metadata.name,
    version: plugin.metadata.version,
    plugin,
    packageName,
    ...(packageVersion === undefined ? {} : { packageVersion }),
    packagePath,
    entry: declared,
    entryPath,
    exportName: picked.exportName,
  };
}

export function isRejection(outcome: LoadedPlugin | RejectedPlugin): outcome is RejectedPlugin {
  return 'code' in outcome;
}

/** A declared entry resolved to a file inside its package, or why it cannot be loaded. */
export type ResolvedEntry = { packagePath: string; entryPath: string } | { code: 'entry-outside-package' | 'entry-not-found'; reason: string; cause?: unknown };

/**
 * Resolves an entry a package.json declares (a scheduler, a command) to a file that really lies inside the
 * package folder: relative paths only, no "..", no URL, and no symlink leading out of the package. Reasons name
 * places relative to the plugin root at most.
 */
export async function resolveDeclaredEntry(packageDir: string, declared: string): Promise<ResolvedEntry> {
  const lexicalProblem = entryPathProblem(declared);
  if (lexicalProblem) return { code: 'entry-outside-package', reason: `entry "${declared}" ${lexicalProblem}; it must be a relative path inside the package` };
  let packagePath: string;
  try {
    packagePath = await realpath(packageDir);
  } catch (cause) {
    return { code: 'entry-not-found', reason: `the package folder cannot be resolved: ${pathFree((cause as Error).message, await placesOf(packageDir))}`, cause };
  }
  const lexicalEntry = path.resolve(packagePath, declared);
  if (!isInside(packagePath, lexicalEntry)) return { code: 'entry-outside-package', reason: `entry "${declared}" resolves outside the package folder` };
  let entryPath: string;
  try {
    entryPath = await realpath(lexicalEntry);
  } catch (cause) {
    return { code: 'entry-not-found', reason: `entry "${declared}" does not exist in the package (is the package built?)`, cause };
  }
  // A symlink inside the package may point anywhere: only what really lies inside the package folder is loaded.
  if (!isInside(packagePath, entryPath)) {
    return { code: 'entry-outside-package', reason: `entry "${declared}" is a link to ${pathFree(entryPath, await placesOf(packageDir))}, outside the package folder` };
  }
  try {
    if (!(await stat(entryPath)).isFile()) return { code: 'entry-not-found', reason: `entry "${declared}" is not a file` };
  } catch (cause) {
    return { code: 'entry-not-found', reason: `entry "${declared}" cannot be read: ${pathFree((cause as Error).message, await placesOf(packageDir))}`, cause };
  }
  return { packagePath, entryPath };
}

/** Why a declared entry is refused before touching the disk, or undefined when it is a plain relative path. */
function entryPathProblem(entry: string): string | undefined {
  if (entry.includes('\0')) return 'contains a NUL character';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(entry)) return 'is a URL or a specifier, not a path';
  if (path.posix.isAbsolute(entry) || path.win32.isAbsolute(entry)) return 'is an absolute path';
  if (entry.includes('\\')) return 'contains a backslash';
  if (entry.split('/').includes('..')) return 'climbs out with ".."';
  return undefined;
}

function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

/** Raised when a plugin module's top-level code has not settled in time. */
export class PluginImportTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the module did not finish loading within ${timeoutMs} ms`);
    this.name = this.constructor.name;
  }
}

export async function importWithTimeout(url: string, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginImportTimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
  });
  try {
    // Promise.race subscribes to the import, so an import that fails after the timeout is no unhandled rejection.
    return await Promise.race([import(url) as Promise<unknown>, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
