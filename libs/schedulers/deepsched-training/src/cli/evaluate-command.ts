import type { DecodeOrder } from '@hetsched/scheduler-deepsched';
import type { Command } from 'commander';
import { evaluateExamples, type EvaluationGroup } from '../lib/evaluate.js';
import { CliError, ExitCode } from './cli-error.js';
import { readDatasetArgument } from './dataset-argument.js';
import { writeJson, type CliContext } from './io.js';
import { loadModelArgument } from './model-argument.js';
import { positiveInteger } from './parse-args.js';
import { bar, ProgressLine } from './progress.js';

interface EvaluateFlags {
  model: string;
  dataset: string;
  candidates: number;
  order?: string;
  json?: boolean;
}

const ORDERS = ['predicted-start', 'upward-rank'];

/** `evaluate` (a model against a dataset's HEFT labels) and `info` (a model's metadata). */
export function registerEvaluateAndInfo(program: Command, cli: CliContext): void {
  program
    .command('evaluate')
    .description('schedule every example of a dataset with a model and compare with its HEFT labels')
    .requiredOption('--model <file|builtin>', 'a model file (.dsm) or "builtin"')
    .requiredOption('--dataset <dir>', `a dataset folder written by \`${cli.name} dataset\``)
    .option('--candidates <k>', 'processors the decoder weighs per task (1: the paper, the most probable one)', positiveInteger, 1)
    .option('--order <order>', 'decoding order: predicted-start or upward-rank (default: the model\'s, upward-rank for autoregressive models)')
    .option('--json', 'print the summary and every example as JSON')
    .action((flags: EvaluateFlags) => runEvaluate(flags, cli));

  program
    .command('info')
    .description('print a model\'s metadata: version, configuration, training and validation metrics')
    .requiredOption('--model <file|builtin>', 'a model file (.dsm) or "builtin"')
    .action(async (flags: { model: string }) => {
      const { model, bytes } = await loadModelArgument(flags.model);
      try {
        writeJson(cli.stdout, { ...model.metadata, ...(bytes ? { fileBytes: bytes.length } : { builtin: true }) });
      } finally {
        model.dispose();
      }
    });
}

async function runEvaluate(flags: EvaluateFlags, cli: CliContext): Promise<void> {
  if (flags.order !== undefined && !ORDERS.includes(flags.order)) throw new CliError('--order must be predicted-start or upward-rank', ExitCode.usage);
  const examples = await readDatasetArgument(flags.dataset);
  const { model, label } = await loadModelArgument(flags.model);
  const progress = new ProgressLine(cli.stderr);
  const order = flags.order ?? 'model default';
  try {
    const { summary, perExample } = await evaluateExamples(model, examples, {
      candidates: flags.candidates,
      ...(flags.order !== undefined ? { order: flags.order as DecodeOrder } : {}),
      onExample: (done, total) => progress.update(`evaluate ${bar(done, total)} ${done}/${total}`),
    });
    progress.clear();
    if (flags.json) {
      writeJson(cli.stdout, { model: model.metadata.version, dataset: flags.dataset, candidates: flags.candidates, order, summary, perExample });
      return;
    }
    const lines = [`model ${model.metadata.version} (${label}) on ${flags.dataset}, candidates ${flags.candidates}, order ${order}`];
    lines.push(`${'set'.padEnd(10)} ${'n'.padStart(6)}  ${'proc='.padStart(7)}  ${'mean'.padEnd(6)}  ${'worst'.padEnd(6)}  deviation`);
    lines.push(summaryRow('all', summary));
    for (const [kind, group] of Object.entries(summary.byKind)) lines.push(summaryRow(kind, group));
    lines.push('(proc= : tasks on HEFT\'s processor; mean/worst : makespan / HEFT\'s; deviation : raw predicted finish vs decoded, relative to makespan)');
    cli.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    model.dispose();
  }
}

/** One row of the evaluation table: examples, processor agreement, mean and worst makespan ratio, deviation. */
function summaryRow(name: string, g: EvaluationGroup): string {
  const accuracy = (100 * g.processorAccuracy).toFixed(1).padStart(6);
  return `${name.padEnd(10)} ${String(g.examples).padStart(6)}  ${accuracy}%  ${g.meanMakespanRatio.toFixed(4)}  ${g.worstMakespanRatio.toFixed(4)}  ${g.meanRelativeDeviation.toFixed(3)}`;
}
