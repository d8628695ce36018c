import { defaultPluginRoot, discoverCommands, loadCommand, type ExtensionCommand } from '@hetsched/plugin-registry';

/**
 * Commands that installed packages add to `hetsched` (package.json `"hetsched": {"command": {...}}`), found in
 * the same node_modules as the scheduler plugins: `hetsched deepsched ...` comes from DeepSched's tools this way,
 * so this command line names no scheduler.
 */
async function installedCommands(): Promise<ExtensionCommand[]> {
  return (await discoverCommands(defaultPluginRoot(import.meta.url))).commands;
}

/** Runs an installed package's command; undefined when no installed package declares one of that name. */
export async function runExtensionCommand(name: string, args: string[]): Promise<number | undefined> {
  const command = (await installedCommands()).find((c) => c.name === name);
  if (!command) return undefined;
  const main = await loadCommand(command);
  return main(args);
}

/** The help text's list of installed commands (empty when there are none). */
export async function extensionCommandsHelp(): Promise<string> {
  const commands = await installedCommands();
  if (commands.length === 0) return '';
  const width = Math.max(...commands.map((c) => c.name.length));
  return `\nCommands of installed packages:\n${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.description} (${c.packageName})`).join('\n')}\n`;
}
