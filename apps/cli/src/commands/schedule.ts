import { compileProblem, runScheduler, ValidationError, type ClusterSpec } from '@hetsched/core';
import { renderGanttSvg } from '@hetsched/formats';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadCluster, loadWorkflow, validationFailure, WORKFLOW_FORMATS, type WorkflowFormat } from '../lib/input-files.js';
import { toJson, writeOutput } from '../lib/output.js';
import { jsonObject } from '../lib/parse-args.js';
import { CliRunHost, INTERRUPTED, modelFileRun } from '../lib/run-context.js';
import { findScheduler } from '../lib/schedulers.js';

interface ScheduleFlags {
  workflow: string;
  workflowFormat: WorkflowFormat;
  cluster?: string;
  scheduler: string;
  options: Record<string, unknown>;
  gantt?: string;
  output?: string;
  compact?: boolean;
  model?: string;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('schedule a workflow on a cluster with any installed scheduler and print the schedule as JSON (progress on stderr; Ctrl-C keeps the best so far)')
    .requiredOption('-w, --workflow <file>', 'workflow: native JSON, WfCommons WfFormat or Pegasus DAX')
    .option('--workflow-format <format>', `one of ${WORKFLOW_FORMATS.join(', ')}`, 'auto')
    .option('-c, --cluster <file>', 'cluster JSON (default for a WfFormat trace: the machines it ran on)')
    .option('-s, --scheduler <name>', 'scheduler to run (see `hetsched schedulers`)', 'heft')
    .option('--options <json>', 'scheduler options as a JSON object', jsonObject, {})
    .option('--gantt <file.svg>', 'also write a Gantt chart of the schedule as SVG')
    .option('-o, --output <file>', 'write the JSON to a file instead of stdout')
    .option('--compact', 'print JSON on one line')
    .option('--model <file>', 'for a learning scheduler: a trained model file to schedule with (or a model it ships, e.g. "builtin")')
    .action(async (flags: ScheduleFlags) => {
      if (!WORKFLOW_FORMATS.includes(flags.workflowFormat)) {
        throw new CliError(`--workflow-format must be one of ${WORKFLOW_FORMATS.join(', ')}`, ExitCode.usage);
      }
      const plugin = await findScheduler(flags.scheduler);
      // The user names a local model file; the plugin itself never opens paths, it asks the host for an artifact.
      const model = flags.model ? await modelFileRun(plugin, flags.model) : undefined;
      const loaded = loadWorkflow(flags.workflow, flags.workflowFormat);
      for (const warning of loaded.warnings) process.stderr.write(`hetsched: warning: ${flags.workflow}: ${warning}\n`);
      const cluster: ClusterSpec | undefined = flags.cluster ? loadCluster(flags.cluster) : loaded.traceCluster;
      if (!cluster) throw new CliError('--cluster <file> is required (this workflow carries no machines of its own)', ExitCode.usage);

      let problem;
      try {
        problem = compileProblem(loaded.workflow, cluster);
      } catch (error) {
        if (error instanceof ValidationError) throw validationFailure(flags.workflow, error.issues, error);
        throw error;
      }
      const host = new CliRunHost(plugin.metadata.name);
      let run;
      try {
        const options = model ? { ...flags.options, ...model.options } : flags.options;
        run = await runScheduler(plugin, problem, options, {
          signal: host.signal,
          reportProgress: (event) => host.report(event),
          now: () => performance.now(),
          ...(model?.artifacts ? { artifacts: model.artifacts } : {}),
        });
      } catch (error) {
        if (error instanceof ValidationError) throw validationFailure(`scheduler "${plugin.metadata.name}"`, error.issues, error);
        if (host.interrupted) throw new CliError(`interrupted before "${plugin.metadata.name}" had a schedule`, INTERRUPTED, { cause: error });
        throw error;
      } finally {
        host.close();
      }
      const { utilisation, makespan: _makespan, ...ratios } = run.metrics;
      writeOutput(
        flags.output,
        toJson({ scheduler: run.scheduler, makespan: run.makespan, metrics: { ...ratios, utilisation }, assignments: run.assignments, ...(run.info ? { info: run.info } : {}) }, flags.compact),
      );
      if (flags.gantt) {
        const title = `${loaded.workflow.name ?? flags.workflow} on ${cluster.name ?? flags.cluster ?? 'trace machines'} — ${run.scheduler}`;
        writeOutput(flags.gantt, renderGanttSvg({ processorIds: problem.processorIds.slice(), assignments: run.assignments, title, makespan: run.makespan }));
      }
      if (host.interrupted) process.exitCode = INTERRUPTED;
    });
}
