import { basename } from 'node:path';
import { initBackend, type EpochReport, type TrainHooks } from '@hetsched/scheduler-deepsched';
import type { Command } from 'commander';
import { readManifest } from '../lib/dataset-files.js';
import { BEST_MODEL_FILE, trainToFolder, TRAINING_REPORT_FILE } from '../lib/train-to-folder.js';
import { CliError, ExitCode } from './cli-error.js';
import { asCliError, readDatasetArgument } from './dataset-argument.js';
import { HOSTED_NAME, writeJson, type CliContext } from './io.js';
import { loadModelArgument } from './model-argument.js';
import { fraction, jsonObject, nonNegativeInteger, positiveInteger, positiveNumber } from './parse-args.js';
import { bar, formatDuration, ProgressLine } from './progress.js';

interface TrainFlags {
  dataset: string;
  out: string;
  epochs: number;
  batchSize: number;
  learningRate: number;
  patience: number;
  seed: number;
  validation: number;
  from?: string;
  config?: Record<string, unknown>;
  timeLimit?: number;
}

/** Printed on stderr when `hetsched deepsched train` starts, and in its help. */
export const TRAIN_DEPRECATION =
  'deprecated: `hetsched deepsched train` goes away in the next version; train through the generic path with `hetsched train --scheduler deepsched` (the dataset-folder workflow stays available as `hetsched-deepsched train`)';

/** Bar width of the live batch line. */
const BATCH_BAR_WIDTH = 12;
const MS_PER_SECOND = 1000;

/** `train`: a model from a dataset folder, with checkpoints, best.dsm and training.json in --out. */
export function registerTrain(program: Command, cli: CliContext): void {
  const command = program
    .command('train')
    .description('train a model on a dataset: progress on stderr, checkpoints and best.dsm in --out, early stopping; Ctrl-C stops after the batch and keeps the best')
    .requiredOption('--dataset <dir>', `a dataset folder written by \`${cli.name} dataset\``)
    .requiredOption('--out <dir>', 'folder for checkpoint-epoch-NNN.dsm, best.dsm and training.json')
    .option('--epochs <n>', 'most epochs', positiveInteger, 30)
    .option('--batch-size <n>', 'examples per batch', positiveInteger, 8)
    .option('--learning-rate <r>', 'Adam learning rate', positiveNumber, 0.002)
    .option('--patience <n>', 'epochs without validation-loss improvement before stopping', positiveInteger, 5)
    .option('--seed <n>', 'seed of the weights, the shuffles and the split', nonNegativeInteger, 1)
    .option('--validation <fraction>', 'share of the examples held out for validation', fraction, 0.1)
    .option('--from <model>', 'continue training this model file (or "builtin") instead of fresh weights')
    .option('--time-limit <seconds>', 'stop after this long (after the current batch), keeping the best checkpoint', positiveNumber)
    .option('--config <json>', 'network shape of fresh weights, e.g. {"gruUnits":16,"hidden":16,"maxProcessors":16}', jsonObject)
    .action((flags: TrainFlags) => runTrain(flags, cli));
  if (cli.name === HOSTED_NAME) command.addHelpText('after', `\n${TRAIN_DEPRECATION}`);
}

