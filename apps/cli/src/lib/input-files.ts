import { readFileSync } from 'node:fs';
import { formatIssue, ValidationError, type ClusterSpec, type ValidationIssue, type WorkflowSpec } from '@hetsched/core';
import { importDax, importWfFormat, parseClusterJson, parseWorkflowJson } from '@hetsched/formats';
import { CliError, ExitCode } from './cli-error.js';

export type WorkflowFormat = 'auto' | 'native' | 'wfformat' | 'dax';
export const WORKFLOW_FORMATS: readonly WorkflowFormat[] = ['auto', 'native', 'wfformat', 'dax'];

export interface LoadedWorkflow {
  workflow: WorkflowSpec;
  /** A WfFormat trace describes the machines it ran on; that cluster, when present. */
  traceCluster?: ClusterSpec;
  warnings: string[];
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new CliError(`${file}: ${reason}`, ExitCode.invalidInput, { cause: error });
  }
}

/**
 * Native JSON unless the content says otherwise: XML is Pegasus DAX; JSON whose opening mentions WfFormat's
 * `schemaVersion` or `specification` is a WfCommons trace. A heuristic on the first bytes, so a 100 MB file is
 * not parsed twice; `--workflow-format` overrides it.
 */
export function detectWorkflowFormat(text: string): Exclude<WorkflowFormat, 'auto'> {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('<')) return 'dax';
  if (/"(schemaVersion|specification)"\s*:/.test(head)) return 'wfformat';
  return 'native';
}

export function loadWorkflow(file: string, format: WorkflowFormat = 'auto'): LoadedWorkflow {
  const text = readText(file);
  const actual = format === 'auto' ? detectWorkflowFormat(text) : format;
  return withFileName(file, () => {
    switch (actual) {
      case 'native':
        return { workflow: parseWorkflowJson(text, file), warnings: [] };
      case 'wfformat': {
        const imported = importWfFormat(text);
        return { workflow: imported.workflow, traceCluster: imported.cluster, warnings: imported.warnings };
      }
      case 'dax': {
        const imported = importDax(text);
        return { workflow: imported.workflow, warnings: imported.warnings };
      }
    }
  });
}

export function loadCluster(file: string): ClusterSpec {
  const text = readText(file);
  return withFileName(file, () => parseClusterJson(text, file));
}

/** Runs a parse and turns its ValidationError into a CliError that names the file and the place. */
export function withFileName<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ValidationError) throw validationFailure(file, error.issues, error);
    throw error;
  }
}

export function validationFailure(file: string, issues: readonly ValidationIssue[], cause?: unknown): CliError {
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  if (!first) return new CliError(`${file}: invalid`, ExitCode.invalidInput, { cause });
  const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}; \`hetsched validate\` lists all)` : '';
  return new CliError(`${file}: ${formatIssue(first)}${more}`, ExitCode.invalidInput, { cause });
}
