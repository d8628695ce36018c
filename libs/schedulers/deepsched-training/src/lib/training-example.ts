import type { Schedule, SchedulingProblem } from '@hetsched/core';

/**
 * One labelled example: a problem and HEFT's schedule of it. The same shape as `TrainingExample` of
 * `@hetsched/scheduler-deepsched` (structural types: either can be passed where the other is asked for).
 */
export interface LabelledExample {
  problem: SchedulingProblem;
  target: Schedule;
  /** Where it came from, e.g. "generated:17 v=50 ..." or "trace:CyberShake_100.xml ..."; enough to regenerate it. */
  source?: string;
}
