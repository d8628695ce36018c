import { generateCluster, generateWorkflow } from '@hetsched/formats';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadCluster } from '../lib/input-files.js';
import { toJson, writeOutput } from '../lib/output.js';
import { nonNegativeNumber, numberRange, positiveInteger, positiveNumber } from '../lib/parse-args.js';

interface WorkflowFlags {
  tasks: number;
  processors?: number;
  cluster?: string;
  shape: number;
  outDegree: number;
  ccr: number;
  heterogeneity: number;
  meanCost: number;
  seed: string;
  name?: string;
  output?: string;
}

interface ClusterFlags {
  processors: number;
  speed: [number, number];
  bandwidth: number;
  latency: number;
  heterogeneousLinks?: boolean;
  seed: string;
  name?: string;
  output?: string;
}

/** A seed is a number when it looks like one, so `--seed 7` and the API's `seed: 7` give the same files. */
function seedValue(seed: string): number | string {
  return /^\d+$/.test(seed) ? Number(seed) : seed;
}

/** Random workflows and clusters with the parameters of Topcuoglu et al. (2002) §5.1; the same seed gives the same file. */
export function registerGenerate(program: Command): void {
  const generate = program.command('generate').description('generate random workflows and clusters (reproducible from a seed)');

  generate
    .command('workflow')
    .description('a random DAG with per-processor costs (HEFT paper parameters)')
    .requiredOption('-n, --tasks <v>', 'number of tasks', positiveInteger)
    .option('-p, --processors <m>', 'number of processors to give costs for (ids p1..pm)', positiveInteger)
    .option('-c, --cluster <file>', 'take processor ids from this cluster instead')
    .option('--shape <alpha>', 'shape: height = sqrt(v)/alpha, mean width = sqrt(v)*alpha', positiveNumber, 1)
    .option('--out-degree <d>', 'maximum out-degree of a task', positiveInteger, 3)
    .option('--ccr <ccr>', 'communication to computation ratio', nonNegativeNumber, 1)
    .option('--heterogeneity <beta>', 'range of a task\'s costs over processors, in [0, 2)', nonNegativeNumber, 1)
    .option('--mean-cost <w>', 'mean computation cost of a task', positiveNumber, 20)
    .option('--seed <seed>', 'random seed', '1')
    .option('--name <name>', 'workflow name')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((flags: WorkflowFlags) => {
      if (flags.processors === undefined && !flags.cluster) throw new CliError('give --processors <m> or --cluster <file>', ExitCode.usage);
      const processors = flags.cluster ? loadCluster(flags.cluster).processors.map((p) => p.id) : flags.processors!;
      const workflow = rangeErrorsAsUsage(() =>
        generateWorkflow({
          tasks: flags.tasks,
          processors,
          shape: flags.shape,
          outDegree: flags.outDegree,
          ccr: flags.ccr,
          heterogeneity: flags.heterogeneity,
          meanCost: flags.meanCost,
          seed: seedValue(flags.seed),
          ...(flags.name ? { name: flags.name } : {}),
        }),
      );
      writeOutput(flags.output, toJson(workflow));
    });

  generate
    .command('cluster')
    .description('a random cluster')
    .requiredOption('-p, --processors <m>', 'number of processors', positiveInteger)
    .option('--speed <min,max>', 'processor speeds drawn uniformly from this range', numberRange, [1, 1] as [number, number])
    .option('--bandwidth <b>', 'network bandwidth', positiveNumber, 1)
    .option('--latency <l>', 'network latency', nonNegativeNumber, 0)
    .option('--heterogeneous-links', 'draw a bandwidth for every pair of processors')
    .option('--seed <seed>', 'random seed', '1')
    .option('--name <name>', 'cluster name')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action((flags: ClusterFlags) => {
      const cluster = rangeErrorsAsUsage(() =>
        generateCluster({
          processors: flags.processors,
          speed: flags.speed,
          bandwidth: flags.bandwidth,
          latency: flags.latency,
          heterogeneousLinks: flags.heterogeneousLinks ?? false,
          seed: seedValue(flags.seed),
          ...(flags.name ? { name: flags.name } : {}),
        }),
      );
      writeOutput(flags.output, toJson(cluster));
    });
}

/** The generators throw RangeError naming the parameter; on the command line that is a usage error. */
function rangeErrorsAsUsage<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, ExitCode.usage, { cause: error });
    throw error;
  }
}
