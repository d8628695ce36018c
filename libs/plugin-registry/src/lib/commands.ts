import { describeValue, isPlainObject } from '@hetsched/core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listInstalledPackages } from './discovery.js';
import { DEFAULT_IMPORT_TIMEOUT_MS, importWithTimeout, readManifest, resolveDeclaredEntry } from './package-loader.js';

/** Command names: lower-case words joined by dashes, like scheduler names. */
export const COMMAND_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * A command an installed package adds to the `hetsched` command line, declared in its package.json as
 * `"hetsched": {"command": {"name": "deepsched", "entry": "./dist/cli/main.js", "description": "..."}}`. Its
 * entry exports `main(argv): Promise<number>` (the exit code). Like scheduler plugins, commands come only from
 * installed packages, by their package.json, through an entry inside the package folder.
 */
export interface ExtensionCommand {
  name: string;
  description: string;
  packageName: string;
  entryPath: string;
}

export type CommandMain = (argv: string[]) => Promise<number>;

/** The commands installed packages declare under `<root>/node_modules`, by name; malformed declarations are skipped. */
export async function discoverCommands(root: string): Promise<{ commands: ExtensionCommand[]; problems: string[] }> {
  const commands: ExtensionCommand[] = [];
  const problems: string[] = [];
  for (const { packageName, packageDir } of listInstalledPackages(path.join(path.resolve(root), 'node_modules'))) {
    const manifest = await readManifest(packageDir);
    if (manifest.kind !== 'ok') continue;
    const field = manifest.json['hetsched'];
    if (!isPlainObject(field) || !Object.hasOwn(field, 'command')) continue;
    const declared = field['command'];
    const name = isPlainObject(declared) ? declared['name'] : undefined;
    const entry = isPlainObject(declared) ? declared['entry'] : undefined;
    if (typeof name !== 'string' || !COMMAND_NAME_PATTERN.test(name) || typeof entry !== 'string') {
      problems.push(`${packageName}: "hetsched.command" must be {"name": "lower-case-name", "entry": "./path/in/package.js"}, got ${describeValue(declared)}`);
      continue;
    }
    const resolved = await resolveDeclaredEntry(packageDir, entry);
    if ('code' in resolved) {
      problems.push(`${packageName}: command "${name}": ${resolved.reason}`);
      continue;
    }
    if (commands.some((c) => c.name === name)) {
      problems.push(`${packageName}: command "${name}" is also declared by ${commands.find((c) => c.name === name)!.packageName}; the first by package name is used`);
      continue;
    }
    const description = isPlainObject(declared) && typeof declared['description'] === 'string' ? declared['description'] : `(from ${packageName})`;
    commands.push({ name, description, packageName, entryPath: resolved.entryPath });
  }
  return { commands, problems };
}

/** Imports a command's entry and returns its `main`. */
export async function loadCommand(command: ExtensionCommand, importTimeoutMs = DEFAULT_IMPORT_TIMEOUT_MS): Promise<CommandMain> {
  const module = (await importWithTimeout(pathToFileURL(command.entryPath).href, importTimeoutMs)) as { main?: unknown };
  if (typeof module.main !== 'function') throw new Error(`package ${command.packageName}: the entry of command "${command.name}" exports no main(argv) function`);
  return module.main as CommandMain;
}
