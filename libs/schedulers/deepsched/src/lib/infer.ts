import { makespanOf, type Schedule, type SchedulingProblem } from '@hetsched/core';
import { initBackend } from './backend.js';
import { argmaxProcessors, decodeAutoregressive, decodeOrder, decodeSchedule } from './decode.js';
import { encodeProblem } from './features.js';
import { predict, predictBase, type DeepSchedNetwork } from './network.js';
import { asNetwork } from './serialize.js';
import {
  assertProcessorsWithin,
  DeepSchedError,
  type DecodeOrder,
  type DeepSchedModel,
  type EvaluationResult,
  type ModelScheduleResult,
  type ScheduleWithModelOptions,
  type TrainingExample,
} from './types.js';

export async function scheduleWithModel(
  model: DeepSchedModel,
  problem: SchedulingProblem,
  options: ScheduleWithModelOptions = {},
): Promise<ModelScheduleResult> {
  await initBackend();
  return runModel(model, problem, options).result;
}

/** scheduleWithModel's work, also giving the argmax processor of each task (the classifier's own answer). */
function runModel(model: DeepSchedModel, problem: SchedulingProblem, options: ScheduleWithModelOptions): { result: ModelScheduleResult; chosen: Int32Array } {
  const net = asNetwork(model);
  // An autoregressive model's state features were teacher-forced in HEFT's priority order: it decodes in that order
  // unless told otherwise.
  const order = options.order ?? (net.config.autoregressive ? 'upward-rank' : 'predicted-start');
  const candidates = options.candidates ?? 1;
  if (!Number.isInteger(candidates) || candidates < 1) throw new DeepSchedError(`candidates must be an integer >= 1, got ${candidates}`);
  assertProcessorsWithin(problem.processorCount, net.config.maxProcessors);
  const { taskCount: n, processorCount: m } = problem;

  if (net.config.autoregressive) return runAutoregressive(net, problem, order, candidates);
  const inferenceStarted = performance.now();
  const encoded = encodeProblem(problem, net.config.maxProcessors);
  const prediction = predict(net, encoded);
  const inferenceMs = performance.now() - inferenceStarted;

  const decodeStarted = performance.now();
  const chosen = argmaxProcessors(prediction.probabilities, n, m);
  const predictedStart = new Float64Array(n);
  for (let t = 0; t < n; t++) predictedStart[t] = prediction.times[(t * m + chosen[t]!) * 2]!;
  const sequence = decodeOrder(problem, order, predictedStart, encoded.upwardRank, encoded.order);
  const schedule = decodeSchedule(problem, sequence, prediction.probabilities, candidates);
  const decodeMs = performance.now() - decodeStarted;

  // Raw predictions at the processor each task was finally given, against the decoded times.
  const predicted = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    const at = (t * m + schedule.processorOf[t]!) * 2;
    predicted[2 * t] = prediction.times[at]!;
    predicted[2 * t + 1] = prediction.times[at + 1]!;
  }
  return { result: { schedule, deviation: deviationOf(schedule, predicted), inferenceMs, decodeMs }, chosen };
}

/**
 * The autoregressive extension: inferenceMs is the encoding and the encoders (run once), decodeMs the heads
 * interleaved with the placements (task by task); their sum is the whole call, as for the one-shot network.
 */
function runAutoregressive(net: DeepSchedNetwork, problem: SchedulingProblem, order: DecodeOrder, candidates: number) {
  const started = performance.now();
  const encoded = encodeProblem(problem, net.config.maxProcessors);
  const base = predictBase(net, encoded);
  const encodedAt = performance.now();
  const { schedule, chosen, predicted } = decodeAutoregressive(net, problem, encoded, order, candidates, { base });
  return { result: { schedule, deviation: deviationOf(schedule, predicted), inferenceMs: encodedAt - started, decodeMs: performance.now() - encodedAt }, chosen };
}

function deviationOf(schedule: Schedule, predicted: Float64Array): ModelScheduleResult['deviation'] {
  const n = schedule.start.length;
  let startError = 0;
  let finishError = 0;
  for (let t = 0; t < n; t++) {
    startError += Math.abs(predicted[2 * t]! - schedule.start[t]!);
    finishError += Math.abs(predicted[2 * t + 1]! - schedule.finish[t]!);
  }
  const meanAbsStart = n > 0 ? startError / n : 0;
  const meanAbsFinish = n > 0 ? finishError / n : 0;
  const makespan = makespanOf(schedule);
  return { meanAbsStart, meanAbsFinish, relativeToMakespan: makespan > 0 ? (meanAbsStart + meanAbsFinish) / 2 / makespan : 0 };
}

/** Processor agreement with the targets (HEFT), and the makespan ratio of the decoded schedules to the targets'. */
export async function evaluateModel(
  model: DeepSchedModel,
  examples: TrainingExample[],
  options: ScheduleWithModelOptions = {},
): Promise<EvaluationResult> {
  let agree = 0;
  let tasks = 0;
  let ratioSum = 0;
  let worst = 0;
  let counted = 0;
  await initBackend();
  for (const { problem, target } of examples) {
    const n = problem.taskCount;
    if (n === 0) continue;
    const { result, chosen } = runModel(model, problem, options);
    for (let t = 0; t < n; t++) if (chosen[t] === target.processorOf[t]) agree++;
    tasks += n;
    const reference = makespanOf(target);
    const ratio = reference > 0 ? makespanOf(result.schedule) / reference : 1;
    ratioSum += ratio;
    worst = Math.max(worst, ratio);
    counted++;
  }
  return {
    processorAccuracy: tasks > 0 ? agree / tasks : 0,
    meanMakespanRatio: counted > 0 ? ratioSum / counted : 1,
    worstMakespanRatio: counted > 0 ? worst : 1,
    examples: counted,
  };
}
