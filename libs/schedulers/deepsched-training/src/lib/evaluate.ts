import { checkSchedule, makespanOf, toAssignments } from '@hetsched/core';
import { scheduleWithModel, type DeepSchedModel, type ScheduleWithModelOptions } from '@hetsched/scheduler-deepsched';
import type { LabelledExample } from './training-example.js';

export interface ExampleEvaluation {
  source: string;
  tasks: number;
  processors: number;
  makespan: number;
  heftMakespan: number;
  /** DeepSched's makespan / HEFT's: 1 is HEFT's quality, above is worse. */
  ratio: number;
  /** Share of the tasks placed on HEFT's processor. */
  processorAgreement: number;
  /** Mean |raw predicted finish − decoded finish| relative to the makespan. */
  relativeDeviation: number;
  inferenceMs: number;
  decodeMs: number;
  /** The independent checker's verdict on the decoded schedule (always true unless the decoder has a bug). */
  valid: boolean;
}

export interface EvaluationGroup {
  examples: number;
  /** Task-weighted share of tasks on HEFT's processor. */
  processorAccuracy: number;
  meanMakespanRatio: number;
  worstMakespanRatio: number;
  meanRelativeDeviation: number;
  meanInferenceMs: number;
  /** Schedules the independent checker rejected. */
  invalid: number;
}

export interface EvaluationSummary extends EvaluationGroup {
  /** The same numbers for the generated workflows and for the real traces (sources "generated:" and "trace:"). */
  byKind: Partial<Record<'generated' | 'trace', EvaluationGroup>>;
}

/**
 * Schedules every example with the model (decoded through the insertion-based list scheduler, so each schedule
 * is valid) and compares with its HEFT label: makespan ratio, processor agreement, raw-prediction deviation.
 */
export async function evaluateExamples(
  model: DeepSchedModel,
  examples: readonly LabelledExample[],
  options: ScheduleWithModelOptions & { onExample?(done: number, total: number): void; signal?: AbortSignal } = {},
): Promise<{ summary: EvaluationSummary; perExample: ExampleEvaluation[] }> {
  const { onExample, signal, ...decode } = options;
  const perExample: ExampleEvaluation[] = [];
  for (const [k, example] of examples.entries()) {
    if (signal?.aborted) break;
    const result = await scheduleWithModel(model, example.problem, decode);
    const makespan = makespanOf(result.schedule);
    const heftMakespan = makespanOf(example.target);
    let same = 0;
    for (let t = 0; t < example.problem.taskCount; t++) if (result.schedule.processorOf[t] === example.target.processorOf[t]) same++;
    perExample.push({
      source: example.source ?? `example:${k}`,
      tasks: example.problem.taskCount,
      processors: example.problem.processorCount,
      makespan,
      heftMakespan,
      ratio: heftMakespan > 0 ? makespan / heftMakespan : 1,
      processorAgreement: example.problem.taskCount > 0 ? same / example.problem.taskCount : 1,
      relativeDeviation: result.deviation.relativeToMakespan,
      inferenceMs: result.inferenceMs,
      decodeMs: result.decodeMs,
      valid: checkSchedule(example.problem.workflow, example.problem.cluster, toAssignments(example.problem, result.schedule)).valid,
    });
    onExample?.(k + 1, examples.length);
  }
  const summary: EvaluationSummary = { ...summarize(perExample), byKind: {} };
  for (const kind of ['generated', 'trace'] as const) {
    const group = perExample.filter((e) => e.source.startsWith(`${kind}:`));
    if (group.length > 0) summary.byKind[kind] = summarize(group);
  }
  return { summary, perExample };
}

export function summarize(rows: readonly ExampleEvaluation[]): EvaluationGroup {
  const n = rows.length;
  const mean = (pick: (r: ExampleEvaluation) => number): number => (n === 0 ? Number.NaN : rows.reduce((sum, r) => sum + pick(r), 0) / n);
  const tasks = rows.reduce((sum, r) => sum + r.tasks, 0);
  return {
    examples: n,
    processorAccuracy: tasks === 0 ? Number.NaN : rows.reduce((sum, r) => sum + r.processorAgreement * r.tasks, 0) / tasks,
    meanMakespanRatio: mean((r) => r.ratio),
    worstMakespanRatio: n === 0 ? Number.NaN : Math.max(...rows.map((r) => r.ratio)),
    meanRelativeDeviation: mean((r) => r.relativeDeviation),
    meanInferenceMs: mean((r) => r.inferenceMs + r.decodeMs),
    invalid: rows.filter((r) => !r.valid).length,
  };
}
