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

  /** Data-ready time of task t on processor p. O(in-degree). */
  on(t: number, p: number): number {
    const { processorCount: m, predOffsets, predTasks, predData, latency, inverseBandwidth } = this.problem;
    const { processorOf, finish } = this.schedule;
    let ready = 0;
    for (let i = predOffsets[t]!; i < predOffsets[t + 1]!; i++) {
      const q = predTasks[i]!;
      const from = processorOf[q]!;
      const arrival = from === p ? finish[q]! : finish[q]! + latency[from * m + p]! + predData[i]! * inverseBandwidth[from * m + p]!;
      if (arrival > ready) ready = arrival;
    }
    return ready;
  }
}
