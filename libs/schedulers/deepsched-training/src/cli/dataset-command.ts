import type { Command } from 'commander';
import { DEFAULT_SHARD_SIZE, writeDataset, type DatasetManifest } from '../lib/dataset-files.js';
import { DEFAULT_GENERATED, type DatasetSpec } from '../lib/dataset-spec.js';
import { asCliError } from './dataset-argument.js';
import { writeJson, type CliContext } from './io.js';
import { nonNegativeInteger, nonNegativeNumberList, positiveInteger, positiveIntegerList } from './parse-args.js';
import { bar, formatDuration, ProgressLine } from './progress.js';

interface DatasetFlags {
  out: string;
  seed: number;
  count: number;
  sizes: number[];
  ccr: number[];
  heterogeneity: number[];
  processors: number[];
  traces?: string;
  traceProcessors?: number[];
  shardSize: number;
  json?: boolean;
}

/** Off a terminal, progress is logged once per this share of the examples. */
const LOG_SHARE = 10;

/** `dataset`: a HEFT-labelled dataset folder (shards + manifest.json), reproducible from --seed. */
export function registerDataset(program: Command, cli: CliContext): void {
  program
    .command('dataset')
    .description('write a HEFT-labelled dataset (generated workflows, optionally real traces), sharded, reproducible from --seed')
    .requiredOption('--out <dir>', 'dataset folder (shards + manifest.json)')
    .option('--seed <n>', 'random seed', nonNegativeInteger, 1)
    .option('--count <n>', 'number of generated workflows', nonNegativeInteger, DEFAULT_GENERATED.count)
    .option('--sizes <list>', 'task counts to draw from', positiveIntegerList, DEFAULT_GENERATED.taskCounts)
    .option('--ccr <list>', 'communication to computation ratios to draw from', nonNegativeNumberList, DEFAULT_GENERATED.ccrs)
    .option('--heterogeneity <list>', 'heterogeneities (β, in [0, 2)) to draw from', nonNegativeNumberList, DEFAULT_GENERATED.heterogeneities)
    .option('--processors <list>', 'processor counts to draw from', positiveIntegerList, DEFAULT_GENERATED.processorCounts)
    .option('--traces <dir>', 'also the WfCommons JSON and Pegasus DAX traces of this folder, each on a few clusters')
    .option('--trace-processors <list>', 'processor counts of the generated clusters each trace is put on (default: smallest, middle, largest of --processors)', positiveIntegerList)
    .option('--shard-size <n>', 'examples per shard file', positiveInteger, DEFAULT_SHARD_SIZE)
    .option('--json', 'print the manifest as JSON')
    .action((flags: DatasetFlags) => runDataset(flags, cli));
}

async function runDataset(flags: DatasetFlags, cli: CliContext): Promise<void> {
  const spec: DatasetSpec = {
    seed: flags.seed,
    generated: { count: flags.count, taskCounts: flags.sizes, ccrs: flags.ccr, heterogeneities: flags.heterogeneity, processorCounts: flags.processors },
    ...(flags.traces ? { tracesDir: flags.traces } : {}),
    ...(flags.traceProcessors ? { traceProcessorCounts: flags.traceProcessors } : {}),
  };
  const progress = new ProgressLine(cli.stderr);
  const started = performance.now();
  let lastLogged = 0;
  let manifest: DatasetManifest;
  try {
    manifest = await writeDataset(spec, flags.out, {
      shardSize: flags.shardSize,
      onProgress: (done, total) => {
        const eta = ((performance.now() - started) / done) * (total - done);
        progress.update(`dataset ${bar(done, total)} ${done}/${total} examples  ETA ${formatDuration(eta)}`);
        // Off a terminal: a line per tenth, not per example.
        if (!progress.tty && (done === total || done - lastLogged >= Math.max(1, Math.ceil(total / LOG_SHARE)))) {
          lastLogged = done;
          progress.log(`dataset: ${done}/${total} examples`);
        }
      },
    });
  } catch (error) {
    progress.clear();
    throw asCliError(error, '--traces');
  }
  progress.clear();
  if (flags.json) {
    writeJson(cli.stdout, manifest);
    return;
  }
  const { counts } = manifest;
  const shards = `${manifest.shards.length} shard${manifest.shards.length === 1 ? '' : 's'}`;
  cli.stdout.write(
    `${flags.out}: ${counts.examples} examples (${counts.generated} generated, ${counts.traces} from traces; ${counts.tasks} tasks) in ${shards}, ${formatDuration(performance.now() - started)}\n`,
  );
}
