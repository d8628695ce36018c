import type { Schedule, SchedulingProblem } from '@hetsched/core';

/**
 * Data-ready times of task t on every processor, into `out` (length m): the latest arrival of its inputs, each at
 * finish(q) + latency + data / bandwidth from the predecessor's processor, or at finish(q) on that same processor
 * (docs/formats.md); 0 for an entry task. Every predecessor must be placed in `schedule`. O(in-degree · m).
 */
export function dataReadyTimes(problem: SchedulingProblem, schedule: Schedule, t: number, out: Float64Array): void {
  const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = problem;
  const { processorOf, finish } = schedule;
  out.fill(0);
  for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
    const q = predTasks[i]!;
    const from = processorOf[q]!;
    const done = finish[q]!;
    const data = predData[i]!;
    const row = from * m;
    for (let p = 0; p < m; p++) {
      const arrival = p === from ? done : done + latency[row + p]! + data * inverseBandwidth[row + p]!;
      if (arrival > out[p]!) out[p] = arrival;
    }
  }
}
