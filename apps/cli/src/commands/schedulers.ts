import type { Command } from 'commander';
import { toJson, writeOutput } from '../lib/output.js';
import { listSchedulers } from '../lib/schedulers.js';

export function registerSchedulers(program: Command): void {
  program
    .command('schedulers')
    .description('list the available schedulers with their options')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const plugins = await listSchedulers();
      if (flags.json) {
        writeOutput(undefined, toJson(plugins.map((p) => ({ ...p.metadata, optionsSchema: p.optionsSchema }))));
        return;
      }
      for (const { metadata, optionsSchema } of plugins) {
        process.stdout.write(`${metadata.name} ${metadata.version}  ${metadata.description}\n`);
        for (const [key, option] of Object.entries(optionsSchema.properties)) {
          const def = option.default === undefined ? '' : ` (default ${JSON.stringify(option.default)})`;
          process.stdout.write(`    ${key}: ${option.type}${def}  ${option.description}\n`);
        }
      }
    });
}
