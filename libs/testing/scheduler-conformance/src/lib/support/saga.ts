/**
 * The SAGA cross-check problems (../shared/fixtures/saga, see that folder's README) with the makespans SAGA's
 * schedulers gave there, and emulations of SAGA's loops that the specs use to explain where our figures differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { DocumentModel, type Placement } from './document-model.js';
import type { DocumentProblem } from './document-problems.js';
import { outranks, type BatchRule } from './references.js';

/** SAGA prints makespans with 6 decimals: two figures this close, relatively, are the same. */
const SAGA_PRECISION = 1e-6;

/** One of the twelve cross-check problems with the makespans SAGA's schedulers gave, by SAGA's scheduler name. */
export interface SagaFixture {
  name: string;
  problem: DocumentProblem;
  saga: Record<string, { makespan: number }>;
}

/** The SAGA cross-check problems, read from the shared fixtures beside the repository. */
export function sagaFixtures(): SagaFixture[] {
  // from src/lib/support/ (or dist/lib/support/) up to the folder that holds the repository
  const folder = new URL('../../../../../../../shared/fixtures/saga/', import.meta.url);
  return readdirSync(folder)
    .filter((name) => name.startsWith('saga-'))
    .sort()
    .map((name) => {
      const read = (file: string) => JSON.parse(readFileSync(new URL(`${name}/${file}`, folder), 'utf8'));
      return { name, problem: { workflow: read('workflow.json'), cluster: read('cluster.json') }, saga: read('saga-results.json').saga };
    });
}

/** True when two makespans agree to SAGA's printed precision, relatively. */
export function sameFigure(ours: number, saga: number): boolean {
  return Math.abs(ours - saga) <= SAGA_PRECISION * Math.max(1, Math.abs(saga));
}

/**
 * SAGA's MinMin ('min') and MaxMin ('max') loop (ANRGUSC/saga v2, schedulers/minmin.py and maxmin.py): a batch is
 * the set of tasks ready when it starts, and it is emptied, one pick at a time by the same rule as ours, before any
 * task that turned ready meanwhile is looked at. Append only.
 */
export function sagaBatchMinMaxMin(problem: DocumentProblem, rule: BatchRule): Placement[] {
  const model = new DocumentModel(problem);
  const placements: Placement[] = new Array(model.taskCount);
  for (let batch = model.readyTasks(placements); batch.length > 0; batch = model.readyTasks(placements)) {
    while (batch.length > 0) {
      const candidates = batch.map((t) => ({ t, placement: model.earliestPlacement(placements, t, false) }));
      const pick = candidates.reduce((a, b) => (outranks(rule, b.placement, a.placement) ? b : a));
      placements[pick.t] = pick.placement;
      batch.splice(batch.indexOf(pick.t), 1);
    }
  }
  return placements;
}
