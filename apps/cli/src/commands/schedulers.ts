import type { Command } from 'commander';
import { toJson, writeOutput } from '../lib/output.js';
import { describeOptions, schedulerCatalog } from '../lib/schedulers.js';

export function registerSchedulers(program: Command): void {
  program
    .command('schedulers')
    .description('list the installed schedulers: version, description, capabilities, options with defaults and bounds')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const catalog = await schedulerCatalog();
      const entries = await catalog.list();
      if (flags.json) {
        const schedulers = entries.map(({ plugin, packageName }) => ({
          ...plugin.metadata,
          packageName,
          optionsSchema: plugin.optionsSchema,
          ...(plugin.training ? { training: { artifactKind: plugin.training.artifactKind, parametersSchema: plugin.training.parametersSchema } } : {}),
        }));
        const rejected = catalog.rejected.map(({ packageName, code, reason }) => ({ packageName, code, reason }));
        writeOutput(undefined, toJson({ schedulers, rejected }));
        return;
      }
      const lines: string[] = [];
      for (const { plugin, packageName } of entries) {
        const { name, version, description, capabilities } = plugin.metadata;
        const flagsOn = Object.entries(capabilities)
          .filter(([, value]) => value !== false)
          .map(([key, value]) => (value === true ? key : `${key} ${value}`));
        if (plugin.training) flagsOn.push('trainable');
        lines.push(`${name} ${version}  ${description}`);
        lines.push(`    package ${packageName ?? '(in code)'}; capabilities: ${flagsOn.join(', ') || 'none'}`);
        const options = describeOptions(plugin.optionsSchema.properties, '      ');
        lines.push(options.length ? '    options:' : '    options: none', ...options);
        if (plugin.training) lines.push(`    training parameters (hetsched train --scheduler ${name}):`, ...describeOptions(plugin.training.parametersSchema.properties, '      '));
      }
      for (const r of catalog.rejected) lines.push(`rejected: ${r.packageName}: ${r.code}: ${r.reason}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
