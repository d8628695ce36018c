import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomProblem } from '../../../test/support/random-problem.js';
import { compileProblem } from '../problem/scheduling-problem.js';
import { MessageEstimates } from './message-estimates.js';
import { emptySchedule } from './schedule.js';

/** Generous: a loaded machine is slow; never a timing check. */
const PROPERTY_TIMEOUT_MS = 60_000;

/** Fractional bits of every input the property draws (halves at most) and of the figures built from them. */
const SCALE = 2 ** 20;
const big = (x: number) => {
  if (!Number.isInteger(x * SCALE)) throw new Error(`${x} is not a multiple of 2^-20`);
  return BigInt(x * SCALE);
};

/**
 * finish + c̄(data), c̄ = ΣL / P + data / (ΣB / P) over the P ordered pairs of distinct processors, in exact integers:
 * multiplied by P·ΣB (positive, the same for every message) and by SCALE³. Naive: sums read off the link matrices.
 */
function exactArrival(latencies: number[], bandwidths: number[], finish: number, data: number): bigint {
  const pairs = BigInt(latencies.length);
  const latencySum = latencies.reduce((sum, x) => sum + big(x), 0n);
  const bandwidthSum = bandwidths.reduce((sum, x) => sum + big(x), 0n);
  return big(finish) * pairs * bandwidthSum * BigInt(SCALE) + latencySum * bandwidthSum * BigInt(SCALE) + big(data) * pairs * pairs * BigInt(SCALE) ** 2n;
}

describe('MessageEstimates', () => {
  it('compares estimates exactly: one slow link among three processors makes L̄ = 1/3, inexact in binary', () => {
    // Links alike (latency 0, bandwidth 1) but p0-p2, latency 1: L̄ = 2 / 6 = 1/3, B̄ = 1, c̄(d) = 1/3 + d.
    // x's inputs: a (on p1, finish 0, data 2) at 0 + 1/3 + 2 = 7/3; b (on p0, finish 1, data 1) at 1 + 1/3 + 1 = 7/3.
    // A tie, so the lower processor, p0, enables x; in floating point 0 + 1/3 + 2 > 1 + 1/3 + 1 would have picked p1.
    expect(0 + 1 / 3 + 2).toBeGreaterThan(1 + 1 / 3 + 1);
    const problem = compileProblem(
      {
        tasks: [
          { id: 'a', work: 0 },
          { id: 'b', work: 1 },
          { id: 'x', work: 1 },
        ],
        edges: [
          { from: 'a', to: 'x', data: 2 },
          { from: 'b', to: 'x', data: 1 },
        ],
      },
      { processors: [{ id: 'p0' }, { id: 'p1' }, { id: 'p2' }], network: { latency: 0, bandwidth: 1, links: [{ between: ['p0', 'p2'], latency: 1 }] } },
    );
    const schedule = emptySchedule(3);
    schedule.processorOf.set([1, 0]);
    schedule.finish.set([0, 1]);
    const estimates = new MessageEstimates(problem);
    const { processor, scaledLastArrival } = estimates.enabling(schedule, 2);
    expect(processor).toBe(0);
    expect(scaledLastArrival).toBe(estimates.scaledArrival(0, 2));
    expect(estimates.scaledArrival(0, 2)).toBe(estimates.scaledArrival(1, 1));
    // an entry task has no enabling processor
    expect(estimates.enabling(schedule, 0)).toEqual({ processor: -1, scaledLastArrival: 0 });
  });

  it('on one processor no message travels: c̄ = 0', () => {
    const problem = compileProblem({ tasks: [{ id: 'a', work: 1 }], edges: [] }, { processors: [{ id: 'p' }] });
    const estimates = new MessageEstimates(problem);
    expect(estimates.scaledArrival(3, 100)).toBe(estimates.scaledTime(3));
  });

  it('orders messages and times as exact arithmetic does, and picks the latest message, ties to the lower processor (property)', () => {
    const scenario = randomProblem({ maxTasks: 8, maxProcessors: 4, numbers: 'exact' }).chain((documents) =>
      fc.record({
        documents: fc.constant(documents),
        placed: fc.array(fc.record({ processor: fc.nat(), halves: fc.integer({ min: 0, max: 60 }) }), {
          minLength: documents.workflow.tasks.length,
          maxLength: documents.workflow.tasks.length,
        }),
        time: fc.integer({ min: 0, max: 60 }).map((x) => x / 2),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ documents, placed, time }) => {
        const problem = compileProblem(documents.workflow, documents.cluster);
        const m = problem.processorCount;
        const schedule = emptySchedule(problem.taskCount);
        placed.forEach((x, t) => {
          schedule.processorOf[t] = x.processor % m;
          schedule.finish[t] = x.halves / 2;
        });
        // the link matrices, naively: every ordered pair of distinct processors
        const latencies: number[] = [];
        const bandwidths: number[] = [];
        for (let p = 0; p < m; p++) {
          for (let q = 0; q < m; q++) {
            if (p === q) continue;
            latencies.push(problem.latency[p * m + q]!);
            bandwidths.push(1 / problem.inverseBandwidth[p * m + q]!);
          }
        }
        const estimates = new MessageEstimates(problem);
        const exact = (finish: number, data: number) => (m < 2 ? big(finish) : exactArrival(latencies, bandwidths, finish, data));
        const messages: { at: bigint; scaled: number; from: number }[] = [];
        for (let t = 0; t < problem.taskCount; t++) {
          const inputs = [];
          for (let i = problem.predOffsets[t]!; i < problem.predOffsets[t + 1]!; i++) {
            const q = problem.predTasks[i]!;
            const message = { at: exact(schedule.finish[q]!, problem.predData[i]!), scaled: estimates.scaledArrival(schedule.finish[q]!, problem.predData[i]!), from: schedule.processorOf[q]! };
            inputs.push(message);
            messages.push(message);
          }
          const last = inputs.reduce<(typeof inputs)[number] | undefined>((best, x) => (!best || x.at > best.at || (x.at === best.at && x.from < best.from) ? x : best), undefined);
          expect(estimates.enabling(schedule, t).processor).toBe(last ? last.from : -1);
        }
        const scaledTime = estimates.scaledTime(time);
        const exactTime = m < 2 ? big(time) : exactArrival(latencies, bandwidths, time, 0) - exactArrival(latencies, bandwidths, 0, 0);
        for (const x of messages) {
          expect(Math.sign(x.scaled - scaledTime)).toBe(Math.sign(Number(x.at - exactTime)));
          for (const y of messages) expect(Math.sign(x.scaled - y.scaled)).toBe(Math.sign(Number(x.at - y.at)));
        }
      }),
      { numRuns: 200 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
