import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A package written into a fake `node_modules` by a test. */
export interface FakePackage {
  /** npm name, scoped or not: the folder under node_modules. */
  name: string;
  version?: string;
  /** The `hetsched` field of its package.json; absent: none. */
  hetsched?: unknown;
  /** Files relative to the package folder, e.g. `{ 'dist/index.js': pluginModule() }`. */
  files?: Record<string, string>;
  /** Written as package.json verbatim instead of the generated one (for broken manifests). */
  rawManifest?: string;
  /** Symbolic links inside the package: path in the package -> link target (absolute or relative). */
  links?: Record<string, string>;
  /** Write the package elsewhere in the temp folder and link it from node_modules, as npm does for workspaces. */
  linkedFrom?: string;
}

export interface FakeRoot {
  root: string;
  /** The package folder (the real one for linked packages). */
  folderOf(name: string): string;
  /** A file in the temp folder, outside every package (markers, escape targets). */
  outside(file: string): string;
  cleanup(): Promise<void>;
}

/** A temp folder with `node_modules/<packages>` and `outside/<outsideFiles>`. */
export async function createFakeRoot(packages: FakePackage[], outsideFiles: Record<string, string> = {}): Promise<FakeRoot> {
  const root = await mkdtemp(path.join(tmpdir(), 'hetsched-plugins-'));
  const folders = new Map<string, string>();
  await mkdir(path.join(root, 'outside'), { recursive: true });
  for (const [file, text] of Object.entries(outsideFiles)) await writeFile(path.join(root, 'outside', file), text);
  for (const pkg of packages) {
    const installed = path.join(root, 'node_modules', ...pkg.name.split('/'));
    const folder = pkg.linkedFrom ? path.join(root, pkg.linkedFrom) : installed;
    folders.set(pkg.name, folder);
    await mkdir(folder, { recursive: true });
    const manifest = { name: pkg.name, version: pkg.version ?? '1.0.0', type: 'module', ...(pkg.hetsched === undefined ? {} : { hetsched: pkg.hetsched }) };
    await writeFile(path.join(folder, 'package.json'), pkg.rawManifest ?? JSON.stringify(manifest, null, 2));
    for (const [file, text] of Object.entries(pkg.files ?? {})) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await writeFile(path.join(folder, file), text);
    }
    for (const [file, target] of Object.entries(pkg.links ?? {})) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await symlink(target, path.join(folder, file));
    }
    if (pkg.linkedFrom) {
      await mkdir(path.dirname(installed), { recursive: true });
      await symlink(path.relative(path.dirname(installed), folder), installed, 'dir');
    }
  }
  return {
    root,
    folderOf: (name) => folders.get(name)!,
    outside: (file) => path.join(root, 'outside', file),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A module that leaves `imported.marker` beside itself when imported: proof that a package was (not) loaded. */
export function markerModule(): string {
  return "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./imported.marker', import.meta.url), 'imported');\n";
}

export interface FakePluginSpec {
  name?: string;
  version?: unknown;
  apiVersion?: unknown;
  description?: unknown;
  capabilities?: unknown;
  optionsSchema?: unknown;
  /** JavaScript source of the `schedule` member; default: an async method putting every task on processor 0. */
  schedule?: string;
  /** How the plugin is exported: `export default` (default) or `export const <name>`. */
  exportAs?: 'default' | { named: string };
  /** JavaScript source of a `training` member (plugin API 1.1), e.g. `training: { ... }`; default: none. */
  training?: string;
}

/**
 * ESM source of a plugin module with the given metadata. Its `schedule` runs tasks one after the other on the
 * first processor in topological order, which is always a valid schedule.
 */
export function pluginModule(spec: FakePluginSpec = {}): string {
  const plugin = {
    metadata: {
      name: spec.name ?? 'fake',
      version: 'version' in spec ? spec.version : '1.2.3',
      description: 'description' in spec ? spec.description : 'a plugin written by a test',
      apiVersion: 'apiVersion' in spec ? spec.apiVersion : '^1.0.0',
      capabilities: 'capabilities' in spec ? spec.capabilities : { progress: false, cancellable: false, deterministic: true },
    },
    optionsSchema:
      'optionsSchema' in spec ? spec.optionsSchema : { type: 'object', properties: { depth: { type: 'integer', description: 'depth', default: 2, minimum: 1 } } },
  };
  const schedule =
    spec.schedule ??
    `async schedule(problem) {
      const n = problem.taskCount;
      const processorOf = new Int32Array(n);
      const start = new Float64Array(n);
      const finish = new Float64Array(n);
      let time = 0;
      for (const t of problem.topologicalOrder) {
        start[t] = time;
        time += problem.cost[t * problem.processorCount];
        finish[t] = time;
      }
      return { schedule: { processorOf, start, finish } };
    }`;
  const body = `{ ...${JSON.stringify(plugin)}, ${schedule}${spec.training ? `, ${spec.training}` : ''} }`;
  const exportAs = spec.exportAs ?? 'default';
  return exportAs === 'default' ? `export default ${body};\n` : `export const ${exportAs.named} = ${body};\n`;
}
