import { formatIssue, validateCluster, validateProblem, validateWorkflow, ValidationError, type ValidationIssue } from '@hetsched/core';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../lib/cli-error.js';
import { loadCluster, loadWorkflow, WORKFLOW_FORMATS, type WorkflowFormat } from '../lib/input-files.js';

interface ValidateFlags {
  workflow?: string;
  workflowFormat: WorkflowFormat;
  cluster?: string;
}

/**
 * Lists every problem (not only the first), one line each: `file: $.json.path: message`. Exit 1 when any is an
 * error; warnings alone leave the exit code 0.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check a workflow (and a cluster) and list every problem found')
    .option('-w, --workflow <file>', 'workflow: native JSON, WfCommons WfFormat or Pegasus DAX')
    .option('--workflow-format <format>', `one of ${WORKFLOW_FORMATS.join(', ')}`, 'auto')
    .option('-c, --cluster <file>', 'cluster JSON')
    .action((flags: ValidateFlags) => {
      if (!flags.workflow && !flags.cluster) throw new CliError('give --workflow <file>, --cluster <file> or both', ExitCode.usage);
      const report: { file: string; issue: ValidationIssue }[] = [];
      const collect = (file: string, issues: readonly ValidationIssue[]) => issues.forEach((issue) => report.push({ file, issue }));
      const load = <T>(file: string, parse: () => T): T | undefined => {
        try {
          return parse();
        } catch (error) {
          const cause = error instanceof CliError ? error.cause : error;
          if (cause instanceof ValidationError) {
            collect(file, cause.issues);
            return undefined;
          }
          throw error;
        }
      };

      const loaded = flags.workflow ? load(flags.workflow, () => loadWorkflow(flags.workflow!, flags.workflowFormat)) : undefined;
      const cluster = flags.cluster ? load(flags.cluster, () => loadCluster(flags.cluster!)) : undefined;
      if (loaded) {
        collect(flags.workflow!, validateWorkflow(loaded.workflow).filter((i) => i.severity === 'warning'));
        for (const warning of loaded.warnings) report.push({ file: flags.workflow!, issue: { severity: 'warning', path: '$', message: warning } });
      }
      if (cluster) collect(flags.cluster!, validateCluster(cluster).filter((i) => i.severity === 'warning'));
      if (loaded && cluster) collect(flags.workflow!, validateProblem(loaded.workflow, cluster));

      for (const { file, issue } of report) {
        process.stderr.write(`${file}: ${issue.severity === 'warning' ? 'warning: ' : ''}${formatIssue(issue)}\n`);
      }
      const errors = report.filter((r) => r.issue.severity === 'error').length;
      if (errors > 0) {
        process.stderr.write(`${errors} error${errors > 1 ? 's' : ''} found\n`);
        process.exitCode = ExitCode.invalidInput;
        return;
      }
      const parts: string[] = [];
      if (loaded) parts.push(`${flags.workflow}: valid workflow (${loaded.workflow.tasks.length} tasks, ${loaded.workflow.edges.length} edges)`);
      if (cluster) parts.push(`${flags.cluster}: valid cluster (${cluster.processors.length} processors)`);
      process.stdout.write(`${parts.join('\n')}\n`);
    });
}