async function runTrain(flags: TrainFlags, cli: CliContext): Promise<void> {
  const progress = new ProgressLine(cli.stderr);
  if (cli.name === HOSTED_NAME) progress.log(TRAIN_DEPRECATION);
  const examples = await readDatasetArgument(flags.dataset);
  const manifest = readManifest(flags.dataset);
  const start = flags.from ? (await loadModelArgument(flags.from, '--from')).model : undefined;
  const backend = await initBackend();
  progress.log(`backend: ${backend.name} (${backend.reason}); ${examples.length} examples from ${flags.dataset}`);
  const stop = stopControls(flags, cli, progress);
  try {
    const { result, report } = await trainToFolder(examples, {
      outDir: flags.out,
      validationFraction: flags.validation,
      train: {
        epochs: flags.epochs,
        batchSize: flags.batchSize,
        learningRate: flags.learningRate,
        patience: flags.patience,
        seed: flags.seed,
        datasetName: basename(flags.dataset),
        ...(flags.config ? { config: flags.config } : {}),
      },
      ...(start ? { start } : {}),
      signal: stop.signal,
      dataset: { name: basename(flags.dataset), seed: manifest.seed, counts: manifest.counts, spec: manifest.spec },
      ...trainingProgress(flags.epochs, progress),
    });
    progress.clear();
    const stopped = { epochs: 'ran all epochs', 'early-stopping': `early stopping (patience ${flags.patience})`, abort: stop.timedOut() ? 'time limit' : 'interrupted' }[result.stoppedBy];
    progress.log(`${stopped}; kept epoch ${report.bestEpoch ?? '-'} in ${flags.out}/${BEST_MODEL_FILE}, report in ${flags.out}/${TRAINING_REPORT_FILE}`);
    const { metadata } = result.model;
    writeJson(cli.stdout, { model: metadata.version, stoppedBy: result.stoppedBy, bestEpoch: report.bestEpoch, metrics: metadata.metrics, best: `${flags.out}/${BEST_MODEL_FILE}` });
    result.model.dispose();
    if (result.stoppedBy === 'abort' && !stop.timedOut()) cli.exitCode = ExitCode.interrupted;
  } catch (error) {
    progress.clear();
    if (error instanceof RangeError) throw new CliError(error.message, ExitCode.usage, { cause: error });
    throw asCliError(error, '--dataset');
  } finally {
    stop.release();
    start?.dispose();
  }
}

/**
 * What ends a run early: the first Ctrl-C stops after the current batch and keeps the best weights (a second one
 * leaves at once; the files are whole either way), and --time-limit does the same as a normal end (exit 0).
 */
function stopControls(flags: TrainFlags, cli: CliContext, progress: ProgressLine) {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    progress.log('interrupted: stopping after the current batch and keeping the best checkpoint (Ctrl-C again to quit now)');
    controller.abort();
  };
  cli.interrupts.on('SIGINT', onInterrupt);
  let timedOut = false;
  const timer = flags.timeLimit
    ? setTimeout(() => {
        timedOut = true;
        progress.log(`time limit of ${flags.timeLimit} s reached: stopping after the current batch`);
        controller.abort();
      }, flags.timeLimit * MS_PER_SECOND)
    : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      cli.interrupts.off('SIGINT', onInterrupt);
      clearTimeout(timer);
    },
  };
}

/** The live batch line (with the last epoch's validation numbers and an ETA) and a permanent line per epoch. */
function trainingProgress(epochs: number, progress: ProgressLine): Pick<TrainHooks, 'onBatch' | 'onEpoch'> {
  const started = performance.now();
  let batchesDone = 0;
  let last: EpochReport | undefined;
  const validationText = () => (last ? `  val loss ${last.validationLoss.toFixed(4)} acc ${(100 * last.validationProcessorAccuracy).toFixed(1)}%` : '');
  return {
    onBatch: ({ epoch, batch, batches, loss }) => {
      batchesDone++;
      const perBatch = (performance.now() - started) / batchesDone;
      const remaining = (epochs - epoch) * batches + (batches - batch);
      progress.update(`epoch ${epoch}/${epochs} ${bar(batch, batches, BATCH_BAR_WIDTH)} batch ${batch}/${batches}  loss ${loss.toFixed(4)}${validationText()}  ETA ${formatDuration(perBatch * remaining)}`);
    },
    onEpoch: (epoch) => {
      last = epoch;
      const accuracy = (100 * epoch.validationProcessorAccuracy).toFixed(1);
      const best = epoch.improved ? '  (best, checkpoint written)' : '';
      progress.log(`epoch ${epoch.epoch}/${epoch.epochs}  train loss ${epoch.trainLoss.toFixed(4)}  val loss ${epoch.validationLoss.toFixed(4)}  val acc ${accuracy}%${best}  ${formatDuration(epoch.elapsedMs)}`);
    },
  };
}
