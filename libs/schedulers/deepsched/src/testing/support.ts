// Test support shared by the specs: HEFT labels from core (this lib must not import the heft plugin) and a tiny
// network config that trains in seconds. Not part of the package (excluded from the build).
import { priorityOrder, scheduleEarliestFinish, upwardRanks, type Schedule, type SchedulingProblem } from '@hetsched/core';
import type { ModelConfig } from '../lib/types.js';

/** HEFT: upward-rank order, earliest-finish processor, insertion-based. */
export function heftOf(problem: SchedulingProblem): Schedule {
  return scheduleEarliestFinish(problem, priorityOrder(problem, upwardRanks(problem)));
}

export const TINY: Partial<ModelConfig> = { gruUnits: 8, hidden: 8, fusion: 8, maxProcessors: 8 };
