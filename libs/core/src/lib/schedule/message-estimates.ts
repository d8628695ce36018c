import type { SchedulingProblem } from '../problem/scheduling-problem.js';
import type { Schedule } from './schedule.js';

/**
 * Message arrival estimates for choosing enabling processors: a predecessor q's message to a task is taken to arrive
 * at finish(q) + c̄(data), c̄ = L̄ + data / B̄ the mean communication cost (L̄, B̄ means over the m(m−1) ordered pairs
 * of distinct processors, as for HEFT's ranks): one figure for every destination, as the homogeneous model of the
 * papers has, and the exact remote arrival time when every link is alike.
 *
 * finish + c̄ itself is rarely exact in binary (one slow link among three processors makes L̄ = 1/3), so two messages
 * that arrive together in exact arithmetic could differ in the last bit and break the tie rule. Estimates are
 * therefore compared multiplied by S = m(m−1)·ΣB (ΣL, ΣB the sums of latencies and bandwidths over those pairs):
 *   S·(finish + c̄) = finish·S + ΣL·ΣB + data·(m(m−1))²,
 * sums of products of the inputs, exact when these are integers and powers of two. All three coefficients are
 * divided by the power of two at or below S (exactly) to stay in range.
 *
 * Construction O(m²); scaledTime and scaledArrival O(1); enabling O(in-degree). FCP and FLB choose with it.
 */
export class MessageEstimates {
  private readonly timeFactor: number;
  private readonly fixed: number;
  private readonly perData: number;

  constructor(private readonly problem: SchedulingProblem) {
    const { processorCount: m, latency, inverseBandwidth } = problem;
    if (m < 2) {
      // One processor: no message ever travels, c̄ = 0.
      this.timeFactor = 1;
      this.fixed = 0;
      this.perData = 0;
      return;
    }
    let latencySum = 0;
    let bandwidthSum = 0;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        if (p === q) continue;
        latencySum += latency[p * m + q]!;
        bandwidthSum += 1 / inverseBandwidth[p * m + q]!;
      }
    }
    const pairs = m * (m - 1);
    const norm = 2 ** Math.floor(Math.log2(pairs * bandwidthSum));
    this.timeFactor = pairs * (bandwidthSum / norm);
    this.fixed = latencySum * (bandwidthSum / norm);
    this.perData = pairs * (pairs / norm);
  }

  /** A time on the scale of the estimates (S·time, normalised). */
  scaledTime(time: number): number {
    return time * this.timeFactor;
  }

  /** S·(finish + c̄(data)), normalised. */
  scaledArrival(finish: number, data: number): number {
    return finish * this.timeFactor + this.fixed + data * this.perData;
  }

  /**
   * The enabling processor of a task whose predecessors are all placed: the processor of the predecessor whose message
   * arrives last by these estimates, ties to the processor listed first; with the scaled last message arrival time
   * (LMT). An entry task has none (-1, LMT 0). O(in-degree).
   */
  enabling(schedule: Schedule, t: number): { processor: number; scaledLastArrival: number } {
    const { predOffsets, predTasks, predData } = this.problem;
    let processor = -1;
    let scaledLastArrival = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = schedule.processorOf[q]!;
      const arrival = this.scaledArrival(schedule.finish[q]!, predData[i]!);
      if (processor < 0 || arrival > scaledLastArrival || (arrival === scaledLastArrival && from < processor)) {
        processor = from;
        scaledLastArrival = arrival;
      }
    }
    return { processor, scaledLastArrival };
  }
}
