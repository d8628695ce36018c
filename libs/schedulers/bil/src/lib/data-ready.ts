import type { Schedule, SchedulingProblem } from '@hetsched/core';

/**
 * Data-ready times of tasks whose predecessors are all placed in `schedule`: the latest arrival of a task's inputs
 * on a processor, each input at finish(q) + latency + data / bandwidth from the predecessor's processor, or at
 * finish(q) on the same processor (docs/formats.md).
 */
export class DataReady {
  constructor(
    private readonly problem: SchedulingProblem,
    private readonly schedule: Schedule,
  ) {}

  /** Data-ready time of task t on every processor, into out[offset .. offset + m). O(in-degree · m). */
  fillRow(t: number, out: Float64Array, offset: number): void {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, finish } = this.schedule;
    out.fill(0, offset, offset + m);
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      const done = finish[q]!;
      const data = predData[i]!;
      const row = from * m;
      for (let p = 0; p < m; p++) {
        const arrival = p === from ? done : done + latency[row + p]! + data * inverseBandwidth[row + p]!;
        if (arrival > out[offset + p]!) out[offset + p] = arrival;
      }
    }
  }
}
