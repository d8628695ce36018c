import { makespanOf, Random, ScheduleAbortedError, type Schedule, type ScheduleContext, type ScheduleResult, type SchedulingProblem } from '@hetsched/core';
import { wbaConstruction, type WbaOptions } from './wba.js';

/** The longest the search runs without letting the event loop deliver an abort, in milliseconds. */
const YIELD_EVERY_MS = 10;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `wba` as a run: the same constructions from the same generator (so the same schedule as `wba` when it runs to the
 * end), a progress event after each, and a stop when `context.signal` fires: between two constructions, the best
 * schedule so far is returned, or ScheduleAbortedError thrown when none is finished. A construction itself is not
 * interrupted (O(n·W·m), well under a second at 10,000 tasks on 32 processors).
 */
export async function wbaSearch(problem: SchedulingProblem, options: WbaOptions, context: ScheduleContext): Promise<ScheduleResult> {
  const random = new Random(options.seed);
  let best: Schedule | undefined;
  let bestMakespan = Infinity;
  let done = 0;
  let lastYield = context.now();
  while (done < options.iterations && !context.signal.aborted) {
    const { schedule } = wbaConstruction(problem, options.alpha, random);
    done++;
    const makespan = makespanOf(schedule);
    if (makespan < bestMakespan) [best, bestMakespan] = [schedule, makespan];
    context.reportProgress({ fraction: done / options.iterations, data: { iteration: done, bestMakespan } });
    if (context.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEventLoop();
      lastYield = context.now();
    }
  }
  if (best === undefined) throw new ScheduleAbortedError();
  return { schedule: best, info: { iterations: done, stoppedEarly: done < options.iterations, makespan: bestMakespan } };
}
