import { basename } from 'node:path';
import { readManifest, trainToFolder, BEST_MODEL_FILE, TRAINING_REPORT_FILE } from '@hetsched/deepsched-training';
import type { EpochReport } from '@hetsched/scheduler-deepsched';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadModelArgument } from '../lib/model-files.js';
import { toJson, writeOutput } from '../lib/output.js';
import { fraction, jsonObject, nonNegativeInteger, positiveInteger, positiveNumber } from '../lib/parse-args.js';
import { bar, formatDuration, ProgressLine } from '../lib/progress.js';
import { asCliError, readDatasetArgument } from './deepsched.js';

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

/** Exit status of a run stopped by Ctrl-C (128 + SIGINT), after it kept its best checkpoint. */
const INTERRUPTED = 130;

export function registerDeepschedTrain(deepsched: Command): void {
  deepsched
    .command('train')
    .description('train a model on a dataset: progress on stderr, checkpoints and best.dsm in --out, early stopping; Ctrl-C stops after the batch and keeps the best')
    .requiredOption('--dataset <dir>', 'a dataset folder written by `hetsched deepsched dataset`')
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
    .action(async (flags: TrainFlags) => {
      const examples = await readDatasetArgument(flags.dataset);
      const manifest = readManifest(flags.dataset);
      const start = flags.from ? (await loadModelArgument(flags.from, '--from')).model : undefined;
      const progress = new ProgressLine();
      const { initBackend } = await import('@hetsched/scheduler-deepsched');
      const backend = await initBackend();
      progress.log(`backend: ${backend.name} (${backend.reason}); ${examples.length} examples from ${flags.dataset}`);

      // First Ctrl-C: finish the batch, keep the best weights. Second: leave at once (files are whole either way).
      const controller = new AbortController();
      const onSigint = (): void => {
        if (controller.signal.aborted) process.exit(INTERRUPTED);
        progress.log('interrupted: stopping after the current batch and keeping the best checkpoint (Ctrl-C again to quit now)');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      // A time limit ends the run the way Ctrl-C does, but it is a normal end (exit 0).
      let timedOut = false;
      const timer = flags.timeLimit
        ? setTimeout(() => {
            timedOut = true;
            progress.log(`time limit of ${flags.timeLimit} s reached: stopping after the current batch`);
            controller.abort();
          }, flags.timeLimit * 1000)
        : undefined;

      const started = performance.now();
      let batchesDone = 0;
      let last: EpochReport | undefined;
      const validationText = () => (last ? `  val loss ${last.validationLoss.toFixed(4)} acc ${(100 * last.validationProcessorAccuracy).toFixed(1)}%` : '');
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
          signal: controller.signal,
          dataset: { name: basename(flags.dataset), seed: manifest.seed, counts: manifest.counts, spec: manifest.spec },
          onBatch: ({ epoch, batch, batches, loss }) => {
            batchesDone++;
            const perBatch = (performance.now() - started) / batchesDone;
            const remaining = (flags.epochs - epoch) * batches + (batches - batch);
            progress.update(
              `epoch ${epoch}/${flags.epochs} ${bar(batch, batches, 12)} batch ${batch}/${batches}  loss ${loss.toFixed(4)}${validationText()}  ETA ${formatDuration(perBatch * remaining)}`,
            );
          },
          onEpoch: (epoch) => {
            last = epoch;
            progress.log(
              `epoch ${epoch.epoch}/${epoch.epochs}  train loss ${epoch.trainLoss.toFixed(4)}  val loss ${epoch.validationLoss.toFixed(4)}  val acc ${(100 * epoch.validationProcessorAccuracy).toFixed(1)}%${epoch.improved ? '  (best, checkpoint written)' : ''}  ${formatDuration(epoch.elapsedMs)}`,
            );
          },
        });
        progress.clear();
        const stopped = { epochs: 'ran all epochs', 'early-stopping': `early stopping (patience ${flags.patience})`, abort: timedOut ? 'time limit' : 'interrupted' }[result.stoppedBy];
        progress.log(`${stopped}; kept epoch ${report.bestEpoch ?? '-'} in ${flags.out}/${BEST_MODEL_FILE}, report in ${flags.out}/${TRAINING_REPORT_FILE}`);
        writeOutput(
          undefined,
          toJson({ model: result.model.metadata.version, stoppedBy: result.stoppedBy, bestEpoch: report.bestEpoch, metrics: result.model.metadata.metrics, best: `${flags.out}/${BEST_MODEL_FILE}` }),
        );
        result.model.dispose();
        if (result.stoppedBy === 'abort' && !timedOut) process.exitCode = INTERRUPTED;
      } catch (error) {
        progress.clear();
        if (error instanceof RangeError) throw new CliError(error.message, ExitCode.usage, { cause: error });
        throw asCliError(error, '--dataset');
      } finally {
        process.off('SIGINT', onSigint);
        clearTimeout(timer);
        start?.dispose();
      }
    });
}
