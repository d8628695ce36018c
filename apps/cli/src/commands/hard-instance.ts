import { join } from 'node:path';
import { ScheduleAbortedError, SchedulerOptionsError } from '@hetsched/core';
import { findHardInstance, PISA_ITERATIONS, type HardInstance, type HardInstanceRequest } from '@hetsched/hard-instances';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { toJson, writeOutput } from '../lib/output.js';
import { jsonObject } from '../lib/parse-args.js';
import { CliRunHost, INTERRUPTED } from '../lib/run-context.js';
import { findScheduler } from '../lib/schedulers.js';

interface HardInstanceFlags {
  target: string;
  baseline: string;
  iterations?: number;
  maxTasks?: number;
  maxProcessors?: number;
  seed?: number;
  targetOptions?: Record<string, unknown>;
  baselineOptions?: Record<string, unknown>;
  output?: string;
  json?: boolean;
}

/** The flag that sets each field of the search's options, for messages that name what the user typed. */
const FLAGS: Record<string, string> = {
  iterations: '--iterations',
  maxTasks: '--max-tasks',
  maxProcessors: '--max-processors',
  seed: '--seed',
  targetOptions: '--target-options',
  baselineOptions: '--baseline-options',
};

export function registerHardInstance(program: Command): void {
  program
    .command('hard-instance')
    .description(
      'search for the problem on which one scheduler does worst against another (PISA: simulated annealing maximising ' +
        'makespan(target) / makespan(baseline)); writes workflow.json and cluster.json and prints the ratio (progress on stderr; Ctrl-C keeps the best so far)',
    )
    .requiredOption('--target <name>', 'the scheduler made to look bad (see `hetsched schedulers`)')
    .requiredOption('--baseline <name>', 'the scheduler it is compared with, e.g. exact for the optimum')
    .option('--iterations <n>', `instances evaluated, each scheduled by both (default ${PISA_ITERATIONS})`, integer)
    .option('--max-tasks <n>', 'most tasks a workflow may grow to (default 10)', integer)
    .option('--max-processors <n>', 'most processors of the cluster (default 5)', integer)
    .option('--seed <n>', 'seed of the search: the same seed, the same instance (default 1)', integer)
    .option('--target-options <json>', "the target scheduler's options as a JSON object", jsonObject)
    .option('--baseline-options <json>', 'the baseline scheduler\'s options, e.g. {"nodeLimit": 1000000} for exact', jsonObject)
    .option('-o, --output <dir>', 'folder for workflow.json and cluster.json (default: <target>-vs-<baseline>)')
    .option('--json', 'print the outcome as JSON')
    .action(async (flags: HardInstanceFlags) => {
      const [target, baseline] = [await findScheduler(flags.target), await findScheduler(flags.baseline)];
      const host = new CliRunHost(`${target.metadata.name} vs ${baseline.metadata.name}`);
      let found: HardInstance;
      try {
        found = await findHardInstance({ target, baseline, ...searchOptions(flags) }, {
          signal: host.signal,
          reportProgress: (event) => host.report(event),
          now: () => performance.now(),
        });
      } catch (error) {
        if (error instanceof SchedulerOptionsError) throw new CliError(flagMessage(error), ExitCode.usage, { cause: error });
        if (error instanceof ScheduleAbortedError && host.interrupted) throw new CliError('interrupted before any instance was scored: nothing written', INTERRUPTED, { cause: error });
        throw error;
      } finally {
        host.close();
      }
      const folder = flags.output ?? `${target.metadata.name}-vs-${baseline.metadata.name}`;
      const files = { workflow: join(folder, 'workflow.json'), cluster: join(folder, 'cluster.json') };
      writeOutput(files.workflow, toJson(found.workflow));
      writeOutput(files.cluster, toJson(found.cluster));
      process.stdout.write(`${flags.json ? toJson(summary(found, target.metadata.name, baseline.metadata.name, files)) : describe(found, target.metadata.name, baseline.metadata.name, files)}\n`);
      if (host.interrupted) process.exitCode = INTERRUPTED;
    });
}

/** The flags given, under the names of the search's options (absent ones take the search's defaults). */
function searchOptions(flags: HardInstanceFlags): Omit<HardInstanceRequest, 'target' | 'baseline'> {
  const { iterations, maxTasks, maxProcessors, seed, targetOptions, baselineOptions } = flags;
  const given = { iterations, maxTasks, maxProcessors, seed, targetOptions, baselineOptions };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}

/** `options.maxTasks: must be ...` as `--max-tasks: must be ...`, every fault on one line. */
function flagMessage(error: SchedulerOptionsError): string {
  return error.issues
    .map((issue) => {
      const [field, ...rest] = issue.path.replace(/^options\.?/, '').split('.');
      const flag = field ? (FLAGS[field] ?? field) : 'options';
      return `${flag}${rest.length ? ` ${rest.join('.')}` : ''}: ${issue.message}`;
    })
    .join('; ');
}

function summary(found: HardInstance, target: string, baseline: string, files: { workflow: string; cluster: string }) {
  const { ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, stoppedBy, elapsedMs } = found;
  return { target, baseline, ratio, targetMakespan, baselineMakespan, iterations, annealingRuns, stoppedBy, elapsedMs: Math.round(elapsedMs), tasks: found.workflow.tasks.length, processors: found.cluster.processors.length, files };
}

function describe(found: HardInstance, target: string, baseline: string, files: { workflow: string; cluster: string }): string {
  const shown = (x: number) => x.toPrecision(6);
  const stop = found.stoppedBy === 'signal' ? 'interrupted' : 'budget spent';
  return [
    `ratio ${shown(found.ratio)}: ${target} ${shown(found.targetMakespan)} against ${baseline} ${shown(found.baselineMakespan)}`,
    `on ${found.workflow.tasks.length} tasks and ${found.cluster.processors.length} processors, after ${found.iterations} iterations (${stop})`,
    `wrote ${files.workflow} and ${files.cluster}`,
  ].join('\n');
}

/** A whole number (the search bounds it and names the flag when it is out of range). */
function integer(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not an integer.`);
  return n;
}
