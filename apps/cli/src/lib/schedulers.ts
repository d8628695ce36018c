import { isPlainObject, type OptionProperty, type SchedulerPlugin } from '@hetsched/core';
import { defaultPluginRoot, PluginCatalog } from '@hetsched/plugin-registry';
import { CliError, ExitCode } from './cli-error.js';

let opened: Promise<PluginCatalog> | undefined;

/**
 * The installed schedulers, found exactly as the API and the workers find them: every package under the plugin
 * root's node_modules that declares `hetsched.scheduler` (HETSCHED_PLUGIN_ROOT, else the folder this CLI is
 * installed in). Opened once per process, on first use.
 */
export function schedulerCatalog(): Promise<PluginCatalog> {
  opened ??= PluginCatalog.open({ root: defaultPluginRoot(import.meta.url) });
  return opened;
}

export async function findScheduler(name: string): Promise<SchedulerPlugin> {
  const catalog = await schedulerCatalog();
  const entry = await catalog.find(name);
  if (!entry) {
    const names = (await catalog.list()).map((e) => e.plugin.metadata.name);
    throw new CliError(`unknown scheduler "${name}"; available: ${names.join(', ') || '(none installed)'}`, ExitCode.usage);
  }
  return entry.plugin;
}

/** One line per option: `name: type (default x, min..max)  description`, groups indented. */
export function describeOptions(properties: Record<string, OptionProperty>, indent = '    '): string[] {
  const lines: string[] = [];
  for (const [key, option] of Object.entries(properties)) {
    if (option.type === 'object') {
      lines.push(`${indent}${key}: group  ${option.description}`);
      lines.push(...describeOptions(option.properties, `${indent}  `));
      continue;
    }
    const facts: string[] = [];
    if (option.default !== undefined) facts.push(`default ${JSON.stringify(option.default)}`);
    const bounds = isPlainObject(option) && option.type === 'array' ? option.items : option;
    if ('minimum' in bounds || 'maximum' in bounds) facts.push(`${bounds.minimum ?? '-∞'}..${bounds.maximum ?? '∞'}`);
    if ('enum' in bounds && bounds.enum) facts.push(`one of ${bounds.enum.join('|')}`);
    const type = option.type === 'array' ? `list of ${option.items.type}` : option.type;
    lines.push(`${indent}${key}: ${type}${facts.length ? ` (${facts.join(', ')})` : ''}  ${option.description}`);
  }
  return lines;
}
