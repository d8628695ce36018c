import { renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatIssue, resolveTrainingParameters, SchedulerOptionsError, trainingOf, ValidationError, type TrainedArtifact } from '@hetsched/core';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { toJson, writeOutput } from '../lib/output.js';
import { jsonObject } from '../lib/parse-args.js';
import { CliRunHost, INTERRUPTED } from '../lib/run-context.js';
import { findScheduler } from '../lib/schedulers.js';

interface TrainFlags {
  scheduler: string;
  parameters: Record<string, unknown>;
  out: string;
  compact?: boolean;
}

/**
 * `hetsched train --scheduler <name>`: trains any learning scheduler through its plugin's training capability,
 * the same entry point a worker calls for the API's trainModel. The best artifact so far is written to --out at
 * every improvement (replaced whole, never half-written), so Ctrl-C — even twice — leaves the best model there.
 */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a learning scheduler (see `hetsched schedulers`: "trainable"); progress on stderr, the best model written to --out at every improvement; Ctrl-C stops and keeps it')
    .requiredOption('-s, --scheduler <name>', 'the scheduler to train')
    .option('--parameters <json>', 'training parameters as a JSON object (defaults and bounds: `hetsched schedulers`)', jsonObject, {})
    .requiredOption('-o, --out <file>', 'where the trained model goes; use it with `hetsched schedule --model <file>`')
    .option('--compact', 'print the summary on one line')
    .action(async (flags: TrainFlags) => {
      const plugin = await findScheduler(flags.scheduler);
      let training;
      let parameters;
      try {
        training = trainingOf(plugin, '--scheduler');
        parameters = resolveTrainingParameters(training, flags.parameters, '--parameters');
      } catch (error) {
        if (error instanceof SchedulerOptionsError || error instanceof ValidationError) throw new CliError(error.issues.map(formatIssue).join('; '), ExitCode.usage, { cause: error });
        throw error;
      }
      const host = new CliRunHost(`train ${plugin.metadata.name}`);
      let best: TrainedArtifact | null = null;
      const keep = (artifact: TrainedArtifact) => {
        best = artifact;
        writeAtomically(flags.out, artifact.data);
      };
      try {
        const result = await training.train(parameters, {
          signal: host.signal,
          reportProgress: host.report,
          now: () => performance.now(),
          checkpoint: keep,
        });
        if (result.artifact) keep(result.artifact);
        const artifact = best as TrainedArtifact | null;
        if (!artifact) throw new CliError(`training of "${plugin.metadata.name}" stopped before it had a model: nothing written`, host.interrupted ? INTERRUPTED : ExitCode.internal);
        const summary = { scheduler: plugin.metadata.name, model: { id: artifact.id, name: artifact.name ?? null, metrics: artifact.metrics ?? {} }, out: flags.out, info: result.info };
        writeOutput(undefined, toJson(summary, flags.compact));
        if (host.interrupted) process.exitCode = INTERRUPTED;
      } finally {
        host.close();
      }
    });
}

/** Replaces a file whole: a reader (or a second Ctrl-C) never sees half a model. */
function writeAtomically(file: string, data: Uint8Array): void {
  const temporary = `${file}.partial-${process.pid}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new CliError(`--out ${file}: cannot write: ${(error as Error).message}`, ExitCode.invalidInput, { cause: error });
  }
}
