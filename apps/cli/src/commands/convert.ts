import { importDax, importWfFormat } from '@hetsched/formats';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { readText, withFileName } from '../lib/input-files.js';
import { toJson, writeOutput } from '../lib/output.js';

const SOURCES = ['wfformat', 'dax'] as const;
const DATA_UNITS = ['B', 'KB', 'MB', 'GB'] as const;

interface ConvertFlags {
  from: (typeof SOURCES)[number];
  input: string;
  output?: string;
  clusterOutput?: string;
  dataUnit: (typeof DATA_UNITS)[number];
}

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('convert a WfCommons WfFormat trace or a Pegasus DAX into the native workflow JSON')
    .requiredOption('--from <format>', `source format: ${SOURCES.join(' or ')}`)
    .requiredOption('-i, --input <file>', 'the file to convert')
    .option('-o, --output <file>', 'native workflow JSON (default: stdout)')
    .option('--cluster-output <file>', 'WfFormat only: also write a cluster of the machines the trace ran on')
    .option('--data-unit <unit>', `unit of edge data volumes: ${DATA_UNITS.join(', ')}`, 'MB')
    .action((flags: ConvertFlags) => {
      if (!SOURCES.includes(flags.from)) throw new CliError(`--from must be ${SOURCES.join(' or ')}, got "${flags.from}"`, ExitCode.usage);
      if (!DATA_UNITS.includes(flags.dataUnit)) throw new CliError(`--data-unit must be one of ${DATA_UNITS.join(', ')}`, ExitCode.usage);
      if (flags.clusterOutput && flags.from !== 'wfformat') throw new CliError('--cluster-output needs --from wfformat (a DAX has no machines)', ExitCode.usage);
      const text = readText(flags.input);
      const imported = withFileName(flags.input, () =>
        flags.from === 'wfformat' ? importWfFormat(text, { dataUnit: flags.dataUnit }) : { ...importDax(text, { dataUnit: flags.dataUnit }), cluster: undefined },
      );
      for (const warning of imported.warnings) process.stderr.write(`hetsched: warning: ${flags.input}: ${warning}\n`);
      writeOutput(flags.output, toJson(imported.workflow));
      if (flags.clusterOutput) {
        if (!imported.cluster) throw new CliError(`${flags.input}: the trace lists no machines, so there is no cluster to write`);
        writeOutput(flags.clusterOutput, toJson(imported.cluster));
      }
    });
}
