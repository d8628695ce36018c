import { DatasetError, DEFAULT_GENERATED, DEFAULT_SHARD_SIZE, evaluateExamples, readDataset, readManifest, writeDataset, type DatasetSpec } from '@hetsched/deepsched-training';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadModelArgument } from '../lib/model-files.js';
import { toJson, writeOutput } from '../lib/output.js';
import { nonNegativeInteger, nonNegativeNumberList, positiveInteger, positiveIntegerList } from '../lib/parse-args.js';
import { bar, formatDuration, ProgressLine } from '../lib/progress.js';
import { registerDeepschedTrain } from './deepsched-train.js';

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

/** `hetsched deepsched ...`: datasets of HEFT schedules, training, evaluation and model files of the DeepSched scheduler. */
export function registerDeepsched(program: Command): void {
  const deepsched = program.command('deepsched').description('DeepSched: HEFT-labelled datasets, training, evaluation and model files');

  deepsched
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
    .action(async (flags: DatasetFlags) => {
      const spec: DatasetSpec = {
        seed: flags.seed,
        generated: { count: flags.count, taskCounts: flags.sizes, ccrs: flags.ccr, heterogeneities: flags.heterogeneity, processorCounts: flags.processors },
        ...(flags.traces ? { tracesDir: flags.traces } : {}),
        ...(flags.traceProcessors ? { traceProcessorCounts: flags.traceProcessors } : {}),
      };
      const progress = new ProgressLine();
      const started = performance.now();
      let lastLogged = 0;
      let manifest;
      try {
        manifest = await writeDataset(spec, flags.out, {
          shardSize: flags.shardSize,
          onProgress: (done, total) => {
            const eta = ((performance.now() - started) / done) * (total - done);
            progress.update(`dataset ${bar(done, total)} ${done}/${total} examples  ETA ${formatDuration(eta)}`);
            // Off a terminal: a line per tenth, not per example.
            if (!progress.tty && (done === total || done - lastLogged >= Math.max(1, Math.ceil(total / 10)))) {
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
        writeOutput(undefined, toJson(manifest));
        return;
      }
      const { counts } = manifest;
      process.stdout.write(
        `${flags.out}: ${counts.examples} examples (${counts.generated} generated, ${counts.traces} from traces; ${counts.tasks} tasks) in ${manifest.shards.length} shard${manifest.shards.length === 1 ? '' : 's'}, ${formatDuration(performance.now() - started)}\n`,
      );
    });

  registerDeepschedTrain(deepsched);

  deepsched
    .command('evaluate')
    .description('schedule every example of a dataset with a model and compare with its HEFT labels')
    .requiredOption('--model <file|builtin>', 'a model file (.dsm) or "builtin"')
    .requiredOption('--dataset <dir>', 'a dataset folder written by `hetsched deepsched dataset`')
    .option('--candidates <k>', 'processors the decoder weighs per task (1: the paper, the most probable one)', positiveInteger, 1)
    .option('--order <order>', 'decoding order: predicted-start or upward-rank (default: the model\'s, upward-rank for autoregressive models)')
    .option('--json', 'print the summary and every example as JSON')
    .action(async (flags: { model: string; dataset: string; candidates: number; order?: string; json?: boolean }) => {
      if (flags.order !== undefined && flags.order !== 'predicted-start' && flags.order !== 'upward-rank') throw new CliError('--order must be predicted-start or upward-rank', ExitCode.usage);
      const examples = await readDatasetArgument(flags.dataset);
      const { model, label } = await loadModelArgument(flags.model);
      const progress = new ProgressLine();
      try {
        const { summary, perExample } = await evaluateExamples(model, examples, {
          candidates: flags.candidates,
          ...(flags.order !== undefined ? { order: flags.order } : {}),
          onExample: (done, total) => progress.update(`evaluate ${bar(done, total)} ${done}/${total}`),
        });
        progress.clear();
        if (flags.json) {
          writeOutput(undefined, toJson({ model: model.metadata.version, dataset: flags.dataset, candidates: flags.candidates, order: flags.order ?? 'model default', summary, perExample }));
          return;
        }
        const lines = [`model ${model.metadata.version} (${label}) on ${flags.dataset}, candidates ${flags.candidates}, order ${flags.order ?? 'model default'}`];
        const row = (name: string, g: typeof summary) =>
          `${name.padEnd(10)} ${String(g.examples).padStart(6)}  ${(100 * g.processorAccuracy).toFixed(1).padStart(6)}%  ${g.meanMakespanRatio.toFixed(4)}  ${g.worstMakespanRatio.toFixed(4)}  ${g.meanRelativeDeviation.toFixed(3)}`;
        lines.push(`${'set'.padEnd(10)} ${'n'.padStart(6)}  ${'proc='.padStart(7)}  ${'mean'.padEnd(6)}  ${'worst'.padEnd(6)}  deviation`);
        lines.push(row('all', summary));
        for (const [kind, group] of Object.entries(summary.byKind)) lines.push(row(kind, { ...group, byKind: {} }));
        lines.push('(proc= : tasks on HEFT\'s processor; mean/worst : makespan / HEFT\'s; deviation : raw predicted finish vs decoded, relative to makespan)');
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        model.dispose();
      }
    });

  deepsched
    .command('info')
    .description('print a model\'s metadata: version, configuration, training and validation metrics')
    .requiredOption('--model <file|builtin>', 'a model file (.dsm) or "builtin"')
    .action(async (flags: { model: string }) => {
      const { model, bytes } = await loadModelArgument(flags.model);
      try {
        writeOutput(undefined, toJson({ ...model.metadata, ...(bytes ? { fileBytes: bytes.length } : { builtin: true }) }));
      } finally {
        model.dispose();
      }
    });
}

/** A dataset folder, with its faults as one-line errors naming the file. */
export async function readDatasetArgument(dir: string) {
  try {
    readManifest(dir);
    return await readDataset(dir);
  } catch (error) {
    throw asCliError(error, '--dataset');
  }
}

/** Dataset and spec faults are the user's input: one line naming the file or flag. */
export function asCliError(error: unknown, flag: string): unknown {
  if (error instanceof DatasetError) return new CliError(error.message, ExitCode.invalidInput, { cause: error });
  if (error instanceof RangeError) return new CliError(error.message.replace(/^dataset spec: /, 'dataset: '), ExitCode.usage, { cause: error });
  if (error instanceof Error && /^(traces folder|trace) /.test(error.message)) return new CliError(`${flag}: ${error.message}`, ExitCode.invalidInput, { cause: error });
  return error;
}
