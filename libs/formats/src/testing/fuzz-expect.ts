import { checkSchedule, validateProblem, validateWorkflow, ValidationError, type ClusterSpec, type WorkflowSpec } from '@hetsched/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseWorkflowJson } from '../lib/native-json.js';
import { ODD_IDS } from './fuzz.js';
import { heftSchedule } from './schedule.js';

/**
 * The promise every reader keeps under fuzzing: it returns a workflow that is valid, survives a JSON round trip
 * and schedules to finite times that the checker accepts, or throws a ValidationError whose issues each read as
 * one line with their place. Anything else (a TypeError, a RangeError, a stack overflow) would reach a user as an
 * internal error.
 */

export const TWO_PROCESSORS: ClusterSpec = { processors: [{ id: 'p1' }, { id: 'p2', speed: 2 }], network: { bandwidth: 1, latency: 0.5 } };

export type Outcome = 'imported' | 'refused';

/** The promise every reader keeps; returns which way it went. */
export function expectWorkflowOrClearError(run: () => { workflow: WorkflowSpec; cluster?: ClusterSpec | undefined }): Outcome {
  let imported: { workflow: WorkflowSpec; cluster?: ClusterSpec | undefined };
  try {
    imported = run();
  } catch (error) {
    expectClearValidationError(error);
    return 'refused';
  }
  const { workflow, cluster } = imported;
  expect(validateWorkflow(workflow).filter((i) => i.severity === 'error')).toEqual([]);
  // What a reader returns can be written and read back as native JSON, unchanged as JSON (which writes -0 as 0).
  expect(JSON.stringify(parseWorkflowJson(JSON.stringify(workflow)))).toBe(JSON.stringify(workflow));
  expectSchedulable(workflow, cluster ?? TWO_PROCESSORS);
  return 'imported';
}

export function expectClearValidationError(error: unknown): void {
  if (!(error instanceof ValidationError)) throw error;
  const errors = error.issues.filter((i) => i.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  // The CLI prints the first as one line; the API and `hetsched validate` list them all, one per line.
  for (const issue of errors) {
    expect(issue.path).not.toBe('');
    expect(issue.message).not.toBe('');
    expect(`${issue.path}: ${issue.message}`).not.toMatch(/[\n\r\u2028\u2029]/);
  }
  expect(error.message).not.toMatch(/[\n\r]/);
}

/** A valid pair either is refused by validateProblem with issues, or schedules to finite, checked times. */
export function expectSchedulable(workflow: WorkflowSpec, cluster: ClusterSpec): void {
  if (validateProblem(workflow, cluster).some((i) => i.severity === 'error')) return;
  const { assignments, document } = heftSchedule(workflow, cluster);
  expect(Number.isFinite(document.makespan)).toBe(true);
  expect(checkSchedule(workflow, cluster, assignments).violations).toEqual([]);
}

export function tally(outcomes: Outcome[]): Record<Outcome, number> {
  return { imported: outcomes.filter((o) => o === 'imported').length, refused: outcomes.filter((o) => o === 'refused').length };
}


/** Distinct ids, Object.prototype member names and "$" among them (never empty). */
export const uniqueOddIds = (min: number, max: number) =>
  fc.uniqueArray(fc.oneof(fc.constantFrom(...ODD_IDS.filter((id) => id !== '')), fc.string({ minLength: 1, maxLength: 6 })), { minLength: min, maxLength: max });
